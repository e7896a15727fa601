import { useCallback, useContext, useEffect, useState } from 'react';
import { Button, message, Select, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { api, ApiFailure } from '../api';
import { I18nContext, useT } from '../i18n';
import { TaskView } from './TaskView';

interface Task {
  key: string;
  name: string;
  bpmnProcessId: string;
  orgId: string | null;
  assignee: string | null;
  dueDate: string | null;
  createdAt: string;
  priority: number;
  variables: { caseNo?: string };
}

const DAY = 24 * 3600_000;

/** Red once overdue, yellow within a day of the deadline (the server's SLA holds the real thresholds). */
function DueTag({ due }: { due: string | null }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  if (!due) return null;
  const left = Date.parse(due) - Date.now();
  const color = left < 0 ? 'red' : left < DAY ? 'gold' : 'green';
  const label = left < 0 ? t('overdue') : left < DAY ? t('dueSoon') : t('onTime');
  return (
    <Space size={4}>
      <Tag color={color} data-testid="due-tag">
        {label}
      </Tag>
      <span>{new Date(due).toLocaleString(locale)}</span>
    </Space>
  );
}

export function InboxPage({ view }: { view: 'todo' | 'done' }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [rows, setRows] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<Task | null>(null);
  const [query, setQuery] = useState({ page: 1, pageSize: 20, sort: 'dueDate', order: 'asc', overdue: '' });

  const load = useCallback(async () => {
    setLoading(true);
    const params = new URLSearchParams({
      view,
      page: String(query.page),
      pageSize: String(query.pageSize),
      sort: view === 'done' && query.sort === 'dueDate' ? 'completedAt' : query.sort,
      order: query.order,
      ...(query.overdue ? { overdue: query.overdue } : {}),
    });
    try {
      const res = await api<{ total: number; items: Task[] }>(`/api/inbox?${params}`);
      setRows(res.items);
      setTotal(res.total);
    } catch (err) {
      message.error(err instanceof ApiFailure ? err.describe(locale) : String(err));
    } finally {
      setLoading(false);
    }
  }, [view, query, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const claim = async (key: string) => {
    try {
      await api(`/api/tasks/${key}/claim`, { method: 'POST' });
      await load();
    } catch (err) {
      message.error(err instanceof ApiFailure ? err.describe(locale) : String(err));
    }
  };

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
          onClose={(changed) => {
            setOpen(null);
            if (changed) void load();
          }}
        />
      )}
      {view === 'todo' && (
        <Select
          style={{ width: 160 }}
          value={query.overdue}
          onChange={(overdue) => setQuery((q) => ({ ...q, overdue, page: 1 }))}
          options={[
            { value: '', label: t('all') },
            { value: 'true', label: t('overdue') },
            { value: 'false', label: t('onTime') },
          ]}
        />
      )}
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
          { title: t('process'), dataIndex: 'bpmnProcessId', responsive: ['md'] },
          { title: t('unit'), dataIndex: 'orgId', responsive: ['md'] },
          {
            title: t('dueDate'),
            dataIndex: 'dueDate',
            sorter: true,
            render: (due: string | null) => <DueTag due={due} />,
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
                    r.assignee ? null : (
                      <Button size="small" onClick={() => claim(r.key)}>
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
