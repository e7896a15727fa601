import { createTestStack } from '../../../../../test/harness';

describe('GET /api/health', () => {
  it('reports the engine, PostgreSQL and Redis up against the real services', async () => {
    const stack = createTestStack();
    try {
      const res = await stack.http().get('/api/health').expect(200);
      expect(res.body).toEqual({
        status: 'up',
        components: { engine: { status: 'up' }, postgres: { status: 'up' }, redis: { status: 'up' } },
      });
    } finally {
      await stack.close();
    }
  });

  it('reports each unreachable dependency as down with a reason, and answers 503', async () => {
    // Nothing listens on these ports: the probes must fail, not hang.
    const stack = createTestStack({
      env: {
        REDIS_URL: 'redis://127.0.0.1:1',
        ENGINE_REST_URL: 'http://127.0.0.1:1/engine-rest',
        HEALTH_TIMEOUT_MS: '1500',
      },
    });
    try {
      const res = await stack.http().get('/api/health').expect(503);
      expect(res.body.status).toBe('down');
      expect(res.body.components.postgres).toEqual({ status: 'up' });
      expect(res.body.components.engine.status).toBe('down');
      expect(res.body.components.engine.reason).toEqual(expect.any(String));
      expect(res.body.components.redis.status).toBe('down');
      expect(res.body.components.redis.reason).toEqual(expect.any(String));
    } finally {
      await stack.close();
    }
  });

  it('reports the engine down when its credentials are refused', async () => {
    // Another user's name: a wrong password would lock the API's own engine user for a while.
    const stack = createTestStack({ env: { ENGINE_USER: 'nobodyHere', ENGINE_PASSWORD: 'wrong' } });
    try {
      const res = await stack.http().get('/api/health').expect(503);
      expect(res.body.components.engine).toEqual({ status: 'down', reason: expect.stringMatching(/401/) });
    } finally {
      await stack.close();
    }
  });
});
