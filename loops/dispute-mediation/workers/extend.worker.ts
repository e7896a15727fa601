/**
 * BPMN element: service task 双方同意延期 (`extend`) of `dispute-mediation`, when the mediator asks
 * for more time at a stage.
 * Reads: disputeId, stage, extendDays, mediateDueAt, mediateRedAt.
 * Writes: mediateDueAt, mediateRedAt, extended, outcome, extendDays. The limit moves by extendDays
 * calendar days (addStatutoryDays from the old dates) only when every party has a consent on record
 * for this stage, unused and for at least that many days; those consents are then used. Without
 * them nothing moves (extended = false) and the mediation goes on under the old limit.
 * Errors: none. Idempotent: a re-delivery finds the dispute's limit already moved and returns it.
 */
import { partiesWithoutConsent, usableConsents } from '../dispute-consents';
import { workingCalendar } from '../../../lib/working-calendar';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-extend',
  name: { zh: '双方同意延期', en: 'Extend with both parties’ consent' },
  description: {
    zh: '各方当事人均已记录同意延期时，调解期限顺延 extendDays 日；否则期限不变。',
    en: 'Moves the stage’s limit by extendDays days when every party’s consent is on record; otherwise the limit stays.',
  },
  reads: ['disputeId', 'stage', 'extendDays', 'mediateDueAt', 'mediateRedAt'],
  optionalReads: ['extendDays'],
  writes: ['mediateDueAt', 'mediateRedAt', 'extended', 'outcome', 'extendDays'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const days = Math.max(1, Math.round(Number(v.extendDays) || 0));
      const result = await db.$transaction(async (tx) => {
        const dispute = await tx.dispute.findUniqueOrThrow({
          where: { id: v.disputeId },
          include: {
            parties: true,
            consents: usableConsents(v.stage!, days),
          },
        });
        // Already moved by an earlier delivery of this task.
        if (dispute.stageRedAt && dispute.stageRedAt.getTime() > new Date(v.mediateRedAt!).getTime())
          return { dueAt: dispute.stageDueAt!, redAt: dispute.stageRedAt, extended: true };
        if (!dispute.parties.length || partiesWithoutConsent(dispute.parties, dispute.consents).length)
          return { dueAt: new Date(v.mediateDueAt!), redAt: new Date(v.mediateRedAt!), extended: false };
        const calendar = await workingCalendar(tx);
        const dueAt = calendar.addStatutoryDays(new Date(v.mediateDueAt!), days).dueAt;
        const redAt = calendar.addStatutoryDays(new Date(v.mediateRedAt!), days).dueAt;
        await tx.disputeConsent.updateMany({
          where: { id: { in: dispute.consents.map((c) => c.id) } },
          data: { usedAt: new Date() },
        });
        await tx.dispute.update({
          where: { id: v.disputeId },
          data: { stageDueAt: dueAt, stageRedAt: redAt },
        });
        return { dueAt, redAt, extended: true };
      });
      return complete({
        mediateDueAt: result.dueAt.toISOString(),
        mediateRedAt: result.redAt.toISOString(),
        extended: result.extended,
        outcome: null,
        extendDays: null,
      });
    },
};

export default worker;
