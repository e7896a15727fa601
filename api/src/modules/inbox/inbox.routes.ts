import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import type { InboxService, TaskAction } from './inbox.service';

const listQuery = z.object({
  view: z.enum(['todo', 'done']).default('todo'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['dueDate', 'createdAt', 'completedAt', 'priority']).default('dueDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
  process: z.string().max(100).optional(),
  category: z.string().max(50).optional(),
  unit: z.string().max(50).optional(),
  /** A step of a diagram by its element id (处置 = handle). */
  step: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,63}$/)
    .optional(),
  /**
   * 待办's quick views: all one may act on, 我的 (claimed or delegated by me), 本单位, 委派给我,
   * or 辖区 (everything one may read: a supervisor's area, to follow).
   */
  scope: z.enum(['all', 'mine', 'unit', 'delegated', 'area']).default('all'),
  overdue: z
    .enum(['true', 'false', 'onTime', 'yellow', 'red'])
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : v))
    .optional(),
});

/** An engine task id (a UUID). */
const keyParam = z.object({ key: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
const completeBody = z.object({ variables: z.record(z.string().min(1).max(100), z.unknown()).default({}) });

const reason = z.string().trim().min(1).max(1000);
const actionBodies = {
  return: z.object({ reason }),
  transfer: z.object({ unitId: z.string().trim().min(1).max(50), reason }),
  extension: z.object({ days: z.number().int().min(1).max(30), reason }),
} as const;

const delegateBody = z.object({
  userId: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(1000).optional(),
});
const resolveBody = z.object({ result: reason });

export const inboxSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/process-names', summary: '流程名称 Process names', tag: 'inbox' },
  {
    method: 'post',
    path: '/api/tasks/:key/delegate',
    summary: '委派 Delegate to a colleague',
    tag: 'inbox',
    params: keyParam,
    body: delegateBody,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/recall',
    summary: '收回委派 Take a delegated task back',
    tag: 'inbox',
    params: keyParam,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/resolve',
    summary: '委派交回 Give a delegated task back',
    tag: 'inbox',
    params: keyParam,
    body: resolveBody,
  },
  {
    method: 'get',
    path: '/api/tasks/:key/form',
    summary: '任务表单 Task form',
    tag: 'inbox',
    params: keyParam,
  },
  { method: 'get', path: '/api/inbox', summary: '待办/已办 Inbox', tag: 'inbox', query: listQuery },
  { method: 'get', path: '/api/inbox/steps', summary: '待办环节 Steps in the inbox', tag: 'inbox' },
  { method: 'get', path: '/api/tasks/:key', summary: '任务 Task', tag: 'inbox', params: keyParam },
  { method: 'post', path: '/api/tasks/:key/claim', summary: '签收 Claim', tag: 'inbox', params: keyParam },
  {
    method: 'post',
    path: '/api/tasks/:key/unclaim',
    summary: '取消签收 Unclaim',
    tag: 'inbox',
    params: keyParam,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/complete',
    summary: '办理完成 Complete',
    tag: 'inbox',
    params: keyParam,
    body: completeBody,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/return',
    summary: '退回 Return',
    tag: 'inbox',
    params: keyParam,
    body: actionBodies.return,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/transfer',
    summary: '转办 Transfer',
    tag: 'inbox',
    params: keyParam,
    body: actionBodies.transfer,
  },
  {
    method: 'post',
    path: '/api/tasks/:key/extension',
    summary: '申请延期 Ask for more time',
    tag: 'inbox',
    params: keyParam,
    body: actionBodies.extension,
  },
];

/** The caller's task inbox; every action is checked against their ability inside the service. */
export function inboxRoutes(inbox: InboxService) {
  const router = new Router<AppState>({ prefix: '/api' });

  router.get('/inbox/steps', async (ctx) => {
    ctx.body = await inbox.steps(caller(ctx.state));
  });
  router.get('/inbox', async (ctx) => {
    ctx.body = await inbox.list(parse(listQuery, ctx.query), caller(ctx.state));
  });
  router.get('/tasks/:key', async (ctx) => {
    ctx.body = await inbox.get(parse(keyParam, ctx.params).key, caller(ctx.state));
  });
  router.get('/tasks/:key/form', async (ctx) => {
    ctx.body = await inbox.form(parse(keyParam, ctx.params).key, caller(ctx.state));
  });
  router.post('/tasks/:key/claim', async (ctx) => {
    ctx.body = await inbox.claim(parse(keyParam, ctx.params).key, caller(ctx.state));
  });
  router.post('/tasks/:key/unclaim', async (ctx) => {
    ctx.body = await inbox.unclaim(parse(keyParam, ctx.params).key, caller(ctx.state));
  });
  router.post('/tasks/:key/complete', async (ctx) => {
    const who = caller(ctx.state);
    const { key } = parse(keyParam, ctx.params);
    const { variables } = parse(completeBody, ctx.request.body);
    ctx.body = await inbox.complete(key, variables, who);
  });
  router.get('/process-names', async (ctx) => {
    ctx.body = await inbox.processNames(caller(ctx.state));
  });
  router.post('/tasks/:key/delegate', async (ctx) => {
    const who = caller(ctx.state);
    const { key } = parse(keyParam, ctx.params);
    ctx.body = await inbox.delegate(key, parse(delegateBody, ctx.request.body), who);
  });
  router.post('/tasks/:key/recall', async (ctx) => {
    ctx.body = await inbox.recall(parse(keyParam, ctx.params).key, caller(ctx.state));
  });
  router.post('/tasks/:key/resolve', async (ctx) => {
    const who = caller(ctx.state);
    const { key } = parse(keyParam, ctx.params);
    ctx.body = await inbox.resolve(key, parse(resolveBody, ctx.request.body).result, who);
  });
  for (const action of ['return', 'transfer', 'extension'] as const) {
    router.post(`/tasks/:key/${action}`, async (ctx) => {
      const who = caller(ctx.state);
      const { key } = parse(keyParam, ctx.params);
      const body = parse(actionBodies[action], ctx.request.body);
      ctx.body = await inbox.act(key, { action, ...body } as TaskAction, who);
    });
  }
  return router;
}
