import Router from '@koa/router';
import { z } from 'zod';
import { SHIPPED_LAST_YEAR, statutoryHolidays } from '../../../../lib/calendar';
import type { Db } from '../../../../lib/db';
import { workingCalendar } from '../../../../lib/working-calendar';
import { createAuditLog } from '../audit/audit.service';
import { t } from '../../../../lib/i18n';
import { fieldError, HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';

// A real calendar date: the calendar refuses 2026-02-30, so the API must too.
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  });
const dateParam = z.object({ date: calendarDate });
// The lunar calendar library covers 1901–2099; the platform has no business outside 2000–2099.
const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2099) });
const arrangementBody = z
  .object({
    /** Where it was published, e.g. 国办发明电〔2026〕N号. */
    source: z.string().trim().min(1).max(200),
    holidays: z
      .array(z.object({ date: calendarDate, name: z.string().trim().min(1).max(40) }))
      .min(1)
      .max(60),
    workdays: z.array(calendarDate).max(20),
  })
  .strict();
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
  {
    method: 'get',
    path: '/api/calendar-years/:year',
    summary: "某年节假日安排 A year's holidays and whether they are provisional",
    tag: 'calendar',
    params: yearParam,
  },
  {
    method: 'put',
    path: '/api/calendar-years/:year',
    summary: "导入国务院公布的放假安排 Import a year's published arrangement",
    tag: 'calendar',
    params: yearParam,
    body: arrangementBody,
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

/**
 * A year's table as deadlines see it: shipped (the State Council table in `chinese-days`),
 * imported by an admin, or computed from the law (provisional until the arrangement is imported).
 * The import replaces the year's overrides with the published holidays and make-up working days
 * in one transaction, and is audited.
 */
export function calendarYearRoutes(db: Db) {
  const router = new Router<AppState>({ prefix: '/api/calendar-years' });
  router.get('/:year', async (ctx) => {
    if (!caller(ctx.state).ability.can('read', 'CalendarOverride'))
      throw new HttpError(403, 'error.forbidden');
    const { year } = parse(yearParam, ctx.params);
    const calendar = await workingCalendar(db);
    const source = calendar.yearSource(year);
    const imported = await db.calendarYear.findUnique({ where: { year } });
    const overrides = await db.calendarOverride.findMany({
      where: { date: { startsWith: `${year}-` } },
      orderBy: { date: 'asc' },
    });
    ctx.body = {
      year,
      source,
      provisional: source === 'computed',
      shippedLastYear: SHIPPED_LAST_YEAR,
      importedFrom: imported?.source ?? null,
      importedAt: imported?.importedAt ?? null,
      // The law's holidays for a computed year; for the others the overrides say what differs.
      statutoryHolidays: source === 'computed' ? statutoryHolidays(year) : [],
      overrides,
    };
  });

  router.put('/:year', async (ctx) => {
    const who = caller(ctx.state);
    if (!who.ability.can('update', 'CalendarOverride')) throw new HttpError(403, 'error.forbidden');
    const { year } = parse(yearParam, ctx.params);
    const body = parse(arrangementBody, ctx.request.body);
    const outside = [...body.holidays.map((h) => h.date), ...body.workdays].find(
      (d) => !d.startsWith(`${year}-`),
    );
    if (outside) throw fieldError('holidays', t('error.calendarDateOutsideYear'));
    const holidaySet = new Set(body.holidays.map((h) => h.date));
    if (body.workdays.some((d) => holidaySet.has(d)))
      throw fieldError('workdays', t('error.calendarDateBoth'));
    await db.$transaction(async (tx) => {
      await tx.calendarOverride.deleteMany({ where: { date: { startsWith: `${year}-` } } });
      await tx.calendarOverride.createMany({
        data: [
          ...body.holidays.map((h) => ({ date: h.date, working: false, note: h.name })),
          ...body.workdays.map((date) => ({ date, working: true, note: '调休上班' })),
        ],
        skipDuplicates: true,
      });
      await tx.calendarYear.upsert({
        where: { year },
        create: { year, source: body.source, importedById: who.user.id },
        update: { source: body.source, importedById: who.user.id, importedAt: new Date() },
      });
      await createAuditLog(tx).record({
        by: who.user.id,
        action: 'calendar.import',
        subjectType: 'CalendarYear',
        subjectId: String(year),
        address: ctx.ip,
        detail: { source: body.source, holidays: body.holidays.length, workdays: body.workdays.length },
      });
    });
    ctx.body = { year, source: 'imported', provisional: false };
  });
  return router;
}
