import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/src/app';
import { loadApiConfig } from '../api/src/config';
import { createZeebeClient } from '../lib/camunda';
import { createPrisma } from '../lib/db';
import { createQueues } from '../lib/queues';
import { startQueueProcessors } from '../workers/src/queues';
import { loadWorkersConfig } from '../workers/src/config';
import { startWorkers } from '../workers/src/registry';
import { DEMO_PASSWORD } from '../prisma/seed';
import { testProcessEnv } from './env';

/** The API (and optionally the workers) wired to the real test database, broker and Redis. */
export function createTestStack(opts: { workers?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...testProcessEnv(), ...opts.env };
  const config = loadApiConfig(env);
  const log = pino({ level: 'silent' });
  const prisma = createPrisma(config.DATABASE_URL);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const camunda = createZeebeClient(config);
  const queues = createQueues(config.REDIS_URL, () => undefined);
  const app = createApp({ prisma, camunda, redis, queues, config, log });
  const server: Server = app.listen(0, '127.0.0.1');
  const workersConfig = opts.workers ? loadWorkersConfig(env) : undefined;
  const workers = workersConfig ? startWorkers(camunda, { db: prisma, config: workersConfig, log }) : [];
  // The queue processors start with the engine workers, as in the workers deployable.
  const processors = workersConfig
    ? startQueueProcessors({ db: prisma, config: workersConfig, log })
    : undefined;

  return {
    app,
    server,
    prisma,
    camunda,
    queues,
    http: () => request(server),
    /** Where a browser reaches the app (the API serving web/dist). */
    baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** A supertest agent signed in as a demo user (cookie kept). */
    async loginAs(username: string) {
      const agent = request.agent(server);
      await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
      return agent;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close(5000)));
      await (await processors)?.close();
      await queues.close();
      server.close();
      redis.disconnect();
      await Promise.allSettled([camunda.close(5000), prisma.$disconnect()]);
    },
  };
}

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
