/**
 * BPMN element: service task 调解不成结案 (`close-unresolved`) of `dispute-mediation`, after the
 * parties were told their options (告知救济途径并结案).
 * Reads: disputeId, toldLitigation, toldArbitration, closureNote.
 * Writes: stage (CLOSED: a parent event-handling case reads it as the dispute's outcome). Records
 * the options told (litigation, arbitration), the note and the closing time on the dispute.
 * Errors: none. Idempotent: the closing time is kept from the first delivery.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-close-unresolved',
  name: { zh: '调解不成结案', en: 'Close without agreement' },
  description: {
    zh: '记录已告知当事人的救济途径（诉讼、仲裁）和结案说明，纠纷结案。',
    en: 'Records the options the parties were told (litigation, arbitration) and the closing note, and closes the dispute.',
  },
  reads: ['disputeId', 'toldLitigation', 'toldArbitration', 'closureNote'],
  optionalReads: ['toldLitigation', 'toldArbitration'],
  writes: ['stage'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables & {
        toldLitigation?: boolean;
        toldArbitration?: boolean;
        closureNote?: string;
      };
      const closureOptions = [
        ...(v.toldLitigation ? ['litigation'] : []),
        ...(v.toldArbitration ? ['arbitration'] : []),
      ];
      const dispute = await db.dispute.findUniqueOrThrow({ where: { id: v.disputeId } });
      await db.dispute.update({
        where: { id: v.disputeId },
        data: {
          stage: 'CLOSED',
          closureOptions,
          closureNote: v.closureNote ?? null,
          closedAt: dispute.closedAt ?? new Date(),
        },
      });
      return complete({ stage: 'CLOSED' });
    },
};

export default worker;
