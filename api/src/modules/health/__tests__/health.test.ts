import { createTestStack } from '../../../../../test/harness';

describe('GET /api/health', () => {
  it('reports broker, PostgreSQL and Redis up against the real services', async () => {
    const stack = createTestStack();
    try {
      const res = await stack.http().get('/api/health').expect(200);
      expect(res.body).toEqual({
        status: 'up',
        components: { broker: { status: 'up' }, postgres: { status: 'up' }, redis: { status: 'up' } },
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
        ZEEBE_REST_ADDRESS: 'http://127.0.0.1:1',
        HEALTH_TIMEOUT_MS: '1500',
      },
    });
    try {
      const res = await stack.http().get('/api/health').expect(503);
      expect(res.body.status).toBe('down');
      expect(res.body.components.postgres).toEqual({ status: 'up' });
      expect(res.body.components.broker.status).toBe('down');
      expect(res.body.components.broker.reason).toEqual(expect.any(String));
      expect(res.body.components.redis.status).toBe('down');
      expect(res.body.components.redis.reason).toEqual(expect.any(String));
    } finally {
      await stack.close();
    }
  });
});
