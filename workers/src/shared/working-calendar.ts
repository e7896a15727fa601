import { createCalendar, type WorkingCalendar } from '../../../lib/calendar';
import type { Db } from '../../../lib/db';

/** The working-day calendar with the admins' overrides, read fresh for each deadline. */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  const overrides = await db.calendarOverride.findMany({ select: { date: true, working: true } });
  return createCalendar(overrides);
}
