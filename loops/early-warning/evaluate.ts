/**
 * The early-warning evaluation (分析研判): the rules of the `early-warning-rules` decision table
 * (a designer edits them), each applied to the events of the district. A rule that trips creates a
 * warning with the events behind it and starts its 研判 for the unit above the place; the warning's
 * key (rule × place × window) makes a second evaluation of the same window create nothing.
 *
 * A `same-address` rule counts the events of one building (or one address as written) in D days;
 * a `same-person` rule the petitions (信访) of one petitioner (the petition loop's identity key: the
 * ID number, else name and phone, hashed) registered in D days.
 *
 * Windows are fixed, not sliding, so "the same window" means one thing: a `grid-category` rule of D
 * days counts the Shanghai days D·k … D·(k+1) since the epoch; a `unit-surge` rule counts the
 * Shanghai week (Monday first) against the average of the 8 weeks before it.
 */
import { Prisma } from '@prisma/client';
import type { Db } from '../../lib/db';
import type { ProcessEngine } from '../../lib/engine/process-engine';
import { fromEngineVariables } from '../../lib/engine/variables';
import { deliverStart, queueStart } from '../../lib/engine-starts';
import { earlyWarningLoop } from './loop';

export interface WarningRule {
  ruleKey: string;
  ruleName: string;
  kind: 'grid-category' | 'unit-surge' | 'same-address' | 'same-person';
  /** One category, or '' for each category on its own (grid) / every event (unit). */
  category: string;
  minCount: number;
  windowDays: number;
  factor: number;
}

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
/** The most events kept behind one warning (a surge's week may hold many more). */
const CASES_KEPT = 500;

/** The table's rows, or what is wrong with them (the evaluation then stops, for the designer to fix). */
export async function warningRules(
  engine: Pick<ProcessEngine, 'evaluateDecision'>,
  key = 'early-warning-rules',
): Promise<WarningRule[] | string> {
  const rows = await engine.evaluateDecision(key, { scope: 'all' });
  const rules: WarningRule[] = [];
  for (const row of rows) {
    const r = fromEngineVariables(row as Record<string, { value?: unknown }>) as Partial<WarningRule>;
    if (typeof r.ruleKey !== 'string' || !r.ruleKey) return `${key}: a row without a ruleKey`;
    if (
      r.kind !== 'grid-category' &&
      r.kind !== 'unit-surge' &&
      r.kind !== 'same-address' &&
      r.kind !== 'same-person'
    )
      return `${key}: ${r.ruleKey} has kind ${r.kind}`;
    if (typeof r.minCount !== 'number' || r.minCount < 1) return `${key}: ${r.ruleKey} needs minCount ≥ 1`;
    if (typeof r.windowDays !== 'number' || r.windowDays < 1)
      return `${key}: ${r.ruleKey} needs windowDays ≥ 1`;
    rules.push({
      ruleKey: r.ruleKey,
      ruleName: typeof r.ruleName === 'string' && r.ruleName ? r.ruleName : r.ruleKey,
      kind: r.kind,
      category: typeof r.category === 'string' ? r.category : '',
      minCount: r.minCount,
      windowDays: r.windowDays,
      factor: typeof r.factor === 'number' ? r.factor : 0,
    });
  }
  return rules;
}

/** The fixed window of `days` Shanghai days that `now` lies in. */
export function dayWindow(now: Date, days: number) {
  const start = Math.floor((now.getTime() + SHANGHAI) / (days * DAY)) * days * DAY - SHANGHAI;
  return { start: new Date(start), end: new Date(start + days * DAY) };
}

/** The Shanghai week (Monday 00:00) that `now` lies in. */
export function weekOf(now: Date) {
  const local = now.getTime() + SHANGHAI;
  const dayStart = Math.floor(local / DAY) * DAY;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7;
  const start = dayStart - weekday * DAY - SHANGHAI;
  return { start: new Date(start), end: new Date(start + 7 * DAY) };
}

interface Trip {
  rule: WarningRule;
  placeId: string;
  categoryCode: string | null;
  /** A same-address rule's building code or address, a same-person rule's petitioner key. */
  subject?: string;
  /** Whose 研判 it is, when not the unit above the place (a petitioner's: the registering office). */
  unitId?: string;
  /** The petitions behind a same-person warning. */
  petitionIds?: string[];
  window: { start: Date; end: Date };
  count: number;
  threshold: number;
  eventIds: string[];
}

async function gridTrips(db: Db, rule: WarningRule, now: Date): Promise<Trip[]> {
  const window = dayWindow(now, rule.windowDays);
  const rows = await db.$queryRaw<{ gridId: string; categoryCode: string; ids: string[] }[]>`
    SELECT "gridId", "categoryCode", array_agg(id ORDER BY "createdAt") AS ids
    FROM "Event"
    WHERE "createdAt" >= ${window.start} AND "createdAt" < ${window.end}
      ${rule.category ? Prisma.sql`AND "categoryCode" = ${rule.category}` : Prisma.empty}
    GROUP BY "gridId", "categoryCode"
    HAVING count(*) >= ${rule.minCount}`;
  return rows.map((r) => ({
    rule,
    placeId: r.gridId,
    categoryCode: r.categoryCode,
    window,
    count: r.ids.length,
    threshold: rule.minCount,
    eventIds: r.ids.slice(0, CASES_KEPT),
  }));
}

async function surgeTrips(db: Db, rule: WarningRule, now: Date): Promise<Trip[]> {
  const week = weekOf(now);
  const since = new Date(week.start.getTime() - 8 * 7 * DAY);
  // A community's events by the path of their grid (/district/street/community/grid/).
  const rows = await db.$queryRaw<{ communityId: string; thisWeek: number; before: number }[]>`
    SELECT split_part("gridPath", '/', 4) AS "communityId",
           count(*) FILTER (WHERE "createdAt" >= ${week.start})::int AS "thisWeek",
           count(*) FILTER (WHERE "createdAt" < ${week.start})::int AS "before"
    FROM "Event"
    WHERE "createdAt" >= ${since} AND "createdAt" < ${week.end}
      ${rule.category ? Prisma.sql`AND "categoryCode" = ${rule.category}` : Prisma.empty}
    GROUP BY 1`;
  const trips: Trip[] = [];
  for (const r of rows) {
    const threshold = (rule.factor * r.before) / 8;
    if (!r.communityId || r.thisWeek < rule.minCount || r.thisWeek <= threshold) continue;
    const events = await db.event.findMany({
      where: {
        gridPath: { contains: `/${r.communityId}/` },
        createdAt: { gte: week.start, lt: week.end },
        ...(rule.category ? { categoryCode: rule.category } : {}),
      },
      orderBy: { createdAt: 'asc' },
      take: CASES_KEPT,
      select: { id: true },
    });
    trips.push({
      rule,
      placeId: r.communityId,
      categoryCode: rule.category || null,
      window: week,
      count: r.thisWeek,
      threshold,
      eventIds: events.map((e) => e.id),
    });
  }
  return trips;
}

/**
 * The same building (the base data's link, when the reporter picked one) or, without it, the same
 * address as written (spaces dropped, case folded) in at least N events within the window; the
 * warning is placed in the grid of the latest of them.
 */
async function addressTrips(db: Db, rule: WarningRule, now: Date): Promise<Trip[]> {
  const window = dayWindow(now, rule.windowDays);
  const rows = await db.$queryRaw<{ subject: string; ids: string[]; grids: string[] }[]>`
    SELECT coalesce(b.code, lower(regexp_replace(e.address, '\s', '', 'g'))) AS subject,
           array_agg(e.id ORDER BY e."createdAt") AS ids,
           array_agg(e."gridId" ORDER BY e."createdAt" DESC) AS grids
    FROM "Event" e LEFT JOIN "Building" b ON b.id = e."buildingId"
    WHERE e."createdAt" >= ${window.start} AND e."createdAt" < ${window.end}
      ${rule.category ? Prisma.sql`AND e."categoryCode" = ${rule.category}` : Prisma.empty}
    GROUP BY 1
    HAVING count(*) >= ${rule.minCount}`;
  return rows.map((r) => ({
    rule,
    placeId: r.grids[0],
    categoryCode: rule.category || null,
    subject: r.subject,
    window,
    count: r.ids.length,
    threshold: rule.minCount,
    eventIds: r.ids.slice(0, CASES_KEPT),
  }));
}

/**
 * The same petitioner in at least N petitions registered within the window: placed at the office
 * that registered the latest, whose 研判 it is (the office knows the petitioner); the cases behind
 * it are the petitions and the events they are linked to (each once: several petitions may name one
 * event). Only the hashed key leaves the petitions.
 */
async function personTrips(db: Db, rule: WarningRule, now: Date): Promise<Trip[]> {
  const window = dayWindow(now, rule.windowDays);
  const rows = await db.$queryRaw<{ subject: string; ids: string[]; events: string[]; offices: string[] }[]>`
    SELECT "petitionerKey" AS subject, array_agg(id ORDER BY "createdAt") AS ids,
           array_remove(array_agg(DISTINCT "eventId"), NULL) AS events,
           array_agg("officeUnitId" ORDER BY "createdAt" DESC) AS offices
    FROM "Petition"
    WHERE "createdAt" >= ${window.start} AND "createdAt" < ${window.end}
    GROUP BY 1
    HAVING count(*) >= ${rule.minCount}`;
  return rows.map((r) => ({
    rule,
    placeId: r.offices[0],
    unitId: r.offices[0],
    categoryCode: null,
    subject: r.subject,
    window,
    count: r.ids.length,
    threshold: rule.minCount,
    eventIds: r.events.slice(0, CASES_KEPT),
    petitionIds: r.ids.slice(0, CASES_KEPT),
  }));
}

/** The rule × place × window key: one warning each (a same-address rule's place is its address). */
export const warningKey = (t: Pick<Trip, 'rule' | 'placeId' | 'categoryCode' | 'window' | 'subject'>) =>
  `${t.rule.ruleKey}:${t.subject ?? t.placeId}:${t.categoryCode ?? '*'}:${t.window.start.toISOString()}`;

const TRIPS = {
  'grid-category': gridTrips,
  'unit-surge': surgeTrips,
  'same-address': addressTrips,
  'same-person': personTrips,
};

/** Evaluates every rule now; returns the warnings it created (none for a window warned already). */
export async function evaluateWarnings(
  db: Db,
  engine: ProcessEngine,
  rules: WarningRule[],
  now = new Date(),
) {
  const created: string[] = [];
  for (const rule of rules) {
    const trips = await TRIPS[rule.kind](db, rule, now);
    for (const trip of trips) {
      const dedupKey = warningKey(trip);
      if (await db.warning.findUnique({ where: { dedupKey }, select: { id: true } })) continue;
      const place = await db.org.findUnique({ where: { id: trip.placeId } });
      if (!place) continue;
      const unitId = trip.unitId ?? place.parentId ?? place.id;
      const warning = await db
        .$transaction(async (tx) => {
          const w = await tx.warning.create({
            data: {
              ruleKey: rule.ruleKey,
              ruleName: rule.ruleName,
              kind: rule.kind,
              placeId: place.id,
              placePath: place.path,
              categoryCode: trip.categoryCode,
              subject: trip.subject,
              petitionIds: trip.petitionIds ?? [],
              windowStart: trip.window.start,
              windowEnd: trip.window.end,
              count: trip.count,
              threshold: trip.threshold,
              dedupKey,
              unitId,
              cases: { createMany: { data: trip.eventIds.map((eventId) => ({ eventId })) } },
            },
          });
          await queueStart(tx, {
            caseKind: 'WARNING',
            caseId: w.id,
            processKey: earlyWarningLoop.processId,
            businessKey: w.id,
            variables: { warningId: w.id, unitId, ruleKey: rule.ruleKey },
          });
          return w;
        })
        .catch((err: unknown) => {
          // Another evaluation (a second workers process) created it first.
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return null;
          throw err;
        });
      if (!warning) continue;
      await deliverStart(db, engine, warning.id).catch(() => undefined);
      created.push(warning.id);
    }
  }
  return created;
}
