/**
 * Zhizhi's own engine resource (engine/TaskCompletion.java) against the real engine: a task given
 * to the person who did it and completed in one call, the engine's history naming them and the
 * variables set; a task gone answers 404; without the engine user's password, 401.
 */
import { EngineError } from '../process-engine';
import { TEST_ENV } from '../../../test/env';
import { suiteStack } from '../../../test/harness';
import { userTaskLine } from '../../../test/diagrams';

const PROCESS = 'complete-as';
const diagram = userTaskLine(PROCESS, [
  { id: 'work', name: '办理', groups: 'unit:BA-XA-C01' },
  { id: 'wait', name: '下一步', groups: 'unit:BA-XA-C01' },
]);

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
