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

/** The signed-in caller and their ability, or a 401. */
export function caller(state: AppState): { user: SessionUser; ability: AppAbility } {
  if (!state.user || !state.ability) throw new HttpError(401, 'error.unauthenticated');
  return { user: state.user, ability: state.ability };
}
