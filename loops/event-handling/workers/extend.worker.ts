/**
 * BPMN element: service task 延长时限 (`extend`) of `event-handling`, after the level above
 * approved an extension (申请延期).
 * Reads: extensionDays, handleDueAt, handleRedAt, eventId.
 * Writes: handleDueAt, handleRedAt, extensionDays. The two dates moved by extensionDays working days
 * (the next 处置 task and its red timer use them); extensionDays cleared. Adds a timeline entry.
 * Errors: none. Idempotent: the dates are computed from the variables the task carries.
 */
import { workingCalendar } from '../../../lib/working-calendar';
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-extend',
  name: { zh: '延长时限', en: 'Extend the deadlines' },
  description: {
    zh: '上一级批准延期后，黄牌、红牌时限顺延 extensionDays 个工作日。',
    en: 'After the level above approved an extension, moves the yellow and red deadlines by extensionDays working days.',
  },
  reads: ['extensionDays', 'handleDueAt', 'handleRedAt', 'eventId'],
  writes: ['handleDueAt', 'handleRedAt', 'extensionDays'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables;
      const days = Math.max(0, Math.round(Number(v.extensionDays) || 0));
      const calendar = await workingCalendar(db);
      const handleDueAt = calendar.addWorkingDays(new Date(v.handleDueAt!), days).toISOString();
      const handleRedAt = calendar.addWorkingDays(new Date(v.handleRedAt!), days).toISOString();
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'extended',
        dedupKey: `extend:${task.id}`,
        detail: { days, dueAt: handleDueAt, redAt: handleRedAt },
      });
      return complete({ handleDueAt, handleRedAt, extensionDays: null });
    },
};

export default worker;
