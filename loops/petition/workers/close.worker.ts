/**
 * BPMN element: service task 办结 (`close`) of `petition`, when the window for a 复查 or 复核
 * request passed (timer 申请期满 on reviewRequestUntil) with no request.
 * Reads: petitionId.
 * Writes: none. Marks the petition closed.
 * Errors: none. Idempotent: it sets the same status again.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { PetitionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'petition-close',
  name: { zh: '信访事项办结', en: 'Close the petition' },
  description: {
    zh: '复查/复核申请期满未申请的，信访事项办结。',
    en: 'Closes the petition when the window for a review request passed unused.',
  },
  reads: ['petitionId'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      await db.petition.updateMany({ where: { id: v.petitionId }, data: { status: 'CLOSED' } });
      return complete();
    },
};

export default worker;
