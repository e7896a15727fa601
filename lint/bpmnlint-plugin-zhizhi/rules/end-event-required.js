'use strict';

/**
 * Every process and sub-process has an end event, as bpmnlint's own `end-event-required` asks,
 * with one case it does not know: a long-running cycle (patient-care: follow-up after follow-up
 * for years) has no end on its main path and ends only when a message starts an interrupting
 * event sub-process (结案). Such a process ends in that sub-process, which has its own end event;
 * this rule takes the place of bpmnlint's in `.bpmnlintrc`.
 */
module.exports = function endEventRequired() {
  const hasEndEvent = (node) => (node.flowElements || []).some((e) => e.$instanceOf('bpmn:EndEvent'));
  const endedByEvent = (node) =>
    (node.flowElements || []).some(
      (e) =>
        e.$instanceOf('bpmn:SubProcess') &&
        e.triggeredByEvent &&
        hasEndEvent(e) &&
        (e.flowElements || []).some((s) => s.$instanceOf('bpmn:StartEvent') && s.isInterrupting !== false),
    );

  function check(node, reporter) {
    const scope = node.$instanceOf('bpmn:Process') || node.$instanceOf('bpmn:SubProcess');
    if (!scope || node.$instanceOf('bpmn:AdHocSubProcess')) return;
    if (hasEndEvent(node) || endedByEvent(node)) return;
    reporter.report(
      node.id,
      '缺少结束事件（或以中断型事件子流程结束） / ' +
        `${node.$instanceOf('bpmn:SubProcess') ? 'Sub process' : 'Process'} is missing end event (or an interrupting event sub-process that ends it)`,
    );
  }

  return { check };
};
