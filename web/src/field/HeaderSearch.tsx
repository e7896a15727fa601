import { useContext, useState } from 'react';
import { Alert, Button, Drawer, Input, Pagination } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { CaseList, type CaseRow } from './MyReportsPage';

const PAGE_SIZE = 20;

/**
 * The header's search: a case number, address, reporter or words of the text, within the cases
 * the caller may read (the API scopes it like the case list), in a drawer with paging.
 */
export function HeaderSearch({
  onOpenCase,
  compact,
}: {
  onOpenCase: (id: string) => void;
  compact?: boolean;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<{ total: number; items: CaseRow[] } | undefined>();
  const [error, setError] = useState<string>();
  // On a phone the header has no room for a field: an icon opens the drawer with the field in it.
  const [open, setOpen] = useState(false);
  const search = (text: string, p = 1) => {
    if (!text.trim()) return;
    setQ(text);
    setPage(p);
    setError(undefined);
    api<AnswerOf<'/api/events'>>(
      `/api/events?q=${encodeURIComponent(text.trim())}&page=${p}&pageSize=${PAGE_SIZE}`,
    ).then(setResult, (err) => setError(errorText(err, locale)));
  };
  const field = (
    <Input.Search
      placeholder={t('searchPlaceholder')}
      aria-label={t('searchCases')}
      data-testid="header-search"
      allowClear
      onSearch={(v) => search(v)}
      style={{ maxWidth: compact ? undefined : 260 }}
      size={compact ? 'middle' : 'small'}
    />
  );
  return (
    <>
      {compact ? (
        <Button size="small" onClick={() => setOpen(true)}>
          {t('searchShort')}
        </Button>
      ) : (
        field
      )}
      <Drawer
        open={open || result !== undefined || error !== undefined}
        title={result ? t('searchResults', { total: result.total }) : t('searchCases')}
        onClose={() => {
          setOpen(false);
          setResult(undefined);
          setError(undefined);
        }}
        size="large"
      >
        {compact && field}
        {error && <Alert type="error" title={error} />}
        {result && (
          <>
            <CaseList
              rows={result.items}
              empty={t('noSearchResults')}
              onOpenCase={(id) => {
                setOpen(false);
                setResult(undefined);
                onOpenCase(id);
              }}
            />
            {result.total > PAGE_SIZE && (
              <Pagination
                current={page}
                pageSize={PAGE_SIZE}
                total={result.total}
                onChange={(p) => search(q, p)}
                showSizeChanger={false}
              />
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
