import Router from '@koa/router';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { accessibleBy, type AppAbility } from '../../abilities';
import { HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import type { LoginLimiter } from '../auth/login-limiter';
import { caller, type AppState } from '../auth/session.middleware';
import { auditAdmin } from './admin-scope';

const usernameParams = z.object({ username: z.string().trim().min(1).max(64) });

export const lockoutsAdminSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/admin/lockouts',
    summary: '登录锁定（安全管理员）Sign-in lockouts in force (security administrator)',
    tag: 'admin',
  },
  {
    method: 'delete',
    path: '/api/admin/lockouts/:username',
    summary: '解除登录锁定 Lift an account’s sign-in lockouts',
    tag: 'admin',
    params: usernameParams,
  },
];

function unlocker(state: AppState) {
  const c = caller(state);
  if (!c.ability.can('unlock', 'User')) throw new HttpError(403, 'error.forbidden');
  return c;
}

/** The accounts of the caller's scope among `usernames` (limiter keys are case-folded). */
const usersInScope = (db: Db, ability: AppAbility, usernames: string[]) =>
  db.user.findMany({
    where: {
      AND: [
        accessibleBy(ability, 'unlock').ofType('User'),
        {
          OR: usernames.map((username) => ({ username: { equals: username, mode: 'insensitive' as const } })),
        },
      ],
    },
    select: { id: true, username: true, displayName: true, org: { select: { id: true, name: true } } },
  });

/**
 * Sign-in lockouts are the security administrator's (三员分立): listed for the accounts of their
 * subtree, and lifted, audited. Usernames that name no account of the scope are not shown.
 */
export function lockoutsAdminRoutes(db: Db, limiter: LoginLimiter) {
  const router = new Router<AppState>({ prefix: '/api/admin' });

  router.get('/lockouts', async (ctx) => {
    const { ability } = unlocker(ctx.state);
    const entries = await limiter.lockouts();
    const users = entries.length
      ? await usersInScope(db, ability, [...new Set(entries.map((e) => e.username))])
      : [];
    const byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
    ctx.body = {
      items: entries.flatMap(({ username, address, failures, retryAfterMs }) => {
        const user = byName.get(username);
        return user ? [{ user, address, failures, retryAfter: Math.ceil(retryAfterMs / 1000) }] : [];
      }),
    };
  });

  router.delete('/lockouts/:username', async (ctx) => {
    const { ability } = unlocker(ctx.state);
    const { username } = parse(usernameParams, ctx.params);
    const [user] = await usersInScope(db, ability, [username]);
    if (!user) throw new HttpError(404, 'error.notFound');
    const lifted = await limiter.lift(user.username);
    auditAdmin(ctx, 'lockout.lift', 'User', user.id, { lifted });
    ctx.body = { lifted };
  });

  return router;
}
