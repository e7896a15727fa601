import { useContext, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  message,
  Radio,
  Result,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, ApiFailure, errorText, type AnswerOf, type BodyOf } from '../../../web/src/api';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { useMe } from '../../../web/src/me';
import { useUnitTree } from '../../../web/src/units';
import { useLoad } from '../../../web/src/use-load';
import { STATUS_COLOR } from './PetitionsPage';
import { petitionLoop } from '../loop';

type Petition = AnswerOf<'/api/petitions/{id}'>;
/** A statutory clock as GET /api/petitions/:id counts it (a review's has its limit only). */
type Clock = Petition['clocks'][number];

/**
 * A petition's page (/petitions/:id): the matter and petitioner (masked for those who do not
 * work it), the statutory clocks with days left and a holiday roll-over shown, the open steps
 * with the form of each step that is the caller's unit's, and the notices as PDFs.
 */
export function PetitionCase() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { locale } = useContext(I18nContext);
  const petition = useLoad(() => api<Petition>(`/api/petitions/${id}`), [id]);
  if (petition.error)
    return (
      <Result
        status="warning"
        title={petition.error}
        extra={<Button onClick={petition.reload}>{t('retry')}</Button>}
      />
    );
  const p = petition.data;
  if (!p) return <Card loading />;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const unit = (u: string | null) => (u ? (p.units[u] ?? u) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="petition-case">
      <Button onClick={() => navigate('/petitions')}>{t('back')}</Button>
      <Card
        title={`${p.caseNo} · ${p.matter}`}
        extra={<Tag color={STATUS_COLOR[p.status]}>{t(`petition.${p.status}`)}</Tag>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('channel')}>
            {t(`channel.${p.channel}` as MessageKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivedAt')}>{when(p.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('requests')} span={2}>
            {p.requests}
          </Descriptions.Item>
          <Descriptions.Item label={t('officeUnit')}>{unit(p.officeUnitId)}</Descriptions.Item>
          <Descriptions.Item label={t('handlerUnit')}>{unit(p.handlerUnitId)}</Descriptions.Item>
          {p.decision && (
            <Descriptions.Item label={t('decision')} span={2}>
              {t(`decision.${p.decision}`)} · {p.decisionReason}
            </Descriptions.Item>
          )}
          {p.replyText && (
            <Descriptions.Item label={t('reply')} span={2}>
              {p.replyText}
            </Descriptions.Item>
          )}
          {p.satisfaction && (
            <Descriptions.Item label={t('evaluation')}>
              {t(`satisfaction.${p.satisfaction}`)}
            </Descriptions.Item>
          )}
          {p.reviewOpinion && (
            <Descriptions.Item label={t('reviewOpinion')} span={2}>
              {p.reviewOpinion}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('petitioner')} size="small">
        {p.petitioner.masked && (
          <Alert type="info" showIcon message={t('identityMasked')} style={{ marginBottom: 8 }} />
        )}
        <Space wrap size="large">
          <span>{p.petitioner.name}</span>
          {p.petitioner.idNo && <span>{p.petitioner.idNo}</span>}
          {p.petitioner.phone && <span>{p.petitioner.phone}</span>}
          {p.petitioner.address && <span>{p.petitioner.address}</span>}
        </Space>
      </Card>
      <Clocks clocks={p.clocks} />
      <Card title={t('openSteps')} size="small">
        <Steps petition={p} onDone={petition.reload} />
      </Card>
      {p.notices.length > 0 && (
        <Card title={t('notices')} size="small">
          <List
            size="small"
            dataSource={p.notices}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <a key="pdf" href={`/api/petitions/${p.id}/notices/${n.id}`} download>
                    {t('downloadPdf')}
                  </a>,
                ]}
              >
                {n.title} · {when(n.createdAt)}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

/**
 * The statutory clocks: start, the counted last day, the roll-over when it falls on a holiday, days
 * left. Each clock's days come with it from the API (the petition loop's manifest, or the case's
 * own extension).
 */
function Clocks({ clocks }: { clocks: Clock[] }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const day = (iso?: string) => (iso ? new Date(iso).toLocaleDateString(locale) : '—');
  const left = (c: Clock): ReactNode => {
    if (c.daysLeft === undefined) return null;
    if (c.daysLeft === null) return <Tag color="green">{t('clockSettled')}</Tag>;
    if (c.daysLeft < 0) return <Tag color="red">{t('calendarDaysOver', { n: -c.daysLeft })}</Tag>;
    if (c.daysLeft === 0) return <Tag color="gold">{t('lastDayToday')}</Tag>;
    return <Tag color={c.daysLeft <= 3 ? 'gold' : 'blue'}>{t('calendarDaysLeft', { n: c.daysLeft })}</Tag>;
  };
  return (
    <Card title={t('clocks')} size="small">
      <Table<Clock>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={clocks}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('overdueFilter'),
            dataIndex: 'name',
            render: (n: Clock['name'], c) => t(`clock.${n}`, { days: c.days ?? '' }),
          },
          { title: t('clockFrom'), dataIndex: 'start', render: day },
          {
            title: t('clockDue'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span data-testid={`clock-${c.name}-due`}>{c.dueDate ?? day(c.dueAt)}</span>
                {c.rolledOver && (
                  <span style={{ color: '#d46b08' }}>
                    {t('rolledOver', { n: c.days ?? '', counted: c.countedDate ?? '', due: c.dueDate ?? '' })}
                  </span>
                )}
              </Space>
            ),
          },
          { title: '', render: (_, c) => <span data-testid={`clock-${c.name}-left`}>{left(c)}</span> },
        ]}
      />
    </Card>
  );
}

/**
 * The open steps; the caller's unit's steps carry their form (the API completes the inbox task
 * behind each, so claims and abilities apply as in 待办). Also 登记复查/复核申请 for the office
 * while the petitioner may still ask.
 */
function Steps({ petition: p, onDone }: { petition: Petition; onDone: () => void }) {
  const t = useT();
  const me = useMe();
  const mayRequestReview =
    p.status === 'REPLIED' &&
    p.reviewLevel < 2 &&
    p.officeUnitId === me.org.id &&
    !!p.reviewRequestUntil &&
    new Date(p.reviewRequestUntil) > new Date();
  if (!p.openTasks.length && !mayRequestReview) return <span>—</span>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {p.openTasks.map((task) => (
        <Card
          key={task.key}
          type="inner"
          size="small"
          title={task.name}
          extra={
            task.orgId !== me.org.id && t('notYours', { unit: task.orgId ? (p.units[task.orgId] ?? '') : '' })
          }
        >
          {task.orgId === me.org.id && <StepForm petition={p} elementId={task.elementId} onDone={onDone} />}
        </Card>
      ))}
      {mayRequestReview && <ReviewRequest petition={p} onDone={onDone} />}
    </Space>
  );
}

type Step = 'decision' | 'extension-request' | 'extension-approval' | 'reply' | 'satisfaction' | 'review';
type StepBody<S extends Step> = BodyOf<`/api/petitions/{id}/${S}`>;

/** Posts one step's form; the API's field errors go to the form's fields. */
function useStep<S extends Step>(id: string, step: S, onDone: () => void) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (body: StepBody<S>) => {
    setBusy(true);
    try {
      await api(`/api/petitions/${id}/${step}`, { body });
      message.success(t('stepDone'));
      onDone();
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, submit };
}

function StepForm({
  petition,
  elementId,
  onDone,
}: {
  petition: Petition;
  elementId: string;
  onDone: () => void;
}) {
  switch (elementId) {
    case 'decide':
      return <DecisionForm id={petition.id} onDone={onDone} />;
    case 'handle':
      return (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ReplyForm id={petition.id} onDone={onDone} />
          {/* One extension per petition (条例 Art. 32). */}
          {!petition.extensionDays && <ExtensionForm id={petition.id} onDone={onDone} />}
        </Space>
      );
    case 'approve-extension':
      return <ApprovalForm id={petition.id} onDone={onDone} />;
    case 'satisfaction':
      return <SatisfactionForm id={petition.id} onDone={onDone} />;
    case 'review':
      return <ReviewForm id={petition.id} onDone={onDone} />;
    default:
      return null;
  }
}

const useRequired = () => {
  const t = useT();
  return [{ required: true, message: t('required') }];
};

/** 受理审查: 受理 / 不予受理 / 转送 (a department) / 交办 (a street or community), with the reason. */
function DecisionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const units = useUnitTree();
  const { form, busy, submit } = useStep(id, 'decision', onDone);
  const decision = Form.useWatch('decision', form) as StepBody<'decision'>['decision'] | undefined;
  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t('decisionForm')}>
      <Form.Item name="decision" label={t('decision')} rules={required}>
        <Radio.Group
          options={(['accept', 'reject', 'forward', 'assign'] as const).map((d) => ({
            value: d,
            label: t(`decision.${d}`),
          }))}
        />
      </Form.Item>
      {(decision === 'forward' || decision === 'assign') && (
        <Form.Item name="targetUnitId" label={t('targetUnit')} rules={required}>
          <TreeSelect treeData={units} showSearch treeNodeFilterProp="title" />
        </Form.Item>
      )}
      <Form.Item name="decisionReason" label={t('decisionReason')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}

/** 出具处理意见书. */
function ReplyForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const { form, busy, submit } = useStep(id, 'reply', onDone);
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="replyText" label={t('replyText')} rules={required}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('replyForm')}
      </Button>
    </Form>
  );
}

/** 申请延期: up to `petitionLoop.limits.extensionMax` days, with the reason the petitioner is told. */
function ExtensionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const { form, busy, submit } = useStep(id, 'extension-request', onDone);
  return (
    <Form form={form} layout="inline" onFinish={submit}>
      <Form.Item name="days" label={t('extensionDays')} rules={required}>
        <InputNumber min={1} max={petitionLoop.limits.extensionMax} precision={0} />
      </Form.Item>
      <Form.Item name="reason" label={t('decisionReason')} rules={required}>
        <Input maxLength={2000} style={{ minWidth: 240 }} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('extensionForm', { days: petitionLoop.limits.extensionMax })}
      </Button>
    </Form>
  );
}

/** 审批延期 by the level above the handler. */
function ApprovalForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const { form, busy, submit } = useStep(id, 'extension-approval', onDone);
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="approved" label={t('approvalForm')} rules={required}>
        <Radio.Group
          options={[
            { value: true, label: t('approve') },
            { value: false, label: t('refuse') },
          ]}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('comment')}>
        <Input maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}

/** 满意度评价: what the petitioner said of the reply. */
function SatisfactionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const { form, busy, submit } = useStep(id, 'satisfaction', onDone);
  return (
    <Form form={form} layout="inline" onFinish={submit}>
      <Form.Item name="satisfaction" label={t('satisfactionForm')} rules={required}>
        <Select
          style={{ minWidth: 160 }}
          options={(['satisfied', 'basicallySatisfied', 'unsatisfied'] as const).map((s) => ({
            value: s,
            label: t(`satisfaction.${s}`),
          }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}

/** 复查/复核意见: upheld or revised, with the opinion. */
function ReviewForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const required = useRequired();
  const { form, busy, submit } = useStep(id, 'review', onDone);
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="reviewResult" label={t('reviewResult')} rules={required}>
        <Radio.Group
          options={(['upheld', 'revised'] as const).map((r) => ({ value: r, label: t(`review.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="reviewOpinion" label={t('reviewOpinion')} rules={required}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}

/** The office records the petitioner's request for 复查 (then 复核) within the window. */
function ReviewRequest({ petition: p, onDone }: { petition: Petition; onDone: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [busy, setBusy] = useState(false);
  const request = async () => {
    setBusy(true);
    try {
      await api(`/api/petitions/${p.id}/review-requests`, { method: 'POST' });
      message.success(t('stepDone'));
      onDone();
    } catch (err) {
      message.error(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Button loading={busy} onClick={() => void request()}>
        {t('requestReview')}
      </Button>
      <span>
        {t('reviewRequestUntil')} {new Date(p.reviewRequestUntil!).toLocaleDateString(locale)}
      </span>
    </Space>
  );
}
