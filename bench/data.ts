/**
 * The benchmarks' shared data set and timing helpers (npm run bench; never part of npm test).
 *
 * Recreates a separate database (BENCH_DATABASE_URL, default zhizhi_bench) and generates, all by
 * SQL generate_series: a district of 10 streets, 124 communities, 5,000 grids and 30 departments;
 * 1,000,000 event-handling tasks (BENCH_TASKS) in groups of three per event (处置 → 核查 → 回访),
 * one event in 20 handled by a department, the rest by a grid; one task in 20 still open (created
 * in the last 30 days), the rest completed over a year. Claims come within 0–2 days, completions
 * within 0–12 days (skewed early) against a yellow due date at 5 and a red time at 10 days, so
 * every indicator has hits and misses. The completions of 核查 and 回访 have their timeline entry
 * (1 in 10 verifications fails, 3 in 5 visits are 满意, 1 in 5 基本满意); 1 event in 100 is
 * reopened; late 处置 tasks have their automatic yellow / red cards. Tasks of one event get
 * independent times: the volumes and query shapes are those of real use, the stories are not.
 */
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import type { Prisma } from '@prisma/client';
import { defineAbilityFor, type SessionUser } from '../api/src/abilities';
import type { Db } from '../lib/db';

export const BENCH_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_bench';
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

export async function recreateDatabase(url = BENCH_URL) {
  const admin = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  migrate(url);
}

/** The schema brought up to date: the migrations not yet applied. */
export function migrate(url = BENCH_URL) {
  const res = spawnSync('node_modules/.bin/prisma', ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`migrate deploy failed:\n${res.stdout}${res.stderr}`);
}

export async function generate(db: Db) {
  const pad = (expr: string, n: number) => `lpad((${expr})::text, ${n}, '0')`;
  const street = (c: string) => `'BA-S' || ${pad(`((${c} - 1) % 10) + 1`, 2)}`;
  const sql = (text: string) => db.$executeRawUnsafe(text);
  await sql(`INSERT INTO "Org" (id, name, type, path) VALUES ('BA', '宝安区', 'DISTRICT', '/BA/')`);
  await sql(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-S' || ${pad('s', 2)}, '街道' || s, 'STREET', 'BA', '/BA/BA-S' || ${pad('s', 2)} || '/'
    FROM generate_series(1, 10) s`);
  await sql(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-C' || ${pad('c', 3)}, '社区' || c, 'COMMUNITY', ${street('c')},
           '/BA/' || ${street('c')} || '/BA-C' || ${pad('c', 3)} || '/'
    FROM generate_series(1, 124) c`);
  await sql(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-G' || ${pad('g', 4)}, '网格' || g, 'GRID', c.id, c.path || 'BA-G' || ${pad('g', 4)} || '/'
    FROM generate_series(1, 5000) g
    JOIN "Org" c ON c.id = 'BA-C' || ${pad('((g - 1) % 124) + 1', 3)}`);
  await sql(`
    INSERT INTO "Org" (id, name, type, "parentId", path)
    SELECT 'BA-D' || ${pad('d', 2)}, '部门' || d, 'DEPARTMENT', 'BA', '/BA/BA-D' || ${pad('d', 2)} || '/'
    FROM generate_series(1, 30) d`);
  // Handling units numbered 1–5,000 (grids) and 5,001–5,030 (departments).
  await sql(`
    CREATE TABLE bench_unit AS
    SELECT row_number() OVER (ORDER BY type DESC, id) AS no, id, path FROM "Org" WHERE type IN ('GRID', 'DEPARTMENT')`);
  await sql(`CREATE UNIQUE INDEX ON bench_unit (no)`);
  const unitOf = (n: string) =>
    `CASE WHEN ${n} % 20 = 3 THEN 5001 + (${n} / 20) % 30 ELSE 1 + ${n} % 5000 END`;
  const events = Math.ceil(TASKS / 3);
  await sql(`INSERT INTO "EventCategory" (code, name) VALUES ('bench', '基准测试')`);
  await sql(`
    INSERT INTO "Event" (id, "caseNo", "categoryCode", urgency, source, "gridId", "gridPath", address,
      description, "handlerUnitId", status, "createdAt", "updatedAt")
    SELECT 'ev' || n, 'SJ-B-' || ${pad('n', 7)}, 'bench', 'NORMAL', 'grid', g.id, g.path, '地址', '事件', u.id,
      'ARCHIVED', now(), now()
    FROM generate_series(1, ${events}) n
    JOIN bench_unit g ON g.no = 1 + n % 5000
    JOIN bench_unit u ON u.no = ${unitOf('n')}`);
  await sql(`
    INSERT INTO "InboxTask" (key, "processInstanceId", "processDefinitionId", "bpmnProcessId", "elementId",
      name, "candidateGroups", "orgId", "orgPath", "dueDate", "redAt", variables, category, "caseKind", "caseId", "caseNo",
      state, "createdAt", "updatedAt", "claimedAt", "completedAt")
    SELECT (2251799813685248 + i)::text, (4503599627370496 + e.n)::text, '1', 'event-handling',
      (ARRAY['visit', 'handle', 'verify'])[1 + i % 3], (ARRAY['回访', '处置', '核查'])[1 + i % 3],
      ARRAY['unit:' || u.id], u.id, u.path, t.created + interval '5 days', t.created + interval '10 days',
      jsonb_build_object('eventId', 'ev' || e.n, 'handlerUnitId', u.id,
        'level', CASE WHEN e.n % 20 = 3 THEN 'DISTRICT' ELSE 'GRID' END, 'urgency', 'NORMAL', 'category', 'bench'),
      'bench',
      'EVENT', 'ev' || e.n, 'SJ-B-' || ${pad('e.n', 7)},
      CASE WHEN t.open THEN 'OPEN' ELSE 'COMPLETED' END::"TaskState", t.created, t.created,
      CASE WHEN t.open AND random() < 0.5 THEN NULL
           ELSE least(t.created + random() * interval '2 days', t.now) END,
      CASE WHEN t.open THEN NULL ELSE least(t.created + random() ^ 3 * interval '12 days', t.now) END
    FROM generate_series(1, ${TASKS}) i
    CROSS JOIN LATERAL (SELECT (i + 2) / 3 AS n) e
    CROSS JOIN LATERAL (
      SELECT i % 20 = 0 AS open, now() AT TIME ZONE 'UTC' AS now,
        (now() AT TIME ZONE 'UTC') - (CASE WHEN i % 20 = 0 THEN 30 ELSE 365 END) * random() * interval '1 day'
          AS created
    ) t
    JOIN bench_unit u ON u.no = ${unitOf('e.n')}`);
  await sql(`
    INSERT INTO "TimelineEntry" ("eventId", at, action, "unitId", detail, "dedupKey")
    SELECT variables->>'eventId', "completedAt", 'completed:' || "elementId", "orgId",
      CASE WHEN "elementId" = 'verify' THEN jsonb_build_object('step', name, 'verified', random() >= 0.1)
           ELSE jsonb_build_object('step', name, 'satisfaction',
             (ARRAY['satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied'])[1 + floor(random() * 5)::int])
      END,
      'complete:' || key
    FROM "InboxTask" WHERE state = 'COMPLETED' AND "elementId" IN ('verify', 'visit')`);
  await sql(`
    INSERT INTO "TimelineEntry" ("eventId", at, action, "unitId", "dedupKey")
    SELECT variables->>'eventId', "completedAt" + interval '2 days', 'reopened', "orgId", 'reopen:' || key
    FROM "InboxTask" WHERE state = 'COMPLETED' AND "elementId" = 'visit' AND key::bigint % 100 = 7`);
  for (const [kind, at] of [
    ['YELLOW', 'dueDate'],
    ['RED', 'redAt'],
  ])
    await sql(`
      INSERT INTO "SupervisionCard" ("caseKind", "caseId", "caseNo", "eventId", "taskKey", "unitId", "unitPath",
        kind, auto, "createdAt", "dedupKey")
      SELECT "caseKind", "caseId", "caseNo", "caseId", key, "orgId", "orgPath", '${kind}', true, "${at}",
        'auto:${kind}:' || key
      FROM "InboxTask"
      WHERE "elementId" = 'handle' AND coalesce("completedAt", now() AT TIME ZONE 'UTC') > "${at}"
        AND "${at}" < now() AT TIME ZONE 'UTC'`);
  await sql('DROP TABLE bench_unit');
  for (const table of ['Org', 'Event', 'InboxTask', 'TimelineEntry', 'SupervisionCard'])
    await sql(`VACUUM ANALYZE "${table}"`);
}

export async function describe(db: Db) {
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM "Org") AS units, (SELECT count(*) FROM "Event") AS events,
      (SELECT count(*) FROM "InboxTask" WHERE state = 'OPEN') AS open,
      (SELECT count(*) FROM "InboxTask" WHERE state = 'COMPLETED') AS completed,
      (SELECT count(*) FROM "TimelineEntry") AS timeline, (SELECT count(*) FROM "SupervisionCard") AS cards`;
  return Object.entries(row)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

/** A supervisor of `orgId` as the routes see them (session user and CASL ability). */
export async function supervisorOf(db: Db, orgId: string) {
  const org = await db.org.findUniqueOrThrow({ where: { id: orgId } });
  const user = { id: `bench-${orgId}`, username: `bench-${orgId}`, orgId, org, roles: ['SUPERVISOR'] };
  return { user: user as SessionUser, ability: defineAbilityFor(user as SessionUser) };
}

export interface Timing {
  label: string;
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** p50/p95 over RUNS runs after one warm-up, printed as one line. */
export async function time(label: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
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
time.runs = RUNS;

export function printRatios(rows: Timing[], baseline: Timing) {
  console.log('\nratios (p95):');
  for (const r of rows)
    console.log(`${r.label.padEnd(58)} ${(r.p95 / baseline.p95).toFixed(1)}× a primary-key lookup`);
}

export async function explain(db: Db | Prisma.TransactionClient, title: string, sql: Prisma.Sql) {
  const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
  console.log(`\n--- ${title}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
}
