import { subject } from '@casl/ability';
import { Role } from '@prisma/client';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { isAdminRole } from '../../../../lib/roles';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { instant } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { fieldError, HttpError } from '../../http/errors';
import type { AuthService } from '../auth/auth.service';
import { oneTimePassword } from '../auth/password-policy';
import { auditAdmin, userInScope } from './admin-scope';

const idParams = z.object({ id: z.string().min(1).max(64) });
const roles = z.array(z.enum(Role)).min(1).max(8);
const orgId = z.string().min(1).max(64);
const createBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/),
  displayName: z.string().trim().min(1).max(100),
  orgId,
  roles,
});
const updateBody = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  orgId: orgId.optional(),
  roles: roles.optional(),
  active: z.boolean().optional(),
});
const listQuery = z.object({
  unit: orgId.optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The unit a user is put in: one the admin administers and not retired; 400 naming orgId otherwise. */
async function unitFor(db: Db, ability: AppAbility, id: string) {
  const unit = await db.org.findFirst({
    where: { AND: [accessibleBy(ability, 'administer').ofType('Org'), { id }] },
  });
  if (!unit) throw fieldError('orgId', t('error.unknownUnit'));
  if (unit.retiredAt) throw fieldError('orgId', t('admin.unitRetired'));
  return unit;
}

/**
 * Whether the caller may give `target` the roles `granted` (it had `had`). 三员分立: the system
 * administrator grants business roles only; the administrators' roles, granted or withdrawn, are
 * the security administrator's, never on itself. Designers deploy diagrams for the whole district:
 * only a district's administrator grants that role.
 */
function checkGrant(
  who: { user: SessionUser; ability: AppAbility },
  target: SessionUser | undefined,
  granted: Role[] | undefined,
  had: Role[] = [],
) {
  if (!granted) return;
  const changed = [...granted.filter((r) => !had.includes(r)), ...had.filter((r) => !granted.includes(r))];
  const mayGrant = target
    ? who.ability.can('grant', subject('User', target))
    : who.ability.can('grant', 'User');
  if (changed.some(isAdminRole) && !mayGrant) throw fieldError('roles', t('admin.adminRoleNotGrantable'));
  if (changed.length && !mayGrant && !who.ability.can('administer', 'User'))
    throw new HttpError(403, 'error.forbidden');
  if (granted.includes('DESIGNER') && !had.includes('DESIGNER') && who.user.org.type !== 'DISTRICT')
    throw fieldError('roles', t('admin.roleNotGrantable'));
}

/**
 * What the user routes that both administrators call do with users: the system administrator
 * keeps them, the security administrator only lists them and changes their roles (403 for anyone
 * else). Records are scoped by that action.
 */
const usersAction = (who: { ability: AppAbility }) =>
  who.ability.can('administer', 'User') ? ('administer' as const) : ('grant' as const);
const eitherAdministrator = {
  anyOf: [
    ['administer', 'User'],
    ['grant', 'User'],
  ],
} as const;

type UserRow = {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  active: boolean;
  createdAt: Date;
};
/** A user as the admin pages show it (never its password hash). */
const view = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  orgId: u.orgId,
  roles: u.roles,
  active: u.active,
  createdAt: u.createdAt,
});
/** The same with the name of its unit. */
const viewInUnit = (u: UserRow & { org: { name: string } }) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  orgId: u.orgId,
  orgName: u.org.name,
  roles: u.roles,
  active: u.active,
  createdAt: u.createdAt,
});

const adminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  roles: z.array(z.enum(Role)),
  active: z.boolean(),
  createdAt: instant,
});
const adminUserInUnit = adminUser.extend({ orgName: z.string() });

const route = routesOf<{ db: Db; auth: AuthService }>('admin');

/**
 * Users as an admin keeps them: create (with a one-time password), unit, roles, disable (which
 * ends their sessions at once), reset password. Ending sessions alone is the auth module's
 * POST /api/users/:id/sessions/revoke. A street's admin sees and changes its own users; others 404.
 */
export const usersAdminRoutes = [
  // The system administrator or the security administrator; records scoped by usersAction.
  route({
    method: 'get',
    path: '/api/admin/users',
    summary: '用户（可管理）Users I administer',
    access: eitherAdministrator,
    query: listQuery,
    answer: z.object({ items: z.array(adminUserInUnit), total: z.number().int() }),
    handler: async ({ db }, { query: { unit, q, page, pageSize }, who }) => {
      const { ability } = who;
      const action = usersAction(who);
      const unitPath = unit
        ? (
            await db.org.findFirst({
              where: { AND: [accessibleBy(ability, 'administer').ofType('Org'), { id: unit }] },
            })
          )?.path
        : undefined;
      if (unit && !unitPath) throw new HttpError(404, 'error.notFound');
      const where = {
        AND: [
          accessibleBy(ability, action).ofType('User'),
          unitPath ? { org: { path: { startsWith: unitPath } } } : {},
          q
            ? {
                OR: [
                  { username: { contains: q, mode: 'insensitive' as const } },
                  { displayName: { contains: q } },
                ],
              }
            : {},
        ],
      };
      const [items, total] = await Promise.all([
        db.user.findMany({
          where,
          include: { org: { select: { name: true } } },
          orderBy: [{ org: { path: 'asc' } }, { username: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.user.count({ where }),
      ]);
      return { items: items.map(viewInUnit), total };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/users',
    summary: '新建用户 Create a user',
    access: ['administer', 'User'],
    body: createBody,
    answer: z.object({ user: adminUser, password: z.string() }),
    status: 201,
    handler: async ({ db, auth }, { body, who, ctx }) => {
      await unitFor(db, who.ability, body.orgId);
      checkGrant(who, undefined, body.roles);
      if (await db.user.findUnique({ where: { username: body.username } }))
        throw new HttpError(409, 'admin.usernameTaken');
      const password = oneTimePassword();
      const created = await db.$transaction(async (tx) => {
        const u = await tx.user.create({
          data: { ...body, roles: [...new Set(body.roles)], passwordHash: '!' },
        });
        auditAdmin(ctx, 'user.create', 'User', u.id, {
          username: u.username,
          orgId: u.orgId,
          roles: u.roles,
        });
        return u;
      });
      await auth.setPassword(created.id, password, { oneTime: true });
      return { user: view(created), password };
    },
  }),
  // The system administrator or the security administrator (roles only): checked inside.
  route({
    method: 'put',
    path: '/api/admin/users/:id',
    summary: '修改用户：姓名、单位、角色、停用 Change a user: name, unit, roles, disable',
    access: eitherAdministrator,
    params: idParams,
    body: updateBody,
    answer: adminUserInUnit,
    handler: async ({ db }, { params: { id }, body, who, ctx }) => {
      const action = usersAction(who);
      // The security administrator changes roles and nothing else of a user.
      if (action === 'grant' && Object.keys(body).some((k) => k !== 'roles'))
        throw new HttpError(403, 'error.forbidden');
      const target = await userInScope(db, who.ability, id, action);
      if (body.orgId && body.orgId !== target.orgId) await unitFor(db, who.ability, body.orgId);
      checkGrant(who, target, body.roles, target.roles);
      const data = { ...body, ...(body.roles ? { roles: [...new Set(body.roles)] } : {}) };
      const updated = await db.$transaction(async (tx) => {
        const u = await tx.user.update({ where: { id }, data, include: { org: { select: { name: true } } } });
        // A disabled user is signed out everywhere at once.
        if (body.active === false) await tx.session.deleteMany({ where: { userId: id } });
        auditAdmin(ctx, 'user.update', 'User', id, {
          from: {
            displayName: target.displayName,
            orgId: target.orgId,
            roles: target.roles,
            active: target.active,
          },
          to: { displayName: u.displayName, orgId: u.orgId, roles: u.roles, active: u.active },
        });
        return u;
      });
      return viewInUnit(updated);
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/users/:id/password',
    summary: '重置密码（仅显示一次）Reset a password (shown once)',
    access: ['administer', 'User'],
    params: idParams,
    answer: z.object({ password: z.string() }),
    handler: async ({ db, auth }, { params: { id }, who: { ability }, ctx }) => {
      const target = await userInScope(db, ability, id);
      const password = oneTimePassword();
      // setPassword ends every session of the user: the old password's sessions go with it.
      await auth.setPassword(target.id, password, { oneTime: true });
      auditAdmin(ctx, 'user.password.reset', 'User', target.id);
      return { password };
    },
  }),
];
