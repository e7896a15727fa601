import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Middleware } from 'koa';
import type { Queues } from '../../../../lib/queues';
import { HttpError } from '../../http/errors';
import type { AppState } from '../auth/session.middleware';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * bull-board (queues, failed webhook deliveries, retries) at /admin/queues, for a district's system
 * administrators only:
 * anyone else, signed in or not, gets 403 before the board sees the request.
 */
export function bullBoard(queues: Pick<Queues, 'all'>): Middleware<AppState> {
  const adapter = new KoaAdapter();
  createBullBoard({ queues: queues.all.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  adapter.setBasePath(BULL_BOARD_PATH);
  const board = adapter.registerPlugin() as unknown as Middleware<AppState>;
  return async (ctx, next) => {
    if (ctx.path !== BULL_BOARD_PATH && !ctx.path.startsWith(`${BULL_BOARD_PATH}/`)) return next();
    if (!ctx.state.ability?.can('read', 'Operations')) throw new HttpError(403, 'error.forbidden');
    return board(ctx, next);
  };
}
