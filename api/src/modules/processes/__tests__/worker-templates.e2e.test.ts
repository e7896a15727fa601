/**
 * The designer's worker catalog through the API: who may read it, and that it lists one Camunda 7
 * element template per worker, as generated into processes/.camunda/element-templates.
 */
import { readFileSync } from 'node:fs';
import { TEMPLATES_FILE } from '../../../../../lib/processes';
import { findWorkers } from '../../../../../workers/src/registry';
import { createTestStack } from '../../../../../test/harness';

describe('GET /api/processes/worker-templates', () => {
  const stack = createTestStack();
  afterAll(() => stack.close());

  it('is for designers only (三员分立: not the system administrator)', async () => {
    await stack.http().get('/api/processes/worker-templates').expect(401);
    await (await stack.loginAs('grid.hw01')).get('/api/processes/worker-templates').expect(403);
    await (await stack.loginAs('district.lead')).get('/api/processes/worker-templates').expect(403);
    await (await stack.loginAs('admin')).get('/api/processes/worker-templates').expect(403);
    await (await stack.loginAs('designer')).get('/api/processes/worker-templates').expect(200);
  });

  it('lists the generated templates, one per worker, by Chinese name', async () => {
    const designer = await stack.loginAs('designer');
    const res = await designer.get('/api/processes/worker-templates').expect(200);
    expect(res.body).toEqual(JSON.parse(readFileSync(TEMPLATES_FILE, 'utf8')));
    expect(res.body.map((t: { id: string }) => t.id).sort()).toEqual(
      findWorkers()
        .map((w) => `zhizhi.${w.topic}`)
        .sort(),
    );
    expect(res.body).toContainEqual(
      expect.objectContaining({
        id: 'zhizhi.event-handling-escalate',
        name: '上报上一级',
        appliesTo: ['bpmn:ServiceTask'],
        properties: expect.arrayContaining([
          expect.objectContaining({
            value: 'event-handling-escalate',
            binding: { type: 'property', name: 'camunda:topic' },
          }),
          expect.objectContaining({ value: '${level}', binding: { type: 'camunda:inputParameter', name: 'level' } }),
          expect.objectContaining({
            value: 'level',
            binding: { type: 'camunda:outputParameter', source: '${level}' },
          }),
        ]),
      }),
    );
  });
});
