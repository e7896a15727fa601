/**
 * BPMN element: service task 分流受理 (`intake`) of `dispute-mediation`, right after registration.
 * Reads: disputeId, disputeType, amount, communityId, mediatorId; the `dispute-mediation-route`
 * decision (latest deployed) on disputeType × amount.
 * Writes: fastTrack, limitDays, warnDays, confirmDays, reminderDays, deptUnitId, judicialUnitId,
 * stage, mediateUnitId, mediateAssignee, mediateDueAt, mediateRedAt, contactDueAt, visitNo,
 * exhausted. People's mediation at the community (the assigned mediator's inbox) unless the
 * decision skips to the department; the stage's limit in calendar days (addStatutoryDays); the
 * fast track's first contact within contactHours. Updates the dispute's stage and clock.
 * Errors: none; a department the decision names that does not exist fails into an incident.
 * Idempotent: every value is computed from the variables and the decision; the update is a set.
 */
import { routeDispute } from '../dispute-route';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { enterStage, stageClock, type DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-intake',
  name: { zh: '分流受理', en: 'Route the dispute' },
  description: {
    zh: '按 dispute-mediation-route 决策表（类型 × 金额）确定行政调解部门、是否跳过人民调解、快速通道和各项时限，进入第一阶段。',
    en: 'Uses the dispute-mediation-route decision (type × amount) for the competent department, whether to skip people’s mediation, the fast track and the limits, and enters the first stage.',
  },
  reads: ['disputeId', 'disputeType', 'amount', 'communityId', 'mediatorId'],
  optionalReads: ['amount', 'mediatorId'],
  writes: [
    'fastTrack',
    'limitDays',
    'warnDays',
    'confirmDays',
    'reminderDays',
    'deptUnitId',
    'judicialUnitId',
    'stage',
    'mediateUnitId',
    'mediateAssignee',
    'mediateDueAt',
    'mediateRedAt',
    'contactDueAt',
    'visitNo',
    'exhausted',
  ],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const routed = await routeDispute(engine, db, v.disputeType, v.amount ?? null);
      if (typeof routed === 'string') return fail(routed, 0);
      const { route, deptUnitId, judicialUnitId } = routed;

      const stage = route.skipPeople ? 'ADMINISTRATIVE' : 'PEOPLE';
      const mediateUnitId = stage === 'PEOPLE' ? v.communityId : deptUnitId;
      const now = new Date();
      const clock = await stageClock(db, now, route.limitDays, route.warnDays);
      await enterStage(db, v.disputeId, stage, mediateUnitId, clock);
      await db.dispute.update({
        where: { id: v.disputeId },
        data: { fastTrack: route.fastTrack, processInstanceId: task.processInstanceId },
      });
      return complete({
        fastTrack: route.fastTrack,
        limitDays: route.limitDays,
        warnDays: route.warnDays,
        confirmDays: route.confirmDays,
        reminderDays: route.reminderDays,
        deptUnitId,
        judicialUnitId,
        stage,
        mediateUnitId,
        mediateAssignee: stage === 'PEOPLE' ? (v.mediatorId ?? null) : null,
        mediateDueAt: clock.dueAt.toISOString(),
        mediateRedAt: clock.redAt.toISOString(),
        contactDueAt: route.fastTrack
          ? new Date(now.getTime() + route.contactHours * 3_600_000).toISOString()
          : null,
        visitNo: 1,
        exhausted: false,
      });
    },
};

export default worker;
