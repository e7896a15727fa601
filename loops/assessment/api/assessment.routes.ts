import Router from '@koa/router';
import { z } from 'zod';
import { MONTH_PATTERN } from '../../../lib/assessment-period';
import { parse } from '../../../api/src/http/errors';
import type { RouteSpec } from '../../../api/src/http/openapi';
import { caller, type AppState } from '../../../api/src/modules/auth/session.middleware';
import { INDICATORS, type AssessmentService } from './assessment.service';

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

export const assessmentSpecs: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/assessment/runs',
    summary: '按需考评 Run the assessment for a month',
    tag: 'assessment',
    body: startBody,
  },
  { method: 'get', path: '/api/assessment/runs', summary: '考评批次 Assessment runs', tag: 'assessment' },
  {
    method: 'get',
    path: '/api/assessment/rankings',
    summary: '红黑榜 Ranking of a level for a period',
    tag: 'assessment',
    query: rankingQuery,
  },
  {
    method: 'get',
    path: '/api/assessment/trend',
    summary: '得分趋势 Scores over periods',
    tag: 'assessment',
    query: trendQuery,
  },
  {
    method: 'get',
    path: '/api/assessment/scores/:id/items',
    summary: '得分明细 The cases behind a figure',
    tag: 'assessment',
    params: scoreParam,
    query: itemsQuery,
  },
];

/** 考评 and 红黑榜; abilities are checked inside the service. */
export function assessmentRoutes(assessment: AssessmentService) {
  const router = new Router<AppState>({ prefix: '/api/assessment' });
  router.post('/runs', async (ctx) => {
    const who = caller(ctx.state);
    ctx.status = 202;
    ctx.body = await assessment.start(parse(startBody, ctx.request.body).period, who);
  });
  router.get('/runs', async (ctx) => {
    ctx.body = await assessment.runs(caller(ctx.state));
  });
  router.get('/rankings', async (ctx) => {
    const who = caller(ctx.state);
    const q = parse(rankingQuery, ctx.query);
    ctx.body = await assessment.ranking(q.period, q.level, who);
  });
  router.get('/trend', async (ctx) => {
    const who = caller(ctx.state);
    const q = parse(trendQuery, ctx.query);
    ctx.body = await assessment.trend(q.level, q.periods, who);
  });
  router.get('/scores/:id/items', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(scoreParam, ctx.params);
    ctx.body = await assessment.items(BigInt(id), parse(itemsQuery, ctx.query), who);
  });
  return router;
}
