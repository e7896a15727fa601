'use strict';

/** `无表单:` or `no form:` (either colon) and a reason after it. */
const NO_FORM = /^\s*(无表单|no form)\s*[:：]\s*\S/i;

/**
 * Every user task reaches someone's inbox (camunda:candidateGroups or camunda:assignee) and has a
 * deployed form (camunda:formRef), or says in its documentation why it has none
 * ("无表单: …" / "no form: …").
 */
module.exports = function userTaskAssignment() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    if (!node.get('camunda:candidateGroups') && !node.get('camunda:assignee')) {
      reporter.report(
        node.id,
        '用户任务没有候选组（camunda:candidateGroups）或处理人 / ' +
          'User task has no candidate groups (camunda:candidateGroups) or assignee',
      );
    }
    const documented = (node.documentation || []).some((d) => NO_FORM.test(d.text || ''));
    if (!node.get('camunda:formRef') && !documented) {
      reporter.report(
        node.id,
        '用户任务没有表单（camunda:formRef）；确实不需要表单时，在说明中以“无表单:”开头写明原因 / ' +
          'User task has no form (camunda:formRef); if it needs none, start its documentation with "no form:" and the reason',
      );
    }
  }

  return { check };
};
