import { z } from 'zod';
import { MONTH_PATTERN } from '../../../lib/assessment-period';
import { routesOf } from '../../../api/src/http/define-route';
import { INDICATORS, type AssessmentService } from './assessment.service';
import { itemsAnswer, rankingAnswer, runsAnswer, startedAnswer, trendAnswer } from './assessment.answers';

const startBody = z.object({ period: z.string().regex(MONTH_PATTERN) });
const level = z.enum(['STREET', 'COMMUNITY', 'DEPARTMENT']);
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
