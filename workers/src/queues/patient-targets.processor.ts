/**
 * Queue `patient-target-reminders`, every PATIENT_TARGET_CHECK_INTERVAL_MS: every street with a
 * key-person target (目标值) for the current year or quarter is checked, and one below a target
 * gets its system message. Idempotent: the message is keyed by street and period
 * (loops/patient-care/patient-targets.ts), so repeated runs, several workers processes and the district's
 * on-demand reminder tell a street once per period.
 */
import { periodsAt, remindStreet } from '../../../loops/patient-care/patient-targets';
import type { QueueDeps } from './types';

export async function remindStreetsBelowTarget(
  { db, queues, log }: Pick<QueueDeps, 'db' | 'queues' | 'log'>,
  now: Date,
) {
  const reminded: string[] = [];
  for (const period of periodsAt(now)) {
    const targets = await db.patientTarget.findMany({ where: { period }, select: { streetId: true } });
    const streets = await db.org.findMany({
      where: { id: { in: targets.map((t) => t.streetId) }, type: 'STREET', retiredAt: null },
    });
    for (const street of streets)
      if (await remindStreet(db, queues, street, period)) reminded.push(`${street.id}:${period}`);
  }
  if (reminded.length) log.info({ reminded }, 'patient targets: streets below target');
  return { reminded };
}

export const patientTargetsProcessor = (deps: QueueDeps) => () => remindStreetsBelowTarget(deps, new Date());
