/**
 * BPMN element: service task 确定下一考核周期 (`schedule`) of `assessment`, on the scheduled loop
 * (message start `assessment-schedule`, then after every scheduled run).
 * Reads: cycle (`monthly` or an ISO duration such as PT5S), periodEnd (the period just scored;
 * absent on the first turn).
 * Writes: periodKey, periodStart, periodEnd (the next period), nextRunAt (its end: the timer
 * 考核周期结束 waits for it).
 * Errors: none; an unknown cycle fails the job into an incident. Idempotent: computed from the
 * variables (the first turn from the current time; only one completion counts).
 */
import { CYCLE_PATTERN, nextPeriod } from '../../../lib/assessment-period';
import type { WorkerDefinition } from '../types';

const worker: WorkerDefinition = {
  taskType: 'assessment-schedule',
  handler: () => async (job) => {
    const { cycle, periodEnd } = job.variables as { cycle?: string; periodEnd?: string };
    if (!cycle || !CYCLE_PATTERN.test(cycle)) {
      return job.fail({ errorMessage: `not an assessment cycle: ${cycle}`, retries: 0 });
    }
    const period = nextPeriod(cycle, periodEnd, new Date());
    return job.complete({ ...period, nextRunAt: period.periodEnd });
  },
};

export default worker;
