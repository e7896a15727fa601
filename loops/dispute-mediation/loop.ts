/**
 * The mediation loop (三调联动, processes/dispute-mediation.bpmn): people's, administrative and
 * judicial mediation, agreement, 司法确认 and return visits. Each stage's limit, warning and
 * visits come from its decision tables (dispute-mediation-route.dmn, dispute-mediation-visits.dmn),
 * which a designer edits: no clock is fixed in code.
 */
import { defineLoop } from '../../lib/loop';

export const disputeMediationLoop = defineLoop({
  key: 'dispute-mediation',
  processId: 'dispute-mediation',
  name: { 'zh-CN': '矛盾纠纷调解', en: 'Dispute mediation' },
  caseVariable: 'disputeId',
  protectedVariables: [
    'disputeId',
    'caseNo',
    'disputeType',
    'stage',
    'fastTrack',
    'mediateUnitId',
    'mediateAssignee',
    'mediateDueAt',
    'mediateRedAt',
    'deptUnitId',
    'judicialUnitId',
    'confirmDueAt',
    'visitNo',
    'limitDays',
    'warnDays',
    'confirmDays',
    'reminderDays',
    'contactDueAt',
    'confirmReminderAt',
    'visitDueAt',
    'agreedAt',
    'extended',
    'exhausted',
    'amount',
  ],
  clocks: {},
  // 履行回访 checks that the agreement is kept: never by whoever mediated it (held 调解 when the
  // agreement ended it), so the mediator does not rate their own work.
  separation: { 'return-visit': [{ held: 'mediate' }] },
  separationOverride: { roles: ['SUPERVISOR'] },
});
