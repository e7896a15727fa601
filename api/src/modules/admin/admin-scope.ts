import type { Context } from 'koa';
import type { Db } from '../../../../lib/db';
import { accessibleBy, type AppAbility } from '../../abilities';
import { HttpError } from '../../http/errors';
import { auditAs } from '../audit/audit.middleware';
import type { AppState } from '../auth/session.middleware';

/**
 * A unit the caller administers, or 404 (another street's units look missing). Whether the caller
 * may administer units at all is the route's access (403 otherwise).
 */
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
