/**
 * The outbox of case starts against the real engine (lib/engine-starts.ts): a case committed with
 * its start request whose API went away before calling the engine is started exactly once by the
 * workers, however many deliver at once; a start the engine took before its answer was lost is
 * linked, not repeated; a start the engine refuses is not retried.
 */
import pino from 'pino';
import { nextCaseNo } from '../../../../lib/case-no';
import { deliverStart, queueStart } from '../../../../lib/engine-starts';
import { suiteStack } from '../../../../test/harness';
import { loadWorkersConfig } from '../../config';
import { deliverOutbox } from '../engine-outbox.processor';

describe('case starts (outbox)', () => {
  const stack = suiteStack();
  const { prisma } = stack;
  const deps = () => ({
    db: prisma,
    engine: stack.engine,
    config: loadWorkersConfig({ ...process.env, ENGINE_OUTBOX_AFTER_MS: '0' }),
    log: pino({ level: 'silent' }),
  });
  const deliverStarts = async (d: ReturnType<typeof deps>) => (await deliverOutbox(d)).starts;
  const variablesOf = (eventId: string, caseNo: string) => ({
    eventId,
    caseNo,
    category: 'environment',
    urgency: 'NORMAL',
    gridId: 'BA-XA-C01-G01',
    communityId: 'BA-XA-C01',
    streetId: 'BA-XA',
    districtId: 'BA',
    level: 'GRID',
    reopenWindowHours: 72,
  });

  /** What the API commits for a report, and then nothing: it went away before calling the engine. */
  const committedReport = (processKey = 'event-handling') =>
    prisma.$transaction(async (tx) => {
      const caseNo = await nextCaseNo(prisma, 'SJ', undefined, tx);
      const event = await tx.event.create({
        data: {
          caseNo,
          categoryCode: 'environment',
          urgency: 'NORMAL',
          source: 'grid',
          gridId: 'BA-XA-C01-G01',
          gridPath: '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/',
          address: '海旺社区 1 栋',
          description: '提交后 API 退出',
        },
      });
      await queueStart(tx, {
        caseKind: 'EVENT',
        caseId: event.id,
        processKey,
        businessKey: caseNo,
        variables: variablesOf(event.id, caseNo),
      });
      return event;
    });
  const instancesOf = (caseNo: string) =>
    stack.engine.historicProcessInstances({
      processDefinitionKey: 'event-handling',
      processInstanceBusinessKey: caseNo,
    });

  it('starts a committed case the API never delivered exactly once, however many workers deliver at once', async () => {
    const event = await committedReport();
    const runs = await Promise.all([deliverStarts(deps()), deliverStarts(deps()), deliverStarts(deps())]);
    expect(runs.reduce((n, r) => n + r.started, 0)).toBe(1);
    const instances = await instancesOf(event.caseNo);
    expect(instances).toHaveLength(1);
    const linked = await prisma.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(linked.processInstanceId).toBe(instances[0].id);
    expect(linked.processDefinitionId).toBe(instances[0].processDefinitionId);
    expect(await prisma.engineStart.findUniqueOrThrow({ where: { caseId: event.id } })).toMatchObject({
      startedAt: expect.any(Date),
      processInstanceId: instances[0].id,
    });
    // Nothing left: a later run starts nothing.
    expect((await deliverStarts(deps())).started).toBe(0);
    expect(await instancesOf(event.caseNo)).toHaveLength(1);
  });

  it('links the start the engine took when its answer was lost, rather than starting another', async () => {
    const event = await committedReport();
    // The first delivery reached the engine, then its answer was lost; its lease has run out.
    const started = await stack.engine.startProcess(
      'event-handling',
      variablesOf(event.id, event.caseNo),
      event.caseNo,
    );
    await prisma.engineStart.update({
      where: { caseId: event.id },
      data: { attempts: 1, leaseUntil: new Date(Date.now() - 1000) },
    });
    expect(await deliverStart(prisma, stack.engine, event.id)).toMatchObject({
      state: 'started',
      processInstanceId: started.id,
    });
    expect(await instancesOf(event.caseNo)).toHaveLength(1);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).processInstanceId).toBe(
      started.id,
    );
  });

  it('does not retry a start the engine refuses, and says why', async () => {
    const event = await committedReport('no-such-process');
    expect((await deliverStart(prisma, stack.engine, event.id)).state).toBe('refused');
    const row = await prisma.engineStart.findUniqueOrThrow({ where: { caseId: event.id } });
    expect(row).toMatchObject({
      refusedAt: expect.any(Date),
      startedAt: null,
      lastError: expect.any(String),
    });
    expect((await deliverStarts(deps())).refused).toBe(0);
    expect((await prisma.engineStart.findUniqueOrThrow({ where: { caseId: event.id } })).attempts).toBe(1);
  });
});
