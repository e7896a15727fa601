import type { EventLevel, Urgency } from '@prisma/client';
import { createCalendar, dueDates, type WorkingCalendar } from '../../../lib/calendar';
import type { Db } from '../../../lib/db';

/** The working-day calendar with the admins' overrides, read fresh for each deadline. */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  const overrides = await db.calendarOverride.findMany({ select: { date: true, working: true } });
  return createCalendar(overrides);
}

export interface SlaKey {
  step: string;
  level: EventLevel;
  urgency: Urgency;
  category?: string | null;
}

/**
 * Yellow and red deadlines of a step started now, from the SLA table (a rule for the category
 * wins over the level's default), or null when the table has no rule for the step.
 */
export async function stepDeadlines(db: Db, key: SlaKey): Promise<{ yellowAt: Date; redAt: Date } | null> {
  const rules = await db.slaRule.findMany({
    where: {
      step: key.step,
      level: key.level,
      urgency: key.urgency,
      OR: [{ category: key.category ?? null }, { category: null }],
    },
  });
  const sla = rules.find((r) => r.category === key.category) ?? rules[0];
  if (!sla) return null;
  const unit = sla.unit as 'workingDays' | 'hours';
  return dueDates(new Date(), { unit, yellow: sla.yellow, red: sla.red }, await workingCalendar(db));
}
