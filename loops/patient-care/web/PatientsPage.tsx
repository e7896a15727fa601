import { useContext, useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Form,
  Grid,
  Input,
  List,
  message,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { useSubmit } from '../../../web/src/use-submit';
import { I18nContext, useT } from '../../../web/src/i18n';
import { hasRole, useMe } from '../../../web/src/me';
import { TeamFields, teamBody, useGridCandidates, useGridTree, type MemberRow } from './file-fields';
import { PatientFile } from './PatientFile';
import { BuildingPicker } from '../../base-data/web/BuildingPicker';

type PersonRow = AnswerOf<'/api/patients'>['items'][number];

export const RISK_COLOR = ['green', 'lime', 'gold', 'orange', 'volcano', 'red'];

/**
 * 建档: the person, the grid (picked by name among those the caller may open files in), the risk
 * level and the team from the grid's candidates; the API checks the ID number (GB 11643) and the
 * rest, and the file opens once saved.
 */
function OpenFile({
  grids,
  onDone,
}: {
  grids: ReturnType<typeof useGridTree>;
  onDone: (id: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [send, saving] = useSubmit(form);
  const candidates = useGridCandidates(Form.useWatch('gridId', form));
  const required = [{ required: true, message: t('required') }];
  const submit = async ({ team, designated, ...person }: Record<string, unknown>) => {
    const body = { ...person, team: teamBody(team as MemberRow[], designated as number) };
    let id = '';
    if (!(await send(async () => ({ id } = await api<{ id: string }>('/api/patients', { body }))))) return;
    message.success(t('fileOpened'));
    setOpen(false);
    onDone(id);
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="open-file">
        {t('openFile')}
      </Button>
      <Modal
        open={open}
        title={t('openFile')}
        width={760}
        okText={t('openFile')}
        okButtonProps={{ loading: saving }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={submit}
          initialValues={{ riskLevel: 0, guardianAgreement: false, team: [{}], designated: 0 }}
          data-testid="open-file-form"
        >
          <Space wrap align="start">
            <Form.Item name="name" label={t('personName')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="gender" label={t('gender')}>
              <Radio.Group>
                <Radio.Button value="M">{t('gender.M')}</Radio.Button>
                <Radio.Button value="F">{t('gender.F')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="idNumber" label={t('idNumber')} rules={required}>
              <Input maxLength={18} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="phone" label={t('phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Space>
          {/* Where the person lives: the building's address and grid stand in, to be corrected. */}
          <BuildingPicker
            onPicked={(b) =>
              b &&
              form.setFieldsValue({
                ...(form.getFieldValue('address') ? {} : { address: b.address }),
                ...(b.gridId ? { gridId: b.gridId } : {}),
              })
            }
          />
          <Form.Item name="address" label={t('address')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="gridId" label={t('grid')} rules={required}>
              <TreeSelect
                treeData={grids}
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                style={{ width: 240 }}
              />
            </Form.Item>
            <Form.Item name="riskLevel" label={t('riskLevel')} rules={required}>
              <Select
                style={{ width: 100 }}
                options={RISK_COLOR.map((_, level) => ({ value: level, label: String(level) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="diagnosis" label={t('diagnosis')}>
            <Input maxLength={500} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="guardianName" label={t('guardian')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="guardianPhone" label={t('guardianPhone')}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="guardianAgreement" label={t('guardianAgreement')} valuePropName="checked">
              <Checkbox>{t('signed')}</Checkbox>
            </Form.Item>
          </Space>
          {candidates && <TeamFields list="team" candidates={candidates} />}
        </Form>
      </Modal>
    </>
  );
}

/**
 * 重点人员: the files the caller may read (GET /api/patients, scoped by the API), filtered by
 * risk, overdue follow-up and street, paged by the server; a row opens the file. On a phone the
 * table becomes a list the grid member can tap.
 */
export function PatientsPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const narrow = !Grid.useBreakpoint().md;
  const [openId, setOpenId] = useState<string | null>(null);
  const [query, setQuery] = useState<{ page: number; risk?: number; overdue?: boolean; street?: string }>({
    page: 1,
  });
  const [data, setData] = useState<{ total: number; items: PersonRow[] }>({ total: 0, items: [] });
  const [streets, setStreets] = useState<{ id: string; name: string }[]>([]);
  const [loading, setLoading] = useState(false);
  // 建档 is community staff's and the psychiatric doctor's, in the grids the API lists for them.
  const grids = useGridTree(hasRole(useMe(), 'STAFF', 'PSYCHIATRIC_DOCTOR'));

  useEffect(() => {
    api<AnswerOf<'/api/orgs'>>('/api/orgs').then((r) =>
      setStreets(r.items.filter((o) => o.type === 'STREET')),
    );
  }, []);
  useEffect(() => {
    if (openId) return;
    setLoading(true);
    const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
    if (query.risk !== undefined) params.set('risk', String(query.risk));
    if (query.overdue !== undefined) params.set('overdue', String(query.overdue));
    if (query.street) params.set('street', query.street);
    api<AnswerOf<'/api/patients'>>(`/api/patients?${params}`)
      .then(setData, (err) => message.error(errorText(err, locale)))
      .finally(() => setLoading(false));
  }, [query, locale, openId]);

  if (openId) return <PatientFile id={openId} onBack={() => setOpenId(null)} />;

  const risk = (level: number) => (
    <Tag color={RISK_COLOR[level]}>
      {t('riskLevel')} {level}
    </Tag>
  );
  const due = (p: PersonRow) =>
    p.nextFollowUpDueAt ? (
      <Typography.Text type={p.overdue ? 'danger' : undefined}>
        {new Date(p.nextFollowUpDueAt).toLocaleDateString(locale)}
        {p.overdue && ` · ${t('followUpOverdue')}`}
      </Typography.Text>
    ) : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patients-page">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('patients')}
        </Typography.Title>
        {grids.length > 0 && <OpenFile grids={grids} onDone={setOpenId} />}
      </Space>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('riskLevel')}
          style={{ width: 120 }}
          value={query.risk}
          onChange={(risk) => setQuery({ ...query, page: 1, risk })}
          options={RISK_COLOR.map((_, level) => ({ value: level, label: `${t('riskLevel')} ${level}` }))}
        />
        {streets.length > 1 && (
          <Select
            allowClear
            placeholder={t('street')}
            style={{ width: 140 }}
            value={query.street}
            onChange={(street) => setQuery({ ...query, page: 1, street })}
            options={streets.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <Space>
          <Switch
            size="small"
            checked={query.overdue === true}
            onChange={(on) => setQuery({ ...query, page: 1, overdue: on ? true : undefined })}
          />
          {t('followUpOverdue')}
        </Space>
      </Space>
      {narrow ? (
        <List
          loading={loading}
          dataSource={data.items}
          pagination={{
            current: query.page,
            total: data.total,
            pageSize: 20,
            onChange: (page) => setQuery({ ...query, page }),
          }}
          renderItem={(p) => (
            <List.Item
              onClick={() => setOpenId(p.id)}
              style={{ cursor: 'pointer' }}
              data-testid="patient-row"
            >
              <List.Item.Meta
                title={
                  <Space>
                    {p.name}
                    {risk(p.riskLevel)}
                  </Space>
                }
                description={
                  <Space split="·" wrap>
                    {p.gridName}
                    {due(p)}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<PersonRow>
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: query.page,
            total: data.total,
            pageSize: 20,
            onChange: (page) => setQuery({ ...query, page }),
          }}
          columns={[
            {
              title: t('personName'),
              dataIndex: 'name',
              render: (name) => <span data-testid="patient-row">{name}</span>,
            },
            { title: t('grid'), dataIndex: 'gridName' },
            { title: t('riskLevel'), dataIndex: 'riskLevel', render: risk },
            {
              title: t('guardianAgreement'),
              dataIndex: 'guardianAgreement',
              render: (signed: boolean) => (signed ? t('signed') : t('unsigned')),
            },
            { title: t('nextFollowUp'), render: (_, p) => due(p) },
          ]}
        />
      )}
    </Space>
  );
}
