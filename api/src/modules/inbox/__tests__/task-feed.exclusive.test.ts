/**
 * At-least-once end to end: during a burst of events the workers deployable (external-task
 * workers and the inbox feed consumer) is killed with SIGKILL and started again. Afterwards
 * every event has exactly one dispatch on its timeline and exactly one open 处置 in the inbox,
 * the same task the engine holds open: nothing lost, nothing doubled.
 */
import type { ChildProcess } from 'node:child_process';
import { killGroup as kill, startDeployable } from '../../../../../test/deployables';
import { createTestStack, eventually } from '../../../../../test/harness';
import { reportEvent } from '../../../../../test/events';

const BURST = 200;

/** The workers deployable; small feed batches, so a task's rows are split across batches as under load. */
const startWorkers = () => startDeployable('workers/src/main.ts', { FEED_BATCH: '20' });

describe('task feed and workers under a kill', () => {
  // The API only: the workers run as a separate process that the test kills.
  const stack = createTestStack();
  const since = new Date();
  let workers: ChildProcess | undefined;
  afterAll(async () => {
    kill(workers);
    await stack.cancelCasesSince(since);
    await stack.close();
  });

  it(`loses and doubles nothing when the workers die during a burst of ${BURST} events`, async () => {
    workers = startWorkers();
    const member = await stack.loginAs('grid.hw01');
    const ids: string[] = [];
    const report = async (n: number) => {
      for (let i = n; i < BURST; i += 10)
        ids.push((await reportEvent(member, { description: `批量 ${i}` })).id);
    };
    const burst = Promise.all(Array.from({ length: 10 }, (_, n) => report(n)));
    // Kill in the middle of the burst, without a chance to unlock or finish anything.
    await eventually(async () => (ids.length >= BURST / 2 ? true : undefined), 120_000);
    kill(workers);
    await burst;
    workers = startWorkers();

    const events = await stack.prisma.event.findMany({
      where: { id: { in: ids } },
      select: { id: true, processInstanceId: true },
    });
    expect(events).toHaveLength(BURST);
    const instances = events.map((e) => e.processInstanceId!);
    // Tasks locked by the killed worker come back after their lock (WORKER_LOCK_MS, 10 s in tests).
    const open = await eventually(async () => {
      const rows = await stack.prisma.inboxTask.findMany({
        where: { processInstanceId: { in: instances }, elementId: 'handle', state: 'OPEN' },
        select: { key: true, processInstanceId: true, orgId: true, candidateGroups: true },
      });
      return rows.length >= BURST ? rows : undefined;
    }, 120_000);
    expect(open).toHaveLength(BURST);
    expect(new Set(open.map((t) => t.processInstanceId)).size).toBe(BURST);
    // Each with its unit: candidate-group rows that came in an earlier batch than their task were kept.
    expect(open.filter((t) => t.orgId !== 'BA-XA-C01-G01' || t.candidateGroups.length !== 1)).toEqual([]);

    const engineOpen = await stack.engine.tasks({
      processInstanceIdIn: instances,
      taskDefinitionKey: 'handle',
    } as never);
    expect(engineOpen.map((t) => t.id).sort()).toEqual(open.map((t) => t.key).sort());

    const dispatched = await stack.prisma.timelineEntry.groupBy({
      by: ['eventId'],
      where: { eventId: { in: ids }, action: 'dispatched' },
      _count: true,
    });
    expect(dispatched).toHaveLength(BURST);
    expect(dispatched.every((d) => d._count === 1)).toBe(true);
    expect(await stack.prisma.inboxTask.count({ where: { processInstanceId: { in: instances } } })).toBe(
      BURST,
    );
  }, 180_000);
});
