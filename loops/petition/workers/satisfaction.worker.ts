/**
 * BPMN element: service task 记录评价 (`record-satisfaction`) of `petition`, after 满意度评价.
 * Reads: petitionId, satisfaction.
 * Writes: none. Records the petitioner's evaluation (群众满意率).
 * Errors: none. Idempotent: it sets the same value again.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { PetitionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'petition-satisfaction',
  name: { zh: '记录满意度评价', en: 'Record the evaluation' },
  description: {
    zh: '记录信访人对处理结果的评价。',
    en: "Records the petitioner's evaluation of the outcome.",
  },
  reads: ['petitionId', 'satisfaction'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      await db.petition.updateMany({ where: { id: v.petitionId }, data: { satisfaction: v.satisfaction } });
      return complete();
    },
};

export default worker;
