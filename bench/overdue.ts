/**
 * The supervisors' overdue page on the shared data set (`bench/data.ts`): times, through the
 * real service code, the district's and a street's overdue-by-unit page and the first page of the
 * drill-down list, and prints p50/p95 with the EXPLAIN ANALYZE plans. Ratios are against
 * baselines measured in the same run: the same SQL without our index (inside a rolled-back
 * transaction that drops it), with the index it replaced, and a primary-key lookup.
 */
import type { ProcessEngine } from '../lib/engine/process-engine';
import { Prisma } from '@prisma/client';
import {
  createSupervisionService,
  overdueByUnitSql,
} from '../api/src/modules/supervision/supervision.service';
import { subtreeRange } from '../lib/org-tree';
import type { Db } from '../lib/db';
import { explain, printRatios, supervisorOf, time } from './data';

const OUR_INDEX = '"InboxTask_state_orgPath_dueDate_redAt_idx"';

/** The drill-down's first page as SQL (the service builds the same through Prisma). */
const tasksPageSql = (path: string, now: Date) => {
  const r = subtreeRange(path);
  return Prisma.sql`SELECT key, name, "orgId", "dueDate", "redAt" FROM "InboxTask"
    WHERE state = 'OPEN' AND "orgPath" >= ${r.gte} AND "orgPath" < ${r.lt} AND "dueDate" <= ${now}
    ORDER BY "dueDate", key LIMIT 20`;
};

/** Runs the overdue benchmark; returns the primary-key lookup baseline for the others' ratios. */
export async function benchOverdue(db: Db) {
  const district = await supervisorOf(db, 'BA');
  const street = await supervisorOf(db, 'BA-S01');
  // Reads only: no card is issued, so no engine is called.
  const service = createSupervisionService(db, {} as ProcessEngine, {
    notice: async () => undefined as never,
  });
  const summary = await service.overdue({}, district);
  console.log(
    `district: ${summary.totals.yellow} past yellow, ${summary.totals.red} past red (open tasks)\n`,
  );

  console.log(`timings over ${time.runs} runs each (service code, Prisma, one connection pool):`);
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
  printRatios(results, pk);
  console.log(`our index vs none, same SQL: ${(noIndex.p95 / ours.p95).toFixed(1)}× faster`);
  return pk;
}
