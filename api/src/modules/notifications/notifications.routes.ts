import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import type { NotificationsService } from './notifications.service';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/) });

export const notificationsSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/notifications',
    summary: '我的消息 My notifications',
    tag: 'notifications',
    query: listQuery,
  },
  {
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: '标为已读 Mark read',
    tag: 'notifications',
    params: idParam,
  },
  {
    method: 'post',
    path: '/api/notifications/read-all',
    summary: '全部已读 Mark all read',
    tag: 'notifications',
  },
];

/** Every user's in-app notification list. */
export function notificationsRoutes(notifications: NotificationsService) {
  const router = new Router<AppState>({ prefix: '/api/notifications' });
  router.get('/', async (ctx) => {
    ctx.body = await notifications.list(parse(listQuery, ctx.query), caller(ctx.state));
  });
  router.post('/read-all', async (ctx) => {
    ctx.body = await notifications.markAllRead(caller(ctx.state));
  });
  router.post('/:id/read', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await notifications.markRead(BigInt(parse(idParam, ctx.params).id), who);
  });
  return router;
}
