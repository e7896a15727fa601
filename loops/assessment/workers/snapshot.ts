/**
 * Loads one period's facts (tasks, return visits, verifications, reopens, cards, ended disputes,
 * petitions' clocks, evaluations and repeats, 准予例外 used, patrol weeks against quotas), counts them per
 * street, community and department with the rules of `scoring.ts`, and stores the snapshot.
 * Reads go by indexed time ranges on the period; nothing is updated outside the snapshot tables.
 */
import type { Prisma } from '@prisma/client';
import type { WorkingCalendar } from '../../../lib/calendar';
import type { Period } from '../../../lib/assessment-period';
import type { Db } from '../../../lib/db';
import {
  clockVerdict,
  emptyCounts,
  isPetitionSatisfied,
  isSatisfied,
  LEVELS,
  onTimeVerdict,
  rank,
  responseVerdict,
  scoreOf,
  unitsOnPath,
  type Counts,
  type Level,
  type Verdict,
  type Weights,
} from '../scoring';
import {
  againstQuota,
  periodMs,
  periodsEndedIn,
  type PatrolSpan,
  type QuotaPeriod,
} from '../../patrol/quota';

interface Unit {
  id: string;
  name: string;
  path: string;
  level: Level;
  counts: Counts;
  items: Omit<Prisma.AssessmentItemCreateManyInput, 'scoreId'>[];
}

type Fact = Omit<Unit['items'][number], 'indicator' | 'hit'>;

export interface UnitScore extends Unit {
  score: number;
  rank: number;
}

type TaskRow = {
  key: string;
  orgPath: string;
  createdAt: Date;
  claimedAt: Date | null;
  dueDate: Date | null;
  completedAt: Date | null;
  state: 'OPEN' | 'COMPLETED' | 'CANCELED';
  eventId: string | null;
};
type StepRow = {
  key: string;
  elementId: string;
  orgPath: string | null;
  completedAt: Date;
  eventId: string | null;
  handlerUnitId: string | null;
  satisfaction: string | null;
  verified: string | null;
};

function count(unit: Unit, indicator: string, verdict: Verdict, fact: Fact) {
  if (verdict === null) return;
  const c = unit.counts;
  if (indicator === 'response')
    [c.responseTotal, c.responseOnTime] = [c.responseTotal + 1, c.responseOnTime + +verdict];
  if (indicator === 'onTime')
    [c.solvedTotal, c.solvedOnTime] = [c.solvedTotal + 1, c.solvedOnTime + +verdict];
  if (indicator === 'satisfaction') [c.visited, c.satisfied] = [c.visited + 1, c.satisfied + +verdict];
  if (indicator === 'handled') c.handled += 1;
  if (indicator === 'rework') c.reworked += 1;
  if (indicator === 'yellow') c.yellowCards += 1;
  if (indicator === 'red') c.redCards += 1;
  if (indicator === 'mediation')
    [c.disputesEnded, c.disputesSettled] = [c.disputesEnded + 1, c.disputesSettled + +verdict];
  if (indicator === 'prevention') c.disputesCalm += +verdict;
  if (indicator === 'petitionAccept')
    [c.petitionsDecisionDue, c.petitionsDecidedInTime] = [
      c.petitionsDecisionDue + 1,
      c.petitionsDecidedInTime + +verdict,
    ];
  if (indicator === 'petitionOnTime')
    [c.petitionsHandlingDue, c.petitionsHandledOnTime] = [
      c.petitionsHandlingDue + 1,
      c.petitionsHandledOnTime + +verdict,
    ];
  if (indicator === 'petitionSatisfaction')
    [c.petitionsEvaluated, c.petitionsSatisfied] = [
      c.petitionsEvaluated + 1,
      c.petitionsSatisfied + +verdict,
    ];
  if (indicator === 'separationOverride') c.separationOverrides += 1;
  if (indicator === 'patrol')
    [c.patrolWeeks, c.patrolWeeksMet] = [c.patrolWeeks + 1, c.patrolWeeksMet + +verdict];
  if (indicator === 'petitionRepeat')
    [c.petitionsReceived, c.petitionsRepeated] = [c.petitionsReceived + 1, c.petitionsRepeated + +verdict];
  unit.items.push({ ...fact, indicator, hit: verdict });
}

export async function computeSnapshot(
  db: Db,
  period: Period,
  weights: Record<Level, Weights>,
  calendar: WorkingCalendar,
  asOf: Date,
): Promise<UnitScore[]> {
  const [start, end] = [new Date(period.periodStart), new Date(period.periodEnd)];
  const orgs = await db.org.findMany({ select: { id: true, name: true, type: true, path: true } });
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const ranked = new Map<string, Unit>(
    orgs
      .filter((o) => (LEVELS as readonly string[]).includes(o.type))
      .map((o) => [o.id, { ...o, level: o.type as Level, counts: emptyCounts(), items: [] }]),
  );

  // A completion taken back (撤回, withdrawnAt) is left out everywhere: the step done again counts.
  const [tasks, steps, reopens, cards, disputes, clocks, evaluations, registered, overrides] =
    await Promise.all([
      db.$queryRaw<TaskRow[]>`
      SELECT key, "orgPath", "createdAt", "claimedAt", "dueDate", "completedAt", state::text AS state,
             variables->>'eventId' AS "eventId"
      FROM "InboxTask" WHERE "createdAt" >= ${start} AND "createdAt" < ${end} AND "orgPath" IS NOT NULL
        AND "withdrawnAt" IS NULL`,
      // The completion's timeline entry holds what the person entered (satisfaction, verified).
      db.$queryRaw<StepRow[]>`
      SELECT t.key, t."elementId", t."orgPath", t."completedAt", t.variables->>'eventId' AS "eventId",
             t.variables->>'handlerUnitId' AS "handlerUnitId",
             e.detail->>'satisfaction' AS satisfaction, e.detail->>'verified' AS verified
      FROM "InboxTask" t LEFT JOIN "TimelineEntry" e ON e."dedupKey" = 'complete:' || t.key
      WHERE t."elementId" IN ('handle', 'verify', 'visit') AND t."bpmnProcessId" = 'event-handling'
        AND t.state = 'COMPLETED' AND t."withdrawnAt" IS NULL
        AND t."completedAt" >= ${start} AND t."completedAt" < ${end}`,
      db.timelineEntry.findMany({
        where: { action: 'reopened', at: { gte: start, lt: end } },
        select: { id: true, eventId: true, unitId: true, at: true },
      }),
      db.supervisionCard.findMany({
        where: { createdAt: { gte: start, lt: end }, kind: { in: ['YELLOW', 'RED'] } },
        select: { id: true, eventId: true, unitPath: true, kind: true, createdAt: true },
      }),
      db.dispute.findMany({
        where: { closedAt: { gte: start, lt: end }, stage: { in: ['ARCHIVED', 'CLOSED'] } },
        select: {
          id: true,
          communityPath: true,
          handlerUnitIds: true,
          stage: true,
          escalated: true,
          closedAt: true,
        },
      }),
      // A clock settles at its step (when in time) or at its limit: either may fall in the period.
      db.petition.findMany({
        where: {
          OR: [
            { decidedAt: { gte: start, lt: end } },
            { decisionDueAt: { gte: start, lt: end } },
            { repliedAt: { gte: start, lt: end } },
            { handleDueAt: { gte: start, lt: end } },
          ],
        },
        select: {
          id: true,
          officePath: true,
          handlerPath: true,
          decidedAt: true,
          decisionDueAt: true,
          repliedAt: true,
          handleDueAt: true,
        },
      }),
      db.$queryRaw<
        { petitionId: string; handlerPath: string | null; satisfaction: string | null; at: Date }[]
      >`
      SELECT p.id AS "petitionId", p."handlerPath", p.satisfaction, t."completedAt" AS at
      FROM "InboxTask" t JOIN "Petition" p ON p.id = t.variables->>'petitionId'
      WHERE t."bpmnProcessId" = 'petition' AND t."elementId" = 'satisfaction' AND t.state = 'COMPLETED'
        AND t."withdrawnAt" IS NULL AND t."completedAt" >= ${start} AND t."completedAt" < ${end}`,
      // Same petitioner and matter as one received within the year before: the keys registration checks.
      db.$queryRaw<{ petitionId: string; path: string; repeated: boolean; at: Date }[]>`
      SELECT p.id AS "petitionId", COALESCE(p."handlerPath", p."officePath") AS path, p."createdAt" AS at,
             EXISTS (SELECT 1 FROM "Petition" q
                     WHERE q."petitionerKey" = p."petitionerKey" AND q."matterKey" = p."matterKey"
                       AND q."createdAt" < p."createdAt"
                       AND q."receivedAt" >= p."receivedAt" - interval '365 days') AS repeated
      FROM "Petition" p WHERE p."createdAt" >= ${start} AND p."createdAt" < ${end}`,
      // 准予例外 used on a step in the period, against the step's unit (its completion not taken back).
      db.$queryRaw<
        {
          taskKey: string;
          orgPath: string | null;
          eventId: string | null;
          disputeId: string | null;
          petitionId: string | null;
          at: Date;
        }[]
      >`
      SELECT o."taskKey", t."orgPath", t.variables->>'eventId' AS "eventId",
             t.variables->>'disputeId' AS "disputeId", t.variables->>'petitionId' AS "petitionId", o."usedAt" AS at
      FROM "SeparationOverride" o JOIN "InboxTask" t ON t.key = o."taskKey"
      WHERE o."usedAt" >= ${start} AND o."usedAt" < ${end} AND t."withdrawnAt" IS NULL`,
    ]);

  for (const task of tasks) {
    const fact = { taskKey: task.key, eventId: task.eventId, at: task.createdAt };
    for (const unit of unitsOnPath(task.orgPath, ranked)) {
      const deadline = calendar.addWorkingDays(task.createdAt, weights[unit.level].claimWorkingDays);
      count(unit, 'response', responseVerdict(task, deadline, asOf), fact);
      count(unit, 'onTime', onTimeVerdict(task, asOf), fact);
    }
  }
  for (const step of steps) {
    const fact = { taskKey: step.key, eventId: step.eventId, at: step.completedAt };
    // 处置 counts for the unit that did it; verification and visits rate the handling unit.
    const path = step.elementId === 'handle' ? step.orgPath : pathOf.get(step.handlerUnitId ?? '');
    for (const unit of unitsOnPath(path, ranked)) {
      if (step.elementId === 'handle') count(unit, 'handled', false, fact);
      if (step.elementId === 'visit') count(unit, 'satisfaction', isSatisfied(step.satisfaction), fact);
      if (step.elementId === 'verify' && step.verified === 'false') count(unit, 'rework', true, fact);
    }
  }
  for (const r of reopens) {
    for (const unit of unitsOnPath(pathOf.get(r.unitId ?? ''), ranked)) {
      count(unit, 'rework', true, { eventId: r.eventId, at: r.at });
    }
  }
  for (const card of cards) {
    for (const unit of unitsOnPath(card.unitPath, ranked)) {
      count(unit, card.kind === 'RED' ? 'red' : 'yellow', true, {
        cardId: card.id,
        eventId: card.eventId,
        at: card.createdAt,
      });
    }
  }

  for (const d of disputes) {
    const fact = { disputeId: d.id, at: d.closedAt! };
    // The community's chain answers for its area; a department for the disputes it mediated.
    const units = new Set([
      ...unitsOnPath(d.communityPath, ranked),
      ...d.handlerUnitIds.flatMap((id) => unitsOnPath(pathOf.get(id), ranked).filter((u) => u.id === id)),
    ]);
    for (const unit of units) {
      count(unit, 'mediation', d.stage === 'ARCHIVED', fact);
      count(unit, 'prevention', !d.escalated, fact);
    }
  }

  for (const p of clocks) {
    // Each fact is dated by its limit; a clock not settled in the period is not counted.
    const accept = clockVerdict(p.decidedAt, p.decisionDueAt, [start, end], asOf);
    for (const unit of unitsOnPath(p.officePath, ranked))
      count(unit, 'petitionAccept', accept, { petitionId: p.id, at: p.decisionDueAt });
    const handling = clockVerdict(p.repliedAt, p.handleDueAt, [start, end], asOf);
    for (const unit of unitsOnPath(p.handlerPath, ranked))
      count(unit, 'petitionOnTime', handling, { petitionId: p.id, at: p.handleDueAt! });
  }
  for (const e of evaluations) {
    // The petition worker records the value just after the completion; until then, not counted.
    const verdict = e.satisfaction === null ? null : isPetitionSatisfied(e.satisfaction);
    for (const unit of unitsOnPath(e.handlerPath, ranked))
      count(unit, 'petitionSatisfaction', verdict, { petitionId: e.petitionId, at: e.at });
  }
  for (const r of registered) {
    for (const unit of unitsOnPath(r.path, ranked))
      count(unit, 'petitionRepeat', r.repeated, { petitionId: r.petitionId, at: r.at });
  }

  for (const o of overrides) {
    const { taskKey, eventId, disputeId, petitionId, at } = o;
    for (const unit of unitsOnPath(o.orgPath, ranked))
      count(unit, 'separationOverride', true, { taskKey, eventId, disputeId, petitionId, at });
  }

  await countPatrolPeriods(db, [start, end], asOf, (gridId, gridPath, met, at) => {
    for (const unit of unitsOnPath(pathOf.get(gridId) ?? gridPath, ranked))
      count(unit, 'patrol', met, { gridId, at });
  });

  return LEVELS.flatMap((level) =>
    rank(
      [...ranked.values()]
        .filter((u) => u.level === level)
        .map((u) => ({ ...u, unitId: u.id, score: scoreOf(u.counts, weights[level]) })),
    ),
  );
}

/**
 * 巡查率: each grid with a quota, each of its days or weeks (as its quota counts) that ended in the
 * period by `asOf`, met or not. One not over yet is counted by the run after it ends (an open month
 * is computed again).
 */
async function countPatrolPeriods(
  db: Db,
  [start, end]: [Date, Date],
  asOf: Date,
  counted: (gridId: string, gridPath: string, met: boolean, periodStart: Date) => void,
) {
  const until = new Date(Math.min(end.getTime(), asOf.getTime()));
  const quotas = (await db.patrolQuota.findMany()).map((q) => {
    const period = q.period as QuotaPeriod;
    return { ...q, starts: periodsEndedIn(start, until, period), length: periodMs(period) };
  });
  const counting = quotas.filter((q) => q.starts.length);
  if (counting.length === 0) return;
  const from = new Date(Math.min(...counting.map((q) => q.starts[0].getTime())));
  const to = new Date(Math.max(...counting.map((q) => q.starts[q.starts.length - 1].getTime() + q.length)));
  const patrols = await db.$queryRaw<(PatrolSpan & { gridId: string })[]>`
    SELECT p."gridId", p."startedAt", p."endedAt",
           (SELECT max(x.at) FROM "PatrolPoint" x WHERE x."patrolId" = p.id) AS "lastPointAt",
           ARRAY(SELECT c."buildingId" FROM "PatrolCheckIn" c WHERE c."patrolId" = p.id) AS "buildingIds"
    FROM "Patrol" p
    WHERE p."startedAt" >= ${from} AND p."startedAt" < ${to}
      AND p."gridId" = ANY(${counting.map((q) => q.gridId)}::text[])`;
  for (const quota of counting) {
    const own = patrols.filter((p) => p.gridId === quota.gridId);
    for (const periodStart of quota.starts) {
      const ends = periodStart.getTime() + quota.length;
      const walked = own.filter((p) => p.startedAt >= periodStart && p.startedAt.getTime() < ends);
      counted(quota.gridId, quota.gridPath, againstQuota(walked, quota, asOf).met!, periodStart);
    }
  }
}

const ITEM_BATCH = 50_000;

/**
 * One INSERT per batch with a column array per field (unnest): a large month is half a million
 * items, which createMany's one-parameter-per-value statements wrote at ~8,000 rows/s.
 * Timestamps go as UTC text into `timestamp` columns, as Prisma stores them.
 */
function insertItems(tx: Prisma.TransactionClient, items: Prisma.AssessmentItemCreateManyInput[]) {
  const column = <T>(pick: (item: Prisma.AssessmentItemCreateManyInput) => T) => items.map(pick);
  return tx.$executeRaw`
    INSERT INTO "AssessmentItem" ("scoreId", indicator, hit, "taskKey", "eventId", "cardId", "disputeId", "petitionId", "gridId", at)
    SELECT * FROM unnest(
      ${column((i) => String(i.scoreId))}::bigint[], ${column((i) => i.indicator)}::text[],
      ${column((i) => i.hit)}::boolean[], ${column((i) => i.taskKey ?? null)}::text[],
      ${column((i) => i.eventId ?? null)}::text[],
      ${column((i) => (i.cardId == null ? null : String(i.cardId)))}::bigint[],
      ${column((i) => i.disputeId ?? null)}::text[], ${column((i) => i.petitionId ?? null)}::text[],
      ${column((i) => i.gridId ?? null)}::text[],
      ${column((i) => new Date(i.at).toISOString())}::timestamp[])`;
}

/**
 * Replaces the period's snapshot unless it is closed, in one transaction that holds the run's
 * row lock, so two runs of one period (a re-delivered job, a second instance) apply one after
 * the other and a closed snapshot is never touched. Returns the run and whether it was written.
 */
export async function storeSnapshot(
  db: Db,
  run: Period & { processInstanceId: string; weights: Prisma.InputJsonValue; closed: boolean },
  scores: UnitScore[],
): Promise<{ runId: string; written: boolean }> {
  const { periodKey, periodStart, periodEnd } = run;
  return db.$transaction(
    async (tx) => {
      await tx.assessmentRun.upsert({
        where: { periodKey },
        create: { periodKey, periodStart, periodEnd },
        update: {},
      });
      const [locked] = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT id, status::text AS status FROM "AssessmentRun" WHERE "periodKey" = ${periodKey} FOR UPDATE`;
      if (locked.status === 'CLOSED') return { runId: locked.id, written: false };

      await tx.assessmentScore.deleteMany({ where: { runId: locked.id } });
      const stored = await tx.assessmentScore.createManyAndReturn({
        data: scores.map((s) => ({
          runId: locked.id,
          level: s.level,
          unitId: s.id,
          unitName: s.name,
          unitPath: s.path,
          ...s.counts,
          score: s.score,
          rank: s.rank,
        })),
        select: { id: true, unitId: true },
      });
      const idOf = new Map(stored.map((s) => [s.unitId, s.id]));
      const items = scores.flatMap((s) => s.items.map((item) => ({ ...item, scoreId: idOf.get(s.id)! })));
      for (let i = 0; i < items.length; i += ITEM_BATCH) {
        await insertItems(tx, items.slice(i, i + ITEM_BATCH));
      }
      await tx.assessmentRun.update({
        where: { id: locked.id },
        data: {
          status: run.closed ? 'CLOSED' : 'OPEN',
          weights: run.weights,
          processInstanceId: run.processInstanceId,
          computedAt: new Date(),
        },
      });
      return { runId: locked.id, written: true };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}
