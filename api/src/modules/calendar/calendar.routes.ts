import Router from '@koa/router';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';

// A real calendar date: the calendar refuses 2026-02-30, so the API must too.
const dateParam = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((d) => {
      const ms = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
    }),
});
const overrideBody = z.object({ working: z.boolean(), note: z.string().trim().max(200).optional() });

export const calendarSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/calendar-overrides',
    summary: '工作日调整 Working-day overrides',
    tag: 'calendar',
  },
  {
    method: 'put',
    path: '/api/calendar-overrides/:date',
    summary: '设置某日 Set a day',
    tag: 'calendar',
    params: dateParam,
    body: overrideBody,
  },
  {
    method: 'delete',
    path: '/api/calendar-overrides/:date',
    summary: '删除调整 Remove an override',
    tag: 'calendar',
    params: dateParam,
  },
];

/**
 * Admins correct the working-day table (a new 调休 arrangement, a local holiday); every
 * deadline computed afterwards uses it.
 */
export function calendarRoutes(db: Db) {
  const router = new Router<AppState>({ prefix: '/api/calendar-overrides' });
  const allow = (state: AppState, action: 'read' | 'update' | 'delete') => {
    if (!caller(state).ability.can(action, 'CalendarOverride')) throw new HttpError(403, 'error.forbidden');
  };

  router.get('/', async (ctx) => {
    allow(ctx.state, 'read');
    ctx.body = { items: await db.calendarOverride.findMany({ orderBy: { date: 'asc' } }) };
  });
  router.put('/:date', async (ctx) => {
    allow(ctx.state, 'update');
    const { date } = parse(dateParam, ctx.params);
    const body = parse(overrideBody, ctx.request.body);
    ctx.body = await db.calendarOverride.upsert({ where: { date }, create: { date, ...body }, update: body });
  });
  router.delete('/:date', async (ctx) => {
    allow(ctx.state, 'delete');
    const { date } = parse(dateParam, ctx.params);
    await db.calendarOverride.deleteMany({ where: { date } });
    ctx.status = 204;
  });
  return router;
}
