/**
 * Small diagrams the engine-level suites deploy: a line of user tasks from start to end, each with
 * its candidate groups.
 */
export interface Step {
  id: string;
  name: string;
  groups: string;
}

export function userTaskLine(processId: string, steps: Step[]) {
  const ids = ['start', ...steps.map((s) => s.id), 'end'];
  const flows = ids.slice(1).map((target, i) => ({ id: `f${i + 1}`, source: ids[i], target }));
  const incoming = (id: string) => flows.find((f) => f.target === id)!.id;
  const outgoing = (id: string) => flows.find((f) => f.source === id)!.id;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://zhizhi.test">
  <bpmn:process id="${processId}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start"><bpmn:outgoing>${outgoing('start')}</bpmn:outgoing></bpmn:startEvent>
${steps
  .map(
    (s) =>
      `    <bpmn:userTask id="${s.id}" name="${s.name}" camunda:candidateGroups="${s.groups}"><bpmn:incoming>${incoming(s.id)}</bpmn:incoming><bpmn:outgoing>${outgoing(s.id)}</bpmn:outgoing></bpmn:userTask>`,
  )
  .join('\n')}
${flows.map((f) => `    <bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}" />`).join('\n')}
    <bpmn:endEvent id="end"><bpmn:incoming>${incoming('end')}</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}
