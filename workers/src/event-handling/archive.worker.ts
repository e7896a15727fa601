/**
 * BPMN element: service task 归档 (`archive`) of `event-handling`, after 回访评价.
 * Reads: eventId, satisfaction, reopenWindowHours.
 * Writes: reopenUntil (ISO time; the 重办期满 timer waits for it). Marks the event ARCHIVED with
 * the same reopenUntil, so the API refuses a reopen once the engine has stopped waiting.
 * Errors: none. Idempotent: one timeline entry per job; a re-delivery moves reopenUntil by its delay.
 */
import { recordTimeline } from '../../../lib/timeline';
import type { WorkerDefinition } from '../types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  taskType: 'event-handling-archive',
  handler:
    ({ db }) =>
    async (job) => {
      const v = job.variables as unknown as EventVariables & { satisfaction?: string };
      const reopenUntil = new Date(Date.now() + (v.reopenWindowHours ?? 0) * 3600_000);
      await db.event.update({ where: { id: v.eventId }, data: { status: 'ARCHIVED', reopenUntil } });
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'archived',
        dedupKey: `archive:${job.key}`,
        detail: { satisfaction: v.satisfaction ?? null, reopenUntil: reopenUntil.toISOString() },
      });
      return job.complete({ reopenUntil: reopenUntil.toISOString() });
    },
};

export default worker;
