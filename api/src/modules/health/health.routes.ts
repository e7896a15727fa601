import Router from '@koa/router';
import type { RouteSpec } from '../../http/openapi';
import type { AppState } from '../auth/session.middleware';
import type { createHealthService } from './health.service';

export const healthSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/health', summary: '系统状态 Health', tag: 'health', auth: 'none' },
];

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
