/**
 * 信用+联合检查 (processes/joint-inspection.bpmn): departments file inspection plans of
 * enterprises; the planner merges the plans of one enterprise whose periods overlap into one
 * inspection with a lead department; each department of the team records its findings; a serious
 * finding lowers the enterprise's credit grade. How often each grade may be inspected is the
 * decision table joint-inspection-frequency.dmn, which a designer edits.
 */
import { defineLoop } from '../../lib/loop';

export const jointInspectionLoop = defineLoop({
  key: 'joint-inspection',
  processId: 'joint-inspection',
  name: { 'zh-CN': '信用联合检查', en: 'Credit-graded joint inspection' },
  caseVariable: 'inspectionId',
  protectedVariables: [
    'inspectionId',
    'caseNo',
    'businessId',
    'leadDeptId',
    'deptIds',
    'deptCount',
    'deptId',
    'periodEnd',
  ],
  clocks: {},
});
