/**
 * Two engine nodes on one database (docs/architecture.md, "How a district grows"): a second node joins the test
 * engine's database, and a timer fires exactly once across the nodes, an external task is
 * never handed out twice, and with a feed consumer beside each node every user task reaches the
 * inbox once, with its unit. The second node is up only while this suite runs.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { Client } from 'pg';
import { createProcessEngine, EngineError, type ProcessEngine } from '../../lib/engine/process-engine';
import type { Queues } from '../../lib/queues';
import { loadWorkersConfig } from '../../workers/src/config';
import { startTaskFeed } from '../../workers/src/task-feed/task-feed';
import { ROOT, spareEnginePort, TEST_ENV, testProcessEnv } from '../env';
import { createTestStack, eventually } from '../harness';
import { userTaskLine } from '../diagrams';

jest.setTimeout(300_000);

const exec = promisify(execFile);

/** Above the Jest workers' engines (this suite runs alone, after them: jest.config.js). */
const NODE2_PORT = String(spareEnginePort(0));
/** The second node's name in the job log (the first keeps the engine's default, ip$default). */
const NODE2_NAME = 'zz-node-2';
/** Same database, fast job executor (from TEST_ENV); another port and state folder; a small heap. */
const node2Env = {
  ...testProcessEnv(),
  ZHIZHI_ENGINE_PORT: NODE2_PORT,
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', `test-engine-${NODE2_PORT}`),
  ZHIZHI_ENGINE_JAVA_OPTS: '-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1',
  // The engine's `hostname` property, as docker-compose names engine-1 and engine-2.
  OPERATON_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME: NODE2_NAME,
};
const node2 = (cmd: 'start' | 'stop') =>
  exec('bash', ['scripts/engine.sh', cmd], { cwd: ROOT, env: node2Env, timeout: 240_000 });

const client = (port: string) =>
  createProcessEngine({
    ENGINE_REST_URL: `http://127.0.0.1:${port}/engine-rest`,
    ENGINE_USER: 'zhizhiApi',
    ENGINE_PASSWORD: 'zhizhiApi',
  });

const PROCESS = 'zz-two-nodes';
const TOPIC = 'zz-two-nodes';
const INSTANCES = 60;

describe('two engine nodes on one database', () => {
  let one: ProcessEngine;
  let two: ProcessEngine;
  let definitionId: string;

  beforeAll(async () => {
    await node2('start');
    one = client(TEST_ENV.ZHIZHI_ENGINE_PORT);
    two = client(NODE2_PORT);
    const deployment = await one.deploy(PROCESS, [
      {
        name: 'two-nodes.bpmn',
        content: readFileSync(path.join(__dirname, '..', 'fixtures', 'two-nodes.bpmn')),
      },
    ]);
    definitionId = Object.values(deployment.deployedProcessDefinitions ?? {})[0]?.id ?? '';
    if (!definitionId) {
      definitionId = (await one.processDefinitions({ key: PROCESS, latestVersion: true }))[0]?.id ?? '';
    }
    expect(definitionId).not.toBe('');
  });

  afterAll(async () => {
    await node2('stop');
  });

  it('fires each timer exactly once across the nodes', async () => {
    // Started half through each node, in parallel batches; the timers fall due in waves over 8 s,
    // so both nodes' job executors (idle back-off up to 1 s) wake while timers are due.
    for (let i = 0; i < INSTANCES; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          (k % 2 ? two : one).startProcess(PROCESS, { wait: `PT${4 + ((i + k) % 8)}S` }, `zz-${i + k}`),
        ),
      );
    }
    const instances = await one.historicProcessInstances({ processDefinitionId: definitionId });
    expect(instances).toHaveLength(INSTANCES);

    const reached = await eventually(async () => {
      const work = await one.activityInstances({ processDefinitionId: definitionId, activityId: 'work' });
      return work.length >= INSTANCES ? work : undefined;
    }, 90_000);
    // A little longer, so that a second firing anywhere would have shown up (an absence: nothing to poll for).
    await new Promise((r) => setTimeout(r, 3000));

    const timers = await one.activityInstances({ processDefinitionId: definitionId, activityId: 'wait' });
    const work = await two.activityInstances({ processDefinitionId: definitionId, activityId: 'work' });
    expect(reached).toHaveLength(INSTANCES);
    expect(work).toHaveLength(INSTANCES);
    expect(timers).toHaveLength(INSTANCES);
    expect(timers.every((t) => t.endTime)).toBe(true);
    expect(new Set(timers.map((t) => t.processInstanceId)).size).toBe(INSTANCES);
    expect(new Set(work.map((t) => t.processInstanceId)).size).toBe(INSTANCES);

    // The job log: every timer job ran successfully exactly once, whichever node ran it (how the
    // race between the nodes falls is not the property: one node may take them all).
    const runs = await one.jobLog({ processDefinitionKey: PROCESS, successLog: true });
    expect(runs).toHaveLength(INSTANCES);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(INSTANCES);
    expect(new Set(runs.map((r) => r.processInstanceId)).size).toBe(INSTANCES);
    const byNode2 = runs.filter((r) => r.hostname === NODE2_NAME).length;
    const failures = await one.jobLog({ processDefinitionKey: PROCESS, failureLog: true });
    console.log(
      `timers fired: node 1 ${INSTANCES - byNode2}, node 2 ${byNode2} of ${INSTANCES}; failed runs ${failures.length}`,
    );
  });

  it('never hands an external task to two workers, whichever node they poll', async () => {
    // Two workers per node fetch concurrently (plain fetch-and-lock, no long poll) until every task
    // is locked. Workers that select the same tasks race for their locks: the engine hands each
    // task to the one whose lock committed and leaves it out of the others' answers (which may come
    // back short or empty although tasks are left).
    const workers = [
      { id: 'zz-w1a', engine: one },
      { id: 'zz-w1b', engine: one },
      { id: 'zz-w2a', engine: two },
      { id: 'zz-w2b', engine: two },
    ];
    const fetch = (w: (typeof workers)[number], topicName: string) =>
      w.engine.fetchAndLock({
        workerId: w.id,
        maxTasks: 2,
        usePriority: false,
        topics: [
          {
            topicName,
            lockDuration: 120_000,
            processDefinitionId: definitionId,
            localVariables: false,
            withoutTenantId: false,
            deserializeValues: false,
            includeExtensionProperties: false,
          },
        ],
      });
    // The first fetch-and-lock of a freshly started node is slow (class loading): warm both up, so
    // that they race rather than one taking everything while the other starts.
    for (let i = 0; i < 5; i++) await Promise.all(workers.map((w) => fetch(w, 'zz-nothing')));
    const lockedBy = new Map<string, string[]>();
    let fetches = 0;
    let short = 0;
    const deadline = Date.now() + 60_000;
    await Promise.all(
      workers.map(async (w) => {
        while (lockedBy.size < INSTANCES && Date.now() < deadline) {
          fetches++;
          const tasks = await fetch(w, TOPIC);
          if (tasks.length < 2 && lockedBy.size + tasks.length < INSTANCES) short++;
          for (const t of tasks) lockedBy.set(t.id ?? '', [...(lockedBy.get(t.id ?? '') ?? []), w.id]);
        }
      }),
    );
    const twice = [...lockedBy].filter(([, ids]) => ids.length > 1);
    const perWorker = workers.map((w) => [...lockedBy.values()].filter((ids) => ids[0] === w.id).length);
    console.log(
      `external tasks locked per worker (1a, 1b, 2a, 2b): ${perWorker.join(', ')}; ${fetches} fetches, ${short} short of tasks left (lost races)`,
    );
    expect(twice).toEqual([]);
    expect(lockedBy.size).toBe(INSTANCES);
    expect(perWorker.slice(0, 2).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(perWorker.slice(2).reduce((a, b) => a + b)).toBeGreaterThan(0);

    // Another worker cannot complete a locked task, on either node; its holder can, on either.
    const [first, [holder]] = [...lockedBy][0];
    for (const engine of [one, two]) {
      const refused = await engine.completeExternal(first, 'zz-intruder', {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(EngineError);
      expect((refused as EngineError).status).toBe(400);
      expect((refused as EngineError).message).toMatch(/zz-intruder/);
    }
    await Promise.all(
      [...lockedBy].map(([id, [worker]]) =>
        (worker.startsWith('zz-w1') ? two : one).completeExternal(id, worker, {}),
      ),
    );
    expect(holder).toMatch(/^zz-w/);
    const done = await one.historicProcessInstances({ processDefinitionId: definitionId, finished: true });
    expect(done).toHaveLength(INSTANCES);
  });

  it('puts every user task in the inbox once, with its unit, when each node runs a feed consumer', async () => {
    const FEED_PROCESS = 'zz-two-nodes-feed';
    const TASKS = 80;
    const stack = createTestStack();
    const feedTable = new Client({ connectionString: TEST_ENV.ENGINE_DATABASE_URL });
    await feedTable.connect();
    // Each node's workers run a consumer on the one feed table; small batches, so they interleave.
    const consumerOf = (engine: ProcessEngine) =>
      startTaskFeed({
        db: stack.prisma,
        engine,
        config: loadWorkersConfig({ ...process.env, ...TEST_ENV, FEED_BATCH: '5', FEED_IDLE_MS: '10' }),
        log: pino({ level: 'silent' }),
        queues: {} as Queues,
      });
    const consumers = [consumerOf(one), consumerOf(two)];
    try {
      await one.deploy(FEED_PROCESS, [
        {
          name: `${FEED_PROCESS}.bpmn`,
          content: userTaskLine(FEED_PROCESS, [{ id: 'work', name: '两节点任务', groups: 'unit:BA-XA-C01' }]),
        },
      ]);
      for (let i = 0; i < TASKS; i += 10)
        await Promise.all(
          Array.from({ length: 10 }, (_, k) => ((i + k) % 2 ? two : one).startProcess(FEED_PROCESS, {})),
        );
      const rows = await eventually(async () => {
        const found = await stack.prisma.inboxTask.findMany({ where: { bpmnProcessId: FEED_PROCESS } });
        return found.length >= TASKS && found.every((t) => t.orgId) ? found : undefined;
      }, 120_000);
      expect(rows).toHaveLength(TASKS);
      expect(new Set(rows.map((r) => r.key)).size).toBe(TASKS);
      expect(rows.filter((r) => r.orgId !== 'BA-XA-C01' || r.state !== 'OPEN')).toEqual([]);

      // Half completed, each through the node that did not start it: the rows close, once.
      const half = rows.slice(0, TASKS / 2);
      await Promise.all(half.map((r, i) => (i % 2 ? one : two).complete(r.key, {})));
      await eventually(async () => {
        const closed = await stack.prisma.inboxTask.count({
          where: { key: { in: half.map((r) => r.key) }, state: { not: 'OPEN' } },
        });
        return closed === half.length ? true : undefined;
      }, 120_000);
      expect(
        await stack.prisma.inboxTask.count({ where: { bpmnProcessId: FEED_PROCESS, state: 'OPEN' } }),
      ).toBe(TASKS / 2);
      const left = await feedTable.query<{ n: string }>(
        'SELECT count(*) AS n FROM zhizhi_task_feed WHERE task_id = ANY($1)',
        [rows.map((r) => r.key)],
      );
      expect(Number(left.rows[0].n)).toBe(0);
    } finally {
      await Promise.all(consumers.map((c) => c.close()));
      await feedTable.end();
      await stack.close();
    }
  });
});
