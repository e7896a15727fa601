import { useContext, useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  message,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { api, type AnswerOf } from '../../../web/src/api';
import { OpenSteps } from '../../../web/src/forms/task-form';
import { useSubmit } from '../../../web/src/use-submit';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { useBack } from '../../../web/src/use-back';
import { useLoad } from '../../../web/src/use-load';
import { LoadError } from '../../../web/src/Loaded';
import { OverdueNotice } from '../../../web/src/pages/OverdueNotice';
import { PartiesFields, partiesBody, RiskFields, useDisputeTypes, type PartyValues } from './fields';

type Dispute = AnswerOf<'/api/disputes/{id}'>;

/**
 * A dispute's case page (/disputes/:id): parties, clocks, the open steps, sessions, consents,
 * agreement, visits, risks. Its mediators (who see contacts unmasked) also get the forms: correct
 * the type and parties, record a session, a party's consent to extend, the agreement, and
 * re-assess the risk.
 */
export function DisputeCase() {
  const id = useParams().id!;
  const onBack = useBack('/disputes');
  const t = useT();
  const { locale } = useContext(I18nContext);
  const dispute = useLoad(() => api<Dispute>(`/api/disputes/${id}`), [id]);
  const d = dispute.data;
  const load = dispute.reload;
  if (dispute.error) return <LoadError error={dispute.error} onRetry={load} />;
  if (!d) return <Spin />;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const mediating = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL'].includes(d.stage);
  // Contacts in full are for the units that mediate it: the same ones the API lets write.
  const mediator = !d.contactsMasked;
  const partyName = (partyId: string) => d.parties.find((p) => p.id === partyId)?.name ?? '—';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dispute-case">
      <Button onClick={onBack}>{t('back')}</Button>
      <OverdueNotice
        steps={d.steps}
        target={{ caseKind: 'DISPUTE', caseId: d.id, caseNo: d.caseNo }}
        maySupervise={d.maySupervise}
        onIssued={load}
      />
      <Card title={`${d.caseNo} · ${d.type.name}`} extra={<Tag color="blue">{t(d.stage)}</Tag>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('summary')}>{d.summary}</Descriptions.Item>
          <Descriptions.Item label={t('amount')}>{d.amount ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('escalationRisk')}>
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
      </Card>
      <OpenSteps steps={d.steps} units={d.units} onDone={load} />
      <Card
        title={t('parties')}
        size="small"
        extra={mediating && mediator && <CorrectDrawer dispute={d} onDone={load} />}
      >
        {d.contactsMasked && (
          <Alert type="info" showIcon message={t('contactsMasked')} style={{ marginBottom: 8 }} />
        )}
        <List
          size="small"
          dataSource={d.parties}
          renderItem={(p) => (
            <List.Item>
              {p.name} {p.phone ?? ''} {p.address ?? ''}
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
        {mediating && mediator && <SessionForm id={id} onDone={load} />}
      </Card>
      {(d.consents.length > 0 || (mediating && mediator)) && (
        <Card title={t('consents')} size="small" data-testid="consents">
          <List
            size="small"
            dataSource={d.consents}
            renderItem={(c) => (
              <List.Item>
                {when(c.at)} {partyName(c.partyId)} · {t(c.stage)} · {t('consentDaysOf', { days: c.days })}
                {c.usedAt && <Tag style={{ marginLeft: 8 }}>{t('consentUsed')}</Tag>}
              </List.Item>
            )}
          />
          {mediating && mediator && <ConsentForm dispute={d} onDone={load} />}
        </Card>
      )}
      {d.agreement ? (
        <Card
          title={t('agreement')}
          size="small"
          extra={
            // The paper to print and have signed: the mediating units' (they see the contacts).
            mediator && (
              <a
                href={`/api/disputes/${d.id}/agreement.pdf`}
                target="_blank"
                rel="noreferrer"
                data-testid="agreement-pdf"
              >
                {t('printAgreement')}
              </a>
            )
          }
        >
          <p>{d.agreement.terms}</p>
          <p>
            {when(d.agreement.signedAt)} · {t('signatures')}：{d.agreement.signatures.join('、')}
          </p>
        </Card>
      ) : (
        mediating &&
        mediator && (
          <Card title={t('agreement')} size="small">
            {/* Anew when the parties change: their names are the signatures it starts with. */}
            <AgreementForm key={d.parties.map((p) => p.id).join()} dispute={d} onDone={load} />
          </Card>
        )
      )}
      {d.agreement && (d.confirmation || d.canConfirm) && (
        <Card title={t('judicialConfirmation')} size="small" data-testid="confirmation">
          {d.confirmation ? (
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('appliedOn')}>{d.confirmation.appliedOn}</Descriptions.Item>
              <Descriptions.Item label={t('court')}>{d.confirmation.court}</Descriptions.Item>
              <Descriptions.Item label={t('applicants')}>
                {d.confirmation.applicants.join('、')}
              </Descriptions.Item>
              {d.confirmation.ruling && (
                <>
                  <Descriptions.Item label={t('ruling')}>
                    <Tag color={d.confirmation.ruling === 'CONFIRMED' ? 'green' : 'red'}>
                      {t(`ruling.${d.confirmation.ruling}`)}
                    </Tag>
                    {d.confirmation.ruledOn}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('courtCaseNo')}>{d.confirmation.courtCaseNo}</Descriptions.Item>
                </>
              )}
            </Descriptions>
          ) : (
            <ApplicationForm dispute={d} onDone={load} />
          )}
          {d.confirmation && !d.confirmation.ruling && d.canConfirm && <RulingForm id={d.id} onDone={load} />}
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
        {mediator && <RiskForm id={id} onDone={load} />}
      </Card>
    </Space>
  );
}

/** The mediator's session form: when, who attended, what happened. */
function SessionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (v: { heldAt: dayjs.Dayjs; attendees: string[]; result: string }) => {
    const body = { heldAt: v.heldAt.toISOString(), attendees: v.attendees, result: v.result };
    if (!(await submit(() => api(`/api/disputes/${id}/sessions`, { body })))) return;
    form.resetFields();
    onDone();
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={record}
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

/**
 * 更正类型和当事人: a dispute handed over from an event starts as "other" with only its reporter;
 * the mediator sets the type and the whole list of parties (a new type re-routes the later stages).
 */
function CorrectDrawer({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const types = useDisputeTypes(open);
  const [submit] = useSubmit(form);
  const save = async (v: { type: string; parties: PartyValues[] }) => {
    const body = { type: v.type, parties: partiesBody(v.parties) };
    if (!(await submit(() => api(`/api/disputes/${dispute.id}`, { method: 'PUT', body })))) return;
    message.success(t('saved'));
    setOpen(false);
    onDone();
  };
  // At least two parties: the API refuses fewer, so the form starts with a blank second one.
  const parties: PartyValues[] = dispute.parties.map(({ id, name, phone, address }) => ({
    id,
    name,
    phone,
    address,
  }));
  while (parties.length < 2) parties.push({ name: '' });
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('correctDispute')}</Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('correctDispute')}
        width={640}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ type: dispute.typeCode, parties }}
          data-testid="correct-form"
        >
          <Form.Item
            name="type"
            label={t('disputeType')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select options={types} />
          </Form.Item>
          <PartiesFields />
          <div style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit">
              {t('save')}
            </Button>
          </div>
        </Form>
      </Drawer>
    </>
  );
}

/** 当事人确认: a party's consent to extend the stage's limit by up to 30 days. */
function ConsentForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (body: { partyId: string; days: number }) => {
    if (!(await submit(() => api(`/api/disputes/${dispute.id}/consents`, { body })))) return;
    form.resetFields();
    onDone();
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={record}
      style={{ marginTop: 12 }}
      initialValues={{ days: 30 }}
    >
      <Form.Item name="partyId" label={t('consentParty')} rules={required}>
        <Select
          style={{ minWidth: 140 }}
          options={dispute.parties.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Form.Item>
      <Form.Item name="days" label={t('consentDays')} rules={required}>
        <InputNumber min={1} max={30} precision={0} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('recordConsent')}
      </Button>
    </Form>
  );
}

/** 调解协议: the terms, the date signed and who signed (the parties' names to start with). */
function AgreementForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (v: { terms: string; signedAt: dayjs.Dayjs; signatures: string[] }) => {
    const body = { terms: v.terms, signedAt: v.signedAt.toISOString(), signatures: v.signatures };
    if (!(await submit(() => api(`/api/disputes/${dispute.id}/agreement`, { body })))) return;
    onDone();
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={record}
      initialValues={{ signedAt: dayjs(), signatures: dispute.parties.map((p) => p.name) }}
      data-testid="agreement-form"
    >
      <Form.Item name="terms" label={t('terms')} rules={required}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="signedAt" label={t('signedAt')} rules={required}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="signatures" label={t('signatures')} rules={required}>
          <Select mode="tags" style={{ minWidth: 240 }} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit">
        {t('recordAgreement')}
      </Button>
    </Form>
  );
}

/** Today on China's calendar, which the court's dates and the API's checks count in, whatever the device's zone. */
const chinaToday = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

/**
 * 司法确认申请: the parties apply jointly within the window after the agreement took effect (the API
 * checks the date against it); all the parties to start with.
 */
function ApplicationForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (v: { appliedOn: dayjs.Dayjs; court: string; applicants: string[] }) => {
    const body = { appliedOn: v.appliedOn.format('YYYY-MM-DD'), court: v.court, applicants: v.applicants };
    if (!(await submit(() => api(`/api/disputes/${dispute.id}/confirmation`, { body })))) return;
    onDone();
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={record}
      initialValues={{ appliedOn: chinaToday(), applicants: dispute.parties.map((p) => p.id) }}
      data-testid="confirmation-form"
    >
      <Space wrap align="start">
        <Form.Item name="appliedOn" label={t('appliedOn')} rules={required}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="court" label={t('court')} rules={required}>
          <Input maxLength={100} style={{ minWidth: 240 }} />
        </Form.Item>
        <Form.Item name="applicants" label={t('applicants')} rules={required}>
          <Select
            mode="multiple"
            style={{ minWidth: 240 }}
            options={dispute.parties.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit">
        {t('recordApplication')}
      </Button>
    </Form>
  );
}

/** 司法确认裁定: the date, 确认有效 or 驳回, and the court's case number. */
function RulingForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (v: { ruledOn: dayjs.Dayjs; ruling: string; courtCaseNo: string }) => {
    const body = { ruledOn: v.ruledOn.format('YYYY-MM-DD'), ruling: v.ruling, courtCaseNo: v.courtCaseNo };
    if (!(await submit(() => api(`/api/disputes/${id}/confirmation/ruling`, { body })))) return;
    onDone();
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={record}
      style={{ marginTop: 12 }}
      initialValues={{ ruledOn: chinaToday() }}
      data-testid="ruling-form"
    >
      <Form.Item name="ruledOn" label={t('ruledOn')} rules={required}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="ruling" label={t('ruling')} rules={required}>
        <Radio.Group>
          {(['CONFIRMED', 'REJECTED'] as const).map((r) => (
            <Radio.Button key={r} value={r}>
              {t(`ruling.${r}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="courtCaseNo" label={t('courtCaseNo')} rules={required}>
        <Input maxLength={60} style={{ minWidth: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('recordRuling')}
      </Button>
    </Form>
  );
}

/** 风险再评估 at the current stage; high risk alerts the police and the street as at intake. */
function RiskForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit] = useSubmit(form);
  const record = async (v: { level: string; reasons?: string[]; escalated?: boolean }) => {
    const body = { level: v.level, reasons: v.reasons ?? [], escalated: v.escalated ?? false };
    if (!(await submit(() => api(`/api/disputes/${id}/risk`, { body })))) return;
    form.resetFields();
    onDone();
  };
  return (
    <Form
      form={form}
      name="risk"
      layout="inline"
      onFinish={record}
      style={{ marginTop: 12 }}
      data-testid="risk-form"
    >
      <RiskFields />
      <Form.Item name="escalated" valuePropName="checked">
        <Checkbox>{t('escalated')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('reassessRisk')}
      </Button>
    </Form>
  );
}
