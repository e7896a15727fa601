/**
 * 发起 against the real engine: the classic Camunda 7 loan approval, exported from Camunda Modeler
 * with its two Camunda Forms (a camelCase id, a start form, a candidate group that is none of our
 * units), deployed by the designer as it is, started by a case worker through its start form, its
 * task reaching the unit the group is mapped to and completed through its own form. Who may start
 * a process (candidateStarterGroups), and start forms refusing unknown and protected fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agent } from 'supertest';
import { EngineError } from '../../../../../lib/engine/process-engine';
import { createTestStack, eventually } from '../../../../../test/harness';

const FIXTURE = path.resolve(__dirname, '../../../../../test/fixtures/loan-approval');
const file = (name: string) => readFileSync(path.join(FIXTURE, name), 'utf8');
const xml = file('loan-approval.bpmn');
const forms = ['request-loan.form', 'approve-loan.form'].map((f) => ({ schema: JSON.parse(file(f)) }));

type Row = { key: string; elementId: string; name: string; processInstanceId: string };

describe('starting a deployed process (发起)', () => {
  const stack = createTestStack({ workers: true });
  let designer: Agent;
  let haiwang: Agent;
  let gushu: Agent;

  beforeAll(async () => {
    designer = await stack.loginAs('designer');
    haiwang = await stack.loginAs('haiwang.staff');
    gushu = await stack.loginAs('gushu.staff');
  });
  afterAll(() => stack.close());

  const inbox = async (agent: Agent, process = 'loanApproval') =>
    (await agent.get('/api/inbox').query({ process, pageSize: 100 }).expect(200)).body.items as Row[];

  it('deploys the Camunda Modeler loan approval unchanged, starts it from its start form, and completes its task through its form', async () => {
    // Without its forms the engine would take it and fail when the step is opened: refused, naming the step.
    const formless = await designer.post('/api/processes/deployments').send({ xml }).expect(400);
    expect(JSON.stringify(formless.body.error.fields)).toContain('request-loan');
    // A form may not open a protected variable to callers, nor repeat a key.
    const leaky = structuredClone(forms);
    leaky[1].schema.components.push({ type: 'textfield', key: 'eventId', label: 'x' }, { type: 'textfield', key: 'approved', label: 'y' });
    const refused = await designer.post('/api/processes/deployments').send({ xml, forms: leaky }).expect(400);
    expect(refused.body.error.code).toBe('error.badForm');
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['forms.1.eventId', 'forms.1.approved']);

    // "Executable" unticked in the modeler: the engine would deploy no version of it.
    const idle = await designer
      .post('/api/processes/deployments')
      .send({ xml: xml.replace('isExecutable="true"', 'isExecutable="false"'), forms })
      .expect(400);
    expect(idle.body.error).toMatchObject({ code: 'error.notExecutable', fields: [{ field: 'loanApproval' }] });
    const unmapped = await designer.post('/api/processes/deployments').send({ xml, forms }).expect(201);
    expect(unmapped.body).toMatchObject({ bpmnProcessId: 'loanApproval', version: 1 });
    // The group no unit answers for yet is said, not refused.
    expect(unmapped.body.warnings).toContainEqual(expect.objectContaining({ rule: 'group-mapping', elementId: 'management' }));
    await gushu.put('/api/processes/group-mappings/management').send({ orgId: 'BA-XA-C01' }).expect(403);
    await designer.put('/api/processes/group-mappings/management').send({ orgId: 'NOWHERE' }).expect(400);
    const mapped = await designer.put('/api/processes/group-mappings/management').send({ orgId: 'BA-XA-C01' }).expect(200);
    expect(mapped.body).toMatchObject({ changed: true, orgName: '海旺社区' });
    const again = await designer.put('/api/processes/group-mappings/management').send({ orgId: 'BA-XA-C01' }).expect(200);
    expect(again.body.changed).toBe(false);

    // Nobody is named as starter: every case worker may start it; administrators do not work cases.
    const startable = await haiwang.get('/api/processes/startable').expect(200);
    expect(startable.body.items).toContainEqual(
      expect.objectContaining({ bpmnProcessId: 'loanApproval', name: 'Loan Approval', hasStartForm: true }),
    );
    expect(startable.body.items.map((p: { bpmnProcessId: string }) => p.bpmnProcessId)).not.toContain('event-handling');
    await (await stack.loginAs('admin')).get('/api/processes/startable').expect(403);
    const form = await haiwang.get('/api/processes/loanApproval/start-form').expect(200);
    expect(form.body.schema).toMatchObject({ id: 'request-loan' });

    // The start form's fields and nothing else, each named.
    const unknown = await haiwang
      .post('/api/processes/loanApproval/start')
      .send({ variables: { customerId: 'C-1', amount: 5000, discount: 1 } })
      .expect(400);
    expect(unknown.body.error.fields.map((f: { field: string }) => f.field)).toContain('variables.discount');
    const protectedField = await haiwang
      .post('/api/processes/loanApproval/start')
      .send({ variables: { customerId: 'C-1', amount: 5000, eventId: 'e1' } })
      .expect(400);
    expect(protectedField.body.error.fields.map((f: { field: string }) => f.field)).toContain('variables.eventId');
    const missing = await haiwang.post('/api/processes/loanApproval/start').send({ variables: { customerId: 'C-1' } }).expect(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toContain('variables.amount');
    await haiwang.post('/api/processes/event-handling/start').send({ variables: {} }).expect(409);
    await haiwang.post('/api/processes/noSuchProcess/start').send({ variables: {} }).expect(404);

    const started = await haiwang
      .post('/api/processes/loanApproval/start')
      .send({ variables: { customerId: 'C-1', amount: 5000 } })
      .expect(201);
    const instanceId = started.body.processInstanceId as string;
    expect(await stack.engine.processVariables(instanceId)).toMatchObject({
      customerId: 'C-1',
      amount: 5000,
      initiator: (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'haiwang.staff' } })).id,
    });

    // 'management' reaches the unit it is mapped to, and no other.
    const task = await eventually(async () => (await inbox(haiwang)).find((t) => t.processInstanceId === instanceId));
    expect(task).toMatchObject({ name: 'Approve Loan', elementId: 'Activity_ApproveLoan' });
    expect((await inbox(gushu)).map((t) => t.processInstanceId)).not.toContain(instanceId);
    // The generic case page: its starter and whoever may read one of its steps, nobody else.
    const running = await haiwang.get(`/api/process-instances/${instanceId}`).expect(200);
    expect(running.body).toMatchObject({
      name: 'Loan Approval',
      initiatorName: '海旺社区专干',
      endedAt: null,
      openSteps: [{ key: task.key, name: 'Approve Loan', unitName: '海旺社区' }],
      active: ['Activity_ApproveLoan'],
    });
    // Each value under what its form calls it.
    expect(running.body.variables).toContainEqual({ name: 'amount', label: 'Amount', value: '5000' });
    await gushu.get(`/api/process-instances/${instanceId}`).expect(404);
    // Every read of the instance is audited, the refused one too.
    const reads = await stack.prisma.auditLog.findMany({
      where: { action: 'process-instance.read', subjectId: instanceId },
    });
    const idOf = async (username: string) =>
      (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    expect(reads.map((r) => [r.userId, r.status])).toEqual(
      expect.arrayContaining([
        [await idOf('haiwang.staff'), null],
        [await idOf('gushu.staff'), 404],
      ]),
    );
    const lead = await stack.loginAs('district.lead');
    await lead.get(`/api/process-instances/${instanceId}`).expect(200);
    // The instance is a case of its own: its task carries it, and the district presses its unit (督办).
    expect(await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } })).toMatchObject({
      caseKind: 'PROCESS',
      caseId: instanceId,
    });
    const card = await lead
      .post('/api/supervision/cards')
      .send({ caseKind: 'PROCESS', caseId: instanceId, kind: 'NORMAL', reason: '贷款审批请加快' })
      .expect(201);
    expect(card.body).toMatchObject({ caseKind: 'PROCESS', caseId: instanceId, unitId: 'BA-XA-C01' });
    await lead
      .post('/api/supervision/cards')
      .send({ caseKind: 'PROCESS', caseId: 'no-such-instance', kind: 'NORMAL', reason: '无此实例' })
      .expect(404);
    const taskForm = await haiwang.get(`/api/tasks/${task.key}/form`).expect(200);
    expect(taskForm.body.schema).toMatchObject({ id: 'approve-loan' });
    await haiwang.post(`/api/tasks/${task.key}/complete`).send({ variables: { approved: 'yes' } }).expect(400);
    await haiwang
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { approved: true, approvalComment: '材料齐全' } })
      .expect(200);
    await expect(stack.engine.processInstance(instanceId)).rejects.toBeInstanceOf(EngineError);
    const ended = await haiwang.get(`/api/process-instances/${instanceId}`).expect(200);
    expect(ended.body.endedAt).not.toBeNull();
    expect(ended.body.openSteps).toEqual([]);
    expect(ended.body.steps).toContainEqual(
      expect.objectContaining({ name: 'Approve Loan', by: '海旺社区专干', endedAt: expect.any(String) }),
    );
    expect(ended.body.completed).toContain('Event_LoanRequestDecided');
  });

  it('keeps a starter variable the start event names (camunda:initiator) out of every form', async () => {
    const named = xml
      .replaceAll('loanApproval', 'loanApprovalStarter')
      .replace('<bpmn:startEvent id="StartEvent_1"', '<bpmn:startEvent id="StartEvent_1" camunda:initiator="applicant"');
    const grabbing = structuredClone(forms);
    grabbing[1].schema.components.push({ type: 'textfield', key: 'applicant', label: '申请人' });
    const refused = await designer.post('/api/processes/deployments').send({ xml: named, forms: grabbing }).expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['forms.1.applicant']);
    await designer.post('/api/processes/deployments').send({ xml: named, forms }).expect(201);
    const started = await haiwang
      .post('/api/processes/loanApprovalStarter/start')
      .send({ variables: { customerId: 'C-3', amount: 300 } })
      .expect(201);
    const me = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'haiwang.staff' } });
    expect(await stack.engine.processVariables(started.body.processInstanceId)).toMatchObject({ applicant: me.id });
  });

  it('offers a person picker (options from userOptions) and takes only a person the starter was offered', async () => {
    const picking = xml.replaceAll('loanApproval', 'loanApprovalReviewer');
    const withPicker = structuredClone(forms);
    withPicker[0].schema.components.push({
      type: 'select',
      key: 'reviewer',
      label: '审核人',
      valuesKey: 'userOptions',
      searchable: true,
    });
    await designer.post('/api/processes/deployments').send({ xml: picking, forms: withPicker }).expect(201);
    const form = await haiwang.get('/api/processes/loanApprovalReviewer/start-form').expect(200);
    const offered = form.body.data.userOptions as { label: string; value: string }[];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered[0].label).toMatch(/（.+）$/);
    const outsider = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'gushu.staff' } });
    expect(offered.map((o) => o.value)).not.toContain(outsider.id);
    const refused = await haiwang
      .post('/api/processes/loanApprovalReviewer/start')
      .send({ variables: { customerId: 'C-4', amount: 10, reviewer: outsider.id } })
      .expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['variables.reviewer']);
    await haiwang
      .post('/api/processes/loanApprovalReviewer/start')
      .send({ variables: { customerId: 'C-4', amount: 10, reviewer: offered[0].value } })
      .expect(201);
  });

  it('refuses photos in a designer’s start form by field (its case keeps none), and starts without them', async () => {
    const photographing = xml.replaceAll('loanApproval', 'loanApprovalPhotos');
    const withPhotos = structuredClone(forms);
    withPhotos[0].schema.components.push({ type: 'filepicker', key: 'scans', label: '扫描件', multiple: true });
    await designer.post('/api/processes/deployments').send({ xml: photographing, forms: withPhotos }).expect(201);
    const photo = await haiwang
      .post('/api/attachments')
      .query({ name: 'scan.jpg' })
      .set('Content-Type', 'image/jpeg')
      .send(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]))
      .expect(201);
    const refused = await haiwang
      .post('/api/processes/loanApprovalPhotos/start')
      .send({ variables: { customerId: 'C-5', amount: 10, scans: [photo.body.id] } })
      .expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['variables.scans']);
    await haiwang
      .post('/api/processes/loanApprovalPhotos/start')
      .send({ variables: { customerId: 'C-5', amount: 10, scans: [] } })
      .expect(201);
  });

  it('lets only the starters a process names start it, and says so before reading the form', async () => {
    const restricted = xml
      .replaceAll('loanApproval', 'loanApprovalHaiwang')
      .replace('isExecutable="true"', 'isExecutable="true" camunda:candidateStarterGroups="unit:BA-XA-C01"');
    await designer.post('/api/processes/deployments').send({ xml: restricted, forms }).expect(201);

    const listed = async (agent: Agent) =>
      ((await agent.get('/api/processes/startable').expect(200)).body.items as { bpmnProcessId: string }[]).map(
        (p) => p.bpmnProcessId,
      );
    expect(await listed(gushu)).not.toContain('loanApprovalHaiwang');
    expect(await listed(haiwang)).toContain('loanApprovalHaiwang');
    await gushu.get('/api/processes/loanApprovalHaiwang/start-form').expect(403);
    const refused = await gushu
      .post('/api/processes/loanApprovalHaiwang/start')
      .send({ variables: { nonsense: true } })
      .expect(403);
    expect(refused.body.error.code).toBe('error.mayNotStart');
    await haiwang
      .post('/api/processes/loanApprovalHaiwang/start')
      .send({ variables: { customerId: 'C-2', amount: 100 } })
      .expect(201);
  });

  it('deploys a Camunda 7.15 diagram whose step names its form by camunda:formKey, and reads no file outside processes/', async () => {
    const keyed = xml
      .replaceAll('loanApproval', 'loanApprovalKeyed')
      .replace(
        'camunda:formRef="approve-loan" camunda:formRefBinding="deployment" camunda:candidateGroups="management"',
        'camunda:formKey="camunda-forms:deployment:approve-loan.form" camunda:candidateGroups="unit:BA-XA-C01"',
      );
    expect(keyed).toContain('camunda:formKey');
    const escaping = keyed.replace('deployment:approve-loan.form', 'deployment:../../package.json');
    const refused = await designer.post('/api/processes/deployments').send({ xml: escaping, forms }).expect(400);
    expect(refused.body.error.fields).toEqual([
      { field: 'Activity_ApproveLoan', message: expect.objectContaining({ en: expect.stringContaining('not in the deployment') }) },
    ]);
    await designer.post('/api/processes/deployments').send({ xml: keyed, forms }).expect(201);
    const started = await haiwang
      .post('/api/processes/loanApprovalKeyed/start')
      .send({ variables: { customerId: 'C-3', amount: 10 } })
      .expect(201);
    const task = await eventually(async () =>
      (await inbox(haiwang, 'loanApprovalKeyed')).find((t) => t.processInstanceId === started.body.processInstanceId),
    );
    const form = await haiwang.get(`/api/tasks/${task.key}/form`).expect(200);
    expect(form.body.schema).toMatchObject({ id: 'approve-loan' });
    await haiwang.post(`/api/tasks/${task.key}/complete`).send({ variables: { approved: false } }).expect(200);
  });
});
