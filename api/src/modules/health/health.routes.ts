import Router from '@koa/router';
import type { AppState } from '../auth/session.middleware';
import type { createHealthService } from './health.service';

// Health is public on purpose: load balancers and `npm start` ask it without a session,
// and it reveals only up/down with a reason, no data.
export function healthRoutes(check: ReturnType<typeof createHealthService>) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.get('/health', async (ctx) => {
    const health = await check();
    ctx.status = health.status === 'up' ? 200 : 503;
    ctx.body = health;
  });
  return router;
}
