/**
 * BPMN element: service task 确定考核周期 (`period`) of `assessment`, after the timer start
 * 定时考评 (a cron from the engine's configuration, Asia/Shanghai).
 * Reads: no variables; the instance's start time from the engine's history (the timer's fire time).
 * Writes: periodKey, periodStart, periodEnd: the Shanghai month before the fire time.
 * Errors: none. Idempotent: computed from the fire time, whoever runs it and however often.
 */
import { previousMonthPeriod } from '../../../lib/assessment-period';
import { complete, type WorkerDefinition } from '../../../workers/src/types';

const worker: WorkerDefinition = {
  topic: 'assessment-schedule',
  name: { zh: '确定考核周期', en: 'Set the assessment period' },
  description: {
    zh: '取定时考评触发时间（上海时间）的上一个月为考核周期。',
    en: 'The Shanghai month before the timer fired becomes the period to score.',
  },
  reads: [],
  writes: ['periodKey', 'periodStart', 'periodEnd'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ engine }) =>
    async (task) => {
      const instance = await engine.historicProcessInstance(task.processInstanceId);
      const firedAt = new Date(instance.startTime ?? Date.now());
      return complete({ ...previousMonthPeriod(firedAt) });
    },
};

export default worker;
