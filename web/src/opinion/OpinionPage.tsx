import { useContext, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  message,
} from 'antd';
import { Link } from 'react-router';
import { api, type AnswerOf } from '../api';
import { I18nContext, useT, type MessageKey } from '../i18n';
import { hasRole, useMe } from '../me';
import { useLoad } from '../use-load';
import { useSubmit } from '../use-submit';

type Item = AnswerOf<'/api/opinion/items'>['items'][number];
type Rule = AnswerOf<'/api/opinion/rules'>['items'][number];
type Source = AnswerOf<'/api/opinion/sources'>['items'][number];
const STATUSES = ['NEW', 'DISMISSED', 'EVENT', 'ATTACHED'] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 20;

/** Text with the matched words marked: every part is rendered as text, never as HTML. */
function Marked({ parts }: { parts: Item['titleParts'] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

/**
 * 舆情: the district's staff triage the matching items (dismiss with a reason, make an event,
 * attach to a case) and keep the keyword rules; the district's administrator keeps the sources.
 */
export function OpinionPage() {
  const t = useT();
  const me = useMe();
  const watcher = me.org.type === 'DISTRICT' && hasRole(me, 'STAFF', 'SUPERVISOR');
  const admin = me.org.type === 'DISTRICT' && hasRole(me, 'ADMIN');
  const tabs = [
    ...(watcher
      ? [
          { key: 'items', label: t('opinion.list'), children: <Items /> },
          { key: 'rules', label: t('opinion.rules'), children: <Rules /> },
        ]
      : []),
    ...(admin ? [{ key: 'sources', label: t('opinion.sources'), children: <Sources /> }] : []),
  ];
  return (
    <Card title={t('opinion')}>
      <Tabs items={tabs} />
    </Card>
  );
}

function Items() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [status, setStatus] = useState<Status>('NEW');
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<{ item: Item; action: 'dismiss' | 'event' | 'attach' }>();
  const list = useLoad(
    () =>
      api<AnswerOf<'/api/opinion/items'>>(
        `/api/opinion/items?status=${status}&page=${page}&pageSize=${PAGE_SIZE}`,
      ),
    [status, page],
  );
  const stats = useLoad(() => {
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    return api<AnswerOf<'/api/opinion/stats'>>(
      `/api/opinion/stats?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
    );
  }, []);
  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {stats.data && (
        <Space wrap data-testid="opinion-stats">
          <span>{t('opinion.perWord')}:</span>
          {stats.data.words.map((w) => (
            <Tag key={w.word}>
              {w.word} {w.items}
            </Tag>
          ))}
          <span>{t('opinion.perDay')}:</span>
          {stats.data.days.map((d) => (
            <Tag key={d.day} color="blue">
              {d.day.slice(5)} {d.items}
            </Tag>
          ))}
        </Space>
      )}
      <Space wrap>
        <Segmented
          value={status}
          options={STATUSES.map((s) => ({ value: s, label: t(`opinion.${s}` as MessageKey) }))}
          onChange={(v) => {
            setStatus(v as Status);
            setPage(1);
          }}
        />
        {list.data && <span>{t('opinion.count', { n: list.data.total })}</span>}
      </Space>
      {list.error ? (
        <Result
          status="warning"
          title={list.error}
          extra={<Button onClick={list.reload}>{t('retry')}</Button>}
        />
      ) : (
        <List<Item>
          loading={list.loading}
          dataSource={list.data?.items}
          data-testid="opinion-items"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
          renderItem={(item) => (
            <List.Item
              data-testid={`opinion-item-${item.id}`}
              actions={
                item.status === 'NEW'
                  ? [
                      <Button key="e" type="link" onClick={() => setActing({ item, action: 'event' })}>
                        {t('opinion.toEvent')}
                      </Button>,
                      <Button key="a" type="link" onClick={() => setActing({ item, action: 'attach' })}>
                        {t('opinion.attach')}
                      </Button>,
                      <Button
                        key="d"
                        type="link"
                        danger
                        onClick={() => setActing({ item, action: 'dismiss' })}
                      >
                        {t('opinion.dismiss')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={<Marked parts={item.titleParts} />}
                description={
                  <Space direction="vertical" size={2}>
                    <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>
                      <Marked parts={item.bodyParts} />
                    </Typography.Paragraph>
                    <Space wrap size={4}>
                      <span>
                        {t('opinion.source')}: {item.source}
                      </span>
                      <span>
                        {t('opinion.published')}: {fmt(item.publishedAt ?? item.fetchedAt)}
                      </span>
                      {item.units.map((u) => (
                        <Tag key={u.id} color="geekblue">
                          {u.name}
                        </Tag>
                      ))}
                      {item.matchedWords.map((w) => (
                        <Tag key={w} color="orange">
                          {w}
                        </Tag>
                      ))}
                      {item.link && (
                        // A kept link is http(s) only (the API drops any other); it opens apart from the app.
                        <a href={item.link} target="_blank" rel="noopener noreferrer nofollow">
                          {t('opinion.openLink')}
                        </a>
                      )}
                      {item.eventId && (
                        <Link to={`/cases/${item.eventId}`}>{item.caseNo ?? item.eventId}</Link>
                      )}
                      {item.dismissReason && <Tag>{item.dismissReason}</Tag>}
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {acting && (
        <Triage
          {...acting}
          onClose={(done) => {
            setActing(undefined);
            if (done) {
              list.reload();
              stats.reload();
            }
          }}
        />
      )}
    </Space>
  );
}

/** One triage step on an item: its dialog, with the event's fields prefilled from the item. */
function Triage({
  item,
  action,
  onClose,
}: {
  item: Item;
  action: 'dismiss' | 'event' | 'attach';
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit, saving] = useSubmit(form);
  const categories = useLoad(
    () =>
      action === 'event'
        ? api<AnswerOf<'/api/event-categories'>>('/api/event-categories')
        : Promise.resolve(null),
    [action],
  );
  const grids = useLoad(
    () => (action === 'event' ? api<AnswerOf<'/api/orgs'>>('/api/orgs') : Promise.resolve(null)),
    [action],
  );
  const namedPath = grids.data?.items.find((o) => o.id === item.units[0]?.id)?.path;
  const gridOptions = (grids.data?.items ?? [])
    .filter((o) => o.type === 'GRID')
    // The grids of the unit the item names come first.
    .sort(
      (a, b) =>
        Number(!!namedPath && b.path.startsWith(namedPath)) -
        Number(!!namedPath && a.path.startsWith(namedPath)),
    )
    .map((o) => ({ value: o.id, label: o.name }));
  const send = (values: Record<string, string>) =>
    submit(async () => {
      if (action === 'dismiss') await api(`/api/opinion/items/${item.id}/dismiss`, { body: values });
      else if (action === 'event') {
        const made = await api<{ caseNo?: string }>(`/api/opinion/items/${item.id}/event`, { body: values });
        message.success(made.caseNo ?? '');
      } else {
        const found = await api<AnswerOf<'/api/events'>>(
          `/api/events?q=${encodeURIComponent(values.caseNo)}&pageSize=5`,
        );
        const kase = found.items.find((e) => e.caseNo === values.caseNo.trim());
        if (!kase) {
          form.setFields([{ name: 'caseNo', errors: [t('opinion.noSuchCase')] }]);
          throw new Error('no such case');
        }
        await api(`/api/opinion/items/${item.id}/attach`, { body: { eventId: kase.id } });
      }
    }).then((ok) => ok && onClose(true));
  const title = t(
    action === 'dismiss' ? 'opinion.dismiss' : action === 'event' ? 'opinion.toEvent' : 'opinion.attach',
  );
  return (
    <Modal
      open
      title={title}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph strong>
        <Marked parts={item.titleParts} />
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={send}
        initialValues={
          action === 'event'
            ? {
                urgency: 'NORMAL',
                address: item.units.map((u) => u.name).join('、') || undefined,
                description: [`【舆情】${item.title}`, item.link ?? ''].filter(Boolean).join('\n'),
              }
            : {}
        }
      >
        {action === 'dismiss' && (
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {action === 'attach' && (
          <Form.Item name="caseNo" label={t('opinion.attachCaseNo')} rules={[{ required: true }]}>
            <Input placeholder="SJ-2026-000001" />
          </Form.Item>
        )}
        {action === 'event' && (
          <>
            <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
              <Select
                loading={categories.loading}
                options={categories.data?.items.map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
            <Form.Item name="gridId" label={t('grid')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" loading={grids.loading} options={gridOptions} />
            </Form.Item>
            <Form.Item name="address" label={t('address')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="urgency" label={t('urgency')}>
              <Select
                options={[
                  { value: 'NORMAL', label: t('normal') },
                  { value: 'URGENT', label: t('urgent') },
                ]}
              />
            </Form.Item>
            <Form.Item name="description" label={t('description')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function Rules() {
  const t = useT();
  const [form] = Form.useForm();
  const [submit, saving] = useSubmit(form);
  const [editing, setEditing] = useState<Rule | 'new'>();
  const rules = useLoad(() => api<AnswerOf<'/api/opinion/rules'>>('/api/opinion/rules'), []);
  const open = (r: Rule | 'new') => {
    setEditing(r);
    form.setFieldsValue(
      r === 'new' ? { name: '', words: [], exclusions: [], requirePlace: false, active: true } : r,
    );
  };
  const save = (values: Pick<Rule, 'name' | 'words' | 'exclusions' | 'requirePlace' | 'active'>) =>
    submit(() =>
      editing === 'new'
        ? api('/api/opinion/rules', { body: values })
        : api(`/api/opinion/rules/${editing!.id}`, { method: 'PUT', body: values }),
    ).then((ok) => {
      if (!ok) return;
      setEditing(undefined);
      rules.reload();
    });
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {t('opinion.addRule')}
      </Button>
      {rules.error && <Alert type="warning" message={rules.error} />}
      <Table<Rule>
        rowKey="id"
        size="middle"
        loading={rules.loading}
        dataSource={rules.data?.items}
        pagination={false}
        onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('opinion.ruleName'), dataIndex: 'name' },
          {
            title: t('opinion.ruleWords'),
            dataIndex: 'words',
            render: (w: string[]) => w.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: t('opinion.ruleExclusions'),
            dataIndex: 'exclusions',
            render: (w: string[]) => w.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: t('opinion.requirePlace'),
            dataIndex: 'requirePlace',
            render: (v: boolean) => (v ? '✓' : ''),
          },
          { title: t('opinion.active'), dataIndex: 'active', render: (v: boolean) => (v ? '✓' : '') },
        ]}
      />
      <Modal
        open={!!editing}
        title={t('opinion.rules')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('opinion.ruleName')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="words" label={t('opinion.ruleWords')} rules={[{ required: true }]}>
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="exclusions" label={t('opinion.ruleExclusions')}>
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="requirePlace" valuePropName="checked">
            <Checkbox>{t('opinion.requirePlace')}</Checkbox>
          </Form.Item>
          <Form.Item name="active" label={t('opinion.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Sources() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [submit, saving] = useSubmit(form);
  const [adding, setAdding] = useState(false);
  const [key, setKey] = useState<string>();
  const sources = useLoad(() => api<AnswerOf<'/api/opinion/sources'>>('/api/opinion/sources'), []);
  const kind = Form.useWatch('kind', form);
  const poll = async (s: Source) => {
    try {
      const r = await api<{ received: number; created: number; matched: number; error: string | null }>(
        `/api/opinion/sources/${s.id}/poll`,
        { method: 'POST' },
      );
      if (r.error) message.warning(t(`opinion.${r.error}` as MessageKey));
      else
        message.success(
          t('opinion.polled', { received: r.received, created: r.created, matched: r.matched }),
        );
    } finally {
      sources.reload();
    }
  };
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
        {t('opinion.addSource')}
      </Button>
      {key && (
        <Alert
          type="info"
          closable
          onClose={() => setKey(undefined)}
          message={t('opinion.keyOnce')}
          description={<Typography.Text copyable>{key}</Typography.Text>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Source>
        rowKey="id"
        size="middle"
        loading={sources.loading}
        dataSource={sources.data?.items}
        pagination={false}
        columns={[
          { title: t('opinion.source'), dataIndex: 'name' },
          {
            title: t('opinion.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`opinion.kind.${k}` as MessageKey),
          },
          { title: t('opinion.url'), dataIndex: 'url', ellipsis: true },
          {
            title: t('opinion.lastPolled'),
            render: (_, s) => (
              <Space size={4}>
                {s.lastPolledAt ? new Date(s.lastPolledAt).toLocaleString(locale) : '—'}
                {s.lastError && <Tag color="red">{t(`opinion.${s.lastError}` as MessageKey)}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, s) =>
              s.kind === 'rss' && (
                <Button size="small" onClick={() => poll(s)}>
                  {t('opinion.pollNow')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('opinion.addSource')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'rss', intervalMinutes: 30 }}
          onFinish={(values) =>
            submit(async () => {
              const made = await api<{ key: string | null }>('/api/opinion/sources', { body: values });
              if (made.key) setKey(made.key);
            }).then((ok) => {
              if (!ok) return;
              setAdding(false);
              form.resetFields();
              sources.reload();
            })
          }
        >
          <Form.Item name="name" label={t('opinion.source')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('opinion.kind')}>
            <Segmented
              options={[
                { value: 'rss', label: t('opinion.kind.rss') },
                { value: 'webhook', label: t('opinion.kind.webhook') },
              ]}
            />
          </Form.Item>
          {kind !== 'webhook' && (
            <>
              <Form.Item name="url" label={t('opinion.url')} rules={[{ required: true, type: 'url' }]}>
                <Input placeholder="https://" />
              </Form.Item>
              <Form.Item name="intervalMinutes" label={t('opinion.interval')}>
                <InputNumber min={5} max={1440} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
