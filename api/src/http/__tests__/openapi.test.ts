import type Router from '@koa/router';
import { createTestStack } from '../../../../test/harness';

type Dispatch = { router?: Router };

describe('GET /api/openapi.json', () => {
  const stack = createTestStack();
  afterAll(() => stack.close());

  it('describes every route the API serves, and nothing it does not', async () => {
    const doc = (await stack.http().get('/api/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const served = (stack.app.middleware as Dispatch[])
      .flatMap((m) => m.router?.stack ?? [])
      .flatMap((layer) =>
        layer.methods
          .filter((m) => !['HEAD', 'OPTIONS'].includes(m))
          .map((m) => `${m.toLowerCase()} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
      )
      .sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(served);
  });

  it('takes its request schemas from the validators', async () => {
    const doc = (await stack.http().get('/api/openapi.json').expect(200)).body;
    const intake = doc.paths['/api/events'].post;
    const schema = intake.requestBody.content['application/json'].schema;
    // gridId may be left out when the location finds the grid, address when a building is picked.
    expect(schema.required.sort()).toEqual(['category', 'description', 'urgency']);
    expect(schema.properties.urgency.enum).toEqual(['URGENT', 'NORMAL']);
    expect(schema.properties.latitude).toMatchObject({ minimum: -90, maximum: 90 });
    expect(intake.security).toEqual([{ session: [] }, { channelKey: [] }]);
    const inbox = doc.paths['/api/inbox'].get.parameters;
    expect(inbox.find((p: { name: string }) => p.name === 'pageSize').schema).toMatchObject({ maximum: 100 });
    expect(doc.paths['/api/tasks/{key}/transfer'].post.parameters[0]).toMatchObject({
      name: 'key',
      in: 'path',
    });
  });
});
