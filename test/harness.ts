import type { Role } from '@prisma/client';
import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/src/app';
import { loadApiConfig } from '../api/src/config';
import { createFeedPosition } from '../lib/engine/feed-position';
import { createProcessEngine } from '../lib/engine/process-engine';
import { createPrisma, type Db } from '../lib/db';
import { createQueues } from '../lib/queues';
import { startQueueProcessors } from '../workers/src/queues';
import { loadWorkersConfig } from '../workers/src/config';
import { startWorkers } from '../workers/src/registry';
import { startTaskFeed } from '../workers/src/task-feed/task-feed';
import { DEMO_PASSWORD } from '../prisma/seed';
import { testPasswordHash, testProcessEnv } from './env';
import { residentIdCheckChar } from '../lib/identity-numbers';

/**
 * The API (and optionally the workers deployable: external-task workers, the inbox feed and the
 * queue processors) wired to the real test database, engine and Redis.
 */
export function createTestStack(
  opts: {
    workers?: boolean;
    env?: NodeJS.ProcessEnv;
    /** Wraps the API's database client, e.g. to make one write fail (fault injection). */
    apiDb?: (db: Db) => Db;
  } = {},
) {
  const env = { ...testProcessEnv(), ...opts.env };
  const config = loadApiConfig(env);
  const log = pino({ level: process.env.TEST_API_LOG ?? 'silent' });
  const prisma = createPrisma(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const engine = createProcessEngine(config);
  const queues = createQueues(config.REDIS_URL, () => undefined);
  const feedPosition = createFeedPosition(config.ENGINE_DATABASE_URL);
  const app = createApp({
    prisma: opts.apiDb ? opts.apiDb(prisma) : prisma,
    engine,
    redis,
    queues,
    config,
    log,
    feed: feedPosition,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  /** A supertest agent signed in as a demo user (cookie kept). */
  const loginAs = async (username: string) => {
    const agent = request.agent(server);
    await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    return agent;
  };
  const workersConfig = opts.workers ? loadWorkersConfig(env) : undefined;
  const workerDeps = workersConfig && {
    db: prisma,
    engine: createProcessEngine(workersConfig),
    config: workersConfig,
    log,
    queues,
  };
  const workers = workerDeps ? startWorkers(workerDeps) : undefined;
  const feed = workerDeps ? startTaskFeed(workerDeps) : undefined;
  const processors = workerDeps ? startQueueProcessors(workerDeps) : undefined;

  return {
    app,
    server,
    prisma,
    /** The engine as the API calls it. */
    engine,
    queues,
    http: () => request(server),
    /** A supertest agent that keeps its cookies, signed in as nobody yet. */
    agent: () => request.agent(server),
    /** Where a browser reaches the app (the API serving web/dist). */
    baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    loginAs,
    /**
     * A user of this suite's own database (the username must be new to it) at `orgId`, signed in:
     * for what the demo's units lack, such as a grid with three members.
     */
    async userAs(username: string, orgId: string, roles: Role[], displayName = username) {
      const passwordHash = await testPasswordHash(DEMO_PASSWORD);
      const { id } = await prisma.user.create({
        data: { username, displayName, passwordHash, orgId, roles },
      });
      return { id, agent: await loginAs(username) };
    },
    /**
     * Cancels in the engine every case (event, dispute) reported (and every key person's cycle started)
     * since `since`, so that a suite that leaves many
     * open tasks does not push later suites' tasks off the first page of a shared 待办.
     */
    async cancelCasesSince(since: Date) {
      const events = await prisma.event.findMany({
        where: { createdAt: { gte: since }, processInstanceId: { not: null } },
        select: { processInstanceId: true },
      });
      const disputes = await prisma.dispute.findMany({
        where: { createdAt: { gte: since }, processInstanceId: { not: null } },
        select: { processInstanceId: true },
      });
      const persons = await prisma.person.findMany({
        where: { createdAt: { gte: since }, processInstanceId: { not: null } },
        select: { processInstanceId: true },
      });
      // 块数据 proposals waiting for review (base-data-review).
      const proposals = await prisma.baseChange.findMany({
        where: { createdAt: { gte: since }, processInstanceId: { not: null }, status: 'PROPOSED' },
        select: { processInstanceId: true },
      });
      for (const { processInstanceId } of [...events, ...disputes, ...persons, ...proposals])
        await engine.deleteProcessInstance(processInstanceId!).catch(() => undefined);
    },
    async close() {
      // Each part stops in turn; one that takes long is named (a suite's teardown once ran past
      // Jest's 60 s under load, and which part held it was not known).
      const parts: [string, () => Promise<unknown> | undefined][] = [
        ['external-task workers', () => workers?.close()],
        ['task feed', () => feed?.close()],
        ['queue processors', async () => (await processors)?.close()],
        ['queues', () => queues.close()],
      ];
      for (const [name, stop] of parts) {
        const t0 = Date.now();
        await stop();
        if (Date.now() - t0 > 10_000) console.warn(`[stack] closing the ${name} took ${Date.now() - t0} ms`);
      }
      server.close();
      redis.disconnect();
      await feedPosition.close();
      await prisma.$disconnect();
    },
  };
}

/** A suite's teardown cancels its cases and stops its workers, which under load has taken over a minute. */
const TEARDOWN_TIMEOUT_MS = 180_000;

/**
 * The stack of one suite: created now, and when the suite ends the cases it reported are
 * cancelled (see `cancelCasesSince`) and the stack is closed.
 */
export function suiteStack(opts: Parameters<typeof createTestStack>[0] = {}) {
  const stack = createTestStack(opts);
  const since = new Date();
  afterAll(async () => {
    await stack.cancelCasesSince(since);
    await stack.close();
  }, TEARDOWN_TIMEOUT_MS);
  return Object.assign(stack, { since });
}

/**
 * Forgets every counted sign-in failure (Redis keys of api/src/modules/auth/login-limiter.ts): a
 * suite that fails sign-ins on purpose (fuzzing, the limiter's own suite) must not lock the demo
 * accounts or 127.0.0.1 out of the suites after it.
 */
export async function clearLoginFailures() {
  const redis = new Redis(testProcessEnv().REDIS_URL!);
  try {
    const keys = await redis.keys('zz:login:fail:*');
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/**
 * Polls until `probe` returns a value (not undefined) or the time is up. The default is generous:
 * two Jest workers, their engines and Chromium share two cores, and an engine timer due in 3 s has
 * taken over 15 s to show in an inbox there; a probe that succeeds returns at once all the same.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let idSerial = 0;

/**
 * A resident ID number no earlier run is likely to have used (the database may be kept between
 * runs): a real birth date and sequence from the clock and a counter, and its check character.
 */
export function freshIdNumber(): string {
  idSerial += 1;
  const n = (Math.floor(Date.now() / 10) + idSerial) % 25_000_000;
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const first17 = `440306${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
