import { useContext, useEffect, useMemo, useState } from 'react';
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
import { useNavigate } from 'react-router';
import { api, errorText, type AnswerOf, type Me } from '../../../web/src/api';
import { useSubmit } from '../../../web/src/use-submit';
import { I18nContext, useT } from '../../../web/src/i18n';
import { PartiesFields, partiesBody, RiskFields, useDisputeTypes, type PartyValues } from './fields';
import { BuildingPicker } from '../../base-data/web/BuildingPicker';

/**
 * The communities one may register a dispute in, under their streets (only communities are
 * picked): community staff their own, the justice bureau every community of the district.
 */
function useCommunityTree() {
  const [items, setItems] = useState<AnswerOf<'/api/dispute-communities'>['items']>([]);
  useEffect(() => {
    api<AnswerOf<'/api/dispute-communities'>>('/api/dispute-communities').then((r) => setItems(r.items));
  }, []);
  return useMemo(() => {
    const streets = new Map<
      string,
      { value: string; title: string; selectable: false; children: object[] }
    >();
    for (const c of items) {
      const key = c.streetId ?? '';
      if (!streets.has(key))
        streets.set(key, {
          value: `street:${key}`,
          title: c.streetName ?? '',
          selectable: false,
          children: [],
        });
      streets.get(key)!.children.push({ value: c.id, title: c.name });
    }
    return [...streets.values()];
  }, [items]);
}

export const STAGES = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL', 'AGREED', 'ARCHIVED', 'CLOSED'] as const;
const RISK_COLOR = { LOW: 'green', MEDIUM: 'orange', HIGH: 'red' } as const;
const CLOCK_COLOR = { onTime: 'green', yellow: 'gold', red: 'red' } as const;

type Overview = AnswerOf<'/api/disputes'>;
type DisputeRow = Overview['items'][number];

/**
 * 矛盾调解: the mediation overview of the caller's area (counts per stage, clocks, the disputes),
 * registration for staff; a dispute opens at its own URL (/disputes/:id).
 */
export function DisputesPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [page, setPage] = useState(1);
  const [stage, setStage] = useState<string | undefined>();
  const [data, setData] = useState<Overview>();
  const navigate = useNavigate();
  const open = (id: string) => navigate(`/disputes/${id}`);
  const [registering, setRegistering] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams({ page: String(page), pageSize: '20', ...(stage ? { stage } : {}) });
    api<Overview>(`/api/disputes?${params}`).then(setData, (err) => message.error(errorText(err, locale)));
  }, [page, stage, locale]);

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
        onRow={(row) => ({ onClick: () => open(row.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage }}
        columns={[
          { title: t('caseNo'), dataIndex: 'caseNo' },
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
            title: t('escalationRisk'),
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
          open(id);
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
  const [form] = Form.useForm();
  const types = useDisputeTypes(open);
  const units = useCommunityTree();
  const [submit] = useSubmit(form);
  const register = async (values: { reasons?: string[]; level: string; parties: PartyValues[] }) => {
    const { reasons, level, parties, ...rest } = values;
    let created: { id: string; caseNo: string } | undefined;
    const sent = await submit(async () => {
      created = await api<AnswerOf<'/api/disputes', 'post'>>('/api/disputes', {
        body: { ...rest, parties: partiesBody(parties), risk: { level, reasons: reasons ?? [] } },
      });
    });
    if (!sent || !created) return;
    message.success(created.caseNo);
    form.resetFields();
    onDone(created.id);
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Drawer open={open} onClose={onClose} title={t('registerDispute')} width={560} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={register}
        initialValues={{ parties: [{}, {}], level: 'LOW' }}
      >
        <Form.Item name="type" label={t('disputeType')} rules={required}>
          <Select options={types} />
        </Form.Item>
        <Form.Item name="communityId" label={t('disputeCommunity')} rules={required}>
          <TreeSelect
            treeData={units}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            data-testid="dispute-community"
          />
        </Form.Item>
        {/* The building the dispute is about; its community is the dispute's unless changed. */}
        <BuildingPicker onPicked={(b) => b && form.setFieldValue('communityId', b.orgId)} />
        <Form.Item name="amount" label={t('amount')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label={t('summary')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <PartiesFields />
        <div style={{ marginTop: 16 }}>
          <RiskFields />
        </div>
        <Button type="primary" htmlType="submit">
          {t('submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
