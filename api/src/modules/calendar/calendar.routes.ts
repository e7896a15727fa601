import { z } from 'zod';
import { SHIPPED_LAST_YEAR, statutoryHolidays } from '../../../../lib/calendar';
import type { Db } from '../../../../lib/db';
import { workingCalendar } from '../../../../lib/working-calendar';
import { createAuditLog } from '../audit/audit.service';
import { t } from '../../../../lib/i18n';
import { instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { calendarDate, fieldError } from '../../http/errors';

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

const override = z.object({ date: z.string(), working: z.boolean(), note: z.string().nullable() });
const yearAnswer = z.object({
  year: z.number(),
  source: z.enum(['shipped', 'imported', 'computed']),
  provisional: z.boolean(),
  shippedLastYear: z.number(),
  importedFrom: z.string().nullable(),
  importedAt: instant.nullable(),
  /** The law's holidays for a computed year; for the others the overrides say what differs. */
  statutoryHolidays: z.array(z.object({ date: z.string(), name: z.string() })),
  overrides: z.array(override),
});

const route = routesOf<Db>('calendar');

/**
 * The working calendar every deadline counts on. Admins correct it day by day (a new 调休
 * arrangement, a local holiday) or import a year's published arrangement: shipped (the State
 * Council table in `chinese-days`), imported, or computed from the law (provisional until the
 * arrangement is imported). The import replaces the year's overrides with the published holidays
 * and make-up working days in one transaction, and is audited.
 */
export const calendarRoutes = [
  route({
    method: 'get',
    path: '/api/calendar-overrides',
    summary: '工作日调整 Working-day overrides',
    access: ['read', 'CalendarOverride'],
    answer: listOf(override),
    handler: async (db) => ({ items: await db.calendarOverride.findMany({ orderBy: { date: 'asc' } }) }),
  }),
  route({
    method: 'put',
    path: '/api/calendar-overrides/:date',
    summary: '设置某日 Set a day',
    access: ['update', 'CalendarOverride'],
    params: dateParam,
    body: overrideBody,
    answer: override,
    handler: (db, { params: { date }, body }) =>
      db.calendarOverride.upsert({ where: { date }, create: { date, ...body }, update: body }),
  }),
  route({
    method: 'delete',
    path: '/api/calendar-overrides/:date',
    summary: '删除调整 Remove an override',
    access: ['delete', 'CalendarOverride'],
    params: dateParam,
    answer: 'empty',
    handler: async (db, { params: { date } }) => {
      await db.calendarOverride.deleteMany({ where: { date } });
    },
  }),
  route({
    method: 'get',
    path: '/api/calendar-years/:year',
    summary: "某年节假日安排 A year's holidays and whether they are provisional",
    access: ['read', 'CalendarOverride'],
    params: yearParam,
    answer: yearAnswer,
    handler: async (db, { params: { year } }) => {
      const source = (await workingCalendar(db)).yearSource(year);
      const imported = await db.calendarYear.findUnique({ where: { year } });
      const overrides = await db.calendarOverride.findMany({
        where: { date: { startsWith: `${year}-` } },
        orderBy: { date: 'asc' },
      });
      return {
        year,
        source,
        provisional: source === 'computed',
        shippedLastYear: SHIPPED_LAST_YEAR,
        importedFrom: imported?.source ?? null,
        importedAt: imported?.importedAt ?? null,
        statutoryHolidays: source === 'computed' ? statutoryHolidays(year) : [],
        overrides,
      };
    },
  }),
  route({
    method: 'put',
    path: '/api/calendar-years/:year',
    summary: "导入国务院公布的放假安排 Import a year's published arrangement",
    access: ['update', 'CalendarOverride'],
    params: yearParam,
    body: arrangementBody,
    answer: z.object({ year: z.number(), source: z.literal('imported'), provisional: z.literal(false) }),
    handler: async (db, { params: { year }, body, who, ctx }) => {
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
      return { year, source: 'imported' as const, provisional: false as const };
    },
  }),
];
