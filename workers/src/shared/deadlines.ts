import type { EventLevel, Urgency } from '@prisma/client';
import { dueDates } from '../../../lib/calendar';
import type { Db } from '../../../lib/db';
import { workingCalendar } from '../../../lib/working-calendar';

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
