import { useContext, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';
import { useMe } from '../me';
import { deleteDraft, sendDrafts, useDrafts, type Draft } from './drafts';

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

/** Reports kept on this phone until there is a connection, with a way to send or drop each. */
function Drafts({ drafts }: { drafts: Draft[] }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const me = useMe();
  if (!drafts.length) return null;
  return (
    <Card
      size="small"
      title={t('drafts', { n: drafts.length })}
      data-testid="drafts"
      style={{ marginBottom: 16 }}
    >
      <List
        dataSource={drafts}
        renderItem={(d) => (
          <List.Item
            data-testid="draft-row"
            actions={[
              <Button key="delete" size="small" danger onClick={() => void deleteDraft(d.id)}>
                {t('deleteDraft')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color="orange">{t('draft')}</Tag>
                  {d.body.address}
                </Space>
              }
              description={`${d.body.description} · ${t('draftPhotos', { n: d.uploaded.length + d.files.length })} · ${new Date(d.savedAt).toLocaleString(locale)}`}
            />
          </List.Item>
        )}
      />
      <Button type="primary" size="small" onClick={() => void sendDrafts(me.id, () => undefined)}>
        {t('sendNow')}
      </Button>
    </Card>
  );
}

/** 我上报的: the caller's own reports, newest first, with where each stands now, and drafts not yet sent. */
export function MyReportsPage({ onOpenCase }: { onOpenCase: (id: string) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const drafts = useDrafts(useMe().id);
  const [rows, setRows] = useState<CaseRow[] | undefined>();
  const [error, setError] = useState<string>();
  // A draft that went out is a case now: the list is read again when the drafts change.
  useEffect(() => {
    api<AnswerOf<'/api/events'>>('/api/events?mine=true&pageSize=100').then(
      (r) => (setRows(r.items), setError(undefined)),
      (err) => setError(errorText(err, locale)),
    );
  }, [locale, drafts.length]);
  return (
    <div data-testid="my-reports">
      <Typography.Title level={4}>{t('myReports')}</Typography.Title>
      <Drafts drafts={drafts} />
      {error && <Alert type="error" title={error} />}
      {rows === undefined ? null : <CaseList rows={rows} onOpenCase={onOpenCase} empty={t('noReports')} />}
    </div>
  );
}
