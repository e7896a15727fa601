import type { Middleware } from 'koa';
import { HttpError } from './errors';

/** Paths that serve someone else's pages, with their own policy: Operaton's webapps (Cockpit). */
const OWN_POLICY_PATHS = ['/operaton/'];

/**
 * The web app's Content-Security-Policy. style-src needs 'unsafe-inline': Ant Design (CSS-in-JS)
 * injects <style> elements, and bpmn-js, dmn-js, form-js and ECharts set style attributes. Scripts
 * come from the build alone. Images: data: and blob: (bpmn-js palette icons, diagram PNG/SVG
 * export, ECharts' saveAsImage) and the configured base map's tile servers; fonts: data:
 * (bpmn-font, dmn-font embedded by the build).
 */
export const contentSecurityPolicy = (imgOrigins: string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...imgOrigins].join(' '),
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The policy without a base map's tile servers (what deploy/nginx.conf sends). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * Security headers on every response of the API and the web app it serves. HSTS only behind
 * HTTPS (COOKIE_SECURE): over plain HTTP it would lock browsers out of a test install.
 */
export function securityHeaders(opts: { hsts: boolean; tileOrigins?: string[] }): Middleware {
  const policy = contentSecurityPolicy(opts.tileOrigins);
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000');
    if (!OWN_POLICY_PATHS.some((p) => ctx.path.startsWith(p))) {
      ctx.set('Content-Security-Policy', policy);
      ctx.set('X-Frame-Options', 'DENY');
    }
    await next();
  };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin a header names (`Origin`, or the origin of `Referer`), or 'null' when it names none. */
function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

/**
 * CSRF defence in depth beside SameSite=Lax cookies: a state-changing request to /api that
 * says where it comes from (Origin, or lacking it Referer) must come from the app's own origin
 * (the Host it was sent to) or one of `allowed`. A request naming neither (curl, server to
 * server, tests) passes, as do channel intakes (X-Channel-Key: a key, not a cookie, authorises them).
 */
export function sameOriginOnly(allowed: string[]): Middleware {
  const allowedOrigins = new Set(allowed.map(originOf));
  return async (ctx, next) => {
    if (!STATE_CHANGING.has(ctx.method) || !ctx.path.startsWith('/api/') || ctx.get('X-Channel-Key'))
      return next();
    const stated = ctx.get('Origin') || ctx.get('Referer');
    if (!stated) return next();
    const origin = originOf(stated);
    const own = origin !== 'null' && new URL(origin).host === ctx.host;
    if (!own && !allowedOrigins.has(origin)) throw new HttpError(403, 'error.crossOrigin');
    await next();
  };
}
