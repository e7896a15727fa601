/**
 * BPMN element: service task 记录回访 (`record-visit`) of `dispute-mediation`, after 履行回访.
 * Reads: disputeId, visitNo, performance, visitNote.
 * Writes: visitNo (the next), performance, visitNote (cleared for the next visit). Records the
 * visit's result on the dispute.
 * Errors: none. Idempotent: the visit row keeps its first completion time.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-record-visit',
  name: { zh: '记录回访', en: 'Record the return visit' },
  description: {
    zh: '记录本次履行回访的结果，准备下一次回访。',
    en: 'Records how the agreement is being performed and moves on to the next visit.',
  },
  reads: ['disputeId', 'visitNo', 'performance', 'visitNote'],
  optionalReads: ['visitNote'],
  writes: ['visitNo', 'performance', 'visitNote'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables & { performance: string; visitNote?: string };
      const key = { disputeId_seq: { disputeId: v.disputeId, seq: v.visitNo! } };
      const visit = await db.disputeVisit.findUniqueOrThrow({ where: key });
      await db.disputeVisit.update({
        where: key,
        data: { doneAt: visit.doneAt ?? new Date(), result: v.performance, note: v.visitNote ?? null },
      });
      return complete({ visitNo: v.visitNo! + 1, performance: null, visitNote: null });
    },
};

export default worker;
