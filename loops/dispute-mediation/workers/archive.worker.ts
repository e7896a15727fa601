/**
 * BPMN element: service task 归档 (`archive`) of `dispute-mediation`, once the 司法确认 window has
 * closed and the return visits are done.
 * Reads: disputeId.
 * Writes: stage (ARCHIVED: a parent event-handling case reads it as the dispute's outcome).
 * Archives the dispute with its closing time.
 * Errors: none. Idempotent: the closing time is kept from the first delivery.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-archive',
  name: { zh: '归档', en: 'Archive' },
  description: {
    zh: '司法确认申请期届满、履行回访完毕后，调解成功的纠纷归档。',
    en: 'Archives a dispute settled by agreement once the confirmation window closed and the visits are done.',
  },
  reads: ['disputeId'],
  writes: ['stage'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const dispute = await db.dispute.findUniqueOrThrow({ where: { id: v.disputeId } });
      await db.dispute.update({
        where: { id: v.disputeId },
        data: { stage: 'ARCHIVED', closedAt: dispute.closedAt ?? new Date() },
      });
      return complete({ stage: 'ARCHIVED' });
    },
};

export default worker;
