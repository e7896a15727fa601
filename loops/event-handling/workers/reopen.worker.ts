/**
 * BPMN element: service task 重办 (`reopen`) of `event-handling`, after the reporter's
 * `event-reopen` message within the reopen window.
 * Reads: eventId, handlerUnitId, reopenReason.
 * Writes: handlerOverride, outcome, verified. handlerOverride: the same handler takes it again, with
 * fresh deadlines; outcome and verified cleared. Reopens the event and counts the reopen against
 * the handler once.
 * Errors: none. Idempotent: the count moves only when the timeline entry is new.
 */
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-reopen',
  name: { zh: '重办', en: 'Reopen' },
  description: {
    zh: '由原承办单位重新处置（重新计算时限），并计入其重办次数。',
    en: 'Gives the case back to the same handling unit with fresh deadlines and counts the reopen against it.',
  },
  reads: ['eventId', 'handlerUnitId', 'reopenReason'],
  optionalReads: ['reopenReason'],
  writes: ['handlerOverride', 'outcome', 'verified'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables & { reopenReason?: string };
      await db.$transaction(async (tx) => {
        const isNew = await recordTimeline(tx, {
          eventId: v.eventId,
          action: 'reopened',
          dedupKey: `reopen:${task.id}`,
          unitId: v.handlerUnitId,
          detail: { reason: v.reopenReason ?? '', againstUnit: v.handlerUnitId ?? null },
        });
        if (isNew) {
          await tx.event.update({
            where: { id: v.eventId },
            data: { status: 'OPEN', reopenUntil: null, reopenCount: { increment: 1 } },
          });
        }
      });
      return complete({ handlerOverride: v.handlerUnitId, outcome: null, verified: null });
    },
};

export default worker;
