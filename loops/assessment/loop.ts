/**
 * The assessment loop (考评, processes/assessment.bpmn): a timer-started run scores every unit for
 * a period. Its weights and thresholds are a decision table (assessment-weights.dmn).
 */
import { defineLoop } from '../../lib/loop';

export const assessmentLoop = defineLoop({
  key: 'assessment',
  processId: 'assessment',
  name: { 'zh-CN': '考核评价', en: 'Assessment' },
  caseVariable: 'runId',
  protectedVariables: ['runId', 'periodKey', 'periodStart', 'periodEnd', 'closed'],
  clocks: {},
});
