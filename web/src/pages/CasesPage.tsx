import { useContext } from 'react';
import { Link } from 'react-router';
import { useUrlState } from '../use-url-state';
import { Button, DatePicker, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { FilterValue, SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { api, type AnswerOf } from '../api';
import { LoadError } from '../Loaded';
import { useLoad } from '../use-load';
import { I18nContext, useT, useTryT } from '../i18n';
import { DeadlineStateTag } from './DueTag';

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
/** The list as it opens; the URL holds only what differs, so a link to the list stays short. */
const DEFAULTS: Record<string, string> = { page: '1', pageSize: '20', sort: 'createdAt', order: 'desc' };
/** What the URL may set: the filters, the report days (from, to: YYYY-MM-DD), the page and the sort. */
const KEYS = [...Object.values(FILTER_OF_COLUMN), 'from', 'to', ...Object.keys(DEFAULTS)];

/**
 * A report day of the URL as the API's instant: the start of that day in the browser's time zone
 * (the staff's own), or of the next day for the range's end, which the API takes as exclusive. A
 * URL's day that is no date goes as it is, so the API's 400 says which.
 */
const dayStart = (day: string, after = 0) => {
  const d = dayjs(day);
  return d.isValid() ? d.add(after, 'day').startOf('day').toISOString() : day;
};

/** The API's query of the list's state: the days as instants, paging left out when `paged` is false. */
function apiQuery(state: Record<string, string>, paged: boolean) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (!paged && (k === 'page' || k === 'pageSize')) continue;
    q.set(k, k === 'from' ? dayStart(v) : k === 'to' ? dayStart(v, 1) : v);
  }
  return q;
}

/**
 * 案件: the events of the caller's area (GET /api/events), filtered by status, category, level,
 * urgency and the days they were reported, sorted and paged by the server; newest first; each with
 * its current steps, the units holding them and their deadline state; a row opens the case view.
 * The filters, page and sort are the URL's, so a reload or a shared link shows the same list.
 */
export function CasesPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const { state: query, show } = useUrlState(DEFAULTS, KEYS);
  const queryKey = apiQuery(query, true).toString();
  // The list and the category filter's names load apart; each failure says so with 重试.
  const list = useLoad(() => api<AnswerOf<'/api/events'>>(`/api/events?${queryKey}`), [queryKey]);
  const data: { total: number; items: EventRow[] } = list.data ?? { total: 0, items: [] };
  const { loading, error } = list;
  const categoryLoad = useLoad(() => api<AnswerOf<'/api/event-categories'>>('/api/event-categories'), []);
  const categories = categoryLoad.data?.items ?? [];

  const tryT = useTryT();
  const levelLabel = (level: string) => tryT(`level.${level}`, level);

  const onChange = (
    p: TablePaginationConfig,
    filters: Record<string, FilterValue | null>,
    s: SorterResult<EventRow> | SorterResult<EventRow>[],
  ) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    const next: Record<string, string | undefined> = {
      from: query.from,
      to: query.to,
      page: String(p.current ?? 1),
      pageSize: String(p.pageSize ?? 20),
      sort: sorter?.order ? String(sorter.field) : 'createdAt',
      order: sorter?.order === 'ascend' ? 'asc' : 'desc',
    };
    for (const [column, value] of Object.entries(filters)) {
      const name = FILTER_OF_COLUMN[column];
      if (name && value?.length) next[name] = String(value[0]);
    }
    show(next);
  };

  const sortOrder = (field: string) =>
    query.sort === field ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const filtered = (name: Filter) => (query[name] ? [String(query[name])] : null);

  // The export takes the list's filters and sort, not its page: every matching case, streamed.
  const exportHref = `/api/exports/cases.xlsx?${apiQuery(query, false)}`;
  const day = (v: string | undefined) => (v && dayjs(v).isValid() ? dayjs(v) : null);
  return (
    <Table<EventRow>
      rowKey="id"
      size="middle"
      title={() => (
        <Space wrap>
          <DatePicker.RangePicker
            size="small"
            value={[day(query.from), day(query.to)]}
            allowEmpty={[true, true]}
            // A new range starts at its first page.
            onChange={(range) =>
              show({
                ...query,
                page: undefined,
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
          <Button size="small" href={exportHref} data-testid="export-cases">
            {t('exportXlsx')}
          </Button>
          {/* Without the categories the 类别 filter has no choices: said, with 重试. */}
          {categoryLoad.error && (
            <LoadError error={categoryLoad.error} onRetry={categoryLoad.reload} testId="categories-error" />
          )}
        </Space>
      )}
      loading={loading}
      dataSource={error ? [] : data.items}
      // A failed read is not "no cases": it says what went wrong.
      locale={
        error
          ? { emptyText: <LoadError error={error} onRetry={list.reload} testId="cases-error" /> }
          : undefined
      }
      scroll={{ x: 960 }}
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
          title: t('currentSteps'),
          key: 'currentSteps',
          render: (_: unknown, r) => r.currentSteps.map((step, i) => <div key={i}>{step.name}</div>),
        },
        {
          title: t('unit'),
          key: 'unit',
          responsive: ['md'],
          render: (_: unknown, r) => r.currentSteps.map((step, i) => <div key={i}>{step.unitName}</div>),
        },
        {
          title: t('deadlineState'),
          key: 'deadlineState',
          render: (_: unknown, r) =>
            r.currentSteps.map((step, i) => (
              <div key={i}>{step.deadlineState && <DeadlineStateTag state={step.deadlineState} />}</div>
            )),
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
