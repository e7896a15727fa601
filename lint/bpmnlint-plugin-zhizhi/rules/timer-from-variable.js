'use strict';

/** One expression and nothing else: `${handleRedAt}`, `${zhizhiSchedule.assessmentCycle}`. */
const EXPRESSION = /^\s*\$\{[^{}]+\}\s*$/;

/**
 * Timer dates, durations and cycles come from a variable or the engine's configuration
 * (`${...}`), never a literal in the diagram: deadlines belong in SLA tables and calendars,
 * schedules in configuration.
 */
module.exports = function timerFromVariable() {
  function check(node, reporter) {
    if (!node.$instanceOf('bpmn:Event')) return;
    for (const timer of node.eventDefinitions || []) {
      if (!timer.$instanceOf('bpmn:TimerEventDefinition')) continue;
      const values = [timer.timeDate, timer.timeDuration, timer.timeCycle].filter(Boolean);
      if (values.length === 0) {
        reporter.report(node.id, '定时器没有设置时间 / Timer has no date, duration or cycle');
      }
      for (const value of values) {
        if (!EXPRESSION.test(value.body || '')) {
          reporter.report(
            node.id,
            `定时器须取自变量或配置（\${...}），不能写死 "${value.body || ''}" / ` +
              `Timer must be an expression \${...} (a variable or configuration), not the literal "${value.body || ''}"`,
          );
        }
      }
    }
  }

  return { check };
};
