/**
 * The inbox feed after a consumer outage, on the suite's own engine: with no consumer running,
 * 625 tasks are created (5,000 feed rows, eight each: each task's candidate-group rows come before its
 * creation row); then one consumer with batches of 7 rows, so batches end between a task's rows
 * again and again, works the backlog off. Every task ends in the inbox with its unit; no row of
 * them is left, none was dropped as an orphan.
 */
import pino from 'pino';
import { Client } from 'pg';
import { TEST_ENV } from '../../../../test/env';
import { eventually, suiteStack } from '../../../../test/harness';
import { loadWorkersConfig } from '../../config';
import { startTaskFeed } from '../task-feed';
import type { Queues } from '../../../../lib/queues';
import { userTaskLine } from '../../../../test/diagrams';

const TASKS = 625;
const PROCESS = 'feed-backlog';
const diagram = userTaskLine(PROCESS, [
  { id: 'work', name: '积压任务', groups: 'unit:BA-XA-C01,role:STAFF' },
]);

describe('task feed: a 5,000-row backlog after a consumer outage', () => {
  // No workers: nothing consumes the feed until the test starts its consumer.
  const stack = suiteStack();
  const feed = new Client({ connectionString: TEST_ENV.ENGINE_DATABASE_URL });
  beforeAll(() => feed.connect());
  afterAll(() => feed.end());

  it('stands in a table the engine migrations made, recorded once', async () => {
    const { rows } = await feed.query<{ version: string }>('SELECT version FROM zhizhi_engine_migration');
    expect(rows.map((r) => r.version)).toContain('0001_task_feed');
    expect(rows.filter((r) => r.version === '0001_task_feed')).toHaveLength(1);
  });

  it('gives every task its unit when batches end between a task’s rows', async () => {
    await stack.engine.deploy(PROCESS, [{ name: `${PROCESS}.bpmn`, content: diagram }]);
    const starts = Array.from({ length: TASKS }, (_, i) => i);
    for (let i = 0; i < starts.length; i += 16)
      await Promise.all(starts.slice(i, i + 16).map(() => stack.engine.startProcess(PROCESS, {})));
    const { rows } = await feed.query<{ n: string }>('SELECT count(*) AS n FROM zhizhi_task_feed');
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(5000);

    const consumer = startTaskFeed({
      db: stack.prisma,
      engine: stack.engine,
      config: loadWorkersConfig({ ...process.env, ...TEST_ENV, FEED_BATCH: '7', FEED_IDLE_MS: '10' }),
      log: pino({ level: 'silent' }),
      queues: {} as Queues,
    });
    try {
      await eventually(async () => {
        const left = await feed.query<{ n: string }>('SELECT count(*) AS n FROM zhizhi_task_feed');
        return Number(left.rows[0].n) === 0 ? true : undefined;
      }, 240_000);
    } finally {
      await consumer.close();
    }
    const tasks = await stack.prisma.inboxTask.findMany({
      where: { bpmnProcessId: PROCESS },
      select: { orgId: true, orgPath: true, state: true, candidateGroups: true },
    });
    expect(tasks).toHaveLength(TASKS);
    expect(tasks.filter((t) => t.orgId !== 'BA-XA-C01')).toEqual([]);
    expect(tasks.every((t) => t.state === 'OPEN' && t.orgPath?.endsWith('/BA-XA-C01/'))).toBe(true);
    console.log(`[feed backlog] ${rows[0].n} rows of ${TASKS} tasks applied in batches of 7`);
  }, 300_000);
});
