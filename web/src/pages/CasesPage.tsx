import { useContext, useEffect, useState } from 'react';
import { message, Table, Tag } from 'antd';
import { api, ApiFailure } from '../api';
import { I18nContext, isMessageKey, useT } from '../i18n';

interface EventRow {
  id: string;
  caseNo: string;
  categoryCode: string;
  urgency: 'URGENT' | 'NORMAL';
  address: string;
  level: string;
  status: string;
  createdAt: string;
}

/** 案件: the events of the caller's area (GET /api/events), newest first; a row opens the case view. */
export function CasesPage({ onOpenCase }: { onOpenCase: (eventId: string) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [data, setData] = useState<{ total: number; items: EventRow[] }>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    api<{ total: number; items: EventRow[] }>(`/api/events?page=${page.current}&pageSize=${page.pageSize}`)
      .then(setData, (err) => message.error(err instanceof ApiFailure ? err.describe(locale) : String(err)))
      .finally(() => setLoading(false));
  }, [page, locale]);

  const levelLabel = (level: string) => {
    const key = `level.${level}`;
    return isMessageKey(key) ? t(key) : level;
  };

  return (
    <Table<EventRow>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data.items}
      scroll={{ x: 640 }}
      pagination={{ ...page, total: data.total, showSizeChanger: true }}
      onChange={(p) => setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      columns={[
        {
          title: t('caseNo'),
          dataIndex: 'caseNo',
          render: (caseNo: string, r) => <a onClick={() => onOpenCase(r.id)}>{caseNo}</a>,
        },
        { title: t('category'), dataIndex: 'categoryCode', responsive: ['md'] },
        {
          title: t('urgency'),
          dataIndex: 'urgency',
          render: (u: string) => (u === 'URGENT' ? <Tag color="red">{t('urgent')}</Tag> : t('normal')),
        },
        { title: t('address'), dataIndex: 'address', responsive: ['lg'] },
        { title: t('level'), dataIndex: 'level', render: levelLabel },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (s: string) => t(s === 'ARCHIVED' ? 'status.ARCHIVED' : 'status.OPEN'),
        },
        {
          title: t('created'),
          dataIndex: 'createdAt',
          responsive: ['md'],
          render: (d: string) => new Date(d).toLocaleString(locale),
        },
      ]}
    />
  );
}
