/**
 * 新建流程: the smallest process a designer builds on — a start, one user task, an end — with the
 * id and name they chose. What Camunda Modeler opens (Camunda 7 target) and Operaton runs once its
 * task has a unit and, if it needs one, a form.
 */
const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const newDiagram = (id: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
  <bpmn:process id="${id}" name="${escape(name)}" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="发起">
      <bpmn:outgoing>flow-start</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="flow-start" sourceRef="start" targetRef="task" />
    <bpmn:userTask id="task" name="办理">
      <bpmn:incoming>flow-start</bpmn:incoming>
      <bpmn:outgoing>flow-end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="flow-end" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end" name="办结">
      <bpmn:incoming>flow-end</bpmn:incoming>
    </bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${id}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="159" y="145" width="22" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="task_di" bpmnElement="task">
        <dc:Bounds x="250" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end">
        <dc:Bounds x="412" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="419" y="145" width="22" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="flow-start_di" bpmnElement="flow-start">
        <di:waypoint x="188" y="120" />
        <di:waypoint x="250" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="flow-end_di" bpmnElement="flow-end">
        <di:waypoint x="350" y="120" />
        <di:waypoint x="412" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
