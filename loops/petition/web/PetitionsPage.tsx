import { useContext, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  List,
  message,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { api, ApiFailure, errorText, type AnswerOf, type BodyOf, type QueryOf } from '../../../web/src/api';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { useMe } from '../../../web/src/me';
import { useLoad } from '../../../web/src/use-load';
import { BuildingPicker } from '../../base-data/web/BuildingPicker';

export const STATUSES = ['REGISTERED', 'HANDLING', 'NOT_ACCEPTED', 'REPLIED', 'REVIEWING', 'CLOSED'] as const;
export type PetitionStatus = (typeof STATUSES)[number];
const CHANNELS = ['VISIT', 'LETTER', 'PHONE', 'ONLINE', 'EVENT'] as const;
export const STATUS_COLOR: Record<PetitionStatus, string> = {
  REGISTERED: 'blue',
  HANDLING: 'processing',
  NOT_ACCEPTED: 'default',
  REPLIED: 'cyan',
  REVIEWING: 'purple',
  CLOSED: 'green',
};

/** A row of GET /api/petitions (and of the duplicates a registration is shown): no identity but the masked name. */
type PetitionRow = AnswerOf<'/api/petitions'>['items'][number];

type Query = QueryOf<'/api/petitions'>;
const PAGE_SIZE = 20;

/**
 * 信访: the petitions the caller may read (the API scopes them: the office, the handling and
 * reviewing units and the chain above), by status and overdue clock, paged by the server; the
 * 信访 office registers new ones here. A row opens the petition's page.
 */
export function PetitionsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { locale } = useContext(I18nContext);
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<PetitionStatus>();
  const [overdue, setOverdue] = useState<Query['overdue']>();
  const [registering, setRegistering] = useState(false);
  const list = useLoad(() => {
    const query: Query = { page, pageSize: PAGE_SIZE, status, overdue };
    const params = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
    );
    return api<AnswerOf<'/api/petitions'>>(`/api/petitions?${params}`);
  }, [page, status, overdue]);
  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(locale) : '—');
  const mayRegister = me.org.deptKind === 'petition' && me.roles.includes('STAFF');

  return (
    <Card
      title={t('petitionList')}
      extra={
        mayRegister && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            {t('registerPetition')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('overdueFilter')}</span>
        <Segmented
          value={overdue ?? 'all'}
          options={[
            { value: 'all', label: t('all') },
            { value: 'true', label: t('overdueOnly') },
            { value: 'false', label: t('notOverdue') },
          ]}
          onChange={(v) => {
            setOverdue(v === 'all' ? undefined : (v as Query['overdue']));
            setPage(1);
          }}
        />
        {list.data && <span>{t('petitionCount', { n: list.data.total })}</span>}
      </Space>
      {list.error ? (
        <Result
          status="warning"
          title={list.error}
          extra={<Button onClick={list.reload}>{t('retry')}</Button>}
        />
      ) : (
        <Table<PetitionRow>
          rowKey="id"
          size="middle"
          scroll={{ x: 860 }}
          loading={list.loading}
          dataSource={list.data?.items}
          onRow={(row) => ({ onClick: () => navigate(`/petitions/${row.id}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage }}
          onChange={(_, filters) => {
            setStatus((filters.status?.[0] as PetitionStatus | undefined) ?? undefined);
            setPage(1);
          }}
          columns={[
            { title: t('caseNo'), dataIndex: 'caseNo', width: 150 },
            { title: t('matter'), dataIndex: 'matter', ellipsis: true },
            { title: t('petitioner'), dataIndex: 'petitionerName', width: 100 },
            {
              title: t('channel'),
              dataIndex: 'channel',
              width: 100,
              render: (c: PetitionRow['channel']) => t(`channel.${c}`),
            },
            {
              title: t('petitionStatus'),
              dataIndex: 'status',
              key: 'status',
              width: 130,
              filters: STATUSES.map((s) => ({ text: t(`petition.${s}`), value: s })),
              filterMultiple: false,
              filteredValue: status ? [status] : null,
              onFilter: () => true,
              render: (s: PetitionStatus) => <Tag color={STATUS_COLOR[s]}>{t(`petition.${s}`)}</Tag>,
            },
            {
              title: t('currentLimit'),
              width: 160,
              render: (_, r) =>
                r.dueAt ? (
                  <Space size={4}>
                    {fmt(r.dueAt)}
                    {r.overdue && <Tag color="red">{t('overdueTag')}</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('receivedAt'), dataIndex: 'receivedAt', width: 120, render: fmt },
          ]}
        />
      )}
      {mayRegister && (
        <RegisterDrawer
          open={registering}
          onClose={() => setRegistering(false)}
          onDone={(id) => navigate(`/petitions/${id}`)}
        />
      )}
    </Card>
  );
}

type NewPetition = BodyOf<'/api/petitions'>;
type DuplicateCheck = AnswerOf<'/api/petitions/duplicate-check', 'post'>;

/**
 * 信访登记: channel, when received, the petitioner, matter and requests. Before saving, the
 * registrar is shown a possible duplicate (the same petitioner and matter within a year) and
 * registers only after confirming; a matter concluded by 复核 is refused with its reason.
 */
function RegisterDrawer({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [check, setCheck] = useState<DuplicateCheck>();
  const [saving, setSaving] = useState(false);

  const bodyOf = (v: Record<string, unknown>, duplicateAcknowledged: boolean): NewPetition => {
    const values = v as Omit<NewPetition, 'receivedAt'> & { receivedAt: dayjs.Dayjs };
    // Empty optional fields are left out: the API validates what it is given.
    const petitioner = Object.fromEntries(
      Object.entries(values.petitioner).filter(([, value]) => value),
    ) as NewPetition['petitioner'];
    return {
      channel: values.channel,
      receivedAt: values.receivedAt.toISOString(),
      petitioner,
      matter: values.matter,
      requests: values.requests,
      ...(values.buildingId ? { buildingId: values.buildingId } : {}),
      ...(values.roomId ? { roomId: values.roomId } : {}),
      ...(duplicateAcknowledged ? { duplicateAcknowledged } : {}),
    };
  };

  const submit = async (duplicateAcknowledged: boolean) => {
    setSaving(true);
    try {
      const body = bodyOf(await form.validateFields(), duplicateAcknowledged);
      if (!duplicateAcknowledged) {
        const found = await api<DuplicateCheck>('/api/petitions/duplicate-check', {
          body: {
            petitioner: body.petitioner,
            matter: body.matter,
            receivedAt: body.receivedAt,
          } satisfies BodyOf<'/api/petitions/duplicate-check'>,
        });
        if (found.refused || found.duplicates.length) return setCheck(found);
      }
      const created = await api<AnswerOf<'/api/petitions', 'post'>>('/api/petitions', { body });
      message.success(`${t('registerPetition')} ${created.caseNo}`);
      form.resetFields();
      setCheck(undefined);
      onDone(created.id);
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      // antd's own validation failure is already shown on the fields.
      if (!(err && typeof err === 'object' && 'errorFields' in err)) message.error(errorText(err, locale));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('required') }];
  return (
    <Drawer open={open} onClose={onClose} title={t('registerPetition')} width={560} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'VISIT', receivedAt: dayjs() }}
        onValuesChange={() => setCheck(undefined)}
      >
        <Form.Item name="channel" label={t('channel')} rules={required}>
          <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('receivedAt')} rules={required}>
          <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={['petitioner', 'name']} label={t('petitionerName')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Space wrap>
          <Form.Item name={['petitioner', 'idNo']} label={t('idNo')}>
            <Input maxLength={18} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name={['petitioner', 'phone']} label={t('phone')}>
            <Input maxLength={20} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name={['petitioner', 'address']} label={t('petitionerAddress')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="matter" label={t('matter')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="requests" label={t('requests')} rules={required}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <BuildingPicker withRooms />
        {check?.refused && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={check.refused.reason[locale]} />
        )}
        {check && !check.refused && check.duplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('possibleDuplicates')}
            description={
              <List
                size="small"
                dataSource={check.duplicates}
                renderItem={(d) => (
                  <List.Item>
                    {d.caseNo} · {d.matter} · {new Date(d.receivedAt).toLocaleDateString(locale)} ·{' '}
                    {t(`petition.${d.status}`)}
                  </List.Item>
                )}
              />
            }
          />
        )}
        {check && !check.refused && check.duplicates.length > 0 ? (
          <Button type="primary" danger loading={saving} onClick={() => void submit(true)}>
            {t('registerAnyway')}
          </Button>
        ) : (
          <Button
            type="primary"
            loading={saving}
            disabled={!!check?.refused}
            onClick={() => void submit(false)}
          >
            {t('submit')}
          </Button>
        )}
      </Form>
    </Drawer>
  );
}
