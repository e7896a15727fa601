import type { Context } from 'koa';
import type { Db } from '../../../../lib/db';
import { accessibleBy, type AppAbility, type AppSubjects } from '../../abilities';
import { HttpError } from '../../http/errors';
import { auditAs } from '../audit/audit.middleware';
import { caller, type AppState } from '../auth/session.middleware';

type Subject = Extract<AppSubjects, string>;

/**
 * The caller of an admin route: 403 unless they may administer `subject` at all. Records outside
 * their subtree are then answered 404 by `orgInScope` / `userInScope`.
 */
export function adminCaller(state: AppState, subject: Subject) {
  const c = caller(state);
  if (!c.ability.can('administer', subject)) throw new HttpError(403, 'error.forbidden');
  return c;
}

/** A unit the caller administers, or 404 (another street's units look missing). */
export async function orgInScope(db: Db, ability: AppAbility, id: string) {
  const org = await db.org.findFirst({
    where: { AND: [accessibleBy(ability, 'administer').ofType('Org'), { id }] },
  });
  if (!org) throw new HttpError(404, 'error.notFound');
  return org;
}

/** A user of the caller's subtree (kept, or whose roles are granted), or 404. */
export async function userInScope(
  db: Db,
  ability: AppAbility,
  id: string,
  action: 'administer' | 'grant' = 'administer',
) {
  const user = await db.user.findFirst({
    where: { AND: [accessibleBy(ability, action).ofType('User'), { id }] },
    include: { org: true },
  });
  if (!user) throw new HttpError(404, 'error.notFound');
  return user;
}

/**
 * Names the audit entry of an admin change: the audit middleware writes one entry per write, and
 * this makes it say the domain verb and record instead of the route.
 */
export function auditAdmin(
  ctx: Context & { state: AppState },
  action: string,
  subjectType: string,
  subjectId: string,
  detail?: Record<string, unknown>,
) {
  auditAs(ctx.state, { action, subjectType, subjectId, detail });
}
