import { AssessmentStatus, OrgType } from '@prisma/client';
import { z } from 'zod';
import { instant } from '../../../api/src/http/answers';

/** What the assessment routes answer (define-route.ts). */

const count = z.number();
/** A unit's counts of a period (scoring.ts `Counts`), the figures its score is computed from. */
const counts = {
  responseOnTime: count,
  responseTotal: count,
  solvedOnTime: count,
  solvedTotal: count,
  satisfied: count,
  visited: count,
  reworked: count,
  handled: count,
  yellowCards: count,
  redCards: count,
  disputesEnded: count,
  disputesSettled: count,
  disputesCalm: count,
  petitionsDecisionDue: count,
  petitionsDecidedInTime: count,
  petitionsHandlingDue: count,
  petitionsHandledOnTime: count,
  petitionsEvaluated: count,
  petitionsSatisfied: count,
  petitionsReceived: count,
  petitionsRepeated: count,
  /** 准予例外 used on the unit's steps: a four-eyes finding. */
  separationOverrides: count,
  /** 巡查率: weeks of the unit's grids with a quota that ended in the period, and those met. */
  patrolWeeks: count,
  patrolWeeksMet: count,
};
const score = z.object({
  id: z.string(),
  runId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitPath: z.string(),
  level: z.enum(OrgType),
  ...counts,
  score: z.number(),
});

const run = z.object({
  id: z.string(),
  periodKey: z.string(),
  periodStart: instant,
  periodEnd: instant,
  status: z.enum(AssessmentStatus),
  /** The weights the run scored with, per level. */
  weights: z.unknown(),
  processInstanceId: z.string().nullable(),
  computedAt: instant.nullable(),
  createdAt: instant,
});

/** The weights of one level (scoring.ts `Weights`), by name. */
export const levelWeights = z.record(z.string(), z.number());

export const startedAnswer = z.object({
  processInstanceId: z.string(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
});
/** The levels the caller has scores of (a street supervisor gets no empty departments chart). */
export const runsAnswer = z.object({
  items: z.array(run),
  levels: z.array(z.enum(['STREET', 'COMMUNITY', 'DEPARTMENT'])),
});
export const rankingAnswer = z.object({
  run,
  previousPeriod: z.string().nullable(),
  rules: z.object({ redMin: z.number(), blackBelow: z.number() }),
  weights: levelWeights.nullable(),
  items: z.array(
    score.extend({
      rank: z.number(),
      band: z.enum(['red', 'black']).nullable(),
      previousScore: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
  /** Units with no work in the period: listed, not ranked. */
  noWork: z.array(
    score.extend({
      rank: z.null(),
      band: z.null(),
      previousScore: z.number().nullable(),
      change: z.null(),
    }),
  ),
});
export const trendAnswer = z.object({
  periods: z.array(z.string()),
  series: z.array(
    z.object({ unitId: z.string(), unitName: z.string(), scores: z.array(z.number().nullable()) }),
  ),
});
export const itemsAnswer = z.object({
  score: score.extend({ rank: z.number() }),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      indicator: z.string(),
      hit: z.boolean(),
      at: instant,
      cardId: z.string().nullable(),
      disputeId: z.string().nullable(),
      petitionId: z.string().nullable(),
      /** The grid whose patrol week it is (巡查率; `at` the week's Monday). */
      gridId: z.string().nullable(),
      /** The case behind the figure (its facts when the caller may read it). */
      event: z
        .object({
          id: z.string(),
          status: z.enum(['OPEN', 'ARCHIVED']).optional(),
          caseNo: z.string().optional(),
          categoryCode: z.string().optional(),
          description: z.string().optional(),
        })
        .nullable(),
      task: z
        .object({
          key: z.string(),
          name: z.string().optional(),
          orgId: z.string().nullable().optional(),
          dueDate: instant.nullable().optional(),
          completedAt: instant.nullable().optional(),
          claimedAt: instant.nullable().optional(),
        })
        .nullable(),
    }),
  ),
});
