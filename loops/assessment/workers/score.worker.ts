/**
 * BPMN element: service task 计算得分并存档 (`score`) of `assessment`.
 * Reads: periodKey, periodStart, periodEnd; the `assessment-weights` decision (latest deployed
 * version), evaluated by the engine once per level (per-level results are objects, which engine
 * variables cannot hold without Spin, so the worker asks the decision service rather than the diagram).
 * Writes: runId, closed. Stores the period's snapshot (AssessmentRun / AssessmentScore /
 * AssessmentItem): CLOSED when the period is over at run time, else OPEN (the next run of the
 * same period replaces it).
 * Errors: no BPMN error; a decision result without a number for every weight fails the task
 * into an incident for the designer to fix the table. Idempotent: a closed period is left as
 * it is (a re-delivery or a second run is a no-op); an open one is replaced in one transaction.
 */
import type { Prisma } from '@prisma/client';
import type { Period } from '../../../lib/assessment-period';
import { workingCalendar } from '../../../lib/working-calendar';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { weightsPerLevel } from '../weights';
import { computeSnapshot, storeSnapshot } from './snapshot';

const worker: WorkerDefinition = {
  topic: 'assessment-score',
  name: { zh: '计算得分并存档', en: 'Score the units and store the snapshot' },
  description: {
    zh: '按 assessment-weights 决策表为各级单位和部门计算考评得分并存档；周期结束后封存。',
    en: 'Scores every unit and department with the assessment-weights decision and stores the snapshot, closed once the period is over.',
  },
  reads: ['periodKey', 'periodStart', 'periodEnd'],
  writes: ['runId', 'closed'],
  // A month of a large district is tens of thousands of tasks and a few hundred thousand items
  // (bench: 91,562 tasks, 496,791 items, 13 s here); hand the task out again only well after that.
  lockDuration: 15 * 60_000,
  handler:
    ({ db, engine, log }) =>
    async (task) => {
      const v = task.variables as unknown as Period;
      const existing = await db.assessmentRun.findUnique({ where: { periodKey: v.periodKey } });
      if (existing?.status === 'CLOSED') return complete({ runId: existing.id, closed: true });

      const weights = await weightsPerLevel(engine);
      if (typeof weights === 'string') return fail(weights, 0);
      const asOf = new Date();
      const scores = await computeSnapshot(db, v, weights, await workingCalendar(db), asOf);
      const closed = asOf.getTime() >= Date.parse(v.periodEnd);
      const { runId, written } = await storeSnapshot(
        db,
        {
          ...v,
          processInstanceId: task.processInstanceId,
          weights: weights as unknown as Prisma.InputJsonValue,
          closed,
        },
        scores,
      );
      log.info({ periodKey: v.periodKey, units: scores.length, closed, written }, 'assessment stored');
      return complete({ runId, closed });
    },
};

export default worker;
