/**
 * BPMN element: service task 确定承办单位与时限 (`assign`) of `event-handling`, after the
 * `event-dispatch` decision.
 * Reads: route, level, chain, category, urgency, eventId.
 * Writes: handlerUnitId, handleDueAt (yellow) and handleRedAt (red, the boundary timer), from the
 * SLA table in working days or hours. Updates the event's level and handler; adds a timeline entry.
 * Errors: no BPMN error; a route to a department that does not exist, or a missing SLA rule,
 * fails the job into an incident, for an admin to fix the table and retry.
 */
import { createCalendar, dueDates } from '../../../lib/calendar';
import { recordTimeline } from '../../../lib/timeline';
import type { WorkerDefinition } from '../types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  taskType: 'event-handling-assign',
  handler:
    ({ db }) =>
    async (job) => {
      const v = job.variables as unknown as EventVariables;
      const route = v.route ?? 'level';
      const handlerUnitId = route.startsWith('dept:')
        ? (await db.org.findFirst({ where: { deptKind: route.slice(5), type: 'DEPARTMENT' } }))?.id
        : v.chain[v.level];
      if (!handlerUnitId) return job.fail({ errorMessage: `no unit for route ${route}`, retries: 0 });

      const rules = await db.slaRule.findMany({
        where: {
          step: 'handle',
          level: v.level,
          urgency: v.urgency,
          OR: [{ category: v.category }, { category: null }],
        },
      });
      const sla = rules.find((r) => r.category === v.category) ?? rules[0];
      if (!sla)
        return job.fail({ errorMessage: `no SLA rule for handle/${v.level}/${v.urgency}`, retries: 0 });
      // A re-delivery computes the same deadlines give or take its delay; only one completion counts.
      const { yellowAt, redAt } = dueDates(
        new Date(),
        { unit: sla.unit as 'workingDays' | 'hours', yellow: sla.yellow, red: sla.red },
        createCalendar(),
      );

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
        handleDueAt: yellowAt.toISOString(),
        handleRedAt: redAt.toISOString(),
      });
    },
};

export default worker;
