import { useContext, useEffect, useState } from 'react';
import { Alert, Empty, List, Tag, Typography } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';

export type CaseRow = AnswerOf<'/api/events'>['items'][number];

/** A list of cases as cards that fit a phone: number, state, where it stands; a tap opens the case. */
export function CaseList({
  rows,
  onOpenCase,
  empty,
}: {
  rows: CaseRow[];
  onOpenCase: (id: string) => void;
  empty: string;
}) {
  const t = useT();
  const tryT = useTryT();
  const { locale } = useContext(I18nContext);
  if (!rows.length) return <Empty description={empty} />;
  return (
    <List
      dataSource={rows}
      renderItem={(e) => (
        <List.Item data-testid="case-row" style={{ cursor: 'pointer' }} onClick={() => onOpenCase(e.id)}>
          <List.Item.Meta
            title={
              <a
                href={`/cases/${e.id}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  onOpenCase(e.id);
                }}
              >
                {e.caseNo}
              </a>
            }
            description={
              <>
                <div>
                  <Tag color={e.status === 'OPEN' ? 'processing' : 'default'}>
                    {tryT(`status.${e.status}`)}
                  </Tag>
                  {e.category.name} · {e.address}
                </div>
                <Typography.Text type="secondary">
                  {e.currentSteps.length
                    ? e.currentSteps.map((s) => `${s.name}${s.unitName ? ` · ${s.unitName}` : ''}`).join('；')
                    : t('noOpenSteps')}
                  {' · '}
                  {new Date(e.createdAt).toLocaleString(locale)}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** 我上报的: the caller's own reports, newest first, with where each stands now. */
export function MyReportsPage({ onOpenCase }: { onOpenCase: (id: string) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [rows, setRows] = useState<CaseRow[] | undefined>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<AnswerOf<'/api/events'>>('/api/events?mine=true&pageSize=100').then(
      (r) => setRows(r.items),
      (err) => setError(errorText(err, locale)),
    );
  }, [locale]);
  if (error) return <Alert type="error" title={error} />;
  return (
    <div data-testid="my-reports">
      <Typography.Title level={4}>{t('myReports')}</Typography.Title>
      {rows === undefined ? null : <CaseList rows={rows} onOpenCase={onOpenCase} empty={t('noReports')} />}
    </div>
  );
}
