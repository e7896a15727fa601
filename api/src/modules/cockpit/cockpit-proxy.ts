import type { IncomingMessage, ServerResponse } from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Middleware } from 'koa';
import { HttpError } from '../../http/errors';
import { SESSION_COOKIE, type AppState } from '../auth/session.middleware';

/** Where Operaton serves its webapps (Cockpit, Admin, Tasklist) on an engine node. */
export const ENGINE_WEBAPP_PATH = '/operaton';

/** The request's cookies without Zhizhi's session cookie, which is not the engine's business. */
export const withoutSessionCookie = (cookie: string) =>
  cookie
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith(`${SESSION_COOKIE}=`))
    .join('; ');

/**
 * Operaton's webapps (Cockpit: instances, incidents, jobs) of one engine node at /operaton/, for
 * a district's system administrators only (a street's admin included in the refusal): anyone else, signed in or not, gets 403 before a byte reaches the engine.
 * An admin then signs in to Cockpit with the engine's admin user (Zhizhi users are not engine
 * users). The Host header is passed through (Cockpit's CSRF filter compares it with the browser's
 * Origin); mount this before any body parser, so request bodies stream through untouched.
 *
 * `target`: the node's origin, e.g. http://engine-1:8080.
 */
export function cockpitProxy(target: string): Middleware<AppState> {
  const proxy = createProxyMiddleware<IncomingMessage, ServerResponse>({
    target,
    changeOrigin: false,
    // X-Forwarded-* from nginx pass through as they are.
    xfwd: false,
    on: {
      proxyReq: (proxyReq) => {
        const cookie = proxyReq.getHeader('cookie');
        if (typeof cookie !== 'string') return;
        const rest = withoutSessionCookie(cookie);
        if (rest) proxyReq.setHeader('cookie', rest);
        else proxyReq.removeHeader('cookie');
      },
    },
  });
  return async (ctx, next) => {
    if (ctx.path !== ENGINE_WEBAPP_PATH && !ctx.path.startsWith(`${ENGINE_WEBAPP_PATH}/`)) return next();
    if (!ctx.state.ability?.can('read', 'Operations')) throw new HttpError(403, 'error.forbidden');
    ctx.respond = false;
    await proxy(ctx.req, ctx.res, () => undefined);
  };
}
