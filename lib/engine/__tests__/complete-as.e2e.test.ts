/**
 * Zhizhi's own engine resource (engine/TaskCompletion.java) against the real engine: a task given
 * to the person who did it and completed in one call, the engine's history naming them and the
 * variables set; a task gone answers 404; without the engine user's password, 401.
 */
import { EngineError } from '../process-engine';
import { TEST_ENV } from '../../../test/env';
import { suiteStack } from '../../../test/harness';

const PROCESS = 'complete-as';
const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://zhizhi.test">
  <bpmn:process id="${PROCESS}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:userTask id="work" name="办理" camunda:candidateGroups="unit:BA-XA-C01"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="wait" />
    <bpmn:userTask id="wait" name="下一步" camunda:candidateGroups="unit:BA-XA-C01"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe('complete-as', () => {
  const { engine } = suiteStack();
  beforeAll(() => engine.deploy(PROCESS, [{ name: `${PROCESS}.bpmn`, content: diagram }]));

  it('gives the task to the person and completes it, in one call', async () => {
    const instance = (await engine.startProcess(PROCESS, {})).id!;
    const [task] = await engine.tasks({ processInstanceId: instance, taskDefinitionKey: 'work' });
    await engine.claim(task.id!, 'someone-else');
    await engine.completeAs(task.id!, 'doer', { result: '已办结', count: 3 });
    const done = (await engine.activityHistory(instance)).find((a) => a.activityId === 'work');
    expect(done).toMatchObject({ assignee: 'doer', endTime: expect.any(String) });
    expect(await engine.processVariables(instance)).toMatchObject({ result: '已办结', count: 3 });
    await expect(engine.completeAs(task.id!, 'doer', {})).rejects.toMatchObject({ status: 404 });
    await expect(engine.completeAs(task.id!, 'doer', {})).rejects.toBeInstanceOf(EngineError);
  });

  it('answers only the engine user', async () => {
    const res = await fetch(`${TEST_ENV.ENGINE_REST_URL}/zhizhi/task/x/complete-as`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'doer', variables: {} }),
    });
    expect(res.status).toBe(401);
  });
});
