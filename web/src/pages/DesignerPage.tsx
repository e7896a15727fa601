import { lazy, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  message,
  type TableColumnsType,
} from 'antd';
import { api, ApiFailure, type AnswerOf, type ApiError } from '../api';
import { I18nContext, useT } from '../i18n';
import { designerText } from '../designer/translate';
import { GroupMappings } from '../designer/GroupMappings';
import { DecisionTrial, trialLine, type DecisionTrialResult } from '../designer/DecisionTrial';
import {
  AssessmentTrial,
  assessmentTrialLine,
  type AssessmentTrialResult,
} from '../../../loops/assessment/web/AssessmentTrial';
import { DiagramEditor, type EditorHandle, type LintIssue } from '../designer/DiagramEditor';
import { formProblems, type FormEditorHandle, type FormSchema } from '../designer/form-problems';
import { newDiagram } from '../designer/new-diagram';
import { useUnsavedWarning } from '../use-unsaved-warning';

type Diagram = AnswerOf<'/api/processes'>['items'][number];
type DecisionGraph = AnswerOf<'/api/processes/decisions'>['items'][number];
/** The version in the editor: a diagram (bpmn-js) or a decision table (dmn-js). */
interface Opened {
  kind: 'process' | 'decision';
  key: string;
  id: string;
  /** What the editor's title calls it: a decision graph's name (a process's comes from processNames). */
  name?: string;
  version: number;
  xml: string;
}

interface Deployed {
  key: string;
  version: number;
  deployedAt: string;
}

/** The versions of one diagram or decision table, newest first, each with 打开 and a download. */
function VersionTable<V extends Deployed>({
  testId,
  title,
  versions,
  extra = [],
  onOpen,
  download,
}: {
  testId: string;
  title: string;
  versions: V[];
  extra?: TableColumnsType<V>;
  onOpen: (key: string) => void;
  download: { label: string; href: (key: string) => string };
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  return (
    <Table<V>
      data-testid={testId}
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ y: 220 }}
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      dataSource={versions}
      columns={[
        {
          title: t('version'),
          dataIndex: 'version',
          render: (_: number, v: V) => (
            <>
              <Typography.Text strong>v{v.version}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('deployedAt')}>
                {new Date(v.deployedAt).toLocaleString(locale)}
              </Typography.Text>
            </>
          ),
        },
        ...extra,
        {
          title: '',
          key: 'actions',
          render: (_: unknown, v: V) => (
            <Space direction="vertical" size={0}>
              <Button size="small" type="link" onClick={() => onOpen(v.key)}>
                {t('open')} v{v.version}
              </Button>
              <Button size="small" type="link" href={download.href(v.key)} download>
                {download.label}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The 考评's weights table: a draft of it is also tried on a computed period's scores. */
const WEIGHTS = 'assessment-weights';

// form-js's editor is only loaded when a form is opened.
const FormEditor = lazy(() => import('../designer/FormEditor').then((m) => ({ default: m.FormEditor })));

// dmn-js is only loaded when a decision table is opened.
const DecisionEditor = lazy(() =>
  import('../designer/DecisionEditor').then((m) => ({ default: m.DecisionEditor })),
);

/** 流程设计: the diagrams and their versions, the modeler with live lint, deploy a new version. */
export function DesignerPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [diagrams, setDiagrams] = useState<Diagram[]>([]);
  const [decisions, setDecisions] = useState<DecisionGraph[]>([]);
  /** The last 试算 of the opened decision, with the draft it tried (the deploy dialog compares). */
  const [trial, setTrial] = useState<{ result: DecisionTrialResult; xml: string }>();
  const tried = useRef('');
  /** The weights table's 考评试算 and its draft, and the periods it can be tried on. */
  const [scoring, setScoring] = useState<{ result: AssessmentTrialResult; xml: string }>();
  const [scoredPeriods, setScoredPeriods] = useState<string[]>([]);
  const [opened, setOpened] = useState<Opened>();
  const [editor, setEditor] = useState<EditorHandle>();
  const [issues, setIssues] = useState<LintIssue[]>([]);
  const [refused, setRefused] = useState<ApiError>();
  const [deploying, setDeploying] = useState(false);
  const [imported, setImported] = useState<{ refused?: ApiError; warnings?: string[] }>();
  const fileInput = useRef<HTMLInputElement>(null);
  // An edit not yet deployed: leaving the page, or opening another version, asks first.
  const [dirty, setDirty] = useState(false);
  useUnsavedWarning(dirty);
  // The opened version's forms as deployed, the ones edited since (deployed with the next version),
  // and the one in the form editor.
  const [forms, setForms] = useState<Record<string, FormSchema>>({});
  const [editedForms, setEditedForms] = useState<Record<string, FormSchema>>({});
  const [formOpen, setFormOpen] = useState<string>();
  const [formEditor, setFormEditor] = useState<FormEditorHandle>();
  const [formLint, setFormLint] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [newForm] = Form.useForm<{ id: string; name: string }>();
  // Diagrams by the names people know them by (网格事件处置); the id is in the properties panel.
  const [processNames, setProcessNames] = useState<Map<string, string>>(new Map());

  const load = useCallback(
    () =>
      Promise.all([
        api<AnswerOf<'/api/processes'>>('/api/processes').then((r) => setDiagrams(r.items)),
        api<AnswerOf<'/api/processes/decisions'>>('/api/processes/decisions').then((r) =>
          setDecisions(r.items),
        ),
        api<AnswerOf<'/api/process-names'>>('/api/process-names').then((r) =>
          setProcessNames(new Map(r.items.map((p) => [p.bpmnProcessId, p.name]))),
        ),
      ]),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const weightsOpened = opened?.kind === 'decision' && opened.id === WEIGHTS;
  useEffect(() => {
    if (!weightsOpened) return;
    void api<AnswerOf<'/api/assessment/runs'>>('/api/assessment/runs').then((r) =>
      setScoredPeriods(r.items.filter((run) => run.computedAt).map((run) => run.periodKey)),
    );
  }, [weightsOpened]);

  /** Opens a version; over an undeployed edit only once the designer agrees (not after deploying it). */
  const open = async (kind: Opened['kind'], key: string, deployedNow = false) => {
    if (dirty && !deployedNow && !(await confirmDiscard())) return;
    setDirty(false);
    setEditor(undefined);
    setIssues([]);
    setRefused(undefined);
    setEditedForms({});
    setForms({});
    setTrial(undefined);
    setScoring(undefined);
    if (kind === 'process') {
      const [v, deployedForms] = await Promise.all([
        api<AnswerOf<'/api/processes/versions/{key}'>>(`/api/processes/versions/${key}`),
        api<AnswerOf<'/api/processes/versions/{key}/forms'>>(`/api/processes/versions/${key}/forms`),
      ]);
      setForms(Object.fromEntries(deployedForms.items.map((f) => [f.id, f.schema])));
      setOpened({ kind, key, id: v.bpmnProcessId, version: v.version, xml: v.xml });
    } else {
      const v = await api<AnswerOf<'/api/processes/decisions/{key}'>>(`/api/processes/decisions/${key}`);
      setOpened({
        kind,
        key,
        id: v.decisionIds[0] ?? v.decisionRequirementsId,
        name: decisions.find((g) => g.decisionRequirementsId === v.decisionRequirementsId)?.name ?? undefined,
        version: v.version,
        xml: v.xml,
      });
    }
  };

  const confirmDiscard = () =>
    new Promise<boolean>((resolve) =>
      Modal.confirm({
        title: t('unsavedTitle'),
        content: t('unsavedLeave'),
        okText: t('leaveAnyway'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  // Lint runs on every change: the API's refusal was about the diagram as it was sent.
  const relint = useCallback((found: LintIssue[]) => {
    setIssues(found);
    setRefused(undefined);
  }, []);

  const errors = issues.filter((i) => i.category !== 'warn' && i.category !== 'info');
  const warnings = issues.filter((i) => i.category === 'warn');

  /** A decision's new version is deployed after the designer read what its 试算 found (or that it had none). */
  const confirmDecision = (xml: string) =>
    new Promise<boolean>((resolve) =>
      Modal.confirm({
        title: t('deployDecisionTitle'),
        content: (
          <>
            <span data-testid="deploy-trial-line">{trialLine(t, trial?.result, trial?.xml !== xml)}</span>
            {scoring ? (
              <Typography.Paragraph data-testid="deploy-assessment-line" style={{ marginTop: 8 }}>
                {assessmentTrialLine(t, scoring.result)}
                {scoring.xml !== xml ? t('trialEditedSince') : ''}
              </Typography.Paragraph>
            ) : null}
          </>
        ),
        okText: t('deployNew'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  const deploy = async () => {
    if (!editor || !opened) return;
    const xml = await editor.saveXML();
    if (opened.kind === 'decision' && !(await confirmDecision(xml))) return;
    setDeploying(true);
    setRefused(undefined);
    try {
      const path = opened.kind === 'process' ? '/api/processes/deployments' : '/api/processes/decisions';
      const deployed = await api<AnswerOf<typeof path, 'post'>>(path, {
        body:
          opened.kind === 'process'
            ? // The opened version's forms with the edits: the new version deploys exactly these.
              { xml, forms: Object.values({ ...forms, ...editedForms }).map((schema) => ({ schema })) }
            : { xml },
      });
      message.success(`${t('deployed')} ${deployed.version}`);
      setDirty(false);
      await load();
      await open(opened.kind, deployed.key, true);
    } catch (err) {
      if (err instanceof ApiFailure) setRefused(err.error);
      else throw err;
    } finally {
      setDeploying(false);
    }
  };

  /** 新建流程: a start, a task and an end under the chosen id, in the modeler until it is deployed. */
  const create = async () => {
    const { id, name } = await newForm.validateFields();
    if (dirty && !(await confirmDiscard())) return;
    setCreating(false);
    setEditor(undefined);
    setIssues([]);
    setRefused(undefined);
    setForms({});
    setEditedForms({});
    setOpened({ kind: 'process', key: `new:${id}`, id, version: 0, xml: newDiagram(id, name.trim()) });
    setDirty(true);
  };

  /** 编辑表单: the step's form as edited so far, else as deployed, else a new empty one. */
  const openForm = (id: string) => {
    setFormLint([]);
    setFormEditor(undefined);
    setFormOpen(id);
  };
  const formSchema = useMemo<FormSchema | undefined>(
    () =>
      formOpen === undefined
        ? undefined
        : (editedForms[formOpen] ??
          forms[formOpen] ?? { id: formOpen, type: 'default', components: [], schemaVersion: 16 }),
    // Only when another form opens: the editor holds the edits until they are kept.
    [formOpen],
  );
  /** 保存表单: kept for the next deploy once the editor's lint passes; the form's id stays the step's reference. */
  const keepForm = () => {
    if (!formEditor || formOpen === undefined) return;
    const schema = { ...formEditor.schema(), id: formOpen };
    const problems = formProblems(schema);
    setFormLint(problems.map((p) => t(p.key, { key: p.value, label: p.value })));
    if (problems.length) return;
    setEditedForms((edited) => ({ ...edited, [formOpen]: schema }));
    setDirty(true);
    setFormOpen(undefined);
  };

  /**
   * 导入: a diagram saved by Camunda Modeler and the Camunda Forms it names, deployed together as
   * they are; the project's conventions come back as warnings, a refusal names what to fix.
   */
  const importFiles = async (files: File[]) => {
    const diagram = files.find((f) => f.name.endsWith('.bpmn'));
    if (!diagram)
      return setImported({
        refused: { code: 'import', message: { 'zh-CN': t('importNeedsBpmn'), en: t('importNeedsBpmn') } },
      });
    setImported(undefined);
    try {
      const forms = await Promise.all(
        files
          .filter((f) => f.name.endsWith('.form'))
          .map(async (f) => ({ schema: JSON.parse(await f.text()) })),
      );
      const deployed = await api<AnswerOf<'/api/processes/deployments', 'post'>>(
        '/api/processes/deployments',
        {
          body: { xml: await diagram.text(), forms },
        },
      );
      setImported({ warnings: deployed.warnings.map((w) => `${w.elementId}: ${w.message}`) });
      message.success(`${t('deployed')} ${deployed.version}`);
      await load();
      await open('process', deployed.key, true);
    } catch (err) {
      if (err instanceof ApiFailure) setImported({ refused: err.error });
      else if (err instanceof SyntaxError)
        setImported({
          refused: { code: 'import', message: { 'zh-CN': t('importBadForm'), en: t('importBadForm') } },
        });
      else throw err;
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={6}>
        <Card
          size="small"
          title={t('importTitle')}
          data-testid="designer-import"
          style={{ marginBottom: 16 }}
          extra={
            <Button size="small" onClick={() => fileInput.current?.click()}>
              {t('importPick')}
            </Button>
          }
        >
          <input
            ref={fileInput}
            type="file"
            multiple
            accept=".bpmn,.form"
            data-testid="import-files"
            style={{ display: 'none' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void importFiles(files);
            }}
          />
          <Typography.Text type="secondary">{t('importHint')}</Typography.Text>
          {imported?.refused ? (
            <Alert
              type="error"
              showIcon
              data-testid="import-refused"
              style={{ marginTop: 8 }}
              message={imported.refused.message[locale]}
              description={imported.refused.fields?.map((f) => (
                <div key={f.field}>
                  {f.field}: {f.message[locale]}
                </div>
              ))}
            />
          ) : null}
          {imported?.warnings?.length ? (
            <Alert
              type="warning"
              showIcon
              data-testid="import-warnings"
              style={{ marginTop: 8 }}
              message={t('lintWarnings')}
              description={imported.warnings.map((w) => (
                <div key={w}>{w}</div>
              ))}
            />
          ) : null}
        </Card>
        <GroupMappings />
        <Card
          size="small"
          title={t('diagrams')}
          data-testid="designer-diagrams"
          extra={
            <Button
              size="small"
              onClick={() => {
                newForm.resetFields();
                setCreating(true);
              }}
            >
              {t('design.new')}
            </Button>
          }
        >
          {diagrams.map((d) => (
            <VersionTable
              key={d.bpmnProcessId}
              testId={`versions-${d.bpmnProcessId}`}
              title={processNames.get(d.bpmnProcessId) ?? d.bpmnProcessId}
              versions={d.versions}
              extra={[{ title: t('runningCases'), dataIndex: 'runningInstances', width: 80 }]}
              onOpen={(key) => open('process', key)}
              download={{ label: t('download'), href: (key) => `/api/processes/versions/${key}/bpmn` }}
            />
          ))}
        </Card>
        <Card size="small" title={t('decisions')} style={{ marginTop: 16 }}>
          {decisions.map((g) => (
            <VersionTable
              key={g.decisionRequirementsId}
              testId={`decision-versions-${g.decisionRequirementsId}`}
              title={g.name ?? g.versions[0]?.decisionIds.join(', ') ?? g.decisionRequirementsId}
              versions={g.versions}
              onOpen={(key) => open('decision', key)}
              download={{ label: t('downloadDmn'), href: (key) => `/api/processes/decisions/${key}/dmn` }}
            />
          ))}
        </Card>
      </Col>
      <Col xs={24} xl={18}>
        {opened ? (
          <Card
            size="small"
            title={`${t('editing')} ${opened.name ?? processNames.get(opened.id) ?? opened.id} ${opened.version ? `v${opened.version}` : `（${t('design.notDeployed')}）`}`}
            extra={
              <Space wrap>
                {opened.kind === 'process' ? (
                  <span data-testid="lint-state">
                    {errors.length ? (
                      <Tag color="red">
                        {errors.length} {t('lintErrors')}
                      </Tag>
                    ) : (
                      <Tag color="green">{t('lintOk')}</Tag>
                    )}
                    {warnings.length ? (
                      <Tag color="orange">
                        {warnings.length} {t('lintWarnings')}
                      </Tag>
                    ) : null}
                  </span>
                ) : null}
                {Object.keys(editedForms).length ? (
                  <span data-testid="pending-forms">
                    {t('form.pending')}：
                    {Object.keys(editedForms).map((id) => (
                      <Tag key={id}>{id}</Tag>
                    ))}
                  </span>
                ) : null}
                {opened.kind === 'decision' && editor ? (
                  <DecisionTrial
                    draft={async () => {
                      const xml = await editor.saveXML();
                      tried.current = xml;
                      return xml;
                    }}
                    onResult={(result) => setTrial({ result, xml: tried.current })}
                  />
                ) : null}
                {weightsOpened && editor ? (
                  <AssessmentTrial
                    periods={scoredPeriods}
                    draft={async () => {
                      const xml = await editor.saveXML();
                      tried.current = xml;
                      return xml;
                    }}
                    onResult={(result) => setScoring({ result, xml: tried.current })}
                  />
                ) : null}
                <Button
                  type="primary"
                  disabled={!editor || errors.length > 0}
                  loading={deploying}
                  onClick={deploy}
                >
                  {t('deployNew')}
                </Button>
              </Space>
            }
          >
            {errors.length ? (
              <Alert type="warning" showIcon message={t('lintBlocks')} style={{ marginBottom: 8 }} />
            ) : null}
            {refused ? (
              <Alert
                type="error"
                showIcon
                data-testid="deploy-refused"
                style={{ marginBottom: 8 }}
                message={refused.message[locale]}
                description={
                  <List
                    size="small"
                    dataSource={refused.fields ?? []}
                    renderItem={(f) => (
                      <List.Item>
                        {f.field}: {f.message[locale]}
                      </List.Item>
                    )}
                  />
                }
              />
            ) : null}
            <div style={{ height: 'max(420px, calc(100vh - 260px))' }}>
              {opened.kind === 'process' ? (
                <DiagramEditor
                  key={opened.key}
                  xml={opened.xml}
                  onLint={relint}
                  onReady={setEditor}
                  onEdit={() => setDirty(true)}
                  onEditForm={openForm}
                />
              ) : (
                <Suspense fallback={<Spin />}>
                  <DecisionEditor key={opened.key} xml={opened.xml} onReady={setEditor} />
                </Suspense>
              )}
            </div>
            {issues.length ? (
              <List
                size="small"
                data-testid="lint-issues"
                dataSource={issues}
                renderItem={(i) => (
                  // An issue opens its element: selected in the modeler (properties beside) and in view.
                  <List.Item
                    data-testid="lint-issue"
                    style={{ cursor: 'pointer' }}
                    onClick={() => editor?.show?.(i.id)}
                  >
                    {/* The rule and the element by their ids, as the properties panel and lint:bpmn name them. */}
                    <Tag color={errors.includes(i) ? 'red' : 'orange'}>
                      <code>{i.rule}</code>
                    </Tag>
                    <Typography.Text code>{i.id}</Typography.Text> {designerText(locale, i.message)}
                  </List.Item>
                )}
              />
            ) : null}
          </Card>
        ) : (
          <Empty description={t('pickVersion')} />
        )}
        <Modal
          open={creating}
          title={t('design.new')}
          onOk={() => void create().catch(() => undefined)}
          onCancel={() => setCreating(false)}
          destroyOnHidden
        >
          <Form form={newForm} layout="vertical" preserve={false}>
            <Form.Item
              name="id"
              label={t('design.newId')}
              rules={[
                { required: true, message: t('required') },
                { pattern: /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, message: t('design.badId') },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('design.newName')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Form>
        </Modal>
        <Modal
          open={formOpen !== undefined}
          title={
            <>
              {/* A Camunda Form has an id and no name: shown as code. */}
              {t('form.title')}：<Typography.Text code>{formOpen ?? ''}</Typography.Text>
            </>
          }
          width="92vw"
          okText={t('form.save')}
          okButtonProps={{ disabled: !formEditor, id: 'form-editor-save' }}
          onOk={keepForm}
          onCancel={() => setFormOpen(undefined)}
          destroyOnHidden
        >
          {formLint.length ? (
            <Alert
              type="error"
              showIcon
              data-testid="form-lint"
              style={{ marginBottom: 8 }}
              title={formLint.map((line) => (
                <div key={line}>{line}</div>
              ))}
            />
          ) : null}
          {formSchema && (
            <Suspense fallback={<Spin />}>
              <FormEditor schema={formSchema} onReady={setFormEditor} />
            </Suspense>
          )}
        </Modal>
      </Col>
    </Row>
  );
}
