import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import type { SupervisionService } from './supervision.service';

const unit = z.string().trim().min(1).max(50).optional();
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const overdueQuery = z.object({ unit });
const tasksQuery = z.object({ unit, level: z.enum(['yellow', 'red', 'all']).default('all'), ...paging });
const cardsQuery = z.object({ unit, ...paging });
/** A case of any loop, as inbox tasks name it (caseKind, caseId). */
const caseRef = {
  caseKind: z.enum(['EVENT', 'DISPUTE', 'PETITION', 'PERSON']),
  caseId: z.string().trim().min(1).max(50),
};
const cardBody = z.object({
  ...caseRef,
  kind: z.enum(['REMIND', 'NORMAL', 'YELLOW', 'RED']),
  reason: z.string().trim().min(1).max(1000),
});

const batchBody = z.object({
  cases: z.array(z.object(caseRef)).min(1).max(100),
  kind: z.enum(['REMIND', 'NORMAL']).default('REMIND'),
  reason: z.string().trim().min(1).max(1000),
});

export const supervisionSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/supervision/overdue',
    summary: '超期统计（按单位、按时长） Overdue work by unit and age',
    tag: 'supervision',
    query: overdueQuery,
  },
  {
    method: 'get',
    path: '/api/supervision/overdue/tasks',
    summary: '超期任务明细 Overdue tasks',
    tag: 'supervision',
    query: tasksQuery,
  },
  {
    method: 'get',
    path: '/api/supervision/cards',
    summary: '督办记录 Supervision cards',
    tag: 'supervision',
    query: cardsQuery,
  },
  {
    method: 'post',
    path: '/api/supervision/cards',
    summary: '督办/催办 Issue a card or reminder',
    tag: 'supervision',
    body: cardBody,
  },
  {
    method: 'post',
    path: '/api/supervision/cards/batch',
    summary: '批量催办/督办（逐案结果） Remind or supervise many cases, with one result per case',
    tag: 'supervision',
    body: batchBody,
  },
];

/** Supervisors' views of their subtree and 督办/催办; scope and role are checked in the service. */
export function supervisionRoutes(supervision: SupervisionService) {
  const router = new Router<AppState>({ prefix: '/api/supervision' });
  router.get('/overdue', async (ctx) => {
    ctx.body = await supervision.overdue(parse(overdueQuery, ctx.query), caller(ctx.state));
  });
  router.get('/overdue/tasks', async (ctx) => {
    ctx.body = await supervision.overdueTasks(parse(tasksQuery, ctx.query), caller(ctx.state));
  });
  router.get('/cards', async (ctx) => {
    ctx.body = await supervision.cards(parse(cardsQuery, ctx.query), caller(ctx.state));
  });
  router.post('/cards', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await supervision.issue(parse(cardBody, ctx.request.body), who);
    ctx.status = 201;
  });
  router.post('/cards/batch', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await supervision.issueBatch(parse(batchBody, ctx.request.body), who);
  });
  return router;
}
