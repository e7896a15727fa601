/**
 * BPMN element: service task 调解协议 (`agree`) of `dispute-mediation`, after the `dispute-agreed`
 * message (the API records the agreement, then correlates it to the waiting 调解).
 * Reads: disputeId, confirmDays, reminderDays; the dispute's agreement (signing date).
 * Writes: stage (AGREED), agreedAt, confirmDueAt, confirmReminderAt, visitNo. The 司法确认
 * application window ends confirmDays calendar days after signing (addStatutoryDays), the reminder
 * reminderDays before that (at once when that is already past); return visits start at 1.
 * Errors: none; an agreement missing from the database fails into an incident.
 * Idempotent: every value follows from the agreement on record.
 */
import { workingCalendar } from '../../../lib/working-calendar';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const DAY_MS = 86_400_000;

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-agree',
  name: { zh: '调解协议', en: 'Mediation agreement' },
  description: {
    zh: '达成调解协议：起算 30 日司法确认申请期（届满前 7 日提醒），开始履行回访。',
    en: 'An agreement is signed: starts the judicial-confirmation window (reminder before it closes) and the return visits.',
  },
  reads: ['disputeId', 'confirmDays', 'reminderDays'],
  writes: ['stage', 'agreedAt', 'confirmDueAt', 'confirmReminderAt', 'visitNo'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const agreement = await db.disputeAgreement.findUnique({ where: { disputeId: v.disputeId } });
      if (!agreement) return fail(`dispute ${v.disputeId} has no agreement on record`, 0);
      const calendar = await workingCalendar(db);
      const confirmDueAt = calendar.addStatutoryDays(agreement.signedAt, v.confirmDays!).dueAt;
      const reminderAt = new Date(Math.max(Date.now(), confirmDueAt.getTime() - v.reminderDays! * DAY_MS));
      await db.dispute.update({ where: { id: v.disputeId }, data: { stage: 'AGREED', confirmDueAt } });
      return complete({
        stage: 'AGREED',
        agreedAt: agreement.signedAt.toISOString(),
        confirmDueAt: confirmDueAt.toISOString(),
        confirmReminderAt: reminderAt.toISOString(),
        visitNo: 1,
      });
    },
};

export default worker;
