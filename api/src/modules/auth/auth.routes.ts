import Router from '@koa/router';
import { z } from 'zod';
import { subject } from '@casl/ability';
import { HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import type { AuthService } from './auth.service';
import { caller, SESSION_COOKIE, type AppState } from './session.middleware';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const authSpecs: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    summary: '登录 Log in',
    tag: 'auth',
    auth: 'none',
    body: loginBody,
  },
  { method: 'post', path: '/api/auth/logout', summary: '退出 Log out', tag: 'auth' },
  { method: 'get', path: '/api/me', summary: '当前用户 Current user', tag: 'auth' },
];

export function publicProfile(user: ReturnType<typeof caller>['user']) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    org: { id: user.org.id, name: user.org.name, type: user.org.type, path: user.org.path },
  };
}

export function authRoutes(auth: AuthService, cookie: { secure: boolean }) {
  const router = new Router<AppState>({ prefix: '/api' });

  // Login is the one route open to anonymous callers; it issues the session.
  router.post('/auth/login', async (ctx) => {
    const { username, password } = parse(loginBody, ctx.request.body);
    const user = await auth.verify(username, password);
    if (!user) throw new HttpError(401, 'error.badCredentials');
    const { token, expiresAt } = await auth.openSession(user.id);
    ctx.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookie.secure,
      expires: expiresAt,
      path: '/',
    });
    ctx.body = { user: publicProfile(user) };
  });

  router.post('/auth/logout', async (ctx) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) await auth.closeSession(token);
    ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'lax', path: '/' });
    ctx.status = 204;
  });

  router.get('/me', (ctx) => {
    const { user, ability } = caller(ctx.state);
    if (!ability.can('read', subject('User', user))) throw new HttpError(403, 'error.forbidden');
    ctx.body = { user: publicProfile(user) };
  });

  return router;
}
