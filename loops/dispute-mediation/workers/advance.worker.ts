/**
 * BPMN element: service task 转下一阶段 (`advance`) of `dispute-mediation`, when a stage ends without
 * agreement (the mediator says so, or the 期限届满 timer ends it).
 * Reads: disputeId, stage, deptUnitId, judicialUnitId, limitDays, warnDays, mediateUnitId,
 * mediateDueAt, mediateRedAt (kept as they are once no stage is left).
 * Writes: stage, mediateUnitId, mediateAssignee, mediateDueAt, mediateRedAt, exhausted, outcome.
 * People's → administrative (the department) → judicial (the court liaison) mediation, each with a
 * fresh limit; after the judicial stage exhausted = true (closed with the options told).
 * Errors: none. Idempotent: the next stage follows from the variables; the update is a set.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import { enterStage, stageClock, STAGES, type DisputeVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'dispute-mediation-advance',
  name: { zh: '转下一阶段', en: 'Next mediation stage' },
  description: {
    zh: '本阶段未达成协议：人民调解 → 行政调解 → 司法调解，重新起算期限；三个阶段均未成功时转结案。',
    en: 'No agreement at this stage: people’s → administrative → judicial mediation with a fresh limit; after all three, on to closing.',
  },
  reads: [
    'disputeId',
    'stage',
    'deptUnitId',
    'judicialUnitId',
    'limitDays',
    'warnDays',
    'mediateUnitId',
    'mediateDueAt',
    'mediateRedAt',
  ],
  writes: [
    'stage',
    'mediateUnitId',
    'mediateAssignee',
    'mediateDueAt',
    'mediateRedAt',
    'exhausted',
    'outcome',
  ],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as DisputeVariables;
      const next = STAGES[STAGES.indexOf(v.stage as (typeof STAGES)[number]) + 1];
      if (!next) {
        return complete({
          stage: v.stage!,
          mediateUnitId: v.mediateUnitId!,
          mediateAssignee: null,
          mediateDueAt: v.mediateDueAt!,
          mediateRedAt: v.mediateRedAt!,
          exhausted: true,
          outcome: null,
        });
      }
      const unitId = next === 'ADMINISTRATIVE' ? v.deptUnitId! : v.judicialUnitId!;
      const clock = await stageClock(db, new Date(), v.limitDays!, v.warnDays!);
      await enterStage(db, v.disputeId, next, unitId, clock);
      return complete({
        stage: next,
        mediateUnitId: unitId,
        mediateAssignee: null,
        mediateDueAt: clock.dueAt.toISOString(),
        mediateRedAt: clock.redAt.toISOString(),
        exhausted: false,
        outcome: null,
      });
    },
};

export default worker;
