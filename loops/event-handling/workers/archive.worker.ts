/**
 * BPMN element: service task 归档 (`archive`) of `event-handling`, after 回访评价.
 * Reads: eventId, satisfaction, reopenWindowHours.
 * Writes: reopenUntil (ISO time; the 重办期满 timer waits for it). Marks the event ARCHIVED with
 * the same reopenUntil only once the engine has accepted the completion, that is once the
 * instance waits for a reopen (the engine buffers no messages, so a reopen before would be lost).
 * Errors: none. Idempotent: one timeline entry per task; a re-delivery moves reopenUntil by its delay.
 */
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-archive',
  name: { zh: '归档', en: 'Archive' },
  description: {
    zh: '记录归档并开启重办期：“重办期满”计时器等到 reopenUntil。',
    en: 'Archives the event and opens the reopen window: the 重办期满 timer waits for reopenUntil.',
  },
  reads: ['eventId', 'satisfaction', 'reopenWindowHours'],
  optionalReads: ['satisfaction', 'reopenWindowHours'],
  writes: ['reopenUntil'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables & { satisfaction?: string };
      const reopenUntil = new Date(Date.now() + (v.reopenWindowHours ?? 0) * 3600_000);
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'archived',
        dedupKey: `archive:${task.id}`,
        detail: { satisfaction: v.satisfaction ?? null, reopenUntil: reopenUntil.toISOString() },
      });
      return complete({ reopenUntil: reopenUntil.toISOString() }, () =>
        db.event.update({ where: { id: v.eventId }, data: { status: 'ARCHIVED', reopenUntil } }),
      );
    },
};

export default worker;
