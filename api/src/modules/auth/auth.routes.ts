import { OrgType, Role } from '@prisma/client';
import { z } from 'zod';
import { subject } from '@casl/ability';
import { t, tf } from '../../../../lib/i18n';
import type { Db } from '../../../../lib/db';
import { routesOf, type Caller } from '../../http/define-route';
import { HttpError } from '../../http/errors';
import { auditAs } from '../audit/audit.middleware';
import type { AuthService } from './auth.service';
import type { LoginLimiter } from './login-limiter';
import { passwordProblems } from './password-policy';
import { SESSION_COOKIE } from './session.middleware';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

const idParams = z.object({ id: z.string().min(1).max(64) });

/** Who is signed in, as the web app needs it (GET /api/me, the sign-in's answer). */
const profile = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(Role)),
    /** Signed in with a one-time password: only the change-password form until it is changed. */
    mustChangePassword: z.boolean(),
    /** deptKind names a department's kind (`petition` for the 信访 office), null for other units. */
    org: z.object({
      id: z.string(),
      name: z.string(),
      type: z.enum(OrgType),
      path: z.string(),
      deptKind: z.string().nullable(),
    }),
  }),
});
const ended = z.object({ ended: z.number() });

function publicProfile(user: Caller['user']) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    // Signed in with a one-time password: the web app shows only the change-password form.
    mustChangePassword: user.mustChangePassword,
    // deptKind: which department it is (the 信访 office registers petitions), for the pages' buttons.
    org: {
      id: user.org.id,
      name: user.org.name,
      type: user.org.type,
      path: user.org.path,
      deptKind: user.org.deptKind,
    },
  };
}

/** The 429 for a locked-out account or address: how long, in the message, a field and Retry-After. */
function tooManyLogins(retryAfterMs: number) {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new HttpError(429, 'error.tooManyLogins', [], {
    message: tf('error.tooManyLogins', { minutes: Math.ceil(seconds / 60) }),
    detail: { retryAfter: seconds },
    headers: { 'Retry-After': String(seconds) },
  });
}

export interface AuthDeps {
  auth: AuthService;
  limiter: LoginLimiter;
  db: Db;
  cookie: { secure: boolean };
}

const route = routesOf<AuthDeps>('auth');

export const authRoutes = [
  // Login is the one route open to anonymous callers; it issues the session.
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: '登录 Log in',
    access: 'public',
    body: loginBody,
    answer: profile,
    handler: async ({ auth, limiter, cookie }, { body: { username, password }, ctx }) => {
      // The account tried is no secret and is what an auditor looks for in failed sign-ins.
      auditAs(ctx.state, { action: 'auth.login', subjectType: 'User', detail: { username } });
      const lockout = await limiter.check(username, ctx.ip);
      if (lockout) throw tooManyLogins(lockout.retryAfterMs);
      const { user, known } = await auth.verify(username, password);
      if (!user) {
        await limiter.failed(username, ctx.ip, known);
        throw new HttpError(401, 'error.badCredentials');
      }
      await limiter.succeeded(username, ctx.ip);
      auditAs(ctx.state, { by: user.id, subjectId: user.id });
      const { token, expiresAt } = await auth.openSession(user.id);
      ctx.cookies.set(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        expires: expiresAt,
        path: '/',
      });
      return { user: publicProfile(user) };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出 Log out',
    access: 'public',
    answer: 'empty',
    handler: async ({ auth }, { ctx }) => {
      const token = ctx.cookies.get(SESSION_COOKIE);
      if (token) await auth.closeSession(token);
      ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'lax', path: '/' });
    },
  }),
  // Ends the caller's sessions on other devices; this one stays.
  route({
    method: 'post',
    path: '/api/auth/logout-all',
    summary: '退出其他设备 End my other sessions',
    access: 'signed-in',
    answer: ended,
    handler: async ({ auth }, { who: { user }, ctx }) => {
      const count = await auth.closeSessionsOf(user.id, ctx.cookies.get(SESSION_COOKIE));
      auditAs(ctx.state, {
        action: 'sessions.logout-others',
        subjectType: 'User',
        subjectId: user.id,
        detail: { ended: count },
      });
      return { ended: count };
    },
  }),
  // A new password for oneself: the current one first (a wrong one counts as a failed sign-in),
  // then the policy. Other sessions end; this one stays.
  route({
    method: 'post',
    path: '/api/auth/password',
    summary: '修改密码 Change my password',
    access: 'signed-in',
    body: passwordBody,
    answer: 'empty',
    handler: async ({ auth, limiter }, { body: { currentPassword, newPassword }, who: { user }, ctx }) => {
      const lockout = await limiter.check(user.username, ctx.ip);
      if (lockout) throw tooManyLogins(lockout.retryAfterMs);
      if (!(await auth.checkPassword(user.id, currentPassword))) {
        await limiter.failed(user.username, ctx.ip, true);
        throw new HttpError(400, 'error.validation', [
          { field: 'currentPassword', message: t('error.wrongCurrentPassword') },
        ]);
      }
      const problems = passwordProblems(newPassword, user.username);
      if (newPassword === currentPassword)
        problems.push({ field: 'newPassword', message: t('error.passwordUnchanged') });
      if (problems.length) throw new HttpError(400, 'error.validation', problems);
      await auth.setPassword(user.id, newPassword, { keepToken: ctx.cookies.get(SESSION_COOKIE) });
      auditAs(ctx.state, { action: 'password.change', subjectType: 'User', subjectId: user.id });
    },
  }),
  // 强制下线: an admin ends every session of a user of their own subtree.
  route({
    method: 'post',
    path: '/api/users/:id/sessions/revoke',
    summary: '强制下线 End every session of a user (admins, own subtree)',
    access: ['revoke', 'User'],
    params: idParams,
    answer: ended,
    handler: async ({ auth, db }, { params: { id }, who: { ability }, ctx }) => {
      const target = await db.user.findUnique({ where: { id }, include: { org: true } });
      if (!target) throw new HttpError(404, 'error.notFound');
      if (!ability.can('revoke', subject('User', target))) throw new HttpError(403, 'error.forbidden');
      const count = await auth.closeSessionsOf(target.id);
      auditAs(ctx.state, {
        action: 'sessions.revoke',
        subjectType: 'User',
        subjectId: target.id,
        detail: { ended: count },
      });
      return { ended: count };
    },
  }),
  route({
    method: 'get',
    path: '/api/me',
    summary: '当前用户 Current user',
    access: 'signed-in',
    answer: profile,
    handler: async (_deps, { who: { user, ability } }) => {
      if (!ability.can('read', subject('User', user))) throw new HttpError(403, 'error.forbidden');
      return { user: publicProfile(user) };
    },
  }),
];
