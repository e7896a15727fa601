/**
 * BPMN element: service task 确定承办单位与时限 (`assign`) of `event-handling`, after the
 * `event-dispatch` decision.
 * Reads: route, handlerOverride, level, chain, category, urgency, eventId.
 * Writes: handlerUnitId (the override if a person chose one, else the decision's route),
 * supervisorUnitId (the level above: approves extensions, re-dispatches returns), handleDueAt
 * (yellow) and handleRedAt (red, the boundary timer) from the SLA table in working days or hours;
 * clears handlerOverride. Updates the event's level and handler; adds a timeline entry.
 * Errors: no BPMN error; a route to a department that does not exist, or a missing SLA rule,
 * fails the job into an incident, for an admin to fix the table and retry.
 */
import { stepDeadlines } from '../shared/deadlines';
import { recordTimeline } from '../../../lib/timeline';
import type { WorkerDefinition, WorkerDeps } from '../types';
import { nextLevel, type EventVariables } from './variables';

/** The unit a route names: the level's own unit, a department by kind, or a unit by id. */
async function resolveUnit(
  db: WorkerDeps['db'],
  route: string,
  v: EventVariables,
): Promise<string | undefined> {
  if (route === 'level') return v.chain[v.level];
  if (route.startsWith('dept:')) {
    return (await db.org.findFirst({ where: { deptKind: route.slice(5), type: 'DEPARTMENT' } }))?.id;
  }
  return (await db.org.findUnique({ where: { id: route.slice('unit:'.length) } }))?.id;
}

const worker: WorkerDefinition = {
  taskType: 'event-handling-assign',
  handler:
    ({ db }) =>
    async (job) => {
      const v = job.variables as unknown as EventVariables;
      const route = v.handlerOverride ? `unit:${v.handlerOverride}` : (v.route ?? 'level');
      const handlerUnitId = await resolveUnit(db, route, v);
      if (!handlerUnitId) return job.fail({ errorMessage: `no unit for route ${route}`, retries: 0 });

      // A re-delivery computes the same deadlines give or take its delay; only one completion counts.
      const deadlines = await stepDeadlines(db, { step: 'handle', ...v });
      if (!deadlines) {
        return job.fail({ errorMessage: `no SLA rule for handle/${v.level}/${v.urgency}`, retries: 0 });
      }
      const { yellowAt, redAt } = deadlines;

      await db.event.update({ where: { id: v.eventId }, data: { level: v.level, handlerUnitId } });
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'dispatched',
        dedupKey: `assign:${job.key}`,
        unitId: handlerUnitId,
        detail: { level: v.level, route, dueAt: yellowAt.toISOString(), redAt: redAt.toISOString() },
      });
      return job.complete({
        handlerUnitId,
        supervisorUnitId: v.chain[nextLevel(v.level)],
        handlerOverride: null,
        handleDueAt: yellowAt.toISOString(),
        handleRedAt: redAt.toISOString(),
      });
    },
};

export default worker;
