/**
 * Benchmark of the supervisors' overdue page (npm run bench; never part of npm test).
 *
 * Builds a separate database (BENCH_DATABASE_URL, default zhizhi_bench) with a district of
 * 10 streets, 124 communities and 5,000 grids and 1,000,000 historical inbox tasks (1 in 20
 * still open, from the last 30 days; the rest completed over a year), all by SQL generate_series.
 * Then times, through the real service code, the district's and a street's overdue-by-unit page
 * and the first page of the drill-down list, and prints p50/p95 with the EXPLAIN ANALYZE plans.
 * Ratios are against baselines measured in the same run: the same SQL without our index (inside a
 * rolled-back transaction that drops it), with the index it replaced, and a primary-key lookup.
 */
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { Prisma } from '@prisma/client';
import { defineAbilityFor, type SessionUser } from '../api/src/abilities';
import {
  createSupervisionService,
  overdueByUnitSql,
  subtreeRange,
} from '../api/src/modules/supervision/supervision.service';
import { createPrisma, type Db } from '../lib/db';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_bench';
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const OUR_INDEX = '"InboxTask_state_orgPath_dueDate_redAt_idx"';

async function recreateDatabase() {
  const admin = new Client({ connectionString: URL_.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const name = new URL(URL_).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const res = spawnSync('node_modules/.bin/prisma', ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: URL_ },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`migrate deploy failed:\n${res.stdout}${res.stderr}`);
}

async function generate(db: Db) {
  const pad = (expr: string, n: number) => `lpad((${expr})::text, ${n}, '0')`;
  const street = (c: string) => `'BA-S' || ${pad(`((${c} - 1) % 10) + 1`, 2)}`;
  await db.$executeRawUnsafe(
    `INSERT INTO "Org" (id, name, type, path) VALUES ('BA', '宝安区', 'DISTRICT', '/BA/')`,
  );
  await db.$executeRawUnsafe(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-S' || ${pad('s', 2)}, '街道' || s, 'STREET', 'BA', '/BA/BA-S' || ${pad('s', 2)} || '/'
    FROM generate_series(1, 10) s`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-C' || ${pad('c', 3)}, '社区' || c, 'COMMUNITY', ${street('c')},
           '/BA/' || ${street('c')} || '/BA-C' || ${pad('c', 3)} || '/'
    FROM generate_series(1, 124) c`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-G' || ${pad('g', 4)}, '网格' || g, 'GRID', c.id, c.path || 'BA-G' || ${pad('g', 4)} || '/'
    FROM generate_series(1, 5000) g
    JOIN "Org" c ON c.id = 'BA-C' || ${pad('((g - 1) % 124) + 1', 3)}`);
  // One task in 20 is still open; deadlines are 5 (yellow) and 10 (red) days after creation.
  await db.$executeRawUnsafe(`
    INSERT INTO "InboxTask" (key, "processInstanceKey", "processDefinitionKey", "bpmnProcessId", "elementId",
      name, "candidateGroups", "orgId", "orgPath", "dueDate", "redAt", variables, state, "createdAt",
      "updatedAt", "completedAt")
    SELECT (2251799813685248 + i)::text, (4503599627370496 + i)::text, '1', 'event-handling', 'handle', '处置',
      ARRAY['unit:' || g.id], g.id, g.path, t.created + interval '5 days', t.created + interval '10 days',
      '{}'::jsonb, CASE WHEN i % 20 = 0 THEN 'OPEN' ELSE 'COMPLETED' END::"TaskState", t.created, t.created,
      CASE WHEN i % 20 = 0 THEN NULL ELSE t.created + interval '3 days' END
    FROM generate_series(1, ${TASKS}) i
    CROSS JOIN LATERAL (
      SELECT (now() AT TIME ZONE 'UTC') - (CASE WHEN i % 20 = 0 THEN 30 ELSE 365 END) * random() * interval '1 day'
        AS created
    ) t
    JOIN (SELECT id, path, row_number() OVER (ORDER BY id) AS n FROM "Org" WHERE type = 'GRID') g
      ON g.n = (i % 5000) + 1`);
  await db.$executeRawUnsafe('VACUUM ANALYZE "InboxTask"');
  await db.$executeRawUnsafe('VACUUM ANALYZE "Org"');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const row = { label, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
  console.log(
    `${label.padEnd(58)} p50 ${row.p50.toFixed(2).padStart(8)} ms   p95 ${row.p95.toFixed(2).padStart(8)} ms`,
  );
  return row;
}

async function explain(db: Db | Prisma.TransactionClient, title: string, sql: Prisma.Sql) {
  const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
  console.log(`\n--- ${title}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
}

/** The drill-down's first page as SQL (the service builds the same through Prisma). */
const tasksPageSql = (path: string, now: Date) => {
  const r = subtreeRange(path);
  return Prisma.sql`SELECT key, name, "orgId", "dueDate", "redAt" FROM "InboxTask"
    WHERE state = 'OPEN' AND "orgPath" >= ${r.gte} AND "orgPath" < ${r.lt} AND "dueDate" <= ${now}
    ORDER BY "dueDate", key LIMIT 20`;
};

async function main() {
  const started = Date.now();
  await recreateDatabase();
  const db = createPrisma(URL_);
  await generate(db);
  const counts = await db.$queryRaw<{ state: string; n: bigint }[]>`
    SELECT state::text, count(*) AS n FROM "InboxTask" GROUP BY 1 ORDER BY 1`;
  console.log(
    `generated in ${((Date.now() - started) / 1000).toFixed(1)} s: 5,135 units (5,000 grids),`,
    counts.map((c) => `${c.state} ${c.n}`).join(', '),
  );

  const orgs = await db.org.findMany({ where: { id: { in: ['BA', 'BA-S01'] } } });
  const supervisor = (orgId: string): SessionUser =>
    ({
      id: `bench-${orgId}`,
      username: `bench-${orgId}`,
      orgId,
      org: orgs.find((o) => o.id === orgId)!,
      roles: ['SUPERVISOR'],
    }) as SessionUser;
  const district = { user: supervisor('BA'), ability: defineAbilityFor(supervisor('BA')) };
  const street = { user: supervisor('BA-S01'), ability: defineAbilityFor(supervisor('BA-S01')) };
  const service = createSupervisionService(db, { notice: async () => undefined as never });
  const summary = await service.overdue({}, district);
  console.log(
    `district: ${summary.totals.yellow} past yellow, ${summary.totals.red} past red (open tasks)\n`,
  );

  console.log(`timings over ${RUNS} runs each (service code, Prisma, one connection pool):`);
  const now = new Date();
  const results = [
    await time('district overdue by unit × age (GET /overdue)', () => service.overdue({}, district)),
    await time('street overdue by unit × age (GET /overdue)', () => service.overdue({}, street)),
    await time('district drill-down page 1 + count (GET /overdue/tasks)', () =>
      service.overdueTasks({ level: 'all', page: 1, pageSize: 20 }, district),
    ),
    await time('street drill-down page 1 + count (GET /overdue/tasks)', () =>
      service.overdueTasks({ level: 'red', page: 1, pageSize: 20 }, street),
    ),
    await time('baseline: primary-key lookup of one task', () =>
      db.inboxTask.findUnique({ where: { key: '2251799813735248' } }),
    ),
    await time('raw SQL: district overdue by unit × age, our index', () =>
      db.$queryRaw(overdueByUnitSql('/BA/', now)),
    ),
  ];
  // Baselines in a transaction that is rolled back: the same SQL without our index, then with
  // the (state, orgPath) index it replaced.
  await db
    .$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`DROP INDEX ${OUR_INDEX}`);
        results.push(
          await time('raw SQL: district overdue, no index (baseline)', () =>
            tx.$queryRaw(overdueByUnitSql('/BA/', now)),
          ),
        );
        await explain(tx, 'district overdue by unit, WITHOUT the index', overdueByUnitSql('/BA/', now));
        await tx.$executeRawUnsafe(`CREATE INDEX "bench_old_idx" ON "InboxTask" (state, "orgPath")`);
        await tx.$executeRawUnsafe('ANALYZE "InboxTask"');
        results.push(
          await time('raw SQL: district overdue, old (state, orgPath) index', () =>
            tx.$queryRaw(overdueByUnitSql('/BA/', now)),
          ),
        );
        await explain(
          tx,
          'district overdue by unit, old (state, orgPath) index',
          overdueByUnitSql('/BA/', now),
        );
        throw new Error('rollback');
      },
      { timeout: 600_000 },
    )
    .catch((err: Error) => {
      if (err.message !== 'rollback') throw err;
    });

  await explain(db, 'district overdue by unit, our index', overdueByUnitSql('/BA/', now));
  await explain(db, 'street overdue by unit, our index', overdueByUnitSql('/BA/BA-S01/', now));
  await explain(db, 'district drill-down page 1', tasksPageSql('/BA/', now));

  const pk = results.find((r) => r.label.startsWith('baseline: primary'))!;
  const noIndex = results.find((r) => r.label.includes('no index'))!;
  const ours = results.find((r) => r.label.startsWith('raw SQL: district overdue by unit'))!;
  console.log('\nratios (p95):');
  for (const r of results)
    console.log(`${r.label.padEnd(58)} ${(r.p95 / pk.p95).toFixed(1)}× a primary-key lookup`);
  console.log(`our index vs none, same SQL: ${(noIndex.p95 / ours.p95).toFixed(1)}× faster`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
