import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useUrlState } from '../use-url-state';
import {
  Alert,
  Button,
  Card,
  Empty,
  Grid,
  List,
  message,
  Pagination,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { api, errorText, type AnswerOf } from '../api';
import { choiceWords } from '../../../loops/event-handling/choices';
import { I18nContext, useT } from '../i18n';
import { isLeader, useMe } from '../me';
import { useUnitTree } from '../units';
import { TaskView } from './TaskView';
import { SharedList } from './SharedList';
import { DueTag } from './DueTag';

type CardKind = 'REMIND' | 'NORMAL' | 'YELLOW' | 'RED';

type Task = AnswerOf<'/api/inbox'>['items'][number];

type Category = AnswerOf<'/api/event-categories'>['items'][number];

type Step = AnswerOf<'/api/inbox/steps'>['items'][number];

/** 待办's quick views; 抄送我的 and 待我会签 list what others shared (GET /api/inbox/shared). */
type Scope = 'all' | 'mine' | 'unit' | 'delegated' | 'area' | 'copied' | 'cosign';
const SCOPES: Scope[] = ['all', 'mine', 'unit', 'delegated', 'area', 'copied', 'cosign'];
const SHARED: Partial<Record<Scope, 'COPY' | 'COSIGN'>> = { copied: 'COPY', cosign: 'COSIGN' };

/** What the list shows: filters, sort, page and quick view. Kept in the URL's query string. */
interface InboxQuery {
  page: number;
  pageSize: number;
  sort: string;
  order: 'asc' | 'desc';
  scope: Scope;
  overdue: string;
  process: string;
  category: string;
  unit: string;
  step: string;
}
const FILTERS = ['overdue', 'process', 'category', 'unit', 'step'] as const;

/** 待办 soonest due first; 已办 newest first. */
const NO_FILTER = { overdue: '', process: '', category: '', unit: '', step: '' };
const DEFAULTS = {
  todo: { page: '1', pageSize: '20', sort: 'dueDate', order: 'asc', scope: 'all', ...NO_FILTER },
  done: { page: '1', pageSize: '20', sort: 'completedAt', order: 'desc', scope: 'all', ...NO_FILTER },
} as const;
const KEYS = Object.keys(DEFAULTS.todo);

const positive = (value: string, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The list's query from the URL (`/todo?step=verify&page=2`), so a reload, Back from a task or a
 * case, and a shared link show the same list; what is not in the URL is the default. A value the
 * API refuses (a hand-edited sort) is shown as its error, like any other.
 */
function useInboxQuery(view: 'todo' | 'done') {
  const { state, show, qs } = useUrlState(DEFAULTS[view], KEYS);
  const query = useMemo<InboxQuery>(() => {
    const scope = state.scope as Scope;
    return {
      ...(state as Record<(typeof FILTERS)[number], string>),
      page: positive(state.page, 1),
      pageSize: positive(state.pageSize, 20),
      sort: state.sort,
      order: state.order === 'asc' ? 'asc' : 'desc',
      scope: SCOPES.includes(scope) ? scope : 'all',
    };
  }, [state]);
  /** The list with `change` applied, as a new URL. */
  const setQuery = useCallback((change: Partial<InboxQuery>) => show({ ...query, ...change }), [query, show]);
  return { query, setQuery, qs };
}

/**
 * Read once per page load and shared by 待办 and 已办: switching between them must not ask again
 * for what does not change while one works (a failed read is asked again next time).
 */
function once<T>(read: () => Promise<T>) {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= read().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}
const processNamesOnce = once(() =>
  api<AnswerOf<'/api/process-names'>>('/api/process-names').then(
    ({ items }) => new Map(items.map((p) => [p.bpmnProcessId, p.name])),
  ),
);
const categoriesOnce = once(() =>
  api<AnswerOf<'/api/event-categories'>>('/api/event-categories').then((r) => r.items),
);

/** The deployed processes by their diagrams' names (GET /api/process-names), id → name. */
function useProcessNames() {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    processNamesOnce().then(setNames, () => undefined);
  }, []);
  return names;
}

const CARD_COLOR: Record<CardKind, string> = { REMIND: 'blue', NORMAL: 'purple', YELLOW: 'gold', RED: 'red' };

/** What sets a row apart at a glance: urgent, and the 催办/督办/cards the case has had. */
function Badges({ task }: { task: Task }) {
  const t = useT();
  return (
    <>
      {task.caseCard?.urgent && <Tag color="red">{t('urgent')}</Tag>}
      {(Object.entries(task.cards) as [CardKind, number][]).map(([kind, n]) => (
        <Tag key={kind} color={CARD_COLOR[kind]} data-testid="card-badge">
          {t(kind)}
          {n > 1 ? ` ×${n}` : ''}
        </Tag>
      ))}
    </>
  );
}

/** 已办's outcome: what the person decided (处置's outcome, 核查 passed or not). */
function useOutcomeText() {
  const { locale } = useContext(I18nContext);
  return (task: Task) =>
    task.outcome
      ? choiceWords(task.outcome)
          .map((words) => words[locale])
          .join(' · ')
      : '';
}

/**
 * 待办 (the work one may act on, with quick views) and 已办 (newest first). A row opens its task
 * at /tasks/:key, in a drawer over the list; on a phone rows are cards.
 */
export function InboxPage({ view }: { view: 'todo' | 'done' }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const me = useMe();
  const navigate = useNavigate();
  const openKey = useParams().key;
  const narrow = !Grid.useBreakpoint().md;
  const [rows, setRows] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [categories, setCategories] = useState<Category[]>([]);
  const [steps, setSteps] = useState<Step[]>([]);
  const units = useUnitTree();
  const processNames = useProcessNames();
  const outcomeText = useOutcomeText();
  const { query, setQuery, qs } = useInboxQuery(view);

  useEffect(() => {
    categoriesOnce().then(setCategories, () => undefined);
    if (view === 'todo')
      api<AnswerOf<'/api/inbox/steps'>>('/api/inbox/steps').then(
        (r) => setSteps(r.items),
        () => undefined,
      );
  }, [view]);

  const shared = view === 'todo' ? SHARED[query.scope] : undefined;
  const load = useCallback(async () => {
    if (shared) return;
    setLoading(true);
    setError(undefined);
    const params = new URLSearchParams({
      view,
      page: String(query.page),
      pageSize: String(query.pageSize),
      sort: query.sort,
      order: query.order,
    });
    for (const name of FILTERS) {
      if (query[name]) params.set(name, query[name]);
    }
    if (view === 'todo') params.set('scope', query.scope);
    try {
      const res = await api<AnswerOf<'/api/inbox'>>(`/api/inbox?${params}`);
      setRows(res.items);
      setTotal(res.total);
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setLoading(false);
    }
  }, [view, query, locale, shared]);

  useEffect(() => {
    void load();
  }, [load]);

  const claim = async (key: string, action: 'claim' | 'unclaim') => {
    try {
      await api(`/api/tasks/${key}/${action}`, { method: 'POST' });
      await load();
    } catch (err) {
      message.error(errorText(err, locale));
    }
  };

  const filter = (change: Partial<InboxQuery>) => setQuery({ ...change, page: 1 });

  const onChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<Task> | SorterResult<Task>[]) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    const d = DEFAULTS[view];
    setQuery({
      page: p.current ?? 1,
      pageSize: p.pageSize ?? 20,
      sort: sorter?.order ? String(sorter.field) : d.sort,
      order: sorter?.order ? (sorter.order === 'descend' ? 'desc' : 'asc') : d.order,
    });
  };

  // The task opens over the list as it is: its URL keeps the list's query, and so does closing it.
  const open = (task: Task) => navigate({ pathname: `/tasks/${task.key}`, search: qs });
  const title = (r: Task) => `${r.caseNo ?? ''} ${r.name}`;
  const what = (r: Task) => r.caseCard?.title ?? '';
  const claimButton = (r: Task) =>
    view !== 'todo' || query.scope === 'area' ? null : r.delegatedById ? (
      <Tag color="purple">{t('delegatedTag')}</Tag>
    ) : r.assignee === me.id ? (
      <Button size="small" onClick={() => claim(r.key, 'unclaim')}>
        {t('unclaim')}
      </Button>
    ) : r.assignee ? (
      <Tag>
        {t('claimedBy')}: {r.assigneeName}
      </Tag>
    ) : (
      <Button size="small" onClick={() => claim(r.key, 'claim')}>
        {t('claim')}
      </Button>
    );
  const when = (r: Task) =>
    view === 'todo' ? (
      <DueTag task={r} />
    ) : (
      <span>
        {t('finishedAt')} {r.completedAt && new Date(r.completedAt).toLocaleString(locale)}
      </span>
    );

  const scopes: { value: Scope; label: string }[] = [
    { value: 'all', label: t('scope.all') },
    { value: 'mine', label: t('scope.mine') },
    { value: 'unit', label: t('scope.unit') },
    { value: 'delegated', label: t('scope.delegated') },
    ...(isLeader(me) ? [{ value: 'area' as const, label: t('scope.area') }] : []),
    { value: 'copied', label: t('scope.copied') },
    { value: 'cosign', label: t('scope.cosign') },
  ];

  const empty = error ? (
    <Alert
      type="error"
      title={error}
      data-testid="inbox-error"
      action={<Button onClick={load}>{t('retry')}</Button>}
    />
  ) : (
    <Empty description={t(view === 'todo' ? 'noTodo' : 'noDone')} />
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {openKey && (
        <TaskView
          taskKey={openKey}
          onClose={(changed) => {
            navigate({ pathname: '/todo', search: qs });
            if (changed) void load();
          }}
        />
      )}
      {view === 'todo' && (
        <Segmented
          data-testid="scope"
          value={query.scope}
          onChange={(scope) => filter({ scope: scope as Scope })}
          options={scopes}
        />
      )}
      {query.scope === 'area' && <Alert type="info" title={t('areaReadOnly')} />}
      {shared && (
        <SharedList
          kind={shared}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page, pageSize) => setQuery({ page, pageSize })}
          onOpen={(key) => navigate({ pathname: `/tasks/${key}`, search: qs })}
        />
      )}
      {!shared && (
        <>
          <Space wrap>
            {view === 'todo' && (
              <Select
                aria-label={t('step')}
                style={{ width: 180 }}
                value={query.step}
                onChange={(step) => filter({ step })}
                options={[
                  { value: '', label: `${t('step')}: ${t('all')}` },
                  ...[...new Map(steps.map((s) => [s.elementId, s])).values()].map((s) => ({
                    value: s.elementId,
                    label: `${s.name} (${steps.filter((x) => x.elementId === s.elementId).reduce((n, x) => n + x.count, 0)})`,
                  })),
                ]}
              />
            )}
            <Select
              aria-label={t('process')}
              style={{ width: 160 }}
              value={query.process}
              onChange={(process) => filter({ process })}
              options={[
                { value: '', label: `${t('process')}: ${t('all')}` },
                ...[...processNames].map(([value, label]) => ({ value, label })),
              ]}
            />
            <Select
              aria-label={t('category')}
              style={{ width: 180 }}
              value={query.category}
              onChange={(category) => filter({ category })}
              options={[
                { value: '', label: `${t('category')}: ${t('all')}` },
                ...categories.map((c) => ({ value: c.code, label: c.name })),
              ]}
            />
            <TreeSelect
              aria-label={t('unit')}
              style={{ width: 200 }}
              allowClear
              treeDefaultExpandAll={false}
              placeholder={`${t('unit')}: ${t('all')}`}
              value={query.unit || undefined}
              onChange={(unit?: string) => filter({ unit: unit ?? '' })}
              treeData={units}
            />
            {view === 'todo' && (
              <Select
                aria-label={t('deadlineState')}
                style={{ width: 160 }}
                value={query.overdue}
                onChange={(overdue) => filter({ overdue })}
                options={[
                  { value: '', label: `${t('deadlineState')}: ${t('all')}` },
                  { value: 'onTime', label: t('onTime') },
                  { value: 'yellow', label: t('yellow') },
                  { value: 'red', label: t('red') },
                ]}
              />
            )}
            <Typography.Text type="secondary" data-testid="inbox-total">
              {loading ? t('loading') : error ? '' : t('totalCount', { n: total })}
            </Typography.Text>
          </Space>
          {narrow ? (
            <Spin spinning={loading}>
              {rows.length || loading ? (
                <List
                  dataSource={rows}
                  renderItem={(r) => (
                    <Card
                      size="small"
                      style={{ marginBottom: 8 }}
                      data-testid="task-card"
                      title={
                        <a onClick={() => open(r)} style={{ whiteSpace: 'normal' }}>
                          {title(r)}
                        </a>
                      }
                      extra={claimButton(r)}
                    >
                      <Space orientation="vertical" size={4}>
                        <span>
                          <Badges task={r} />
                          {what(r)}
                        </span>
                        {when(r)}
                        {view === 'done' && outcomeText(r)}
                      </Space>
                    </Card>
                  )}
                />
              ) : (
                empty
              )}
              <Pagination
                simple
                current={query.page}
                pageSize={query.pageSize}
                total={total}
                onChange={(page) => setQuery({ page })}
              />
            </Spin>
          ) : (
            <Table<Task>
              rowKey="key"
              size="middle"
              loading={loading}
              dataSource={rows}
              onChange={onChange}
              onRow={(r) => ({ onDoubleClick: () => open(r) })}
              locale={{ emptyText: loading ? ' ' : empty }}
              pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true }}
              columns={[
                {
                  title: t('task'),
                  dataIndex: 'name',
                  render: (_: string, r) => <a onClick={() => open(r)}>{title(r)}</a>,
                },
                {
                  title: t('caseInfo'),
                  key: 'case',
                  render: (_: unknown, r) => (
                    <span>
                      <Badges task={r} />
                      {what(r)}
                    </span>
                  ),
                },
                {
                  title: view === 'todo' ? t('dueDate') : t('finishedAt'),
                  dataIndex: view === 'todo' ? 'dueDate' : 'completedAt',
                  sorter: true,
                  // The order in the URL, shown on the column (a reload keeps the arrow too).
                  sortOrder:
                    query.sort === (view === 'todo' ? 'dueDate' : 'completedAt')
                      ? query.order === 'desc'
                        ? 'descend'
                        : 'ascend'
                      : null,
                  render: (_: string | null, r: Task) =>
                    view === 'todo' ? (
                      <DueTag task={r} />
                    ) : (
                      r.completedAt && new Date(r.completedAt).toLocaleString(locale)
                    ),
                },
                ...(view === 'done'
                  ? [{ title: t('outcome'), key: 'outcome', render: (_: unknown, r: Task) => outcomeText(r) }]
                  : []),
                { title: t('unit'), dataIndex: 'unitName', responsive: ['lg'] },
                {
                  title: t('process'),
                  dataIndex: 'bpmnProcessId',
                  responsive: ['xl'],
                  render: (id: string) => processNames.get(id) ?? id,
                },
                ...(view === 'todo'
                  ? [{ title: '', key: 'actions', render: (_: unknown, r: Task) => claimButton(r) }]
                  : []),
              ]}
            />
          )}
        </>
      )}
    </Space>
  );
}
