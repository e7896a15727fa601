/**
 * BPMN element: service task 归档 (`archive`) of `event-handling`, after 回访评价.
 * Reads: eventId, satisfaction.
 * Writes: no variables; marks the event ARCHIVED and adds a timeline entry.
 * Errors: none. Idempotent: archiving twice leaves the same state and one entry.
 */
import { recordTimeline } from '../../../lib/timeline';
import type { WorkerDefinition } from '../types';

const worker: WorkerDefinition = {
  taskType: 'event-handling-archive',
  handler:
    ({ db }) =>
    async (job) => {
      const { eventId, satisfaction } = job.variables as { eventId: string; satisfaction?: string };
      await db.event.update({ where: { id: eventId }, data: { status: 'ARCHIVED' } });
      await recordTimeline(db, {
        eventId,
        action: 'archived',
        dedupKey: `archive:${job.key}`,
        detail: { satisfaction: satisfaction ?? null },
      });
      return job.complete();
    },
};

export default worker;
