/**
 * The end-to-end flow (npm run bench): N events through `POST /api/events` until their first task
 * (处置) is in the inbox, then N completions through the API; against a baseline measured in the
 * same run: a fixture diagram of the same shape (start → external task → decision → user task,
 * bench/fixtures/flow-baseline.bpmn) started and completed straight at the engine's REST, with the
 * same worker runtime, engine users and task feed; and a second baseline, the same fixture before the
 * feed runs, each task seen through the engine's own task query (its creation time), so the feed's
 * own cost is printed; and Zhizhi's diagram completed straight at the engine, so a completion's time
 * splits into the diagram's own engine work and the API's share. Then Zhizhi at a paced rate (BENCH_FLOW_RATE events/s offered, 10 by
 * default) for report → inbox under a steady load rather than a burst. Everything runs on this machine: an engine node
 * of its own (port 8696, database zhizhi_engine_bench, reset first), the API and the workers
 * in-process, PostgreSQL and Redis.
 */
import { createFeedPosition } from '../lib/engine/feed-position';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import pino from 'pino';
import { createApp } from '../api/src/app';
import { loadApiConfig } from '../api/src/config';
import { createPrisma, type Db } from '../lib/db';
import { createProcessEngine } from '../lib/engine/process-engine';
import { deployProcesses } from '../lib/processes';
import { createQueues } from '../lib/queues';
import { DEMO_PASSWORD, seed } from '../prisma/seed';
import { loadWorkersConfig } from '../workers/src/config';
import { findWorkers, startWorkers } from '../workers/src/registry';
import { startTaskFeed } from '../workers/src/task-feed/task-feed';
import { complete, type WorkerDefinition } from '../workers/src/types';
import { recreateDatabase } from './data';

const ROOT = path.resolve(__dirname, '..');
const N = Number(process.env.BENCH_FLOW_EVENTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_FLOW_CONCURRENCY ?? 16);
const ENGINE_PORT = process.env.BENCH_ENGINE_PORT ?? '8696';
const ENGINE_DB = 'zhizhi_engine_bench';
const APP_URL =
  process.env.BENCH_FLOW_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_flow_bench';
const GRID = 'BA-XA-C01-G01';
const RATE = Number(process.env.BENCH_FLOW_RATE ?? 10);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: APP_URL,
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10',
  ENGINE_REST_URL: `http://127.0.0.1:${ENGINE_PORT}/engine-rest`,
  ENGINE_DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${ENGINE_DB}`,
  ZHIZHI_ENGINE_PORT: ENGINE_PORT,
  ZHIZHI_ENGINE_DB: ENGINE_DB,
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', 'bench-engine'),
  // The engine as production runs it (docs/operations.md), not as npm start and the tests do
  // (C1 only, which starts faster and runs slower).
  ZHIZHI_ENGINE_JAVA_OPTS: process.env.ZHIZHI_ENGINE_JAVA_OPTS ?? '-Xmx768m -XX:+UseSerialGC',
  LOG_LEVEL: 'silent',
  WORKER_POLL_TIMEOUT_MS: '1000',
  WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
};

/** The baseline's external task: the same runtime, no work of its own. */
const baselineStep: WorkerDefinition = {
  topic: 'flow-baseline-step',
  name: { zh: '基准步骤', en: 'Baseline step' },
  description: { zh: '基准测试用', en: 'Benchmark only' },
  reads: [],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler: () => async () => complete(),
};

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (v: number) => `${Math.round(v)} ms`;

/** Runs `work` over the items with at most CONCURRENCY in flight. */
async function pool<T>(items: T[], work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Waits until every instance has its open inbox task at `elementId`; their rows. */
async function inboxRows(db: Db, instances: string[], elementId: string) {
  for (;;) {
    const rows = await db.inboxTask.findMany({
      where: { processInstanceId: { in: instances }, elementId },
      select: { key: true, processInstanceId: true, createdAt: true },
    });
    if (rows.length >= instances.length) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the work a run left behind is done (no external task waits for a worker, no feed row
 * for the consumer; at most a minute), so that the next run is not timed against the last one's tail.
 */
async function settled(engineDatabaseUrl: string) {
  const engineDb = new Client({ connectionString: engineDatabaseUrl });
  await engineDb.connect();
  try {
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const { rows } = await engineDb.query<{ n: string }>(
        'SELECT (SELECT count(*) FROM act_ru_ext_task) + (SELECT count(*) FROM zhizhi_task_feed) AS n',
      );
      if (Number(rows[0].n) === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await engineDb.end();
  }
}

/** Waits until every instance has its open engine task at `elementId`: the engine's own view, no feed. */
async function engineTasks(
  engine: ReturnType<typeof createProcessEngine>,
  instances: string[],
  elementId: string,
) {
  const found = new Map<string, { key: string; processInstanceId: string; createdAt: Date }>();
  for (;;) {
    const missing = instances.filter((i) => !found.has(i));
    if (!missing.length) return [...found.values()];
    for (let i = 0; i < missing.length; i += 200)
      for (const t of await engine.tasks({
        processInstanceIdIn: missing.slice(i, i + 200),
        taskDefinitionKey: elementId,
      }))
        found.set(t.processInstanceId!, {
          key: t.id!,
          processInstanceId: t.processInstanceId!,
          createdAt: new Date(t.created!),
        });
    if (found.size < instances.length) await new Promise((r) => setTimeout(r, 50));
  }
}

interface Figures {
  label: string;
  eventsPerSecond: number;
  completionsPerSecond: number;
  p50: number;
  p95: number;
}

export async function benchFlow() {
  const run = (args: string[]) =>
    execFileSync('bash', ['scripts/engine.sh', ...args], { cwd: ROOT, env, stdio: 'inherit' });
  run(['reset']);
  run(['start']);
  await recreateDatabase(APP_URL);
  const db = createPrisma(APP_URL);
  await seed(db);
  const apiConfig = loadApiConfig(env);
  const apiEngine = createProcessEngine(apiConfig);
  await deployProcesses(apiEngine, db);
  await apiEngine.deploy('flow-baseline', [
    {
      name: 'flow-baseline.bpmn',
      content: readFileSync(path.join(__dirname, 'fixtures', 'flow-baseline.bpmn')),
    },
  ]);

  const log = pino({ level: 'silent' });
  const redis = new Redis(apiConfig.REDIS_URL, { lazyConnect: true });
  const queues = createQueues(apiConfig.REDIS_URL, () => undefined);
  const feedPosition = createFeedPosition(apiConfig.ENGINE_DATABASE_URL);
  const server: Server = createApp({
    prisma: db,
    engine: apiEngine,
    redis,
    queues,
    config: apiConfig,
    log,
    feed: feedPosition,
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const workersConfig = loadWorkersConfig(env);
  const deps = { db, engine: createProcessEngine(workersConfig), config: workersConfig, log, queues };
  const workers = startWorkers(deps, [...findWorkers(), baselineStep]);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'grid.hw01', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const post = (url: string, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify(body),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string; processInstanceId: string }>;
    });

  /** A grid member's report of the same kind each time, through the API. */
  const report = (address: string, description: string) =>
    post('/api/events', { category: 'environment', urgency: 'NORMAL', gridId: GRID, address, description });

  const figures: Figures[] = [];
  const measure = async (
    label: string,
    start: (i: number) => Promise<string>,
    finish: (taskKey: string) => Promise<unknown>,
    seen: (instances: string[]) => Promise<{ key: string; processInstanceId: string; createdAt: Date }[]> = (
      instances,
    ) => inboxRows(db, instances, 'handle'),
  ) => {
    const startedAt = new Map<string, number>();
    const t0 = Date.now();
    await pool([...Array(N).keys()], async (i) => {
      const before = Date.now();
      startedAt.set(await start(i), before);
    });
    const rows = await seen([...startedAt.keys()]);
    const latencies = rows.map((r) => r.createdAt.getTime() - startedAt.get(r.processInstanceId)!);
    const lastIn = Math.max(...rows.map((r) => r.createdAt.getTime()));
    const t1 = Date.now();
    await pool(rows, async (r) => void (await finish(r.key)));
    const t2 = Date.now();
    figures.push({
      label,
      eventsPerSecond: N / ((lastIn - t0) / 1000),
      completionsPerSecond: N / ((t2 - t1) / 1000),
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
    });
    return { startedAt, rows };
  };

  const startBaseline = async () =>
    (
      await apiEngine.startProcess('flow-baseline', {
        gridId: GRID,
        level: 'GRID',
        category: 'environment',
        urgency: 'NORMAL',
      })
    ).id!;
  // Warm both paths (JIT, pools, the engine's caches) before measuring; the engine's path with a
  // few rounds, as the first run measured is the engine alone.
  await report('预热', '预热');
  const warm = await Promise.all(Array.from({ length: CONCURRENCY * 4 }, startBaseline));
  for (const t of await engineTasks(apiEngine, warm, 'handle')) await apiEngine.complete(t.key, {});

  // Before the feed runs: each task seen by the engine's own query, at the time the engine made it.
  const alone = await measure(
    'baseline: engine, no feed',
    startBaseline,
    (key) => apiEngine.complete(key, {}),
    (instances) => engineTasks(apiEngine, instances, 'handle'),
  );
  const feed = startTaskFeed(deps);
  // The feed works off what the engine-alone run left (its rows) before the next run is timed.
  await inboxRows(db, [...alone.startedAt.keys()], 'handle');

  await measure(
    'baseline: engine REST',
    async () =>
      (
        await apiEngine.startProcess('flow-baseline', {
          gridId: GRID,
          level: 'GRID',
          category: 'environment',
          urgency: 'NORMAL',
        })
      ).id!,
    (key) => apiEngine.complete(key, {}),
  );
  const apiPosted = new Map<string, number>();
  const product = await measure(
    'Zhizhi: POST /api/events',
    async (i) => {
      const before = Date.now();
      const event = await report(`基准 ${i}`, '基准测试事件');
      apiPosted.set(event.processInstanceId, Date.now() - before);
      return event.processInstanceId;
    },
    (key) => post(`/api/tasks/${key}/complete`, { variables: { outcome: 'resolved', result: '基准' } }),
  );

  // Where a completion's time goes: the same diagram's 处置 completed straight at the engine (one
  // call, as the API makes it), so the API's own share is what the product adds over it.
  await settled(apiConfig.ENGINE_DATABASE_URL);
  await measure(
    'Zhizhi diagram, engine only',
    async (i) => (await report(`引擎 ${i}`, '基准测试事件')).processInstanceId,
    (key) => apiEngine.completeAs(key, 'bench', { outcome: 'resolved', result: '基准' }),
  );

  // Where the product's report→inbox time goes: the API call, the assign worker, the feed.
  const events = await db.event.findMany({
    where: { processInstanceId: { in: [...product.startedAt.keys()] } },
    select: {
      id: true,
      processInstanceId: true,
      timeline: { where: { action: 'dispatched' }, select: { at: true } },
    },
  });
  const createdOf = new Map(product.rows.map((r) => [r.processInstanceId, r.createdAt.getTime()]));
  const stage = { api: [] as number[], toDispatched: [] as number[], toInbox: [] as number[] };
  for (const e of events) {
    const started = product.startedAt.get(e.processInstanceId!)!;
    const dispatched = e.timeline[0]?.at.getTime();
    stage.api.push(apiPosted.get(e.processInstanceId!)!);
    if (dispatched) {
      stage.toDispatched.push(dispatched - started);
      stage.toInbox.push(createdOf.get(e.processInstanceId!)! - dispatched);
    }
  }

  // A steady load instead of a burst: RATE reports a second, each on its own, report → inbox.
  await settled(apiConfig.ENGINE_DATABASE_URL);
  const paced = new Map<string, number>();
  const offered = Math.min(N, RATE * 20);
  const t0 = Date.now();
  await Promise.all(
    [...Array(offered).keys()].map(async (i) => {
      await new Promise((r) => setTimeout(r, t0 + (i * 1000) / RATE - Date.now()));
      const before = Date.now();
      const event = await report(`匀速 ${i}`, '匀速基准事件');
      paced.set(event.processInstanceId, before);
    }),
  );
  const pacedLatencies = (await inboxRows(db, [...paced.keys()], 'handle')).map(
    (r) => r.createdAt.getTime() - paced.get(r.processInstanceId)!,
  );

  const [engineAlone, baseline, zhizhi, diagramAlone] = figures;
  console.log(
    `\nflow: ${N} cases each, ${CONCURRENCY} at a time, API + workers + feed in one process, engine on 127.0.0.1:${ENGINE_PORT}`,
  );
  for (const f of figures)
    console.log(
      `${f.label.padEnd(26)} ${f.eventsPerSecond.toFixed(1).padStart(6)} cases/s to the inbox · ` +
        `${f.completionsPerSecond.toFixed(1).padStart(6)} completions/s · report→inbox p50 ${ms(f.p50)}, p95 ${ms(f.p95)}`,
    );
  console.log(
    `ratio to baseline: cases/s ${(zhizhi.eventsPerSecond / baseline.eventsPerSecond).toFixed(2)} · ` +
      `completions/s ${(zhizhi.completionsPerSecond / baseline.completionsPerSecond).toFixed(2)} · ` +
      `p95 ${(zhizhi.p95 / baseline.p95).toFixed(2)}×`,
  );
  console.log(
    `completions: the fixture at the engine ${baseline.completionsPerSecond.toFixed(1)}/s · Zhizhi's diagram at the engine ` +
      `${diagramAlone.completionsPerSecond.toFixed(1)}/s (${(diagramAlone.completionsPerSecond / baseline.completionsPerSecond).toFixed(2)}) · ` +
      `through the API ${zhizhi.completionsPerSecond.toFixed(1)}/s (${(zhizhi.completionsPerSecond / diagramAlone.completionsPerSecond).toFixed(2)} of the diagram at the engine)`,
  );
  console.log(
    `the feed's own cost (baseline over the engine alone, target < 200 ms): report→inbox p95 +${ms(baseline.p95 - engineAlone.p95)}, p50 +${ms(baseline.p50 - engineAlone.p50)}`,
  );
  console.log(
    `Zhizhi at ${RATE} events/s offered (${offered} events): report→inbox p50 ${ms(quantile(pacedLatencies, 0.5))}, p95 ${ms(quantile(pacedLatencies, 0.95))} (target p95 < 1 s)`,
  );
  console.log(
    `Zhizhi stages (p50 / p95): POST /api/events ${ms(quantile(stage.api, 0.5))} / ${ms(quantile(stage.api, 0.95))} · ` +
      `report→dispatched (assign worker done) ${ms(quantile(stage.toDispatched, 0.5))} / ${ms(quantile(stage.toDispatched, 0.95))} · ` +
      `dispatched→inbox (decision, user task, feed) ${ms(quantile(stage.toInbox, 0.5))} / ${ms(quantile(stage.toInbox, 0.95))}`,
  );

  await workers.close();
  await feed.close();
  server.close();
  redis.disconnect();
  await queues.close();
  await feedPosition.close();
  await db.$disconnect();
  run(['stop']);
}
