/**
 * Faults: PostgreSQL stopped for 10 s, then Redis stopped for 10 s, each during a burst of reports,
 * with real servers — a PostgreSQL cluster, a Redis server and an engine node of this suite's own
 * (the shared ones other runs use are never stopped); the API, the workers, the inbox feed and the
 * queue processors run on them. While PostgreSQL is down the API answers 503 naming the database
 * (or the engine, whose database it also is), never 500, and health says why; while Redis is down
 * sign-ins go on (the limiter counts in memory), reports go on, and 督办 cards wait for Redis and
 * are then told exactly once. Both recover by themselves; afterwards every accepted case has exactly
 * its next step: one open 处置, one dispatch and one report on its timeline — none lost, none doubled.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import type { Agent } from 'supertest';
import { createPrisma } from '../../lib/db';
import { createProcessEngine } from '../../lib/engine/process-engine';
import { deployProcesses } from '../../lib/processes';
import { seed } from '../../prisma/seed';
import { engineScript, ownPort, ownPostgres, ownRedis } from '../deployables';
import { ROOT, TEST_ENV, testProcessEnv } from '../env';
import { createTestStack, eventually } from '../harness';

const ENGINE_PORT = String(Number(TEST_ENV.ZHIZHI_ENGINE_PORT) + 2);
const pg = ownPostgres(ownPort(20_000));
const redis = ownRedis(ownPort(30_000));
const env = {
  DATABASE_URL: pg.url('zhizhi'),
  REDIS_URL: redis.url(),
  ENGINE_REST_URL: `http://127.0.0.1:${ENGINE_PORT}/engine-rest`,
  ENGINE_DATABASE_URL: pg.url('zhizhi_engine'),
  ZHIZHI_ENGINE_PORT: ENGINE_PORT,
  ZHIZHI_ENGINE_DB: 'zhizhi_engine',
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', `test-engine-${ENGINE_PORT}`),
  PGPORT: String(pg.port),
  // A report whose start the API could not deliver (the database gone after its commit) is
  // started by the workers (lib/engine-starts.ts).
  ENGINE_TIMEOUT_MS: '10000',
  ENGINE_OUTBOX_INTERVAL_MS: '1000',
  ENGINE_OUTBOX_AFTER_MS: '0',
};
const DOWN_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Burst {
  accepted: string[];
  refused: { status: number; code: string }[];
  /** Ends the burst once `more` reports were accepted after this call. */
  finish(more: number): Promise<void>;
}

/** Four reporters reporting one after another until told to finish. */
function burst(member: Agent, label: string): Burst {
  const accepted: string[] = [];
  const refused: Burst['refused'] = [];
  let target = Infinity;
  const loop = async (n: number) => {
    for (let i = 0; accepted.length < target; i++) {
      const res = await member.post('/api/events').send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: `${label} ${n}-${i}`,
        description: `${label}期间上报`,
      });
      if (res.status === 201) accepted.push(res.body.id);
      else {
        refused.push({ status: res.status, code: res.body.error?.code });
        await sleep(200);
      }
    }
  };
  const running = Promise.all([0, 1, 2, 3].map(loop));
  return {
    accepted,
    refused,
    async finish(more) {
      target = accepted.length + more;
      await running;
    },
  };
}

describe('faults: PostgreSQL and Redis stop for 10 s each', () => {
  let stack: ReturnType<typeof createTestStack>;

  beforeAll(async () => {
    pg.init();
    pg.start();
    await redis.start();
    const admin = new Client({ connectionString: pg.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE zhizhi');
    await admin.end();
    execFileSync('node_modules/.bin/prisma', ['migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...testProcessEnv(), ...env },
      stdio: 'ignore',
    });
    engineScript('start', env);
    const db = createPrisma(env.DATABASE_URL);
    await seed(db);
    await deployProcesses(
      createProcessEngine({
        ...TEST_ENV,
        ENGINE_REST_URL: env.ENGINE_REST_URL,
        ENGINE_USER: 'zhizhiApi',
        ENGINE_PASSWORD: 'zhizhiApi',
      }),
      db,
    );
    await db.$disconnect();
    stack = createTestStack({ workers: true, env });
  }, 240_000);

  afterAll(async () => {
    try {
      // Closing the in-process deployables after the outages has been seen to hang (not yet
      // understood, see the note): bounded, so the servers below are always removed.
      const t0 = Date.now();
      const closed = await Promise.race([stack?.close().then(() => true), sleep(30_000).then(() => false)]);
      console.log(
        `[faults] stack ${closed ? `closed in ${Date.now() - t0} ms` : 'did not close within 30 s'}`,
      );
    } finally {
      engineScript('stop', env);
      pg.destroy();
      await redis.destroy();
    }
  }, 120_000);

  /** Every accepted case has exactly one open 处置, one dispatch and one report on its timeline. */
  async function expectOneNextStepEach(accepted: string[]) {
    const events = await stack.prisma.event.findMany({
      where: { id: { in: accepted } },
      select: { processInstanceId: true },
    });
    expect(events.filter((e) => !e.processInstanceId)).toEqual([]);
    const instances = events.map((e) => e.processInstanceId!);
    const open = await eventually(async () => {
      const rows = await stack.prisma.inboxTask.findMany({
        where: { processInstanceId: { in: instances }, elementId: 'handle', state: 'OPEN' },
        select: { processInstanceId: true },
      });
      return rows.length >= accepted.length ? rows : undefined;
    }, 90_000);
    expect(open).toHaveLength(accepted.length);
    expect(new Set(open.map((t) => t.processInstanceId)).size).toBe(accepted.length);
    for (const action of ['reported', 'dispatched']) {
      const entries = await stack.prisma.timelineEntry.groupBy({
        by: ['eventId'],
        where: { eventId: { in: accepted }, action },
        _count: true,
      });
      expect({
        action,
        cases: entries.length,
        doubled: entries.filter((d) => d._count !== 1).length,
      }).toEqual({
        action,
        cases: accepted.length,
        doubled: 0,
      });
    }
  }

  it('PostgreSQL down: 503 naming the database, health says why, recovers by itself, nothing lost or doubled', async () => {
    const since = new Date();
    const member = await stack.loginAs('grid.hw01');
    const reports = burst(member, '数据库停机');
    await eventually(async () => (reports.accepted.length >= 10 ? true : undefined), 60_000);
    pg.stop();
    const stoppedAt = Date.now();
    const health = await stack.http().get('/api/health').expect(503);
    expect(health.body.components.postgres).toEqual({ status: 'down', reason: expect.any(String) });
    await sleep(DOWN_MS - (Date.now() - stoppedAt));
    pg.start();
    await reports.finish(20);
    await eventually(
      async () => ((await stack.http().get('/api/health')).status === 200 ? true : undefined),
      60_000,
    );

    const { accepted, refused } = reports;
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(
      refused.filter(
        (r) => r.status !== 503 || !['error.databaseUnavailable', 'error.engineUnavailable'].includes(r.code),
      ),
    ).toEqual([]);
    expect(refused.some((r) => r.code === 'error.databaseUnavailable')).toBe(true);
    // A refused report leaves no case behind (a case committed before the database went is
    // accepted, and its start is delivered by the workers).
    const left = await eventually(async () => {
      const n = await stack.prisma.event.count({ where: { createdAt: { gte: since } } });
      return n === accepted.length ? n : undefined;
    }, 60_000);
    expect(left).toBe(accepted.length);
    await expectOneNextStepEach(accepted);
    console.log(
      `[faults] PostgreSQL down ${DOWN_MS / 1000} s: ${accepted.length} cases accepted, ${refused.length} reports refused with 503 (${[...new Set(refused.map((r) => r.code))].join(', ')}), 0 lost, 0 doubled`,
    );
  }, 240_000);

  it('Redis down: sign-ins and reports go on, cards wait for Redis and are told once, nothing lost or doubled', async () => {
    const member = await stack.loginAs('grid.hw01');
    const supervisor = await stack.loginAs('xa.supervisor');
    const before = await Promise.all(
      [0, 1, 2].map(
        async () =>
          (
            await member.post('/api/events').send({
              category: 'environment',
              urgency: 'NORMAL',
              gridId: 'BA-XA-C01-G01',
              address: 'Redis 停机前',
              description: '督办对象',
            })
          ).body.id as string,
      ),
    );
    const reports = burst(member, 'Redis停机');
    await eventually(async () => (reports.accepted.length >= 5 ? true : undefined), 60_000);
    await redis.stop();
    const stoppedAt = Date.now();
    const health = await stack.http().get('/api/health').expect(503);
    expect(health.body.components.redis).toEqual({ status: 'down', reason: expect.any(String) });
    // Sign-in does not need Redis: the limiter counts in this process meanwhile.
    await stack.http().post('/api/auth/login').send({ username: 'grid.hw02', password: 'wrong' }).expect(401);
    await stack.loginAs('grid.hw02');
    // 督办 while Redis is down: the notice waits for Redis, the card is not lost.
    const cards = before.map((eventId) =>
      supervisor
        .post('/api/supervision/cards')
        .send({ caseKind: 'EVENT', caseId: eventId, kind: 'REMIND', reason: 'Redis 停机期间催办' }),
    );
    await sleep(DOWN_MS - (Date.now() - stoppedAt));
    await redis.start();
    const answered = await Promise.all(cards);
    await reports.finish(10);
    await eventually(
      async () => ((await stack.http().get('/api/health')).status === 200 ? true : undefined),
      60_000,
    );

    expect(answered.map((r) => r.status)).toEqual([201, 201, 201]);
    const { accepted, refused } = reports;
    expect(refused).toEqual([]);
    await expectOneNextStepEach([...before, ...accepted]);
    // Each card told the grid's users exactly once: one line each in their digests.
    const issued = await stack.prisma.supervisionCard.findMany({ where: { eventId: { in: before } } });
    expect(issued).toHaveLength(3);
    const gridUsers = await stack.prisma.user.count({ where: { orgId: 'BA-XA-C01-G01', active: true } });
    for (const card of issued) {
      const told = await eventually(async () => {
        const n = await stack.prisma.pendingNotice.count({
          where: { dedupKey: { startsWith: `${card.dedupKey}:` } },
        });
        return n >= gridUsers ? n : undefined;
      }, 60_000);
      expect(told).toBe(gridUsers);
    }
    console.log(
      `[faults] Redis down ${DOWN_MS / 1000} s: ${accepted.length} cases accepted during it, ${refused.length} refused; 3 cards each told ${gridUsers} user(s) once; 0 lost, 0 doubled`,
    );
  }, 240_000);
});
