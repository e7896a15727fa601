import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { api, type AnswerOf } from '../api';
import { useT, useTryT } from '../i18n';
import { useAction, useList, type ItemOf } from './admin-api';
import { showOneTimeSecret } from './OneTimeSecret';
import { codeCell, CodeNameForm, ListTable } from './AdminList';

type SlaRule = ItemOf<'/api/admin/sla-rules'>;
type SlaTrialResult = AnswerOf<'/api/admin/sla-rules/trials', 'post'>;

/** 时限规则: thresholds per step × level × category × urgency, edited in place. */
export function SlaPanel() {
  const t = useT();
  const tt = useTryT();
  const { items, loading, reload } = useList('/api/admin/sla-rules');
  const act = useAction();
  const [editing, setEditing] = useState<SlaRule | null>(null);
  const [trial, setTrial] = useState<SlaTrialResult>();
  const [form] = Form.useForm();
  /** 试算: the table with this row as edited, on the last 30 days' tasks; shown before it is saved. */
  const tryEdit = async () => {
    const { unit, yellow, red } = await form.validateFields();
    const rules = items.map((r) => ({
      step: r.step,
      level: r.level,
      category: r.category,
      urgency: r.urgency,
      ...(r.id === editing!.id ? { unit, yellow, red } : { unit: r.unit, yellow: r.yellow, red: r.red }),
    }));
    await act(
      () => api<SlaTrialResult>('/api/admin/sla-rules/trials', { body: { rules } }),
      (result) => setTrial(result),
    );
  };
  return (
    <>
      <Table<SlaRule>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('step'), dataIndex: 'stepName' },
          { title: t('slaLevel'), dataIndex: 'level', render: (l: string) => tt(`org.${l}`, l) },
          {
            title: t('category'),
            dataIndex: 'categoryName',
            render: (c: string | null) => c ?? t('levelDefault'),
          },
          {
            title: t('urgency'),
            dataIndex: 'urgency',
            render: (u: string) => t(u === 'URGENT' ? 'urgent' : 'normal'),
          },
          { title: t('timeUnit'), dataIndex: 'unit', render: (u: string) => tt(u, u) },
          { title: t('slaYellow'), dataIndex: 'yellow' },
          { title: t('slaRed'), dataIndex: 'red' },
          {
            title: t('actions'),
            render: (_, r) => (
              <Button size="small" onClick={() => (form.setFieldsValue(r), setEditing(r))}>
                {t('slaEdit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={
          editing &&
          `${editing.stepName} · ${tt(`org.${editing.level}`, editing.level)} · ${editing.categoryName ?? t('levelDefault')} · ${t(editing.urgency === 'URGENT' ? 'urgent' : 'normal')}`
        }
        onCancel={() => (setEditing(null), setTrial(undefined))}
        onOk={async () => {
          const { unit, yellow, red } = await form.validateFields();
          await act(
            () => api(`/api/admin/sla-rules/${editing!.id}`, { method: 'PUT', body: { unit, yellow, red } }),
            () => (setEditing(null), setTrial(undefined), reload()),
          );
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onValuesChange={() => setTrial(undefined)}>
          <Form.Item name="unit" label={t('timeUnit')}>
            <Select options={['workingDays', 'hours'].map((v) => ({ value: v, label: tt(v, v) }))} />
          </Form.Item>
          <Form.Item
            name="yellow"
            label={t('slaYellow')}
            rules={[{ required: true, message: t('required') }]}
          >
            <InputNumber min={0.1} />
          </Form.Item>
          <Form.Item name="red" label={t('slaRed')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={0.1} />
          </Form.Item>
        </Form>
        <Button onClick={tryEdit} data-testid="sla-trial">
          {t('slaTrial')}
        </Button>
        {trial ? (
          <div data-testid="sla-trial-result" style={{ marginTop: 12 }}>
            <p>
              {t('slaTrialLine', {
                tasks: trial.tasks,
                changed: trial.changed,
                yellowBefore: trial.yellowBefore,
                yellowAfter: trial.yellowAfter,
                redBefore: trial.redBefore,
                redAfter: trial.redAfter,
              })}
            </p>
            <Table
              size="small"
              rowKey={(r, i) => `${r.caseNo}-${r.step}-${i}`}
              pagination={{ pageSize: 5 }}
              dataSource={trial.changedTasks}
              columns={[
                { title: t('caseNo'), dataIndex: 'caseNo', render: codeCell },
                { title: t('step'), dataIndex: 'step' },
                { title: t('unit'), dataIndex: 'unitName' },
                {
                  title: t('slaChange'),
                  render: (_, r) => `${t(`slaColour.${r.from}`)} → ${t(`slaColour.${r.to}`)}`,
                },
              ]}
            />
          </div>
        ) : null}
      </Modal>
    </>
  );
}

type Category = ItemOf<'/api/admin/categories'>;

/** 事件分类: GB/T 31000 groups by default; add, rename, switch off (cases keep theirs). */
export function CategoriesPanel() {
  const t = useT();
  const list = useList('/api/admin/categories');
  const { reload } = list;
  const act = useAction();
  return (
    <>
      <CodeNameForm
        codeField="code"
        onAdd={(v, reset) =>
          act(
            () => api('/api/admin/categories', { body: v }),
            () => (reset(), reload()),
          )
        }
      />
      <ListTable<Category>
        rowKey="code"
        list={list}
        columns={[
          { title: t('code'), dataIndex: 'code', render: codeCell },
          {
            title: t('name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Input
                defaultValue={name}
                size="small"
                onBlur={(e) =>
                  e.target.value !== name &&
                  act(
                    () =>
                      api(`/api/admin/categories/${c.code}`, {
                        method: 'PUT',
                        body: { name: e.target.value },
                      }),
                    reload,
                  )
                }
              />
            ),
          },
          {
            title: t('state'),
            dataIndex: 'active',
            render: (active: boolean, c) => (
              <Switch
                checked={active}
                onChange={(v) =>
                  act(
                    () => api(`/api/admin/categories/${c.code}`, { method: 'PUT', body: { active: v } }),
                    reload,
                  )
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}

type Channel = ItemOf<'/api/admin/channels'>;
/** A channel with its key, shown once: what creating a channel and issuing a new key answer. */
type IssuedKey = AnswerOf<'/api/admin/channels', 'post'> | AnswerOf<'/api/admin/channels/{id}/key', 'post'>;

/** 接入渠道: a key is shown once when issued (only its hash is kept); revoking stops it at once. */
export function ChannelsPanel() {
  const t = useT();
  const list = useList('/api/admin/channels');
  const { reload } = list;
  const act = useAction();
  const shown = (r: IssuedKey) => {
    showOneTimeSecret(t, `${r.channel.name} (${r.channel.id})`, r.key);
    reload();
  };
  return (
    <>
      <CodeNameForm
        codeField="id"
        onAdd={(v, reset) =>
          act(
            () => api<AnswerOf<'/api/admin/channels', 'post'>>('/api/admin/channels', { body: v }),
            (r) => (reset(), shown(r)),
          )
        }
      />
      <ListTable<Channel>
        rowKey="id"
        list={list}
        columns={[
          { title: t('code'), dataIndex: 'id', render: codeCell },
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('state'),
            dataIndex: 'active',
            render: (a: boolean) =>
              a ? <Tag color="green">{t('active')}</Tag> : <Tag color="red">{t('revoked')}</Tag>,
          },
          {
            title: t('issuedAt'),
            dataIndex: 'issuedAt',
            render: (d: string | null) => (d ? new Date(d).toLocaleString() : ''),
          },
          {
            title: t('actions'),
            render: (_, c) => (
              <Space>
                <Popconfirm
                  title={t('issueKey')}
                  onConfirm={() =>
                    act(
                      () =>
                        api<AnswerOf<'/api/admin/channels/{id}/key', 'post'>>(
                          `/api/admin/channels/${c.id}/key`,
                          {
                            body: {},
                          },
                        ),
                      shown,
                    )
                  }
                >
                  <Button size="small">{t('issueKey')}</Button>
                </Popconfirm>
                {c.active && (
                  <Popconfirm
                    title={t('revoke')}
                    onConfirm={() =>
                      act(() => api(`/api/admin/channels/${c.id}/revoke`, { body: {} }), reload)
                    }
                  >
                    <Button size="small" danger>
                      {t('revoke')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
