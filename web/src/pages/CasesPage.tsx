import { useContext, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { FilterValue, SorterResult } from 'antd/es/table/interface';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';

type EventRow = AnswerOf<'/api/events'>['items'][number];

const LEVELS = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'] as const;
type Filter = 'status' | 'category' | 'level' | 'urgency';
/** Table column → the API's filter name (the category column shows the name, filters by code). */
const FILTER_OF_COLUMN: Record<string, Filter> = {
  status: 'status',
  categoryCode: 'category',
  level: 'level',
  urgency: 'urgency',
};

/**
 * 案件: the events of the caller's area (GET /api/events), filtered by status, category, level and
 * urgency, sorted and paged by the server; newest first; a row opens the case view.
 */
export function CasesPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [query, setQuery] = useState<Record<string, string | number>>({
    page: 1,
    pageSize: 20,
    sort: 'createdAt',
    order: 'desc',
  });
  const [data, setData] = useState<{ total: number; items: EventRow[] }>({ total: 0, items: [] });
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api<AnswerOf<'/api/event-categories'>>('/api/event-categories').then((r) => setCategories(r.items));
  }, []);

  useEffect(() => {
    setLoading(true);
    setError(undefined);
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    api<AnswerOf<'/api/events'>>(`/api/events?${params}`)
      .then(setData, (err) => setError(errorText(err, locale)))
      .finally(() => setLoading(false));
  }, [query, locale]);

  const tryT = useTryT();
  const levelLabel = (level: string) => tryT(`level.${level}`, level);

  const onChange = (
    p: TablePaginationConfig,
    filters: Record<string, FilterValue | null>,
    s: SorterResult<EventRow> | SorterResult<EventRow>[],
  ) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    const next: Record<string, string | number> = {
      page: p.current ?? 1,
      pageSize: p.pageSize ?? 20,
      sort: sorter?.order ? String(sorter.field) : 'createdAt',
      order: sorter?.order === 'ascend' ? 'asc' : 'desc',
    };
    for (const [column, value] of Object.entries(filters)) {
      const name = FILTER_OF_COLUMN[column];
      if (name && value?.length) next[name] = String(value[0]);
    }
    setQuery(next);
  };

  const sortOrder = (field: string) =>
    query.sort === field ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const filtered = (name: Filter) => (query[name] ? [String(query[name])] : null);

  // The export takes the list's filters and sort, not its page: every matching case, streamed.
  const exportHref = `/api/exports/cases.xlsx?${new URLSearchParams(
    Object.entries(query)
      .filter(([k]) => k !== 'page' && k !== 'pageSize')
      .map(([k, v]) => [k, String(v)]),
  )}`;
  return (
    <Table<EventRow>
      rowKey="id"
      size="middle"
      title={() => (
        <Button size="small" href={exportHref} data-testid="export-cases">
          {t('exportXlsx')}
        </Button>
      )}
      loading={loading}
      dataSource={error ? [] : data.items}
      // A failed read is not "no cases": it says what went wrong.
      locale={
        error ? { emptyText: <Alert type="error" title={error} data-testid="cases-error" /> } : undefined
      }
      scroll={{ x: 640 }}
      pagination={{
        current: Number(query.page),
        pageSize: Number(query.pageSize),
        total: data.total,
        showSizeChanger: true,
      }}
      onChange={onChange}
      columns={[
        {
          title: t('caseNo'),
          dataIndex: 'caseNo',
          sorter: true,
          sortOrder: sortOrder('caseNo'),
          render: (caseNo: string, r) => <Link to={`/cases/${r.id}`}>{caseNo}</Link>,
        },
        {
          title: t('category'),
          dataIndex: 'categoryCode',
          responsive: ['md'],
          filterMultiple: false,
          filteredValue: filtered('category'),
          filters: categories.map((c) => ({ text: c.name, value: c.code })),
          render: (_: string, r) => r.category.name,
        },
        {
          title: t('urgency'),
          dataIndex: 'urgency',
          sorter: true,
          sortOrder: sortOrder('urgency'),
          filterMultiple: false,
          filteredValue: filtered('urgency'),
          filters: [
            { text: t('urgent'), value: 'URGENT' },
            { text: t('normal'), value: 'NORMAL' },
          ],
          render: (u: string) => (u === 'URGENT' ? <Tag color="red">{t('urgent')}</Tag> : t('normal')),
        },
        { title: t('address'), dataIndex: 'address', responsive: ['lg'] },
        {
          title: t('level'),
          dataIndex: 'level',
          sorter: true,
          sortOrder: sortOrder('level'),
          filterMultiple: false,
          filteredValue: filtered('level'),
          filters: LEVELS.map((l) => ({ text: levelLabel(l), value: l })),
          render: levelLabel,
        },
        {
          title: t('status'),
          dataIndex: 'status',
          filterMultiple: false,
          filteredValue: filtered('status'),
          filters: [
            { text: t('status.OPEN'), value: 'OPEN' },
            { text: t('status.ARCHIVED'), value: 'ARCHIVED' },
          ],
          render: (s: string) => t(s === 'ARCHIVED' ? 'status.ARCHIVED' : 'status.OPEN'),
        },
        {
          title: t('created'),
          dataIndex: 'createdAt',
          responsive: ['md'],
          sorter: true,
          sortOrder: sortOrder('createdAt'),
          // Newest first is the default, so a click shows oldest first and the next one returns.
          sortDirections: ['descend', 'ascend'],
          render: (d: string) => new Date(d).toLocaleString(locale),
        },
      ]}
    />
  );
}
