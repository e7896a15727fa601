/**
 * 预警研判 (processes/early-warning-review.bpmn): the rules of processes/early-warning-rules.dmn,
 * evaluated on a schedule, raise a warning with the cases behind it (one per rule × place ×
 * window) and a 研判 task for the responsible unit: dismiss with a reason, or open a case.
 */
import { defineLoop } from '../../lib/loop';

export const earlyWarningLoop = defineLoop({
  key: 'early-warning',
  processId: 'early-warning-review',
  name: { 'zh-CN': '预警研判', en: 'Early warning' },
  caseVariable: 'warningId',
  protectedVariables: ['warningId', 'unitId', 'ruleKey'],
  clocks: {},
});
