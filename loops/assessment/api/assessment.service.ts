import { objectOf } from '../../../lib/json';
import { levelWeights } from './assessment.answers';
import { subject } from '@casl/ability';
import type { AssessmentScore, OrgType } from '@prisma/client';
import { monthPeriod } from '../../../lib/assessment-period';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import { accessibleBy, type AppAbility } from '../../../api/src/abilities';
import { engineHttpError, fieldError, HttpError } from '../../../api/src/http/errors';
import { readDecisions, withDraftDeployed } from '../../../lib/decision-trial';
import { EngineError, EngineUnavailableError } from '../../../lib/engine/process-engine';
import { hasWork, rank, scoreOf, type Weights } from '../scoring';
import { weightsPerLevel } from '../weights';

/**
 * 红黑榜 by score, not by list position: red from `redMin` up, black below `blackBelow`, so equal
 * scores always share a colour and a list where everyone did well has no black entry.
 */
export interface BandRules {
  redMin: number;
  blackBelow: number;
}

/** Where a score stands on the 红黑榜 by the limits: red from `redMin` up, black below `blackBelow`. */
const bandOf = (score: number, bands: BandRules): 'red' | 'black' | null =>
  score >= bands.redMin ? 'red' : score < bands.blackBelow ? 'black' : null;

type Caller = { ability: AppAbility };

export interface AssessmentTrialInput {
  period?: string;
  xml?: string;
  redMin?: number;
  blackBelow?: number;
}
export type RankedLevel = Extract<OrgType, 'STREET' | 'COMMUNITY' | 'DEPARTMENT'>;
const isRankedLevel = (level: OrgType): level is RankedLevel =>
  level === 'STREET' || level === 'COMMUNITY' || level === 'DEPARTMENT';
export const INDICATORS = [
  'response',
  'onTime',
  'satisfaction',
  'handled',
  'rework',
  'yellow',
  'red',
  'mediation',
  'prevention',
  'petitionAccept',
  'petitionOnTime',
  'petitionSatisfaction',
  'petitionRepeat',
  'separationOverride',
  'patrol',
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** BigInt ids leave the API as strings. */
const scoreJson = (s: AssessmentScore) => ({ ...s, id: String(s.id) });

export function createAssessmentService(db: Db, engine: ProcessEngine, bands: BandRules) {
  const scoresOf = (ability: AppAbility) => accessibleBy(ability, 'read').ofType('AssessmentScore');

  return {
    /**
     * Starts the `assessment` process for a month. A closed month is refused (its scores never
     * change); a month not over yet gives an OPEN snapshot that the next run replaces.
     */
    /** The route's gate admits those who may create a run. */
    async start(periodKey: string) {
      const period = monthPeriod(periodKey);
      if (Date.parse(period.periodStart) > Date.now()) {
        throw fieldError('period', t('error.periodInFuture'));
      }
      const run = await db.assessmentRun.findUnique({ where: { periodKey } });
      if (run?.status === 'CLOSED') throw new HttpError(409, 'error.assessmentClosed');
      try {
        // The diagram's on-demand start is a message start (its other start is the schedule's timer).
        const processInstanceId = await engine.startByMessage('assessment-run', { ...period });
        return { ...period, processInstanceId };
      } catch {
        throw new HttpError(503, 'error.engineUnavailable');
      }
    },

    /**
     * 试算 of the weights (a draft `assessment-weights` table) and the colour limits on a computed
     * period's stored counts (the last closed one by default): each ranked unit's score, rank and
     * colour before → after, before anything is published. Nothing is stored. A draft's
     * claimWorkingDays changes no count: the counts are the period's as they were taken.
     */
    async trial(input: AssessmentTrialInput, { ability }: Caller) {
      const run = input.period
        ? await db.assessmentRun.findUnique({ where: { periodKey: input.period } })
        : await db.assessmentRun.findFirst({
            where: { computedAt: { not: null } },
            orderBy: [{ status: 'asc' }, { periodStart: 'desc' }],
          });
      if (!run?.computedAt) throw fieldError('period', t('error.trialNoRun'));
      if (input.xml && !readDecisions(input.xml).decisionIds.includes('assessment-weights'))
        throw fieldError('xml', t('error.trialNoDecision'));
      const stored = run.weights as unknown as Record<RankedLevel, Weights>;
      const weights = input.xml
        ? await withDraftDeployed(engine, input.xml, (keyOf) =>
            weightsPerLevel(engine, keyOf('assessment-weights')),
          ).catch((err: unknown) => {
            // The draft refused by the engine (its table, its FEEL): a 400 in the engine's words.
            throw err instanceof EngineError || err instanceof EngineUnavailableError
              ? engineHttpError(err, 'xml')
              : err;
          })
        : stored;
      if (typeof weights === 'string') throw fieldError('xml', { 'zh-CN': weights, en: weights });
      const after: BandRules = {
        redMin: input.redMin ?? bands.redMin,
        blackBelow: input.blackBelow ?? bands.blackBelow,
      };
      const rows = (
        await db.assessmentScore.findMany({ where: { AND: [scoresOf(ability), { runId: run.id }] } })
      ).filter((r) => isRankedLevel(r.level) && hasWork(r));
      const units = (['STREET', 'COMMUNITY', 'DEPARTMENT'] as const).flatMap((level) => {
        const atLevel = rows.filter((r) => r.level === level);
        const rescored = new Map(
          rank(atLevel.map((r) => ({ unitId: r.unitId, score: scoreOf(r, weights[level]) }))).map((r) => [
            r.unitId,
            r,
          ]),
        );
        return atLevel.map((r) => {
          const next = rescored.get(r.unitId)!;
          return {
            level,
            unitId: r.unitId,
            unitName: r.unitName,
            scoreBefore: r.score,
            scoreAfter: next.score,
            rankBefore: r.rank,
            rankAfter: next.rank,
            bandBefore: bandOf(r.score, bands),
            bandAfter: bandOf(next.score, after),
          };
        });
      });
      return {
        period: run.periodKey,
        status: run.status,
        bands: { before: bands, after },
        units,
        scoresChanged: units.filter((u) => u.scoreBefore !== u.scoreAfter).length,
        coloursChanged: units.filter((u) => u.bandBefore !== u.bandAfter).length,
      };
    },

    async runs({ ability }: Caller) {
      const items = await db.assessmentRun.findMany({
        where: accessibleBy(ability, 'read').ofType('AssessmentRun'),
        orderBy: { periodStart: 'desc' },
        take: 120,
      });
      // The levels the caller has scores of: a street supervisor gets no empty departments chart.
      const levels = (
        await db.assessmentScore.groupBy({
          by: ['level'],
          where: scoresOf(ability),
          orderBy: { level: 'asc' },
        })
      ).flatMap((l) => (isRankedLevel(l.level) ? [l.level] : []));
      return { items, levels };
    },

    /**
     * One level's 红黑榜 for a period, in the caller's subtree: the units that had work ranked
     * best first (equal scores share a rank and a colour), those with none apart (不参与排名), each
     * with its change against the period before, and the rules and weights the page states.
     */
    async ranking(periodKey: string, level: RankedLevel, { ability }: Caller) {
      const run = await db.assessmentRun.findUnique({ where: { periodKey } });
      if (!run) throw new HttpError(404, 'error.notFound');
      const previousRun = await db.assessmentRun.findFirst({
        where: { periodStart: { lt: run.periodStart }, computedAt: { not: null } },
        orderBy: { periodStart: 'desc' },
      });
      const [rows, before] = await Promise.all([
        db.assessmentScore.findMany({
          where: { AND: [scoresOf(ability), { runId: run.id, level }] },
          orderBy: [{ score: 'desc' }, { unitId: 'asc' }],
        }),
        previousRun
          ? db.assessmentScore.findMany({
              where: { AND: [scoresOf(ability), { runId: previousRun.id, level }] },
              select: {
                unitId: true,
                score: true,
                responseTotal: true,
                solvedTotal: true,
                visited: true,
                handled: true,
                reworked: true,
                yellowCards: true,
                redCards: true,
                responseOnTime: true,
                solvedOnTime: true,
                satisfied: true,
                disputesEnded: true,
                disputesSettled: true,
                disputesCalm: true,
                petitionsDecisionDue: true,
                petitionsDecidedInTime: true,
                petitionsHandlingDue: true,
                petitionsHandledOnTime: true,
                petitionsEvaluated: true,
                petitionsSatisfied: true,
                petitionsReceived: true,
                petitionsRepeated: true,
                separationOverrides: true,
                patrolWeeks: true,
                patrolWeeksMet: true,
              },
            })
          : [],
      ]);
      const previous = new Map(before.filter((b) => hasWork(b)).map((b) => [b.unitId, b.score]));
      const withChange = (s: AssessmentScore) => {
        const prev = previous.get(s.unitId);
        return {
          ...scoreJson(s),
          previousScore: prev ?? null,
          change: prev === undefined ? null : Math.round((s.score - prev) * 100) / 100,
        };
      };
      const items = rank(rows.filter(hasWork)).map((s) => ({
        ...withChange(s),
        band: bandOf(s.score, bands),
      }));
      const noWork = rows
        .filter((s) => !hasWork(s))
        .map((s) => ({ ...withChange(s), rank: null, band: null, change: null }));
      const weights = levelWeights
        .nullable()
        .catch(null)
        .parse(objectOf(run.weights)?.[level] ?? null);
      return {
        run,
        previousPeriod: previousRun?.periodKey ?? null,
        rules: bands,
        weights,
        items,
        noWork,
      };
    },

    /** Scores of a level's units over the latest `periods` runs, oldest first, for the trend chart. */
    async trend(level: RankedLevel, periods: number, { ability }: Caller) {
      const runs = (
        await db.assessmentRun.findMany({
          where: { computedAt: { not: null } },
          orderBy: { periodStart: 'desc' },
          take: periods,
          select: { id: true, periodKey: true },
        })
      ).reverse();
      const scores = await db.assessmentScore.findMany({
        where: { AND: [scoresOf(ability), { level, runId: { in: runs.map((r) => r.id) } }] },
        select: { runId: true, unitId: true, unitName: true, score: true, rank: true },
      });
      const units = new Map<string, { unitId: string; unitName: string; scores: (number | null)[] }>();
      const column = new Map(runs.map((r, i) => [r.id, i]));
      for (const s of scores) {
        const unit = units.get(s.unitId) ?? {
          unitId: s.unitId,
          unitName: s.unitName,
          scores: runs.map(() => null),
        };
        unit.scores[column.get(s.runId)!] = s.score;
        units.set(s.unitId, unit);
      }
      return { periods: runs.map((r) => r.periodKey), series: [...units.values()] };
    },

    /** The cases behind one figure of a score: the facts counted for `indicator`. */
    async items(
      scoreId: bigint,
      query: { indicator: Indicator; hit?: boolean; page: number; pageSize: number },
      { ability }: Caller,
    ) {
      const score = await db.assessmentScore.findUnique({ where: { id: scoreId } });
      if (!score || !ability.can('read', subject('AssessmentScore', score))) {
        throw new HttpError(404, 'error.notFound');
      }
      const where = {
        scoreId,
        indicator: query.indicator,
        ...(query.hit === undefined ? {} : { hit: query.hit }),
      };
      const [total, rows] = await db.$transaction([
        db.assessmentItem.count({ where }),
        db.assessmentItem.findMany({
          where,
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      const eventIds = [...new Set(rows.flatMap((r) => (r.eventId ? [r.eventId] : [])))];
      const taskKeys = rows.flatMap((r) => (r.taskKey ? [r.taskKey] : []));
      const [events, tasks] = await Promise.all([
        db.event.findMany({
          where: { id: { in: eventIds } },
          select: { id: true, caseNo: true, categoryCode: true, description: true, status: true },
        }),
        db.inboxTask.findMany({
          where: { key: { in: taskKeys } },
          select: { key: true, name: true, orgId: true, dueDate: true, claimedAt: true, completedAt: true },
        }),
      ]);
      const eventById = new Map(events.map((e) => [e.id, e]));
      const taskByKey = new Map(tasks.map((k) => [k.key, k]));
      return {
        score: scoreJson(score),
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => ({
          id: String(r.id),
          indicator: r.indicator,
          hit: r.hit,
          at: r.at,
          cardId: r.cardId === null ? null : String(r.cardId),
          disputeId: r.disputeId,
          petitionId: r.petitionId,
          gridId: r.gridId,
          event: r.eventId ? (eventById.get(r.eventId) ?? { id: r.eventId }) : null,
          task: r.taskKey ? (taskByKey.get(r.taskKey) ?? { key: r.taskKey }) : null,
        })),
      };
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
