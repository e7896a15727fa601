import { useContext, useEffect, useState } from 'react';
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  message,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import { api, ApiFailure, errorText, type Me } from '../api';
import { I18nContext, useT, type MessageKey } from '../i18n';
import { useUnitTree } from '../units';
import { DisputeCase } from './DisputeCase';

export const STAGES = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL', 'AGREED', 'ARCHIVED', 'CLOSED'] as const;
const RISK_COLOR = { LOW: 'green', MEDIUM: 'orange', HIGH: 'red' } as const;
const CLOCK_COLOR = { onTime: 'green', yellow: 'gold', red: 'red' } as const;

interface DisputeRow {
  id: string;
  caseNo: string;
  type: { name: string };
  stage: (typeof STAGES)[number];
  riskLevel: keyof typeof RISK_COLOR;
  fastTrack: boolean;
  stageRedAt: string | null;
  clock: keyof typeof CLOCK_COLOR | null;
  createdAt: string;
}

interface Overview {
  total: number;
  byStage: Partial<Record<(typeof STAGES)[number], number>>;
  clocks: { yellow: number; red: number };
  items: DisputeRow[];
}

/**
 * 矛盾调解: the mediation overview of the caller's area (counts per stage, clocks, the disputes),
 * registration for staff, and the case page of a dispute.
 */
export function DisputesPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [page, setPage] = useState(1);
  const [stage, setStage] = useState<string | undefined>();
  const [data, setData] = useState<Overview>();
  const [open, setOpen] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const params = new URLSearchParams({ page: String(page), pageSize: '20', ...(stage ? { stage } : {}) });
    api<Overview>(`/api/disputes?${params}`).then(setData, (err) => message.error(errorText(err, locale)));
  }, [page, stage, locale, reload]);

  if (open) return <DisputeCase id={open} onBack={() => setOpen(null)} />;
  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(locale) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('mediationOverview')}
        extra={
          me.roles.includes('STAFF') && (
            <Button type="primary" onClick={() => setRegistering(true)}>
              {t('registerDispute')}
            </Button>
          )
        }
      >
        <Space wrap size="large">
          {STAGES.map((s) => (
            <Statistic key={s} title={t(s)} value={data?.byStage[s] ?? 0} suffix={t('caseCount')} />
          ))}
          <Statistic
            title={t('yellowCount')}
            value={data?.clocks.yellow ?? 0}
            valueStyle={{ color: '#d4b106' }}
          />
          <Statistic title={t('redCount')} value={data?.clocks.red ?? 0} valueStyle={{ color: '#cf1322' }} />
        </Space>
      </Card>
      <Table<DisputeRow>
        rowKey="id"
        dataSource={data?.items}
        onRow={(row) => ({ onClick: () => setOpen(row.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage }}
        columns={[
          { title: 'No.', dataIndex: 'caseNo' },
          { title: t('disputeType'), render: (_, r) => r.type.name },
          {
            title: t('stage'),
            dataIndex: 'stage',
            filters: STAGES.map((s) => ({ text: t(s), value: s })),
            filterMultiple: false,
            filteredValue: stage ? [stage] : null,
            onFilter: () => true,
            render: (s: DisputeRow['stage'], r) => (
              <Space>
                {t(s)}
                {r.fastTrack && <Tag color="magenta">{t('fastTrack')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('riskLevel'),
            dataIndex: 'riskLevel',
            render: (l: DisputeRow['riskLevel']) => <Tag color={RISK_COLOR[l]}>{t(l)}</Tag>,
          },
          {
            title: t('stageLimit'),
            render: (_, r) => (r.clock ? <Tag color={CLOCK_COLOR[r.clock]}>{fmt(r.stageRedAt)}</Tag> : '—'),
          },
          { title: t('created'), dataIndex: 'createdAt', render: fmt },
        ]}
        onChange={(_, filters) => {
          setStage((filters.stage?.[0] as string | undefined) ?? undefined);
          setPage(1);
        }}
      />
      <RegisterDrawer
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={(id) => {
          setRegistering(false);
          setReload((n) => n + 1);
          setOpen(id);
        }}
      />
    </Space>
  );
}

/** 纠纷登记: type, amount, summary, community, two or more parties, the risk assessment. */
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
  const [types, setTypes] = useState<{ code: string; name: string }[]>([]);
  const units = useUnitTree();
  useEffect(() => {
    if (open)
      api<{ items: { code: string; name: string }[] }>('/api/dispute-types').then((r) => setTypes(r.items));
  }, [open]);
  const submit = async (values: Record<string, unknown>) => {
    try {
      const { reasons, level, ...rest } = values as { reasons?: string[]; level: string };
      const created = await api<{ id: string; caseNo: string }>('/api/disputes', {
        body: { ...rest, risk: { level, reasons: reasons ?? [] } },
      });
      message.success(created.caseNo);
      form.resetFields();
      onDone(created.id);
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
    }
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Drawer open={open} onClose={onClose} title={t('registerDispute')} width={560} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ parties: [{}, {}], level: 'LOW' }}
      >
        <Form.Item name="type" label={t('disputeType')} rules={required}>
          <Select options={types.map((ty) => ({ value: ty.code, label: ty.name }))} />
        </Form.Item>
        <Form.Item name="communityId" label={t('disputeCommunity')} rules={required}>
          <TreeSelect treeData={units} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="amount" label={t('amount')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label={t('summary')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="parties">
          {(fields, { add }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} label={t('partyName')} rules={required}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} label={t('phone')}>
                    <Input />
                  </Form.Item>
                </Space>
              ))}
              <Button onClick={() => add({})}>{t('addParty')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="level" label={t('riskLevel')} rules={required} style={{ marginTop: 16 }}>
          <Select
            options={(['LOW', 'MEDIUM', 'HIGH'] as MessageKey[]).map((l) => ({ value: l, label: t(l) }))}
          />
        </Form.Item>
        <Form.Item name="reasons" label={t('riskReasons')}>
          <Select mode="tags" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
