import { useContext, useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, message } from 'antd';
import { codeCell } from './AdminList';
import { api, errorText, type AnswerOf, type BodyOf } from '../api';
import { I18nContext, useT, useTryT } from '../i18n';
import { useAction, useList } from './admin-api';
import { showOneTimeSecret } from './OneTimeSecret';
import { orgTree } from './OrgTreePanel';

type UsersPage = AnswerOf<'/api/admin/users'>;
type AdminUser = UsersPage['items'][number];
/** What saving the dialog answers: the new user with its one-time password, or the changed user. */
type Saved = AnswerOf<'/api/admin/users', 'post'> | AnswerOf<'/api/admin/users/{id}', 'put'>;
type Role = BodyOf<'/api/admin/users'>['roles'][number];
// The administrators' roles are listed too: the API refuses them unless the security administrator
// grants them. Keyed by the API's role enum, so a role added there and missing here fails the build.
const ROLES = Object.keys({
  ADMIN: true,
  SECURITY_ADMIN: true,
  AUDIT_ADMIN: true,
  DESIGNER: true,
  SUPERVISOR: true,
  STAFF: true,
  GRID_MEMBER: true,
  PSYCHIATRIC_DOCTOR: true,
} satisfies Record<Role, true>) as Role[];

/** 用户: create (one-time password), unit, roles, disable, reset password, end sessions. */
export function UsersPanel() {
  const t = useT();
  const tt = useTryT();
  const { locale } = useContext(I18nContext);
  const act = useAction();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<UsersPage>({ items: [], total: 0 });
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [form] = Form.useForm();
  const units = useList('/api/admin/orgs', '?retired=false').items;
  const toNode = (r: ReturnType<typeof orgTree>[number]): object => ({
    value: r.id,
    title: r.name,
    children: (r.children ?? []).map(toNode),
  });
  const unitTree = orgTree(units).map(toNode);

  // Bumped after a change so the page reloads.
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    api<UsersPage>(`/api/admin/users?page=${page}&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`).then(
      setData,
      (err) => message.error(errorText(err, locale)),
    );
  }, [page, q, version, locale]);

  const save = async () => {
    const values = await form.validateFields();
    await act<Saved>(
      () =>
        editing === 'new'
          ? api<AnswerOf<'/api/admin/users', 'post'>>('/api/admin/users', { body: values })
          : api<AnswerOf<'/api/admin/users/{id}', 'put'>>(`/api/admin/users/${(editing as AdminUser).id}`, {
              method: 'PUT',
              body: values,
            }),
      (r) => {
        setEditing(null);
        if ('password' in r) showOneTimeSecret(t, t('password'), r.password);
        load();
      },
    );
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t('search')} allowClear onSearch={(v) => (setPage(1), setQ(v))} />
        <Button type="primary" onClick={() => (form.resetFields(), setEditing('new'))}>
          {t('add')}
        </Button>
      </Space>
      <Table<AdminUser>
        rowKey="id"
        size="small"
        dataSource={data.items}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: t('username'), dataIndex: 'username', render: codeCell },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('unit'), dataIndex: 'orgName' },
          {
            title: t('roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => roles.map((r) => <Tag key={r}>{tt(`role.${r}`, r)}</Tag>),
          },
          {
            title: t('state'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('disabled')}</Tag>),
          },
          {
            title: t('actions'),
            render: (_, u) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => (form.setFieldsValue(u), setEditing(u))}>
                  {t('rename')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    act(
                      () => api(`/api/admin/users/${u.id}`, { method: 'PUT', body: { active: !u.active } }),
                      load,
                    )
                  }
                >
                  {u.active ? t('disable') : t('enable')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    act(
                      () =>
                        api<AnswerOf<'/api/admin/users/{id}/password', 'post'>>(
                          `/api/admin/users/${u.id}/password`,
                          { body: {} },
                        ),
                      (r) => showOneTimeSecret(t, `${t('resetPassword')} · ${u.username}`, r.password),
                    )
                  }
                >
                  {t('resetPassword')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    act(
                      () =>
                        api<AnswerOf<'/api/users/{id}/sessions/revoke', 'post'>>(
                          `/api/users/${u.id}/sessions/revoke`,
                          { body: {} },
                        ),
                      (r) => message.success(t('sessionsEnded', { n: r.ended })),
                    )
                  }
                >
                  {t('endSessions')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('add') : t('users')}
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing === 'new' && (
            <Form.Item
              name="username"
              label={t('username')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input />
            </Form.Item>
          )}
          <Form.Item
            name="displayName"
            label={t('displayName')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="orgId" label={t('unit')} rules={[{ required: true, message: t('required') }]}>
            <TreeSelect treeData={unitTree} showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item name="roles" label={t('roles')} rules={[{ required: true, message: t('required') }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: tt(`role.${r}`, r) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
