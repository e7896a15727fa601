/**
 * BPMN element: service task 上报上一级 (`escalate`) of `event-handling`, reached when the
 * handler marks "cannot resolve here" or the red-deadline timer interrupts 处置.
 * Reads: level, outcome, reason, eventId.
 * Writes: level (one up; the district stays the district and dispatches to a department),
 * outcome (cleared). Adds a timeline entry (the interrupted 处置 leaves the inbox through the task feed).
 * Errors: none.
 */
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../types';
import { nextLevel, type EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-escalate',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables;
      const level = nextLevel(v.level);
      const overdue = v.outcome !== 'cannotResolve';
      await recordTimeline(db, {
        eventId: v.eventId,
        action: overdue ? 'escalated-overdue' : 'escalated',
        dedupKey: `escalate:${task.id}`,
        detail: { from: v.level, to: level, ...(overdue ? {} : { reason: v.reason ?? '' }) },
      });
      return complete({ level, outcome: null });
    },
};

export default worker;
