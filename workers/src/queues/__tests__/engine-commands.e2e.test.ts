/**
 * The outbox of changes to running instances against the real engine (lib/engine-commands.ts):
 * a message committed by an API that went away before calling the engine reaches the instance
 * exactly once however many workers deliver it; a message whose answer was lost is not sent
 * again; one instance's commands keep their order; a refusal is not retried; a hand-over moves a
 * task's unit once however often it is delivered.
 */
import pino from 'pino';
import { deliverCommand, queueCommand, type EngineCommandBody } from '../../../../lib/engine-commands';
import { suiteStack } from '../../../../test/harness';
import { loadWorkersConfig } from '../../config';
import { deliverOutbox } from '../engine-outbox.processor';

const PROCESS = 'outbox-commands';
const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://zhizhi.test">
  <bpmn:message id="go-message" name="outbox-go" />
  <bpmn:process id="${PROCESS}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="go-message" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" />
    <bpmn:userTask id="work" name="收到消息后" camunda:candidateGroups="unit:BA-XA-C01"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe('instance changes (outbox)', () => {
  const stack = suiteStack();
  const { prisma, engine } = stack;
  const deps = () => ({
    db: prisma,
    engine,
    config: loadWorkersConfig({ ...process.env, ENGINE_OUTBOX_AFTER_MS: '0' }),
    log: pino({ level: 'silent' }),
  });
  const go: EngineCommandBody = { kind: 'correlate', message: 'outbox-go', variables: { note: '已到达' } };

  beforeAll(() => engine.deploy(PROCESS, [{ name: `${PROCESS}.bpmn`, content: diagram }]));

  const started = async () => (await engine.startProcess(PROCESS, {})).id!;
  /** What the API commits, and then nothing: it went away before calling the engine. */
  const committed = (instanceId: string, body: EngineCommandBody) =>
    prisma.$transaction((tx) => queueCommand(tx, instanceId, body));
  const passedWait = async (instanceId: string) =>
    (await engine.activityHistory(instanceId)).filter((a) => a.activityId === 'work').length;

  it('delivers a committed message the API never sent exactly once, however many workers deliver at once', async () => {
    const instance = await started();
    const id = await committed(instance, go);
    const runs = await Promise.all([deliverOutbox(deps()), deliverOutbox(deps()), deliverOutbox(deps())]);
    expect(runs.reduce((n, r) => n + r.commands.done, 0)).toBe(1);
    expect(await passedWait(instance)).toBe(1);
    expect((await engine.processVariables(instance)).note).toBe('已到达');
    expect(await prisma.engineCommand.findUniqueOrThrow({ where: { id } })).toMatchObject({
      doneAt: expect.any(Date),
      attempts: 1,
    });
    expect((await deliverOutbox(deps())).commands.done).toBe(0);
  });

  it('does not send a message again when the first delivery reached the engine and its answer was lost', async () => {
    const instance = await started();
    const id = await committed(instance, go);
    await engine.correlateMessage('outbox-go', instance);
    await prisma.engineCommand.update({
      where: { id },
      data: { attempts: 1, leaseUntil: new Date(Date.now() - 1000) },
    });
    expect(await deliverCommand(prisma, engine, id)).toEqual({ state: 'done' });
    expect(await passedWait(instance)).toBe(1);
  });

  it('keeps the order of one instance’s commands', async () => {
    const instance = await started();
    const first = await committed(instance, { kind: 'set-variables', variables: { order: 'first' } });
    const second = await committed(instance, go);
    expect(await deliverCommand(prisma, engine, second)).toEqual({ state: 'pending' });
    expect(await passedWait(instance)).toBe(0);
    expect(await deliverCommand(prisma, engine, first)).toEqual({ state: 'done' });
    expect(await deliverCommand(prisma, engine, second)).toEqual({ state: 'done' });
    expect(await passedWait(instance)).toBe(1);
    // Waiting its turn was not an attempt: the message was sent, not taken for sent.
    expect((await prisma.engineCommand.findUniqueOrThrow({ where: { id: second } })).attempts).toBe(1);
  });

  it('does not retry a message the instance does not wait for, and says why', async () => {
    const instance = await started();
    const id = await committed(instance, { kind: 'correlate', message: 'outbox-never-awaited' });
    expect((await deliverCommand(prisma, engine, id)).state).toBe('refused');
    expect(await prisma.engineCommand.findUniqueOrThrow({ where: { id } })).toMatchObject({
      refusedAt: expect.any(Date),
      doneAt: null,
      lastError: expect.any(String),
    });
    await deliverOutbox(deps());
    expect((await prisma.engineCommand.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
  });

  it('moves an open task to another unit once, however often the hand-over is delivered', async () => {
    const instance = await started();
    await engine.correlateMessage('outbox-go', instance);
    const [task] = await engine.tasks({ processInstanceId: instance });
    const handOver: EngineCommandBody = {
      kind: 'reassign',
      variables: { communityId: 'BA-XA-C02' },
      assignees: { work: 'someone-of-c02' },
      move: { fromGroup: 'unit:BA-XA-C01', toGroup: 'unit:BA-XA-C02' },
    };
    const id = await committed(instance, handOver);
    expect(await deliverCommand(prisma, engine, id)).toEqual({ state: 'done' });
    // Delivered again (a second command with the same content): nothing changes twice.
    expect(await deliverCommand(prisma, engine, await committed(instance, handOver))).toEqual({
      state: 'done',
    });
    const groups = (await engine.identityLinks(task.id!))
      .filter((l) => l.type === 'candidate')
      .map((l) => l.groupId);
    expect(groups).toEqual(['unit:BA-XA-C02']);
    expect((await engine.task(task.id!)).assignee).toBe('someone-of-c02');
    expect((await engine.processVariables(instance)).communityId).toBe('BA-XA-C02');
  });
});
