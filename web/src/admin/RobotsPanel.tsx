import { useState } from 'react';
import {
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tag,
  TreeSelect,
  message,
} from 'antd';
import { api } from '../api';
import { useT } from '../i18n';
import { useAction, useList, type ItemOf } from './admin-api';
import { orgTree } from './OrgTreePanel';
import { ListTable } from './AdminList';

type Robot = ItemOf<'/api/admin/robots'>;

/**
 * 群机器人: the API never answers a robot's URL or secret (they are sealed at rest), so the form
 * only ever sends them; the list shows the host and whether 加签 is set.
 */
export function RobotsPanel() {
  const t = useT();
  const list = useList('/api/admin/robots');
  const { reload } = list;
  const units = useList('/api/admin/orgs', '?retired=false').items;
  const act = useAction();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const toNode = (r: ReturnType<typeof orgTree>[number]): object => ({
    value: r.id,
    title: r.name,
    children: (r.children ?? []).map(toNode),
  });
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
        {t('add')}
      </Button>
      <ListTable<Robot>
        rowKey="id"
        list={list}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('unit'), dataIndex: 'unitName' },
          {
            title: t('format'),
            dataIndex: 'format',
            render: (f: string) => t(f === 'wecom' ? 'wecom' : 'dingtalk'),
          },
          { title: t('urlHost'), dataIndex: 'urlHost' },
          {
            title: t('secretSet'),
            dataIndex: 'hasSecret',
            render: (s: boolean) => (s ? <Tag color="blue">{t('secretSet')}</Tag> : ''),
          },
          {
            title: t('state'),
            dataIndex: 'active',
            render: (a: boolean, r) => (
              <Switch
                checked={a}
                onChange={(v) =>
                  act(() => api(`/api/admin/robots/${r.id}`, { method: 'PUT', body: { active: v } }), reload)
                }
              />
            ),
          },
          {
            title: t('actions'),
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    act(
                      () => api(`/api/admin/robots/${r.id}/test`, { body: {} }),
                      () => message.success(t('testSent')),
                    )
                  }
                >
                  {t('testSend')}
                </Button>
                <Popconfirm
                  title={t('remove')}
                  onConfirm={() => act(() => api(`/api/admin/robots/${r.id}`, { method: 'DELETE' }), reload)}
                >
                  <Button size="small" danger>
                    {t('remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('robots')}
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const values = await form.validateFields();
          await act(
            () => api('/api/admin/robots', { body: { ...values, secret: values.secret || undefined } }),
            () => (setAdding(false), form.resetFields(), reload()),
          );
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ format: 'wecom' }}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true, message: t('required') }]}>
            <TreeSelect treeData={orgTree(units).map(toNode)} showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item name="format" label={t('format')}>
            <Select
              options={[
                { value: 'wecom', label: t('wecom') },
                { value: 'dingtalk', label: t('dingtalk') },
              ]}
            />
          </Form.Item>
          <Form.Item name="url" label={t('webhookUrl')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item name="secret" label={t('robotSecret')}>
            <Input.Password autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
