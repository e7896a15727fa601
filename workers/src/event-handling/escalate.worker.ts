/**
 * BPMN element: service task 上报上一级 (`escalate`) of `event-handling`, reached when the
 * handler marks "cannot resolve here" or the red-deadline timer interrupts 处置.
 * Reads: level, outcome, reason, eventId.
 * Writes: level (one up; the district stays the district and dispatches to a department),
 * outcome (cleared). Closes the interrupted 处置 task in the inbox; adds a timeline entry.
 * Errors: none.
 */
import { recordTimeline } from '../../../lib/timeline';
import type { WorkerDefinition } from '../types';
import { nextLevel, type EventVariables } from './variables';

const worker: WorkerDefinition = {
  taskType: 'event-handling-escalate',
  handler:
    ({ db }) =>
    async (job) => {
      const v = job.variables as unknown as EventVariables;
      const level = nextLevel(v.level);
      const overdue = v.outcome !== 'cannotResolve';
      // An interrupting timer ends the user task without telling the inbox; close it here.
      await db.inboxTask.updateMany({
        where: { processInstanceKey: job.processInstanceKey, elementId: 'handle', state: 'OPEN' },
        data: { state: 'CANCELED' },
      });
      await recordTimeline(db, {
        eventId: v.eventId,
        action: overdue ? 'escalated-overdue' : 'escalated',
        dedupKey: `escalate:${job.key}`,
        detail: { from: v.level, to: level, ...(overdue ? {} : { reason: v.reason ?? '' }) },
      });
      return job.complete({ level, outcome: null });
    },
};

export default worker;
