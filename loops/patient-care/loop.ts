/**
 * The patient loop (一患者一档案一队伍, processes/patient-care.bpmn): a file, its care team and the
 * follow-up cycle. The interval by risk level is a decision table (patient-care-interval.dmn);
 * the emergency record's 24 hours is the diagram's timer.
 */
import { defineLoop } from '../../lib/loop';

export const patientCareLoop = defineLoop({
  key: 'patient-care',
  processId: 'patient-care',
  name: { 'zh-CN': '一患者一档案', en: 'Patient care' },
  caseVariable: 'personId',
  protectedVariables: [
    'personId',
    'caseNo',
    'typeCode',
    'followUpUserId',
    'policeUserId',
    'doctorUserId',
    'followUpDueAt',
    'emergencyDueAt',
    'emergencyRecordId',
  ],
  clocks: {},
  // No four eyes: 随访, 应急处置记录 and 精防医生评估 each record the assigned member's own work on the
  // person (no step checks or rates another's), and 考评 scores none of them.
});
