import { createCalendar, type WorkingCalendar } from './calendar';
import type { Db } from './db';

/**
 * The working-day calendar with the admins' overrides and imported years, read fresh for each use
 * (deadlines, time left).
 */
export async function workingCalendar(
  db: Pick<Db, 'calendarOverride' | 'calendarYear'>,
): Promise<WorkingCalendar> {
  const [overrides, years] = await Promise.all([
    db.calendarOverride.findMany({ select: { date: true, working: true } }),
    db.calendarYear.findMany({ select: { year: true } }),
  ]);
  return createCalendar(overrides, { importedYears: years.map((y) => y.year) });
}
