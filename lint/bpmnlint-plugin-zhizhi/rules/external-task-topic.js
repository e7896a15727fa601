'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bpmnlint plugin
const topics = require('../topics.json');

/**
 * Every service task, send task and message throw/end event is an external task
 * (camunda:type="external") on a topic that a worker in workers/src serves: topics.json, which
 * `npm run topics` writes from the worker files. Anything else would wait for a worker forever or
 * need Java code in the engine.
 */
module.exports = function externalTaskTopic() {
  const known = new Set(topics);

  /** The element that carries camunda:type/topic: the task itself or its message definition. */
  function implementation(node) {
    if (node.$instanceOf('bpmn:ServiceTask') || node.$instanceOf('bpmn:SendTask')) return node;
    if (node.$instanceOf('bpmn:IntermediateThrowEvent') || node.$instanceOf('bpmn:EndEvent')) {
      return (node.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
    }
    return undefined;
  }

  function check(node, reporter) {
    const impl = implementation(node);
    if (!impl) return;
    if (impl.get('camunda:type') !== 'external') {
      reporter.report(
        node.id,
        '须为外部任务（camunda:type="external"），由 Zhizhi 的 worker 执行 / ' +
          'Must be an external task (camunda:type="external") served by a Zhizhi worker',
      );
      return;
    }
    const topic = impl.get('camunda:topic');
    if (!topic) {
      reporter.report(
        node.id,
        '外部任务缺少主题（camunda:topic） / External task has no topic (camunda:topic)',
      );
    } else if (!known.has(topic)) {
      reporter.report(
        node.id,
        `没有 worker 处理主题 "${topic}"（见 topics.json） / No worker serves topic "${topic}" (see topics.json)`,
      );
    }
  }

  return { check };
};
