import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import type { createHealthService } from './health.service';

const component = z.discriminatedUnion('status', [
  z.object({ status: z.literal('up') }),
  z.object({ status: z.literal('down'), reason: z.string() }),
]);
const health = z.object({
  status: z.enum(['up', 'down']),
  components: z.object({ engine: component, postgres: component, redis: component }),
});

const route = routesOf<ReturnType<typeof createHealthService>>('health');

// Health is public on purpose: load balancers and `npm start` ask it without a session,
// and it reveals only up/down with a reason, no data.
export const healthRoutes = [
  route({
    method: 'get',
    path: '/api/health',
    summary: '系统状态 Health (503 while a component is down)',
    access: 'public',
    answer: health,
    handler: async (check, { ctx }) => {
      const answer = await check();
      ctx.status = answer.status === 'up' ? 200 : 503;
      return answer;
    },
  }),
];
