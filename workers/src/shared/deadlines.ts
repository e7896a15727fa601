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

export type StepDeadlines = (key: SlaKey, start?: Date) => { yellowAt: Date; redAt: Date } | null;

/**
 * The SLA table and the working calendar, read once: yellow and red deadlines of a step started
 * at `start` (a rule for the category wins over the level's default), or null when the table has
 * no rule for the step. The feed reads it once per batch, not once per new task.
 */
export async function slaTable(db: Db): Promise<StepDeadlines> {
  const [rules, calendar] = await Promise.all([db.slaRule.findMany(), workingCalendar(db)]);
  return (key, start = new Date()) => {
    const matching = rules.filter(
      (r) => r.step === key.step && r.level === key.level && r.urgency === key.urgency,
    );
    const sla =
      matching.find((r) => r.category !== null && r.category === key.category) ??
      matching.find((r) => r.category === null);
    if (!sla) return null;
    return dueDates(
      start,
      { unit: sla.unit as 'workingDays' | 'hours', yellow: sla.yellow, red: sla.red },
      calendar,
    );
  };
}

/** The deadlines of one step started now (a worker that starts one step at a time). */
export const stepDeadlines = async (db: Db, key: SlaKey) => (await slaTable(db))(key);
