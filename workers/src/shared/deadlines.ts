import type { Db } from '../../../lib/db';
import { deadlinesOf, type SlaKey, type StepDeadlines } from '../../../lib/deadlines';
import { workingCalendar } from '../../../lib/working-calendar';

export type { SlaKey, StepDeadlines } from '../../../lib/deadlines';

/**
 * The SLA table and the working calendar, read once: yellow and red deadlines of a step started
 * at `start`. The feed reads it once per batch, not once per new task.
 */
export async function slaTable(db: Db): Promise<StepDeadlines> {
  const [rules, calendar] = await Promise.all([db.slaRule.findMany(), workingCalendar(db)]);
  return deadlinesOf(rules, calendar);
}

/** The deadlines of one step started now (a worker that starts one step at a time). */
export const stepDeadlines = async (db: Db, key: SlaKey) => (await slaTable(db))(key);
