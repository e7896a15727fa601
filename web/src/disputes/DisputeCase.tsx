import { useCallback, useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  message,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { api, ApiFailure, errorText } from '../api';
import { I18nContext, useT, type MessageKey } from '../i18n';

interface Dispute {
  id: string;
  caseNo: string;
  type: { name: string };
  amount: number | null;
  summary: string;
  stage: MessageKey;
  riskLevel: MessageKey;
  fastTrack: boolean;
  stageDueAt: string | null;
  stageRedAt: string | null;
  confirmDueAt: string | null;
  closureOptions: string[];
  closureNote: string | null;
  contactsMasked: boolean;
  parties: { id: string; name: string; phone: string | null }[];
  risks: { id: string; level: MessageKey; reasons: string[]; at: string }[];
  sessions: { id: string; stage: MessageKey; heldAt: string; attendees: string[]; result: string }[];
  agreement: { terms: string; signedAt: string; signatures: string[] } | null;
  visits: { id: string; seq: number; dueAt: string; doneAt: string | null; result: string | null }[];
  steps: { key: string; name: string; dueDate: string | null; redAt: string | null }[];
  units: Record<string, string>;
  handlerUnitIds: string[];
}

/** A dispute's case page: parties, clocks, the open steps, sessions (with the session form), agreement, visits, risks. */
export function DisputeCase({ id, onBack }: { id: string; onBack: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [d, setD] = useState<Dispute>();
  const load = useCallback(
    () => api<Dispute>(`/api/disputes/${id}`).then(setD, (err) => message.error(errorText(err, locale))),
    [id, locale],
  );
  useEffect(() => void load(), [load]);
  if (!d) return null;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const mediating = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL'].includes(d.stage);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dispute-case">
      <Button onClick={onBack}>{t('back')}</Button>
      <Card title={`${d.caseNo} · ${d.type.name}`} extra={<Tag color="blue">{t(d.stage)}</Tag>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('summary')}>{d.summary}</Descriptions.Item>
          <Descriptions.Item label={t('amount')}>{d.amount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('riskLevel')}>
            <Tag color={d.riskLevel === 'HIGH' ? 'red' : d.riskLevel === 'MEDIUM' ? 'orange' : 'green'}>
              {t(d.riskLevel)}
            </Tag>
            {d.fastTrack && <Tag color="magenta">{t('fastTrack')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('unit')}>
            {d.handlerUnitIds.map((u) => d.units[u]).join(' → ')}
          </Descriptions.Item>
          {mediating && <Descriptions.Item label={t('stageLimit')}>{when(d.stageRedAt)}</Descriptions.Item>}
          {d.confirmDueAt && (
            <Descriptions.Item label={t('confirmWindow')}>{when(d.confirmDueAt)}</Descriptions.Item>
          )}
          {d.closureNote && <Descriptions.Item label={t('CLOSED')}>{d.closureNote}</Descriptions.Item>}
        </Descriptions>
        {d.steps.map((s) => (
          <Tag key={s.key} color="processing">
            {s.name} · {t('dueDate')} {when(s.dueDate)}
          </Tag>
        ))}
      </Card>
      <Card title={t('parties')} size="small">
        {d.contactsMasked && (
          <Alert type="info" showIcon message={t('contactsMasked')} style={{ marginBottom: 8 }} />
        )}
        <List
          size="small"
          dataSource={d.parties}
          renderItem={(p) => (
            <List.Item>
              {p.name} {p.phone ?? ''}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('sessions')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.sessions}
          columns={[
            { title: t('heldAt'), dataIndex: 'heldAt', render: when },
            { title: t('stage'), dataIndex: 'stage', render: (s: MessageKey) => t(s) },
            { title: t('attendees'), dataIndex: 'attendees', render: (a: string[]) => a.join('、') },
            { title: t('sessionResult'), dataIndex: 'result' },
          ]}
        />
        {mediating && !d.contactsMasked && <SessionForm id={id} onDone={load} />}
      </Card>
      {d.agreement && (
        <Card title={t('agreement')} size="small">
          <p>{d.agreement.terms}</p>
          <p>
            {when(d.agreement.signedAt)} · {t('signatures')}：{d.agreement.signatures.join('、')}
          </p>
        </Card>
      )}
      {d.visits.length > 0 && (
        <Card title={t('visits')} size="small">
          <List
            size="small"
            dataSource={d.visits}
            renderItem={(v) => (
              <List.Item>
                #{v.seq} {t('dueDate')} {when(v.dueAt)}{' '}
                {v.doneAt ? `✓ ${when(v.doneAt)} ${v.result ?? ''}` : ''}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title={t('risks')} size="small">
        <List
          size="small"
          dataSource={d.risks}
          renderItem={(r) => (
            <List.Item>
              {when(r.at)} <Tag>{t(r.level)}</Tag> {r.reasons.join('、')}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** The mediator's session form: when, who attended, what happened. */
function SessionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const submit = async (v: { heldAt: dayjs.Dayjs; attendees: string[]; result: string }) => {
    try {
      await api(`/api/disputes/${id}/sessions`, {
        body: { heldAt: v.heldAt.toISOString(), attendees: v.attendees, result: v.result },
      });
      form.resetFields();
      onDone();
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
    }
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={submit}
      style={{ marginTop: 12 }}
      initialValues={{ heldAt: dayjs() }}
    >
      <Form.Item name="heldAt" label={t('heldAt')} rules={required}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="attendees" label={t('attendees')} rules={required}>
        <Select mode="tags" style={{ minWidth: 200 }} />
      </Form.Item>
      <Form.Item name="result" label={t('sessionResult')} rules={required}>
        <Input style={{ minWidth: 240 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('recordSession')}
      </Button>
    </Form>
  );
}
