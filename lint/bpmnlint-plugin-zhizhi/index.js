'use strict';

// Zhizhi's bpmnlint rules, used by `npm run lint:bpmn`, the API before a deployment and the
// browser designer (web/src/designer/lintConfig.ts bundles the same files).
module.exports = {
  configs: {
    recommended: {
      rules: {
        'external-task-topic': 'error',
        'user-task-assignment': 'error',
        'timer-from-variable': 'error',
        'end-event-required': 'error',
      },
    },
  },
  rules: {
    'external-task-topic': './rules/external-task-topic',
    'user-task-assignment': './rules/user-task-assignment',
    'timer-from-variable': './rules/timer-from-variable',
    'end-event-required': './rules/end-event-required',
  },
};
