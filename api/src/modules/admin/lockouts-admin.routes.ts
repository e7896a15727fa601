import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { accessibleBy, type AppAbility } from '../../abilities';
import { listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { HttpError } from '../../http/errors';
import type { LoginLimiter } from '../auth/login-limiter';
import { auditAdmin } from './admin-scope';

const usernameParams = z.object({ username: z.string().trim().min(1).max(64) });

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

const lockout = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    org: z.object({ id: z.string(), name: z.string() }),
  }),
  /** null: the account is locked from every address. */
  address: z.string().nullable(),
  failures: z.number().int(),
  /** Seconds until it lifts by itself. */
  retryAfter: z.number().int(),
});

const route = routesOf<{ db: Db; limiter: LoginLimiter }>('admin');

/**
 * Sign-in lockouts are the security administrator's (三员分立): listed for the accounts of their
 * subtree, and lifted, audited. Usernames that name no account of the scope are not shown.
 */
export const lockoutsAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/lockouts',
    summary: '登录锁定（安全管理员）Sign-in lockouts in force (security administrator)',
    access: ['unlock', 'User'],
    answer: listOf(lockout),
    handler: async ({ db, limiter }, { who: { ability } }) => {
      const entries = await limiter.lockouts();
      const users = entries.length
        ? await usersInScope(db, ability, [...new Set(entries.map((e) => e.username))])
        : [];
      const byName = new Map(users.map((u) => [u.username.toLowerCase(), u]));
      return {
        items: entries.flatMap(({ username, address, failures, retryAfterMs }) => {
          const user = byName.get(username);
          return user ? [{ user, address, failures, retryAfter: Math.ceil(retryAfterMs / 1000) }] : [];
        }),
      };
    },
  }),
  route({
    method: 'delete',
    path: '/api/admin/lockouts/:username',
    summary: '解除登录锁定 Lift an account’s sign-in lockouts',
    access: ['unlock', 'User'],
    params: usernameParams,
    answer: z.object({ lifted: z.number().int() }),
    handler: async ({ db, limiter }, { params: { username }, who: { ability }, ctx }) => {
      const [user] = await usersInScope(db, ability, [username]);
      if (!user) throw new HttpError(404, 'error.notFound');
      const lifted = await limiter.lift(user.username);
      auditAdmin(ctx, 'lockout.lift', 'User', user.id, { lifted });
      return { lifted };
    },
  }),
];
