import { useContext } from 'react';
import { Alert, Button, Empty, Table, Tag } from 'antd';
import { api, type AnswerOf } from '../api';
import { useLoad } from '../use-load';
import { I18nContext, useT } from '../i18n';

type Shared = AnswerOf<'/api/inbox/shared'>['items'][number];

/**
 * 抄送我的 and 待我会签: the tasks others shared with the caller, unread or unsigned first. A row
 * opens the task (read-only for a copy; with 会签 for a co-signer).
 */
export function SharedList({
  kind,
  page,
  pageSize,
  onPage,
  onOpen,
}: {
  kind: 'COPY' | 'COSIGN';
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (taskKey: string) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const list = useLoad(
    () =>
      api<AnswerOf<'/api/inbox/shared'>>(
        `/api/inbox/shared?${new URLSearchParams({ kind, page: String(page), pageSize: String(pageSize) })}`,
      ),
    [kind, page, pageSize],
  );
  const loading = list.loading;

  const state = (r: Shared) =>
    kind === 'COSIGN' ? (
      <Tag color={r.doneAt ? 'green' : 'orange'}>{t(r.doneAt ? 'cosigned' : 'cosignWaiting')}</Tag>
    ) : (
      <Tag color={r.doneAt ? undefined : 'orange'}>{t(r.doneAt ? 'shareRead' : 'shareUnread')}</Tag>
    );

  return (
    <Table<Shared>
      rowKey="id"
      size="middle"
      data-testid="shared-list"
      loading={loading}
      dataSource={list.data?.items ?? []}
      locale={{
        emptyText: loading ? (
          ' '
        ) : list.error ? (
          <Alert
            type="error"
            title={list.error}
            action={<Button onClick={list.reload}>{t('retry')}</Button>}
          />
        ) : (
          <Empty description={t('noShared')} />
        ),
      }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        onChange: onPage,
      }}
      columns={[
        {
          title: t('task'),
          key: 'task',
          render: (_: unknown, r) => (
            <a onClick={() => onOpen(r.taskKey)}>{`${r.caseNo ?? ''} ${r.taskName}`}</a>
          ),
        },
        { title: t('sharedFrom'), dataIndex: 'fromName' },
        { title: t('shareNote'), dataIndex: 'note', responsive: ['md'] },
        {
          title: t('sharedAt'),
          dataIndex: 'createdAt',
          responsive: ['md'],
          render: (at: string) => new Date(at).toLocaleString(locale),
        },
        { title: t('shareState'), key: 'state', render: (_: unknown, r) => state(r) },
        {
          title: t('status'),
          dataIndex: 'taskState',
          responsive: ['lg'],
          render: (s: Shared['taskState']) => t(s === 'OPEN' ? 'taskOpen' : 'taskEnded'),
        },
      ]}
    />
  );
}
