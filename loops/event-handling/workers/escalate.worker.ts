/**
 * BPMN element: service task 上报上一级 (`escalate`) of `event-handling`, reached when the
 * handler marks "cannot resolve here" or the red-deadline timer interrupts 处置.
 * Reads: level, outcome, reason, eventId.
 * Writes: level (one up; the district stays the district and dispatches to a department),
 * outcome (cleared). Adds a timeline entry (the interrupted 处置 leaves the inbox through the task feed).
 * Errors: none.
 */
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import { nextLevel, type EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-escalate',
  name: { zh: '上报上一级', en: 'Escalate one level' },
  description: {
    zh: '事件上报到上一级（区级仍为区级，由区分拨到职能部门），并记入时间线。',
    en: 'Moves the case one level up (the district stays the district and dispatches to a department) and records it on the timeline.',
  },
  reads: ['level', 'outcome', 'reason', 'eventId'],
  optionalReads: ['outcome', 'reason'],
  writes: ['level', 'outcome'],
  lockDuration: 'WORKER_LOCK_MS',
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
