/**
 * The event loop (网格事件, processes/event-handling.bpmn): grid → community → street → district.
 * Its limits are per level and category in the SLA table an administrator edits (EventSla), and
 * its dispatch is a decision table (processes/event-dispatch.dmn): no clock is fixed in code.
 */
import { defineLoop } from '../../lib/loop';

export const eventHandlingLoop = defineLoop({
  key: 'event-handling',
  processId: 'event-handling',
  name: { 'zh-CN': '网格事件', en: 'Grid events' },
  caseVariable: 'eventId',
  protectedVariables: [
    'eventId',
    'caseNo',
    'category',
    'urgency',
    'gridId',
    'communityId',
    'streetId',
    'districtId',
    'level',
    'route',
    'handlerUnitId',
    'supervisorUnitId',
    'handleDueAt',
    'handleRedAt',
    'reopenUntil',
    'reopenWindowHours',
    'reopenCount',
    // The hand-over to mediation.
    'disputeCaseNo',
    'verifierUnitId',
  ],
  clocks: {},
  // Scores count 核查 and 回访: neither is done by whoever handled the case or reported it, nor is
  // an extension approved by whoever asked for it.
  separation: {
    verify: ['handle', 'reporter'],
    visit: ['handle', 'reporter'],
    'approve-extension': ['handle'],
  },
  // A supervisor may allow it on one case with a reason (a unit where nobody else is left): a finding in 考评.
  separationOverride: { roles: ['SUPERVISOR'] },
});
