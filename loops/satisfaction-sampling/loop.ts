/**
 * 民调 (processes/satisfaction-survey.bpmn): each month a seeded, stratified sample of archived
 * events becomes one call each for the survey team (the district centre by default); 不满意 reopens
 * the case through the event's own reopen path while its window is open. The share and the least
 * per unit are configuration (SAMPLING_SHARE, SAMPLING_MIN_PER_UNIT), the seed is kept with the draw.
 */
import { defineLoop } from '../../lib/loop';

export const satisfactionSamplingLoop = defineLoop({
  key: 'satisfaction-sampling',
  processId: 'satisfaction-survey',
  name: { 'zh-CN': '民调回访', en: 'Satisfaction sampling' },
  caseVariable: 'sampleId',
  protectedVariables: ['sampleId', 'eventId', 'caseNo', 'surveyUnitId'],
  clocks: {},
});
