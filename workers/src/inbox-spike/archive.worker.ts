/**
 * BPMN element: service task 归档 (`archive`) of `inbox-spike`.
 * Reads: `opinion`, `approved` from the review form.
 * Writes: `archived` (true) and `archivedAt` (ISO time of the first delivery it completes).
 * Errors: none. Idempotent: completing again after a re-delivery writes the same facts.
 */
import type { WorkerDefinition } from '../types';

const worker: WorkerDefinition = {
  taskType: 'inbox-spike-archive',
  handler:
    ({ log }) =>
    (job) => {
      log.info(
        {
          processInstanceKey: job.processInstanceKey,
          approved: (job.variables as { approved?: boolean }).approved,
        },
        'archived',
      );
      return job.complete({ archived: true, archivedAt: new Date().toISOString() });
    },
};

export default worker;
