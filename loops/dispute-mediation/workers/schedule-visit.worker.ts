/**
 * BPMN element: service task 安排回访 (`schedule-visit`) of `dispute-mediation`, after the
 * `dispute-mediation-visits` decision gave the next visit's day.
 * Reads: disputeId, visitNo, visitDays, agreedAt.
 * Writes: visitDueAt: visitDays calendar days after the agreement (addStatutoryDays), the due date
 * of 履行回访. Plans the visit on the dispute.
 * Errors: none. Idempotent: one visit row per number.
 */
import { workingCalendar } from '../../../lib/working-calendar';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-schedule-visit',
  name: { zh: '安排回访', en: 'Plan a return visit' },
  description: {
    zh: '按回访间隔决策表计算第 visitNo 次履行回访的期限（协议后第 visitDays 日）。',
    en: 'Plans return visit visitNo for visitDays days after the agreement, as the visits decision says.',
  },
  reads: ['disputeId', 'visitNo', 'visitDays', 'agreedAt'],
  writes: ['visitDueAt'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const calendar = await workingCalendar(db);
      const dueAt = calendar.addStatutoryDays(new Date(v.agreedAt!), v.visitDays!).dueAt;
      await db.disputeVisit.upsert({
        where: { disputeId_seq: { disputeId: v.disputeId, seq: v.visitNo! } },
        create: { disputeId: v.disputeId, seq: v.visitNo!, dueAt },
        update: { dueAt },
      });
      return complete({ visitDueAt: dueAt.toISOString() });
    },
};

export default worker;
