import type { Middleware } from 'koa';
import { defineAbilityFor, type AppAbility, type SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import type { AuditNote } from '../audit/audit.middleware';
import type { AuthService } from './auth.service';

export const SESSION_COOKIE = 'zz_session';

export interface AppState {
  user?: SessionUser;
  ability?: AppAbility;
  /** What the audit entry of this write is about, when the route names it (`auditAs`). */
  audit?: AuditNote;
  /** The route wrote this read's audit entry itself (an export), so a refusal is not entered twice. */
  readAudited?: boolean;
}

/** Loads the caller from the session cookie, if any; routes decide whether they need one. */
export function loadSession(auth: AuthService): Middleware<AppState> {
  return async (ctx, next) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const user = token ? await auth.userForToken(token) : null;
    if (user) {
      ctx.state.user = user;
      ctx.state.ability = defineAbilityFor(user);
    }
    await next();
  };
}

/** What a session with a one-time password may do: see who it is, change the password, leave. */
const OPEN_BEFORE_CHANGE = new Set([
  'GET /api/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
  'POST /api/auth/login',
]);
/** Everything that is not the web app's static files: the API, Cockpit, bull-board. */
const GUARDED_PATHS = ['/api/', '/operaton', '/admin/'];

/**
 * Until a user replaces a one-time password, their session opens nothing but OPEN_BEFORE_CHANGE
 * (403 saying so): whoever saw the password when it was issued must not be able to use the account.
 */
export function requirePasswordChanged(): Middleware<AppState> {
  return async (ctx, next) => {
    if (
      ctx.state.user?.mustChangePassword &&
      GUARDED_PATHS.some((p) => ctx.path.startsWith(p)) &&
      !OPEN_BEFORE_CHANGE.has(`${ctx.method} ${ctx.path}`)
    )
      throw new HttpError(403, 'error.passwordChangeRequired');
    await next();
  };
}

/** The signed-in caller and their ability, or a 401. */
export function caller(state: AppState): { user: SessionUser; ability: AppAbility } {
  if (!state.user || !state.ability) throw new HttpError(401, 'error.unauthenticated');
  return { user: state.user, ability: state.ability };
}
