import { z } from 'zod';
import { PROGRESS_ID, type ProgressStore } from '../../../../lib/progress';
import { routesOf } from '../../http/define-route';
import { instant } from '../../http/answers';

const route = routesOf<ProgressStore>('progress');

/** Where one's own long request stands (the 试算 dialogs poll it while theirs runs). */
export const progressRoutes = [
  route({
    method: 'get',
    path: '/api/progress/:id',
    summary: '长时请求的进度 Progress of one’s own long request',
    access: 'signed-in',
    params: z.object({ id: z.string().regex(PROGRESS_ID) }),
    // Nothing yet (the request has not reported, or another user's id): stage null, not a 404 the poll would log.
    answer: z.object({
      stage: z.string().nullable(),
      done: z.number(),
      total: z.number().nullable(),
      updatedAt: instant.nullable(),
    }),
    handler: async (progress, { params, who }) =>
      (await progress.read(who.user.id, params.id)) ?? { stage: null, done: 0, total: null, updatedAt: null },
  }),
];
