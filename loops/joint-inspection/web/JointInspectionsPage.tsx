import { useContext, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  message,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiFailure, errorText, type AnswerOf } from '../../../web/src/api';
import { fileBase64 } from '../../../web/src/file-base64';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { hasRole, useMe } from '../../../web/src/me';
import { useLoad } from '../../../web/src/use-load';
import { useSubmit } from '../../../web/src/use-submit';

type Inspection = AnswerOf<'/api/joint-inspections'>['items'][number];
type Plan = AnswerOf<'/api/inspection-plans'>['items'][number];
type Enterprise = AnswerOf<'/api/enterprises'>['items'][number];
const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/**
 * 信用+联合检查: the inspections the caller's department is on (the district: all of them, with the
 * visits merging saved, and the planner's 合并排期), the plans its department filed, and the
 * enterprises with their credit grade (the credit keepers import grades here).
 */
export function JointInspectionsPage() {
  const t = useT();
  const me = useMe();
  const district = me.org.type === 'DISTRICT';
  const department = me.org.type === 'DEPARTMENT' && hasRole(me, 'STAFF');
  const keepsGrades = district || (department && me.org.deptKind === 'market');
  return (
    <Card title={t('inspections')}>
      <Tabs
        items={[
          { key: 'list', label: t('inspection.list'), children: <Inspections district={district} /> },
          { key: 'plans', label: t('inspection.plans'), children: <Plans mayFile={department} /> },
          {
            key: 'enterprises',
            label: t('inspection.enterprises'),
            children: <Enterprises mayImport={keepsGrades} />,
          },
        ]}
      />
    </Card>
  );
}

function Inspections({ district }: { district: boolean }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => api<AnswerOf<'/api/joint-inspections'>>(`/api/joint-inspections?page=${page}`),
    [page],
  );
  const stats = useLoad(
    () => api<AnswerOf<'/api/joint-inspections/stats'>>('/api/joint-inspections/stats'),
    [],
  );
  const [merging, setMerging] = useState(false);
  const { locale } = useContext(I18nContext);
  const merge = async () => {
    setMerging(true);
    try {
      const made = await api<AnswerOf<'/api/joint-inspections/merge', 'post'>>(
        '/api/joint-inspections/merge',
        {
          method: 'POST',
        },
      );
      message.success(t('inspection.merged', { n: made.items.length }));
      list.reload();
      stats.reload();
    } catch (err) {
      message.error(errorText(err, locale));
    } finally {
      setMerging(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {district && (
          <Button type="primary" loading={merging} onClick={merge}>
            {t('inspection.merge')}
          </Button>
        )}
        {stats.data && (
          <span data-testid="inspection-saved">
            {t('inspection.saved', {
              plans: stats.data.plans,
              inspections: stats.data.inspections,
              saved: stats.data.saved,
            })}{' '}
            {t('inspection.selfChecked', { n: stats.data.selfChecked })}{' '}
            {stats.data.byGrade.map((g) => (
              <Tag key={g.grade ?? '-'} color={GRADE_COLOR[g.grade ?? '']}>
                {g.grade ?? '—'}: {g.saved}
              </Tag>
            ))}
          </span>
        )}
      </Space>
      {list.error && <Alert type="warning" message={list.error} />}
      <Table<Inspection>
        rowKey="id"
        size="middle"
        scroll={{ x: 900 }}
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical">
              {r.plans.map((p) => (
                <span key={p.id}>
                  {r.departments.find((d) => d.id === p.deptId)?.name}: {p.matter}
                </span>
              ))}
              {r.findings.map((f) => (
                <span key={f.deptId}>
                  <Tag color={f.result === 'SERIOUS' ? 'red' : f.result === 'ISSUES' ? 'orange' : 'green'}>
                    {t(`inspection.${f.result}` as MessageKey)}
                  </Tag>
                  {r.departments.find((d) => d.id === f.deptId)?.name}: {f.text}
                  {f.eventId && (
                    <>
                      {' '}
                      <Link to={`/cases/${f.eventId}`}>{t('inspection.enforcementCase')}</Link>
                    </>
                  )}
                </span>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: t('caseNo'), dataIndex: 'caseNo', width: 150 },
          { title: t('inspection.enterprise'), render: (_, r) => r.business.name },
          {
            title: t('inspection.grade'),
            dataIndex: 'grade',
            width: 90,
            render: (g: string | null) => (g ? <Tag color={GRADE_COLOR[g]}>{g}</Tag> : '—'),
          },
          {
            title: t('inspection.period'),
            width: 200,
            render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}`,
          },
          { title: t('inspection.lead'), render: (_, r) => r.lead.name },
          {
            title: t('inspection.departments'),
            render: (_, r) => r.departments.map((d) => d.name).join('、'),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <Tag>{t(`inspection.${s}` as MessageKey)}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

function EnterpriseSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const found = useLoad(
    () =>
      api<AnswerOf<'/api/enterprises'>>(
        `/api/enterprises?pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
    [q],
  );
  return (
    <Select
      {...props}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={found.loading}
      options={found.data?.items.map((e) => ({ value: e.id, label: `${e.name}（${e.grade ?? '—'}）` }))}
    />
  );
}

function Plans({ mayFile }: { mayFile: boolean }) {
  const t = useT();
  const me = useMe();
  const { locale } = useContext(I18nContext);
  const [link, setLink] = useState<{ url: string; expiresAt: string }>();
  const issueLink = async (plan: Plan) => {
    try {
      const made = await api<{ path: string; expiresAt: string }>(
        `/api/inspection-plans/${plan.id}/self-check`,
        {
          method: 'POST',
        },
      );
      setLink({ url: `${window.location.origin}${made.path}`, expiresAt: made.expiresAt });
    } catch (err) {
      message.error(errorText(err, locale));
    }
  };
  const [form] = Form.useForm();
  const [submit, saving] = useSubmit(form);
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => api<AnswerOf<'/api/inspection-plans'>>(`/api/inspection-plans?page=${page}`),
    [page],
  );
  const file = (v: { businessId: string; matter: string; period: [Dayjs, Dayjs]; complaint?: boolean }) =>
    submit(() =>
      api('/api/inspection-plans', {
        body: {
          businessId: v.businessId,
          matter: v.matter,
          periodStart: v.period[0].format('YYYY-MM-DD'),
          periodEnd: v.period[1].format('YYYY-MM-DD'),
          complaint: !!v.complaint,
        },
      }),
    ).then((ok) => {
      if (!ok) return;
      form.resetFields();
      list.reload();
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mayFile && (
        <Form form={form} layout="inline" onFinish={file}>
          <Form.Item name="businessId" label={t('inspection.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect />
          </Form.Item>
          <Form.Item name="matter" label={t('inspection.matter')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="period" label={t('inspection.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="complaint" valuePropName="checked">
            <Checkbox>{t('inspection.complaint')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('inspection.file')}
          </Button>
        </Form>
      )}
      {link && (
        <Alert
          type="info"
          closable
          onClose={() => setLink(undefined)}
          message={t('inspection.selfCheckLinkOnce', {
            date: new Date(link.expiresAt).toLocaleDateString(locale),
          })}
          description={<Typography.Text copyable>{link.url}</Typography.Text>}
        />
      )}
      {list.error && <Alert type="warning" message={list.error} />}
      <Table<Plan>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t('inspection.matter'), dataIndex: 'matter' },
          { title: t('inspection.period'), render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
          {
            title: t('inspection.complaint'),
            dataIndex: 'complaint',
            render: (c: boolean) => (c ? '✓' : ''),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`inspection.${s}` as MessageKey)}</Tag>,
          },
          {
            title: '',
            render: (_, r) =>
              r.status === 'PLANNED' &&
              r.deptId === me.org.id && (
                <Button size="small" onClick={() => issueLink(r)}>
                  {t('inspection.selfCheckLink')}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}

function Enterprises({ mayImport }: { mayImport: boolean }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad(
    () =>
      api<AnswerOf<'/api/enterprises'>>(
        `/api/enterprises?page=${page}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
    [q, page],
  );
  const [problems, setProblems] = useState<string[]>([]);
  const upload = async (f: File) => {
    setProblems([]);
    try {
      const r = await api<{ received: number; kept: number }>('/api/credit-grades/import', {
        body: { fileName: f.name, content: await fileBase64(f) },
      });
      message.success(t('inspection.imported', r));
      list.reload();
    } catch (err) {
      if (err instanceof ApiFailure)
        setProblems(err.fieldErrors(locale).map((e) => `${String(e.name.join('.'))}: ${e.errors.join(' ')}`));
      message.error(errorText(err, locale));
    }
    return false;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('inspection.enterprise')}
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
        />
        {mayImport && (
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={upload}>
            <Button>{t('inspection.importGrades')}</Button>
          </Upload>
        )}
      </Space>
      {mayImport && <Alert type="info" message={t('inspection.importHelp')} />}
      {problems.length > 0 && <Alert type="error" message={problems.join('；')} />}
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t('inspection.enterprise'), dataIndex: 'name' },
          { title: t('inspection.uscc'), dataIndex: 'uscc' },
          {
            title: t('inspection.grade'),
            dataIndex: 'grade',
            render: (g: string | null) => (g ? <Tag color={GRADE_COLOR[g]}>{g}</Tag> : '—'),
          },
        ]}
      />
    </Space>
  );
}
