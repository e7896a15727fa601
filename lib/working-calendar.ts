import { createCalendar, type WorkingCalendar } from './calendar';
import type { Db } from './db';

/** The working-day calendar with the admins' overrides, read fresh for each use (deadlines, time left). */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  const overrides = await db.calendarOverride.findMany({ select: { date: true, working: true } });
  return createCalendar(overrides);
}
