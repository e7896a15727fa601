/**
 * Assessment on the shared data set (`bench/data.ts`): computes and stores last month's snapshot
 * once with the worker's own code (`computeSnapshot`, `storeSnapshot`), printing the time and row
 * counts (the batch job, not a latency target), then times the 红黑榜 read through the real
 * service (`ranking`) per level for a district and a street supervisor, p50/p95 with its plan
 * and ratios against the primary-key lookup the overdue benchmark measured in the same run.
 */
import { Prisma } from '@prisma/client';
import { previousMonthPeriod } from '../lib/assessment-period';
import type { ProcessEngine } from '../lib/engine/process-engine';
import type { Db } from '../lib/db';
import { workingCalendar } from '../lib/working-calendar';
import { createAssessmentService, type RankedLevel } from '../loops/assessment/api/assessment.service';
import { LEVELS, type Level, type Weights } from '../loops/assessment/scoring';
import { computeSnapshot, storeSnapshot } from '../loops/assessment/workers/snapshot';
import { explain, printRatios, supervisorOf, time, type Timing } from './data';

/** The one row of processes/assessment-weights.dmn, which the engine would evaluate per level. */
const WEIGHTS: Weights = {
  responseWeight: 30,
  onTimeWeight: 35,
  satisfactionWeight: 35,
  reworkWeight: 10,
  yellowCardDeduction: 5,
  redCardDeduction: 10,
  mediationWeight: 0,
  preventionWeight: 0,
  petitionAcceptWeight: 0,
  petitionOnTimeWeight: 0,
  petitionSatisfactionWeight: 0,
  petitionRepeatWeight: 0,
  separationOverrideDeduction: 2,
  patrolWeight: 0,
  claimWorkingDays: 1,
};

/** The ranking's query as SQL (the service builds the same through Prisma and CASL). */
const rankingSql = (runId: string, level: RankedLevel, path: string) =>
  Prisma.sql`SELECT * FROM "AssessmentScore"
    WHERE "unitPath" LIKE ${`${path}%`} AND "runId" = ${runId} AND level = ${level}::"OrgType"
    ORDER BY rank, "unitId"`;

const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

export async function benchAssessment(db: Db, pk: Timing) {
  const now = new Date();
  const period = previousMonthPeriod(now);
  const weights = Object.fromEntries(LEVELS.map((l) => [l, WEIGHTS])) as Record<Level, Weights>;
  const [{ n: tasks }] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "InboxTask"
    WHERE "createdAt" >= ${new Date(period.periodStart)} AND "createdAt" < ${new Date(period.periodEnd)}`;
  console.log(`\n=== assessment snapshot of ${period.periodKey} (one month ≈ 1/12 of the history)`);

  let t0 = Date.now();
  const scores = await computeSnapshot(db, period, weights, await workingCalendar(db), now);
  const items = scores.reduce((n, s) => n + s.items.length, 0);
  console.log(`computeSnapshot: ${seconds(t0)} (${tasks} tasks created in the month, ${items} items)`);
  t0 = Date.now();
  const { runId } = await storeSnapshot(
    db,
    { ...period, processInstanceId: 'bench', weights: weights as never, closed: true },
    scores,
  );
  console.log(
    `storeSnapshot: ${seconds(t0)} (${scores.length} AssessmentScore rows, ${items} AssessmentItem rows)`,
  );

  const service = createAssessmentService(db, {} as ProcessEngine, { redMin: 90, blackBelow: 60 });
  const callers = { district: await supervisorOf(db, 'BA'), street: await supervisorOf(db, 'BA-S01') };
  console.log(`\ntimings over ${time.runs} runs each (GET /assessment/rankings, service code):`);
  const results: Timing[] = [];
  for (const [who, caller] of Object.entries(callers))
    for (const level of LEVELS) {
      const { items: rows } = await service.ranking(period.periodKey, level, caller);
      results.push(
        await time(`${who} ranking ${level} (${rows.length} rows)`, () =>
          service.ranking(period.periodKey, level, caller),
        ),
      );
    }
  await explain(db, 'district ranking COMMUNITY', rankingSql(runId, 'COMMUNITY', '/BA/'));
  await explain(db, 'street ranking COMMUNITY', rankingSql(runId, 'COMMUNITY', '/BA/BA-S01/'));
  printRatios(results, pk);
}
