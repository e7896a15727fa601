/**
 * Fault: the engine node stops in the middle of a burst of reports and comes back. While it is
 * down health says why and reports are still accepted (each case is committed with its start
 * request, lib/engine-starts.ts), never a 500; once it is back, the workers start what waited, and
 * every accepted case has exactly its next step (处置 in the inbox, one dispatch on its timeline):
 * none lost, none doubled. Restarts the shared test engine, so it runs in band like every suite
 * (`npm run test:faults` runs the fault suites alone).
 */
import { engineScript as engine } from '../../../../test/deployables';
import { createTestStack, eventually } from '../../../../test/harness';

describe('faults: the engine restarts during a burst', () => {
  const stack = createTestStack({
    workers: true,
    env: { ENGINE_OUTBOX_INTERVAL_MS: '1000', ENGINE_OUTBOX_AFTER_MS: '0' },
  });
  const since = new Date();
  afterAll(async () => {
    engine('start');
    await stack.cancelCasesSince(since);
    await stack.close();
  });

  it('accepts reports while the engine is down, and every accepted case gets its next step once it is back', async () => {
    const member = await stack.loginAs('grid.hw01');
    const accepted: string[] = [];
    const refused: { status: number; code: string }[] = [];
    // Reports accepted while the engine was down: registered, their start waiting.
    const waiting: string[] = [];
    let engineDown = false;
    let engineBack = false;
    const loop = async (n: number) => {
      for (let i = 0; !(engineBack && accepted.length >= 40); i++) {
        const res = await member.post('/api/events').send({
          category: 'environment',
          urgency: 'NORMAL',
          gridId: 'BA-XA-C01-G01',
          address: `故障 ${n}-${i}`,
          description: '引擎重启期间上报',
        });
        if (res.status === 201) {
          accepted.push(res.body.id);
          if (engineDown && !engineBack && res.body.processInstanceId === null) waiting.push(res.body.id);
        } else {
          refused.push({ status: res.status, code: res.body.error?.code });
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const burst = Promise.all([0, 1, 2, 3].map(loop));
    await eventually(async () => (accepted.length >= 10 ? true : undefined), 60_000);
    engine('stop');
    engineDown = true;
    const health = await stack.http().get('/api/health').expect(503);
    expect(health.body.components.engine).toEqual({ status: 'down', reason: expect.any(String) });
    await eventually(async () => (waiting.length >= 5 ? true : undefined), 60_000);
    engine('start');
    engineBack = true;
    await burst;

    expect(waiting.length).toBeGreaterThanOrEqual(5);
    // Nothing refused but (while the restarting JVM starves this machine) a database that could not
    // finish a transaction in time: 503 naming it — never a 500.
    expect(refused.filter((r) => r.status !== 503 || r.code !== 'error.databaseUnavailable')).toEqual([]);
    // A refused report left no case behind.
    expect(await stack.prisma.event.count({ where: { createdAt: { gte: since } } })).toBe(accepted.length);

    // Every case linked to its instance, the waiting ones once the workers delivered their start.
    const instances = await eventually(async () => {
      const events = await stack.prisma.event.findMany({
        where: { id: { in: accepted } },
        select: { processInstanceId: true },
      });
      return events.every((e) => e.processInstanceId) ? events.map((e) => e.processInstanceId!) : undefined;
    }, 90_000);
    const open = await eventually(async () => {
      const rows = await stack.prisma.inboxTask.findMany({
        where: { processInstanceId: { in: instances }, elementId: 'handle', state: 'OPEN' },
        select: { processInstanceId: true },
      });
      return rows.length >= accepted.length ? rows : undefined;
    }, 90_000);
    expect(open).toHaveLength(accepted.length);
    expect(new Set(open.map((t) => t.processInstanceId)).size).toBe(accepted.length);
    const dispatched = await stack.prisma.timelineEntry.groupBy({
      by: ['eventId'],
      where: { eventId: { in: accepted }, action: 'dispatched' },
      _count: true,
    });
    expect(dispatched).toHaveLength(accepted.length);
    expect(dispatched.every((d) => d._count === 1)).toBe(true);
    console.log(
      `engine restart: ${accepted.length} cases accepted, ${waiting.length} of them while the engine was down, ${refused.length} refused with 503`,
    );
  }, 240_000);
});
