import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import type { ScreenService } from './screen.service';

const summaryQuery = z.object({ unit: z.string().trim().min(1).max(50).optional() });

export const screenSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/screen/summary',
    summary: '大屏汇总（今日、超期、排名、30天趋势） Command-centre summary',
    tag: 'screen',
    query: summaryQuery,
  },
];

/** 大屏: role and scope are checked in the service. */
export function screenRoutes(screen: ScreenService) {
  const router = new Router<AppState>({ prefix: '/api/screen' });
  router.get('/summary', async (ctx) => {
    ctx.body = await screen.summary(parse(summaryQuery, ctx.query), caller(ctx.state));
  });
  return router;
}
