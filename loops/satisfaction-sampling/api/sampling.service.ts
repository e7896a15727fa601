import { randomBytes } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import { monthPeriod, type Period } from '../../../lib/assessment-period';
import { deliverStart, queueStart } from '../../../lib/engine-starts';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { HttpError } from '../../../api/src/http/errors';
import { drawSample, type Candidate, type SamplingPolicy } from '../draw';
import { satisfactionSamplingLoop } from '../loop';

type Caller = { user: SessionUser; ability: AppAbility };

export interface SamplingOptions extends SamplingPolicy {
  /** The unit whose members make the calls; the district (the root unit) when unset. */
  surveyUnitId?: string;
}

interface ArchivedCase extends Candidate {
  caseNo: string;
  unitPath: string;
  handlerSatisfaction: string | null;
}

/** How many starts the draw delivers at once; the workers' outbox job starts the rest. */
const STARTS_AT_ONCE = 50;

/**
 * The events archived within the period (their archiving, not their current state, so a case
 * reopened since still belongs to the month it was archived in and a draw can be repeated), each
 * counted against the unit that handled it.
 */
export async function archivedIn(db: Db, period: Period): Promise<ArchivedCase[]> {
  const rows = await db.timelineEntry.findMany({
    where: { action: 'archived', at: { gte: new Date(period.periodStart), lt: new Date(period.periodEnd) } },
    orderBy: { at: 'desc' },
    select: {
      detail: true,
      event: { select: { id: true, caseNo: true, categoryCode: true, handlerUnitId: true, gridId: true } },
    },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.event.id)) latest.set(row.event.id, row);
  const unitIds = [...new Set([...latest.values()].map((r) => r.event.handlerUnitId ?? r.event.gridId))];
  const paths = new Map(
    (await db.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, path: true } })).map((o) => [
      o.id,
      o.path,
    ]),
  );
  return [...latest.values()].map(({ event, detail }) => {
    const unitId = event.handlerUnitId ?? event.gridId;
    const satisfaction = (detail as { satisfaction?: unknown } | null)?.satisfaction;
    return {
      eventId: event.id,
      caseNo: event.caseNo,
      unitId,
      unitPath: paths.get(unitId) ?? '',
      categoryCode: event.categoryCode,
      handlerSatisfaction: typeof satisfaction === 'string' ? satisfaction : null,
    };
  });
}

const policyOf = (options: SamplingOptions, input: Partial<SamplingPolicy>): SamplingPolicy => ({
  share: input.share ?? options.share,
  minPerUnit: input.minPerUnit ?? options.minPerUnit,
});

const SATISFIED = new Set(['satisfied', 'basic']);
const rate = (good: number, of: number) => (of ? Math.round((1000 * good) / of) / 10 : null);

export function createSamplingService(db: Db, engine: ProcessEngine, options: SamplingOptions) {
  const surveyUnit = async () => {
    const unit = options.surveyUnitId
      ? await db.org.findUnique({ where: { id: options.surveyUnitId } })
      : await db.org.findFirst({ where: { parentId: null, type: 'DISTRICT', retiredAt: null } });
    if (!unit) throw new HttpError(409, 'error.noSurveyUnit');
    return unit;
  };

  return {
    /** The cases a draw of the month with this seed would give, written nowhere (a check before or after). */
    async preview(input: { period: string; seed: string } & Partial<SamplingPolicy>) {
      const candidates = await archivedIn(db, monthPeriod(input.period));
      const drawn = drawSample(candidates, input.seed, policyOf(options, input));
      return {
        period: input.period,
        seed: input.seed,
        archived: candidates.length,
        cases: drawn.map(({ eventId, caseNo, unitId, categoryCode }) => ({
          eventId,
          caseNo,
          unitId,
          categoryCode,
        })),
      };
    },

    /**
     * The month's draw: the sample and its seed written with one 民调 call per case to start
     * (lib/engine-starts.ts), one draw per month; a second is refused.
     */
    async draw(input: { period: string; seed?: string } & Partial<SamplingPolicy>, drawnById: string | null) {
      const period = monthPeriod(input.period);
      const seed = input.seed ?? randomBytes(16).toString('hex');
      const policy = policyOf(options, input);
      const unit = await surveyUnit();
      const drawn = drawSample(await archivedIn(db, period), seed, policy);
      const draw = await db
        .$transaction(async (tx) => {
          const created = await tx.samplingDraw.create({
            data: {
              ...period,
              periodStart: new Date(period.periodStart),
              periodEnd: new Date(period.periodEnd),
              seed,
              ...policy,
              surveyUnitId: unit.id,
              drawnById,
            },
          });
          for (const c of drawn) {
            const sample = await tx.sampledCase.create({
              data: {
                drawId: created.id,
                eventId: c.eventId,
                caseNo: c.caseNo,
                unitId: c.unitId,
                unitPath: c.unitPath,
                categoryCode: c.categoryCode,
                handlerSatisfaction: c.handlerSatisfaction,
              },
            });
            await queueStart(tx, {
              caseKind: 'SAMPLE',
              caseId: sample.id,
              processKey: satisfactionSamplingLoop.processId,
              businessKey: `${period.periodKey}:${c.caseNo}`,
              variables: { sampleId: sample.id, eventId: c.eventId, caseNo: c.caseNo, surveyUnitId: unit.id },
            });
          }
          return created;
        })
        .catch((err: unknown) => {
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
            throw new HttpError(409, 'error.alreadyDrawn');
          throw err;
        });
      const samples = await db.sampledCase.findMany({ where: { drawId: draw.id }, select: { id: true } });
      for (const { id } of samples.slice(0, STARTS_AT_ONCE))
        await deliverStart(db, engine, id).catch(() => undefined);
      return this.read(draw.id, undefined);
    },

    /** A draw and its cases (those of the caller's subtree when a caller is given). */
    async read(id: string, who: Caller | undefined) {
      const draw = await db.samplingDraw.findUnique({ where: { id } });
      if (!draw) throw new HttpError(404, 'error.notFound');
      const cases = await db.sampledCase.findMany({
        where: { AND: [{ drawId: id }, who ? accessibleBy(who.ability, 'read').ofType('SampledCase') : {}] },
        orderBy: [{ unitId: 'asc' }, { categoryCode: 'asc' }, { eventId: 'asc' }],
      });
      return { ...draw, cases };
    },

    /** Draws the same month again with the recorded seed and policy: whether the archive still gives those cases. */
    async replay(id: string) {
      const draw = await db.samplingDraw.findUnique({ where: { id }, include: { cases: true } });
      if (!draw) throw new HttpError(404, 'error.notFound');
      const again = drawSample(await archivedIn(db, monthPeriod(draw.periodKey)), draw.seed, draw);
      const recorded = new Set(draw.cases.map((c) => c.eventId));
      const now = new Set(again.map((c) => c.eventId));
      return {
        id,
        seed: draw.seed,
        same: recorded.size === now.size && [...recorded].every((e) => now.has(e)),
        missing: [...recorded].filter((e) => !now.has(e)),
        extra: [...now].filter((e) => !recorded.has(e)),
      };
    },

    list: () =>
      db.samplingDraw.findMany({ orderBy: { periodKey: 'desc' }, take: 36 }).then((items) => ({ items })),

    /**
     * 群众满意率 by unit for a month: the survey's answers beside the handler's own 回访 of the same
     * cases, so the two can be compared; units of the caller's subtree only. With a level, each
     * case counts for its street or community (属地, as the rankings count), else for the unit that
     * handled it.
     */
    async satisfaction(periodKey: string, level: 'STREET' | 'COMMUNITY' | undefined, who: Caller) {
      const cases = await db.sampledCase.findMany({
        where: { AND: [{ draw: { periodKey } }, accessibleBy(who.ability, 'read').ofType('SampledCase')] },
        select: { unitId: true, unitPath: true, result: true, handlerSatisfaction: true, reopened: true },
      });
      // /district/street/community/grid/: the street is the path's second unit, the community its third.
      const keyOf = (c: (typeof cases)[number]) =>
        level ? c.unitPath.split('/')[level === 'STREET' ? 2 : 3] : c.unitId;
      const units = new Map<string, typeof cases>();
      for (const c of cases) {
        const key = keyOf(c);
        if (key) units.set(key, [...(units.get(key) ?? []), c]);
      }
      if (level) {
        const ofLevel = new Set(
          (
            await db.org.findMany({
              where: { id: { in: [...units.keys()] }, type: level },
              select: { id: true },
            })
          ).map((o) => o.id),
        );
        for (const key of units.keys()) if (!ofLevel.has(key)) units.delete(key);
      }
      const names = new Map(
        (
          await db.org.findMany({
            where: { id: { in: [...units.keys()] } },
            select: { id: true, name: true },
          })
        ).map((o) => [o.id, o.name]),
      );
      return {
        period: periodKey,
        items: [...units].map(([unitId, list]) => {
          const answered = list.filter((c) => c.result);
          const visited = list.filter((c) => c.handlerSatisfaction);
          return {
            unitId,
            unitName: names.get(unitId) ?? unitId,
            sampled: list.length,
            answered: answered.length,
            satisfied: answered.filter((c) => c.result === 'satisfied').length,
            basic: answered.filter((c) => c.result === 'basic').length,
            dissatisfied: answered.filter((c) => c.result === 'dissatisfied').length,
            reopened: list.filter((c) => c.reopened).length,
            surveyRate: rate(answered.filter((c) => SATISFIED.has(c.result!)).length, answered.length),
            handlerRate: rate(
              visited.filter((c) => SATISFIED.has(c.handlerSatisfaction!)).length,
              visited.length,
            ),
          };
        }),
      };
    },
  };
}

export type SamplingService = ReturnType<typeof createSamplingService>;
