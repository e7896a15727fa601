import type { DisputeStage } from '@prisma/client';
import type { Db } from '../../../lib/db';
import { workingCalendar } from '../../../lib/working-calendar';

/** Process variables of `dispute-mediation`, set at registration (or hand-over) and by its workers. */
export interface DisputeVariables {
  disputeId: string;
  caseNo: string;
  disputeType: string;
  amount?: number | null;
  communityId: string;
  streetId: string;
  districtId: string;
  /** The mediator the community assigned, if any: people's mediation goes to them. */
  mediatorId?: string | null;
  /** From the `dispute-mediation-route` decision, at intake. */
  fastTrack?: boolean;
  limitDays?: number;
  warnDays?: number;
  confirmDays?: number;
  reminderDays?: number;
  deptUnitId?: string;
  judicialUnitId?: string;
  /** The stage now, the unit mediating it, its yellow time and its limit (the 期限届满 timer). */
  stage?: DisputeStage;
  mediateUnitId?: string;
  mediateDueAt?: string;
  mediateRedAt?: string;
  outcome?: 'failed' | 'extend' | null;
  extendDays?: number | null;
  agreedAt?: string;
  visitNo?: number;
  visitDays?: number | null;
}

/** The three mediation stages in order (人民调解 → 行政调解 → 司法调解/诉前调解). */
export const STAGES = ['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL'] as const satisfies DisputeStage[];

/**
 * A stage's clock from `start`: the limit after `limitDays` calendar days counted as the law
 * counts them (the start day not counted, a last day on a holiday rolled to the next working day),
 * and the yellow time `warnDays` before it, counted the same way.
 */
export async function stageClock(db: Db, start: Date, limitDays: number, warnDays: number) {
  const calendar = await workingCalendar(db);
  const redAt = calendar.addStatutoryDays(start, limitDays).dueAt;
  const dueAt = calendar.addStatutoryDays(start, Math.max(0, limitDays - warnDays)).dueAt;
  return { dueAt, redAt };
}

/** Records that the dispute entered a stage at a unit, with the stage's clock (idempotent). */
export async function enterStage(
  db: Db,
  disputeId: string,
  stage: DisputeStage,
  unitId: string,
  clock: { dueAt: Date; redAt: Date },
) {
  const dispute = await db.dispute.findUniqueOrThrow({ where: { id: disputeId } });
  await db.dispute.update({
    where: { id: disputeId },
    data: {
      stage,
      stageDueAt: clock.dueAt,
      stageRedAt: clock.redAt,
      handlerUnitIds: [...new Set([...dispute.handlerUnitIds, unitId])],
    },
  });
}
