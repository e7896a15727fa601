/**
 * BPMN element: service task 确定承办单位与时限 (`assign`) of `event-handling`, after the
 * `event-dispatch` decision.
 * Reads: route, handlerOverride, level, gridId/communityId/streetId/districtId, category, urgency, eventId.
 * Writes: handlerUnitId, supervisorUnitId, handleDueAt, handleRedAt, handlerOverride. handlerUnitId
 * is the override if a person chose one, else the decision's route; supervisorUnitId the level
 * above (approves extensions, re-dispatches returns); handleDueAt (yellow) and handleRedAt (red, the
 * boundary timer) from the SLA table in working days or hours; handlerOverride cleared. Updates the
 * event's level and handler; adds a timeline entry.
 * Errors: no BPMN error; a route to a department that does not exist, or a missing SLA rule,
 * fails the task into an incident, for an admin to fix the table and retry.
 */
import { stepDeadlines } from '../../../workers/src/shared/deadlines';
import { recordTimeline } from '../../../lib/timeline';
import { complete, fail, type WorkerDefinition, type WorkerDeps } from '../../../workers/src/types';
import { nextLevel, unitAt, type EventVariables } from './variables';

/** The unit a route names: the level's own unit, a department by kind, or a unit by id. */
async function resolveUnit(
  db: WorkerDeps['db'],
  route: string,
  v: EventVariables,
): Promise<string | undefined> {
  if (route === 'level') return unitAt(v, v.level);
  if (route.startsWith('dept:')) {
    return (await db.org.findFirst({ where: { deptKind: route.slice(5), type: 'DEPARTMENT' } }))?.id;
  }
  return (await db.org.findUnique({ where: { id: route.slice('unit:'.length) } }))?.id;
}

const worker: WorkerDefinition = {
  topic: 'event-handling-assign',
  name: { zh: '确定承办单位与时限', en: 'Assign the handling unit and deadlines' },
  description: {
    zh: '按分拨决策（或人工指定的单位）确定承办单位和上一级督办单位，按 SLA 表计算黄牌、红牌时限。',
    en: 'Picks the handling unit from the dispatch decision (or the unit a person chose), the supervising level above, and the yellow and red deadlines from the SLA table.',
  },
  reads: [
    'route',
    'handlerOverride',
    'level',
    'gridId',
    'communityId',
    'streetId',
    'districtId',
    'category',
    'urgency',
    'eventId',
  ],
  optionalReads: ['handlerOverride'],
  writes: ['handlerUnitId', 'supervisorUnitId', 'handleDueAt', 'handleRedAt', 'handlerOverride'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables;
      const route = v.handlerOverride ? `unit:${v.handlerOverride}` : (v.route ?? 'level');
      const handlerUnitId = await resolveUnit(db, route, v);
      if (!handlerUnitId) return fail(`no unit for route ${route}`, 0);

      // A re-delivery computes the same deadlines give or take its delay; only one completion counts.
      const deadlines = await stepDeadlines(db, { step: 'handle', ...v });
      if (!deadlines) {
        return fail(`no SLA rule for handle/${v.level}/${v.urgency}`, 0);
      }
      const { yellowAt, redAt } = deadlines;

      await db.event.update({ where: { id: v.eventId }, data: { level: v.level, handlerUnitId } });
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'dispatched',
        dedupKey: `assign:${task.id}`,
        unitId: handlerUnitId,
        detail: { level: v.level, route, dueAt: yellowAt.toISOString(), redAt: redAt.toISOString() },
      });
      return complete({
        handlerUnitId,
        supervisorUnitId: unitAt(v, nextLevel(v.level)),
        handlerOverride: null,
        handleDueAt: yellowAt.toISOString(),
        handleRedAt: redAt.toISOString(),
      });
    },
};

export default worker;
