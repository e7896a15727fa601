import { useMemo, useState, type Key } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, TreeSelect } from 'antd';
import { codeCell } from './AdminList';
import { api } from '../api';
import { useT, useTryT } from '../i18n';
import { useAction, useList, type ItemOf } from './admin-api';

export type AdminOrg = ItemOf<'/api/admin/orgs'>;
type Row = AdminOrg & { children?: Row[] };
const CHILD_TYPES: Record<string, string[]> = {
  DISTRICT: ['STREET', 'DEPARTMENT'],
  STREET: ['COMMUNITY', 'DEPARTMENT'],
  COMMUNITY: ['GRID'],
  GRID: ['MICRO_GRID'],
};

/** The units as a tree: roots are the units whose parent the caller does not administer. */
export function orgTree(items: AdminOrg[]): Row[] {
  const rows = new Map(items.map((o) => [o.id, { ...o } as Row]));
  const roots: Row[] = [];
  for (const row of rows.values()) {
    const parent = row.parentId ? rows.get(row.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

type Dialog = { kind: 'add' | 'rename' | 'move'; org: AdminOrg } | null;

/** 组织架构: create below, rename, move, retire (never delete), restore. */
export function OrgTreePanel() {
  const t = useT();
  const tt = useTryT();
  const [showRetired, setShowRetired] = useState(false);
  const { items, loading, reload } = useList('/api/admin/orgs', `?retired=${showRetired}`);
  const act = useAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const tree = useMemo(() => orgTree(items), [items]);
  // The roots open until the admin opens or closes rows (the tree arrives after the first render).
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const parents = useMemo(() => {
    const toNode = (r: Row): object => ({
      value: r.id,
      title: `${r.name} (${r.id})`,
      children: (r.children ?? []).filter((c) => !c.retiredAt).map(toNode),
    });
    return tree.map(toNode);
  }, [tree]);

  const submit = async () => {
    const values = await form.validateFields();
    if (!dialog) return;
    const { kind, org } = dialog;
    const request =
      kind === 'add'
        ? api('/api/admin/orgs', { body: { ...values, parentId: org.id } })
        : kind === 'rename'
          ? api(`/api/admin/orgs/${org.id}`, {
              method: 'PUT',
              // An emptied full name or 代字 is removed: papers then use the unit's name.
              body: { ...values, fullName: values.fullName || null, docPrefix: values.docPrefix || null },
            })
          : api(`/api/admin/orgs/${org.id}/move`, { body: values });
    await act(
      () => request,
      () => {
        setDialog(null);
        form.resetFields();
        reload();
      },
    );
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('showRetired')}</span>
        <Switch checked={showRetired} onChange={setShowRetired} />
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={tree}
        pagination={false}
        expandable={{ expandedRowKeys: expanded ?? tree.map((r) => r.id), onExpandedRowsChange: setExpanded }}
        data-testid="org-tree"
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            render: (name: string, o) => (
              <Space>
                {name}
                {o.retiredAt && <Tag>{t('retired')}</Tag>}
                {o.hasBoundary && <Tag color="green">{t('hasBoundary')}</Tag>}
              </Space>
            ),
          },
          { title: t('code'), dataIndex: 'id', render: codeCell },
          { title: t('type'), dataIndex: 'type', render: (type: string) => tt(`org.${type}`, type) },
          { title: t('activeUsers'), dataIndex: 'activeUsers' },
          {
            title: t('actions'),
            render: (_, o) =>
              o.retiredAt ? (
                <Button
                  size="small"
                  onClick={() => act(() => api(`/api/admin/orgs/${o.id}/restore`, { body: {} }), reload)}
                >
                  {t('restore')}
                </Button>
              ) : (
                <Space size={4} wrap>
                  {CHILD_TYPES[o.type] && (
                    <Button size="small" onClick={() => setDialog({ kind: 'add', org: o })}>
                      {t('addChild')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ name: o.name, fullName: o.fullName, docPrefix: o.docPrefix });
                      setDialog({ kind: 'rename', org: o });
                    }}
                  >
                    {t('rename')}
                  </Button>
                  {o.type !== 'DISTRICT' && (
                    <Button size="small" onClick={() => setDialog({ kind: 'move', org: o })}>
                      {t('move')}
                    </Button>
                  )}
                  {o.type !== 'DISTRICT' && (
                    <Popconfirm
                      title={t('retireConfirm')}
                      onConfirm={() => act(() => api(`/api/admin/orgs/${o.id}/retire`, { body: {} }), reload)}
                    >
                      <Button size="small" danger>
                        {t('retire')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!dialog}
        title={dialog && `${t(dialog.kind === 'add' ? 'addChild' : dialog.kind)} · ${dialog.org.name}`}
        onOk={submit}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'add' && (
            <>
              <Form.Item name="id" label={t('code')} rules={[{ required: true, message: t('required') }]}>
                <Input placeholder={`${dialog.org.id}-…`} />
              </Form.Item>
              <Form.Item name="type" label={t('type')} rules={[{ required: true, message: t('required') }]}>
                <Select
                  options={(CHILD_TYPES[dialog.org.type] ?? []).map((v) => ({
                    value: v,
                    label: tt(`org.${v}`, v),
                  }))}
                />
              </Form.Item>
            </>
          )}
          {dialog?.kind !== 'move' && (
            <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          )}
          {dialog?.kind === 'rename' && (
            <>
              <Form.Item name="fullName" label={t('fullName')} extra={t('fullNameHelp')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="docPrefix" label={t('docPrefix')} extra={t('docPrefixHelp')}>
                <Input maxLength={20} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'move' && (
            <Form.Item
              name="parentId"
              label={t('parent')}
              rules={[{ required: true, message: t('required') }]}
            >
              <TreeSelect
                treeData={parents}
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll={false}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
