import { useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  message,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  TreeSelect,
  Typography,
} from 'antd';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { StepForm } from '../../../web/src/forms/task-form';
import { OverdueNotice } from '../../../web/src/pages/OverdueNotice';
import { EChart } from '../../../web/src/charts/EChart';
import { useLoad } from '../../../web/src/use-load';
import { LoadError } from '../../../web/src/Loaded';
import { useSubmit } from '../../../web/src/use-submit';
import { I18nContext, useT, useTryT } from '../../../web/src/i18n';
import { RISK_COLOR } from './PatientsPage';
import {
  TeamFields,
  teamBody,
  useGridCandidates,
  useGridTree,
  type Candidates,
  type MemberRow,
} from './file-fields';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type PersonFile = AnswerOf<'/api/patients/{id}'>;

const CLOSE_REASONS = ['death', 'movedAway', 'recovered'] as const;

/** 结案: the reason and a note, confirmed, since the cycle and its open tasks end with it. */
function CloseFile({ personId, onDone }: { personId: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [send, saving] = useSubmit(form);
  const submit = async (values: Record<string, unknown>) => {
    if (!(await send(() => api(`/api/patients/${personId}/close`, { body: values })))) return;
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="close-file">
        {t('closeFile')}
      </Button>
      <Modal
        open={open}
        title={t('closeFile')}
        okText={t('closeFile')}
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
      >
        <Alert type="warning" showIcon message={t('closeConfirm')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('closeReason')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Radio.Group>
              {CLOSE_REASONS.map((r) => (
                <Radio.Button key={r} value={r} data-testid={`close-${r}`}>
                  {t(`closeReason.${r}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('closeNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 一人一档: the file, whether its work is overdue (with 督办/催办 for those who may), its team, the
 * risk chart, the timeline, and the follow-up form for the designated member.
 */
export function PatientFile({ id, onBack }: { id: string; onBack: () => void }) {
  const t = useT();
  const tryT = useTryT();
  const { locale } = useContext(I18nContext);
  const loaded = useLoad(() => api<PersonFile>(`/api/patients/${id}`), [id]);
  const file = loaded.data;
  const load = loaded.reload;

  const chart = useMemo(
    () =>
      file && {
        grid: { left: 32, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', min: 0, max: 5, interval: 1 },
        series: [
          {
            type: 'line',
            step: 'end',
            data: file.riskLevels.map((r) => [r.at, r.level]),
          },
        ],
      },
    [file],
  );

  if (loaded.error) return <LoadError error={loaded.error} onRetry={load} />;
  if (!file) return <Spin />;
  const followUp = file.openTasks.find((task) => task.elementId === 'follow-up');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patient-file">
      <Space wrap>
        <Button onClick={onBack}>{t('back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {file.name}
        </Typography.Title>
        <Tag color={RISK_COLOR[file.riskLevel]} data-testid="risk-tag">
          {t('riskLevel')} {file.riskLevel}
        </Tag>
        <Tag>{file.type.name[locale]}</Tag>
        {file.closedAt ? (
          <Tag color="default" data-testid="closed-tag">
            {t('fileClosed')} · {tryT(`closeReason.${file.closedReason}`, file.closedReason ?? '')} ·{' '}
            {new Date(file.closedAt).toLocaleDateString(locale)}
          </Tag>
        ) : (
          <>
            <ReportRisk personId={file.id} onDone={load} />
            {file.canManage && <MoveFile file={file} onDone={load} />}
            {file.canManage && <CloseFile personId={file.id} onDone={load} />}
          </>
        )}
      </Space>
      <OverdueNotice
        steps={file.openTasks}
        target={{ caseKind: 'PERSON', caseId: file.id, caseNo: file.name }}
        maySupervise={file.maySupervise}
        onIssued={load}
      />
      {file.canRecordFollowUp && (
        <Card size="small" title={t('recordFollowUp')}>
          {followUp ? (
            // The step's deployed form, as in 待办: the workers record it, so the file reloads a moment later.
            <StepForm
              taskKey={followUp.key}
              doneText={t('followUpRecorded')}
              onDone={() => setTimeout(load, 1500)}
            />
          ) : (
            <Typography.Text type="secondary">{t('noFollowUpOpen')}</Typography.Text>
          )}
        </Card>
      )}
      <Card size="small" title={t('identity')}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('idNumber')}>
            {file.idNumber}
            {file.identityMasked && <Tag style={{ marginLeft: 8 }}>{t('masked')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('phone')}>{file.phone}</Descriptions.Item>
          <Descriptions.Item label={t('address')}>{file.address}</Descriptions.Item>
          <Descriptions.Item label={t('grid')}>{file.grid?.name}</Descriptions.Item>
          <Descriptions.Item label={t('diagnosis')}>{file.diagnosis}</Descriptions.Item>
          <Descriptions.Item label={t('guardian')}>
            {[file.guardianName, file.guardianPhone].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('guardianAgreement')}>
            {file.guardianAgreement ? t('signed') : t('unsigned')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('team')}>
        <Space wrap>
          {file.team.map((m) => (
            <Tag key={m.id} color={m.designated ? 'blue' : undefined}>
              {m.role[locale]}：{m.name}
              {m.designated && ` · ${t('designated')}`}
            </Tag>
          ))}
        </Space>
        {file.canManage && !file.closedAt && (
          <Space wrap style={{ marginTop: 8 }}>
            <TeamEditor file={file} onDone={load} />
            {t('changeDesignated')}
            <Select
              data-testid="designated-select"
              style={{ minWidth: 200 }}
              value={file.team.find((m) => m.designated)?.userId}
              onChange={(userId: string) =>
                api(`/api/patients/${file.id}/designated`, { method: 'PUT', body: { userId } }).then(
                  load,
                  (err) => message.error(errorText(err, locale)),
                )
              }
              options={file.team
                .filter((m) => m.userId)
                .map((m) => ({ value: m.userId!, label: `${m.role[locale]}：${m.name}` }))}
            />
          </Space>
        )}
      </Card>
      <Card size="small" title={t('openTasks')}>
        {file.openTasks.map((task) => (
          <div key={task.key}>
            {task.name}
            {task.dueDate && ` · ${t('dueDate')} ${new Date(task.dueDate).toLocaleDateString(locale)}`}
          </div>
        ))}
      </Card>
      <Card size="small" title={t('riskChart')}>
        {chart && <EChart option={chart} height={180} testId="risk-chart" />}
      </Card>
      <Card size="small" title={t('fileHistory')}>
        <Timeline
          data-testid="patient-timeline"
          items={[...file.history].reverse().map((h) => ({
            children: (
              <>
                <Typography.Text strong>{tryT(`history.${h.action}`, h.action)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {new Date(h.at).toLocaleString(locale)}
                  {h.actorId && ` · ${file.people[h.actorId] ?? ''}`}
                  {typeof h.detail?.riskLevel === 'number' && ` · ${t('riskLevel')} ${h.detail.riskLevel}`}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** A file at its own URL (/patients/:id): what links from other pages, such as 督办's overdue rows, open. */
export function PatientFilePage() {
  const navigate = useNavigate();
  return <PatientFile id={useParams().id!} onBack={() => navigate('/patients')} />;
}

/**
 * 调整小组成员: the whole team at once (PUT …/team), members picked from the users the API says may
 * be named onto this file (its grid's chain and the departments) or, for a guardian, by name.
 */
function TeamEditor({ file, onDone }: { file: PersonFile; onDone: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ members: MemberRow[]; designated: number }>();
  const open = () =>
    api<Candidates>(`/api/patients/${file.id}/team-candidates`).then(setCandidates, (err) =>
      message.error(errorText(err, locale)),
    );
  const save = async () => {
    const { members, designated } = await form.validateFields();
    setSaving(true);
    try {
      await api(`/api/patients/${file.id}/team`, {
        method: 'PUT',
        body: { members: teamBody(members, designated) },
      });
      setCandidates(null);
      onDone();
    } catch (err) {
      message.error(errorText(err, locale));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={open} data-testid="edit-team">
        {t('editTeam')}
      </Button>
      <Modal
        open={!!candidates}
        title={t('editTeam')}
        width={720}
        okButtonProps={{ loading: saving }}
        onOk={save}
        onCancel={() => setCandidates(null)}
        destroyOnHidden
      >
        {candidates && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{
              members: rowsOf(file.team),
              designated: file.team.findIndex((m) => m.designated),
            }}
          >
            <TeamFields list="members" candidates={candidates} />
          </Form>
        )}
      </Modal>
    </>
  );
}

/** The team's rows for the team fields: a user by id, anyone else (a guardian) by name. */
const rowsOf = (team: PersonFile['team']): MemberRow[] =>
  team.map((m) => ({
    roleCode: m.roleCode,
    userId: m.userId ?? undefined,
    name: m.userId ? undefined : m.name,
  }));

/**
 * 随档转移: the person moved to another grid (of the caller's area); the team is formed anew
 * there, starting from the members who may still be on it (the departments' and the chain's
 * above both grids, the guardian by name).
 */
function MoveFile({ file, onDone }: { file: PersonFile; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [send, saving] = useSubmit(form);
  const grids = useGridTree(open, file.gridId);
  const gridId = Form.useWatch('gridId', form);
  const candidates = useGridCandidates(gridId);
  useEffect(() => {
    if (!candidates) return;
    const kept = rowsOf(file.team).filter(
      (m) => !m.userId || candidates.users.some((u) => u.id === m.userId),
    );
    form.setFieldsValue({ team: kept, designated: undefined });
  }, [candidates, file.team, form]);
  const save = async () => {
    const { gridId, team, designated } = (await form.validateFields()) as {
      gridId: string;
      team: MemberRow[];
      designated: number;
    };
    const body = { gridId, team: teamBody(team, designated) };
    if (!(await send(() => api(`/api/patients/${file.id}/move`, { body })))) return;
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="move-file">
        {t('moveFile')}
      </Button>
      <Modal
        open={open}
        title={t('moveFile')}
        width={720}
        okText={t('moveFile')}
        okButtonProps={{ loading: saving }}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="gridId"
            label={t('moveToGrid')}
            rules={[{ required: true, message: t('required') }]}
          >
            <TreeSelect treeData={grids} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
          </Form.Item>
          {candidates && <TeamFields list="team" candidates={candidates} />}
        </Form>
      </Modal>
    </>
  );
}

/**
 * 上报风险: whoever reads the file reports a risk of 3 or more with what they saw; the waiting
 * follow-up gives way to the emergency path at once.
 */
function ReportRisk({ personId, onDone }: { personId: string; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [send, saving] = useSubmit(form);
  const submit = async (values: Record<string, unknown>) => {
    if (!(await send(() => api(`/api/patients/${personId}/risk-reports`, { body: values })))) return;
    setOpen(false);
    message.success(t('riskReported'));
    onDone();
  };
  return (
    <>
      <Button danger type="primary" onClick={() => setOpen(true)} data-testid="report-risk">
        {t('reportRisk')}
      </Button>
      <Modal
        open={open}
        title={t('reportRisk')}
        okText={t('reportRisk')}
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('reportRiskNote')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="riskLevel"
            label={t('riskLevel')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Radio.Group>
              {[3, 4, 5].map((level) => (
                <Radio.Button key={level} value={level} data-testid={`risk-${level}`}>
                  {level}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="description"
            label={t('riskDescription')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
