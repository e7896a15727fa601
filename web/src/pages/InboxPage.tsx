import { useCallback, useContext, useEffect, useState } from 'react';
import { Button, message, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { api, errorText } from '../api';
import { I18nContext, useT } from '../i18n';
import { useUnitTree } from '../units';
import { TaskView } from './TaskView';
import { DueTag, type DeadlineFields } from './DueTag';

interface Task extends DeadlineFields {
  key: string;
  name: string;
  bpmnProcessId: string;
  orgId: string | null;
  unitName: string | null;
  assignee: string | null;
  delegatedById: string | null;
  dueDate: string | null;
  createdAt: string;
  priority: number;
  variables: { caseNo?: string };
}

interface Category {
  code: string;
  name: string;
}

/** The deployed processes by their diagrams' names (GET /api/process-names), id → name. */
function useProcessNames() {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    api<{ items: { bpmnProcessId: string; name: string }[] }>('/api/process-names').then(({ items }) =>
      setNames(new Map(items.map((p) => [p.bpmnProcessId, p.name]))),
    );
  }, []);
  return names;
}

export function InboxPage({
  view,
  userId,
  onOpenCase,
}: {
  view: 'todo' | 'done';
  userId: string;
  onOpenCase: (eventId: string) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [rows, setRows] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<Task | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const units = useUnitTree();
  const processNames = useProcessNames();
  const [query, setQuery] = useState({
    page: 1,
    pageSize: 20,
    sort: 'dueDate',
    order: 'asc',
    overdue: '',
    process: '',
    category: '',
    unit: '',
  });

  useEffect(() => {
    api<{ items: Category[] }>('/api/event-categories').then((r) => setCategories(r.items));
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    const params = new URLSearchParams({
      view,
      page: String(query.page),
      pageSize: String(query.pageSize),
      sort: view === 'done' && query.sort === 'dueDate' ? 'completedAt' : query.sort,
      order: query.order,
    });
    for (const name of ['overdue', 'process', 'category', 'unit'] as const) {
      if (query[name]) params.set(name, query[name]);
    }
    try {
      const res = await api<{ total: number; items: Task[] }>(`/api/inbox?${params}`);
      setRows(res.items);
      setTotal(res.total);
    } catch (err) {
      message.error(errorText(err, locale));
    } finally {
      setLoading(false);
    }
  }, [view, query, locale]);

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

  const filter = (change: Partial<typeof query>) => setQuery((q) => ({ ...q, ...change, page: 1 }));

  const onChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<Task> | SorterResult<Task>[]) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    setQuery((q) => ({
      ...q,
      page: p.current ?? 1,
      pageSize: p.pageSize ?? 20,
      sort: sorter?.order ? String(sorter.field) : 'dueDate',
      order: sorter?.order === 'descend' ? 'desc' : 'asc',
    }));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {open && (
        <TaskView
          taskKey={open.key}
          title={`${open.variables.caseNo ?? ''} ${open.name}`}
          onOpenCase={onOpenCase}
          onClose={(changed) => {
            setOpen(null);
            if (changed) void load();
          }}
        />
      )}
      <Space wrap>
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
      </Space>
      <Table<Task>
        rowKey="key"
        size="middle"
        loading={loading}
        dataSource={rows}
        onChange={onChange}
        scroll={{ x: 720 }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true }}
        columns={[
          {
            title: t('task'),
            dataIndex: 'name',
            render: (name, r) =>
              view === 'todo' ? (
                <a onClick={() => setOpen(r)}>{`${r.variables.caseNo ?? ''} ${name}`}</a>
              ) : (
                `${r.variables.caseNo ?? ''} ${name}`
              ),
          },
          {
            title: t('process'),
            dataIndex: 'bpmnProcessId',
            responsive: ['md'],
            render: (id: string) => processNames.get(id) ?? id,
          },
          { title: t('unit'), dataIndex: 'unitName', responsive: ['md'] },
          {
            title: t('dueDate'),
            dataIndex: 'dueDate',
            sorter: true,
            render: (due: string | null, r: Task) =>
              view === 'todo' ? <DueTag task={r} /> : due && new Date(due).toLocaleString(locale),
          },
          {
            title: t('created'),
            dataIndex: 'createdAt',
            sorter: true,
            responsive: ['lg'],
            render: (d: string) => new Date(d).toLocaleString(locale),
          },
          ...(view === 'todo'
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, r: Task) =>
                    r.delegatedById ? (
                      <Tag color="purple">{t('delegatedTag')}</Tag>
                    ) : r.assignee === userId ? (
                      <Button size="small" onClick={() => claim(r.key, 'unclaim')}>
                        {t('unclaim')}
                      </Button>
                    ) : r.assignee ? null : (
                      <Button size="small" onClick={() => claim(r.key, 'claim')}>
                        {t('claim')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
