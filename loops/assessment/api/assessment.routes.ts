import { z } from 'zod';
import { MONTH_PATTERN } from '../../../lib/assessment-period';
import { routesOf } from '../../../api/src/http/define-route';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { INDICATORS, type AssessmentService } from './assessment.service';
import { itemsAnswer, rankingAnswer, runsAnswer, startedAnswer, trendAnswer } from './assessment.answers';

const startBody = z.object({ period: z.string().regex(MONTH_PATTERN) });
const level = z.enum(['STREET', 'COMMUNITY', 'DEPARTMENT']);
const score = z.number().min(-1000).max(1000);
const trialBody = z
  .strictObject({
    period: z.string().regex(MONTH_PATTERN).optional(),
    /** A draft `assessment-weights` decision table. */
    xml: z.string().min(1).max(1_000_000).optional(),
    redMin: score.optional(),
    blackBelow: score.optional(),
  })
  .refine((b) => b.xml || b.redMin !== undefined || b.blackBelow !== undefined, {
    path: ['xml'],
    message: 'a draft table or colour limits to try',
  });
const band = z.enum(['red', 'black']).nullable();
const limits = z.object({ redMin: z.number(), blackBelow: z.number() });
const trialAnswer = z.object({
  period: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  bands: z.object({ before: limits, after: limits }),
  units: z.array(
    z.object({
      level,
      unitId: z.string(),
      unitName: z.string(),
      scoreBefore: z.number(),
      scoreAfter: z.number(),
      rankBefore: z.number(),
      rankAfter: z.number(),
      bandBefore: band,
      bandAfter: band,
    }),
  ),
  scoresChanged: z.number(),
  coloursChanged: z.number(),
});
const rankingQuery = z.object({ period: z.string().min(1).max(60), level });
const trendQuery = z.object({ level, periods: z.coerce.number().int().min(1).max(36).default(12) });
const scoreParam = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const itemsQuery = z.object({
  indicator: z.enum(INDICATORS),
  hit: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const route = routesOf<AssessmentService>('assessment');

/** 考评 and 红黑榜: runs and rankings gated on the AssessmentRun abilities; a score's scope is checked inside. */
export const assessmentRoutes = [
  route({
    method: 'post',
    path: '/api/assessment/runs',
    summary: '按需考评 Run the assessment for a month',
    access: ['create', 'AssessmentRun'],
    body: startBody,
    answer: startedAnswer,
    status: 202,
    handler: (assessment, { body }) => assessment.start(body.period),
  }),
  route({
    method: 'post',
    path: '/api/assessment/trials',
    summary:
      '试算：权重草稿或红黑榜分界在已算期间上的得分、排名、颜色 Trial: draft weights or colour limits on a computed period',
    access: ['create', 'AssessmentRun'],
    body: trialBody,
    answer: trialAnswer,
    handler: async (assessment, { body, who, ctx }) => {
      const trial = await assessment.trial(body, who);
      auditAs(ctx.state, {
        action: 'assessment.trial',
        subjectType: 'AssessmentRun',
        subjectId: trial.period,
        detail: {
          draft: !!body.xml,
          bands: trial.bands.after,
          scoresChanged: trial.scoresChanged,
          coloursChanged: trial.coloursChanged,
        },
      });
      return trial;
    },
  }),
  route({
    method: 'get',
    path: '/api/assessment/runs',
    summary: '考评批次 Assessment runs',
    access: ['read', 'AssessmentRun'],
    answer: runsAnswer,
    handler: (assessment, { who }) => assessment.runs(who),
  }),
  route({
    method: 'get',
    path: '/api/assessment/rankings',
    summary: '红黑榜 Ranking of a level for a period',
    access: ['read', 'AssessmentRun'],
    query: rankingQuery,
    answer: rankingAnswer,
    handler: (assessment, { query, who }) => assessment.ranking(query.period, query.level, who),
  }),
  route({
    method: 'get',
    path: '/api/assessment/trend',
    summary: '得分趋势 Scores over periods',
    access: ['read', 'AssessmentRun'],
    query: trendQuery,
    answer: trendAnswer,
    handler: (assessment, { query, who }) => assessment.trend(query.level, query.periods, who),
  }),
  route({
    method: 'get',
    path: '/api/assessment/scores/:id/items',
    summary: '得分明细 The cases behind a figure',
    access: 'signed-in',
    params: scoreParam,
    query: itemsQuery,
    answer: itemsAnswer,
    handler: (assessment, { params, query, who }) => assessment.items(BigInt(params.id), query, who),
  }),
];
