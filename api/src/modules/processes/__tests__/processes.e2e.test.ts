/**
 * The process designer's API against the real engine: who may use it, the list with running
 * instances, lint errors refusing a deployment, a renamed diagram deployed as a new version
 * that only new events run on, the download, and `npm start`'s redeploy leaving it in place.
 */
import type { Agent } from 'supertest';
import { deployProcesses } from '../../../../../lib/processes';
import { fileDiagram, renamedHandle, restoreFileDiagram } from '../../../../../test/designer';
import { createTestStack, eventually, freshIdNumber } from '../../../../../test/harness';
import { reportEvent } from '../../../../../test/events';

type Version = { key: string; version: number; runningInstances: number };
type Diagram = { bpmnProcessId: string; versions: Version[] };

describe('process designer API', () => {
  const stack = createTestStack({ workers: true });
  let designer: Agent;
  let member: Agent;

  beforeAll(async () => {
    designer = await stack.loginAs('designer');
    member = await stack.loginAs('grid.hw01');
  });
  afterAll(async () => {
    if (designer) await restoreFileDiagram(designer);
    await stack.close();
  });

  const versions = async () => {
    const res = await designer.get('/api/processes').expect(200);
    return (res.body.items as Diagram[]).find((d) => d.bpmnProcessId === 'event-handling')!.versions;
  };
  const report = async () => (await reportEvent(member, { description: '井盖缺失' })).id;
  const handleTaskName = (eventId: string) =>
    eventually(async () => {
      const res = await member.get('/api/inbox').query({ process: 'event-handling', pageSize: 100 }).expect(200);
      const task = (res.body.items as { name: string; elementId: string; variables: { eventId: string } }[]).find(
        (t) => t.variables.eventId === eventId && t.elementId === 'handle',
      );
      return task?.name;
    });

  it('is for designers only (三员分立: not the system administrator)', async () => {
    await stack.http().get('/api/processes').expect(401);
    await member.get('/api/processes').expect(403);
    await (await stack.loginAs('district.lead')).get('/api/processes').expect(403);
    await member.post('/api/processes/deployments').send({ xml: fileDiagram() }).expect(403);
    await (await stack.loginAs('admin')).get('/api/processes').expect(403);
    await (await stack.loginAs('designer')).get('/api/processes').expect(200);
  });

  it('refuses a diagram failing the lint rules, naming element and rule, and deploys nothing', async () => {
    const before = await versions();
    const count = await stack.prisma.processDefinition.count();
    const res = await designer
      .post('/api/processes/deployments')
      .send({ xml: renamedHandle('') })
      .expect(400);
    expect(res.body.error.code).toBe('error.lintFailed');
    expect(res.body.error.message.en).toMatch(/lint/);
    expect(res.body.error.fields).toContainEqual({
      field: 'handle',
      message: { 'zh-CN': expect.stringContaining('label-required'), en: expect.stringContaining('label-required') },
    });
    await designer.post('/api/processes/deployments').send({ xml: '<bpmn' }).expect(400);
    const other = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram().replaceAll('"event-handling"', '"event handling"') })
      .expect(400);
    expect(other.body.error.code).toBe('error.badProcessId');
    // An id that is one of the designer's own paths (/api/processes/versions/…) could not be started.
    const reserved = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram().replaceAll('"event-handling"', '"versions"') })
      .expect(400);
    expect(reserved.body.error.code).toBe('error.badProcessId');
    await designer.post('/api/processes/deployments').send({}).expect(400);
    expect(await stack.prisma.processDefinition.count()).toBe(count);
    expect(await versions()).toEqual(before);
  });

  it('answers 400 with the engine’s reason when the engine refuses a lint-clean diagram, and records nothing', async () => {
    const before = await versions();
    const count = await stack.prisma.processDefinition.count();
    // Lint-clean, but its message event names a message the file no longer defines.
    const xml = fileDiagram().replace('<bpmn:message id="event-reopen-message" name="event-reopen" />', '');
    expect(xml).not.toBe(fileDiagram());
    const res = await designer.post('/api/processes/deployments').send({ xml }).expect(400);
    expect(res.body.error.code).toBe('error.engineRejected');
    // Named at the element the engine names: the message event that refers to the message.
    expect(res.body.error.fields).toEqual([
      {
        field: 'reopen-requested',
        message: { 'zh-CN': expect.stringContaining('event-reopen-message'), en: expect.stringContaining('messageRef') },
      },
    ]);
    // An expression the engine cannot parse (the due date of 处置 left unclosed) is refused too,
    // at 处置 (the engine answers it with a 500 quoting the expression, not with a 503 to retry).
    const badExpression = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram().replace('camunda:dueDate="${handleDueAt}"', 'camunda:dueDate="${handleDueAt"') })
      .expect(400);
    expect(badExpression.body.error).toMatchObject({
      code: 'error.engineRejected',
      fields: [{ field: 'handle', message: { en: expect.stringContaining('${handleDueAt') } }],
    });
    // A form the deployment lacks: the engine would take it and fail when 处置 is opened.
    const noForm = await designer
      .post('/api/processes/deployments')
      .send({ xml: fileDiagram().replace('camunda:formRef="event-handling-handle"', 'camunda:formRef="event-handling-gone"') })
      .expect(400);
    expect(noForm.body.error).toMatchObject({
      code: 'error.engineRejected',
      fields: [{ field: 'handle', message: { en: expect.stringContaining('event-handling-gone') } }],
    });
    expect(await stack.prisma.processDefinition.count()).toBe(count);
    expect(await versions()).toEqual(before);
    const latest = await stack.engine.processDefinitions({ key: 'event-handling', latestVersion: true });
    expect(latest.map((d) => d.id)).toEqual([before[0].key]);
  });

  it('deploys a renamed diagram as a new version that only new events run on', async () => {
    const [v1] = await versions();
    const before = await report();
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id: before } })).processDefinitionId).toBe(v1.key);
    expect(await handleTaskName(before)).toBe('处置');

    const res = await designer
      .post('/api/processes/deployments')
      .send({ xml: renamedHandle('现场处置') })
      .expect(201);
    // Nothing was deployed by the refused attempts: this is the very next version.
    expect(res.body).toMatchObject({ bpmnProcessId: 'event-handling', version: v1.version + 1, warnings: [] });
    const audit = await stack.prisma.auditLog.findFirstOrThrow({
      where: { subjectType: 'ProcessDefinition', subjectId: res.body.key },
    });
    expect(audit).toMatchObject({ action: 'process.deploy' });

    const after = await report();
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id: after } })).processDefinitionId).toBe(
      res.body.key,
    );
    expect(await handleTaskName(after)).toBe('现场处置');
    // The earlier case stays on version 1 with its task as it was.
    expect(await handleTaskName(before)).toBe('处置');

    const [v2, old] = await versions();
    expect(v2).toMatchObject({ key: res.body.key, version: v1.version + 1 });
    expect(v2.runningInstances).toBeGreaterThanOrEqual(1);
    expect(old.key).toBe(v1.key);
    expect(old.runningInstances).toBeGreaterThanOrEqual(1);

    const version = await designer.get(`/api/processes/versions/${v2.key}`).expect(200);
    expect(version.body.xml).toContain('name="现场处置"');
    const file = await designer.get(`/api/processes/versions/${v2.key}/bpmn`).expect(200);
    expect(file.headers['content-disposition']).toContain(`event-handling-v${v2.version}.bpmn`);
    // Still a Camunda Modeler file (Camunda 7 target): the diagram interchange and the camunda namespace are kept.
    expect(file.text).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
    expect(file.text).toContain('<bpmndi:BPMNDiagram');
    await designer.get('/api/processes/versions/1').expect(404);
  });

  it('is not undone by the redeploy of processes/ at the next start', async () => {
    const [latest] = await versions();
    const { deployed, kept } = await deployProcesses(stack.engine, stack.prisma);
    expect(kept).toEqual([
      { file: 'event-handling.bpmn', id: 'event-handling', latestVersion: latest.version },
    ]);
    expect(deployed.map((d) => d.bpmnProcessId)).not.toContain('event-handling');
    expect((await versions())[0]).toEqual(latest);
  });

  it('answers a request the engine refuses on an ordinary route with 400, never a 503 while the engine is up', async () => {
    // A designer's diagram whose first gateway reads a variable no file gives: every new file's
    // start is refused by the engine for what it was given.
    const xml = fileDiagram('patient-care').replace('riskLevel &gt;= 3', 'riskLevel &gt;= minimumRisk');
    expect(xml).not.toBe(fileDiagram('patient-care'));
    await designer.post('/api/processes/deployments').send({ xml }).expect(201);
    try {
      const staff = await stack.loginAs('haiwang.staff');
      const ids = Object.fromEntries(
        (
          await stack.prisma.user.findMany({ where: { username: { in: ['grid.hw01', 'hw.police'] } } })
        ).map((u) => [u.username, u.id]),
      );
      const res = await staff
        .post('/api/patients')
        .send({
          name: '测试患者丁',
          idNumber: freshIdNumber(),
          address: '海旺社区 1 栋',
          gridId: 'BA-XA-C01-G01',
          riskLevel: 1,
          team: [
            { roleCode: 'grid-member', userId: ids['grid.hw01'], designated: true },
            { roleCode: 'police', userId: ids['hw.police'] },
          ],
        })
        .expect(400);
      expect(res.body.error.code).toBe('error.engineRejected');
      expect(res.body.error.fields[0].message.en).toMatch(/minimumRisk|returns null/);
      // The file goes with its refused cycle.
      expect(await stack.prisma.person.count({ where: { name: '测试患者丁' } })).toBe(0);
    } finally {
      await designer.post('/api/processes/deployments').send({ xml: fileDiagram('patient-care') }).expect(201);
    }
  });
});
