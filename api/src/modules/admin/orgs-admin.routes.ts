import { OrgType, Prisma } from '@prisma/client';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { PARENT_TYPES, checkBoundary, parentTypesMessage } from '../../../../lib/bulk-import';
import { accessibleBy, type AppAbility } from '../../abilities';
import { instant, listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { fieldError, HttpError } from '../../http/errors';
import { auditAdmin, orgInScope } from './admin-scope';

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const idParams = z.object({ id: code });
const unitType = z.enum(['STREET', 'COMMUNITY', 'GRID', 'MICRO_GRID', 'DEPARTMENT']);
const boundary = z
  .record(z.string(), z.unknown())
  .refine((g) => checkBoundary(g) !== null, 'GeoJSON Polygon or MultiPolygon in WGS-84');
const deptKind = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
/** The full name its papers are signed with (深圳市宝安区信访局) and its 发文机关代字 (深宝信访). */
const fullName = z.string().trim().min(1).max(100);
const docPrefix = z.string().trim().min(1).max(20);
const createBody = z.strictObject({
  id: code,
  name: z.string().trim().min(1).max(100),
  type: unitType,
  parentId: code,
  deptKind: deptKind.optional(),
  fullName: fullName.optional(),
  docPrefix: docPrefix.optional(),
  boundary: boundary.optional(),
});
const updateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  deptKind: deptKind.nullable().optional(),
  fullName: fullName.nullable().optional(),
  docPrefix: docPrefix.nullable().optional(),
  boundary: boundary.nullable().optional(),
});
const moveBody = z.strictObject({ parentId: code });
const listQuery = z.object({ retired: z.enum(['true', 'false']).optional() });

/** A parent the caller may name for a unit of `type`: in their subtree, active, of a fitting type. */
async function parentFor(db: Db, ability: AppAbility, parentId: string, type: keyof typeof PARENT_TYPES) {
  const parent = await db.org.findFirst({
    where: { AND: [accessibleBy(ability, 'administer').ofType('Org'), { id: parentId }] },
  });
  if (!parent) throw fieldError('parentId', t('error.unknownUnit'));
  if (parent.retiredAt) throw fieldError('parentId', t('admin.unitRetired'));
  if (!PARENT_TYPES[type].includes(parent.type)) throw fieldError('parentId', parentTypesMessage(type));
  return parent;
}

/** A unit as the admin pages show it: its boundary only as whether it has one. */
const view = <O extends { boundary: unknown }>(o: O) => {
  const { boundary: b, ...rest } = o;
  return { ...rest, hasBoundary: b !== null && b !== undefined };
};

const adminOrg = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(OrgType),
  parentId: z.string().nullable(),
  path: z.string(),
  deptKind: z.string().nullable(),
  fullName: z.string().nullable(),
  docPrefix: z.string().nullable(),
  retiredAt: instant.nullable(),
  hasBoundary: z.boolean(),
});

const route = routesOf<{ db: Db }>('admin');

/**
 * The org tree as an admin keeps it (区 → 街道 → 社区 → 网格 → 微网格, departments): create,
 * rename, move, retire. A street's admin manages its own subtree; other units answer 404. A unit
 * is retired, never deleted: it keeps its cases and history and leaves pickers.
 */
export const orgsAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/orgs',
    summary: '组织树（可管理）Org tree I administer',
    access: ['administer', 'Org'],
    query: listQuery,
    answer: listOf(adminOrg.extend({ activeUsers: z.number().int() })),
    handler: async ({ db }, { query: { retired }, who: { ability } }) => {
      const items = await db.org.findMany({
        where: {
          AND: [
            accessibleBy(ability, 'administer').ofType('Org'),
            retired === 'false' ? { retiredAt: null } : {},
          ],
        },
        select: {
          id: true,
          name: true,
          type: true,
          parentId: true,
          path: true,
          deptKind: true,
          fullName: true,
          docPrefix: true,
          retiredAt: true,
          boundary: true,
          _count: { select: { users: { where: { active: true } } } },
        },
        orderBy: { path: 'asc' },
      });
      return { items: items.map(({ _count, ...o }) => ({ ...view(o), activeUsers: _count.users })) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/orgs',
    summary: '新建单位 Create a unit',
    access: ['administer', 'Org'],
    body: createBody,
    answer: adminOrg,
    status: 201,
    handler: async ({ db }, { body, who: { ability }, ctx }) => {
      const parent = await parentFor(db, ability, body.parentId, body.type);
      if (body.deptKind && body.type !== 'DEPARTMENT') throw fieldError('deptKind', t('import.badDeptKind'));
      if (await db.org.findUnique({ where: { id: body.id } })) throw new HttpError(409, 'admin.codeTaken');
      const org = await db.$transaction(async (tx) => {
        const created = await tx.org.create({
          data: {
            ...body,
            boundary: (checkBoundary(body.boundary) ?? undefined) as Prisma.InputJsonValue | undefined,
            path: `${parent.path}${body.id}/`,
          },
        });
        auditAdmin(ctx, 'org.create', 'Org', created.id, {
          name: created.name,
          type: created.type,
          parentId: created.parentId,
        });
        return created;
      });
      return view(org);
    },
  }),
  route({
    method: 'put',
    path: '/api/admin/orgs/:id',
    summary: '改名、边界 Rename a unit, set its boundary',
    access: ['administer', 'Org'],
    params: idParams,
    body: updateBody,
    answer: adminOrg,
    handler: async ({ db }, { params: { id }, body, who: { ability }, ctx }) => {
      const org = await orgInScope(db, ability, id);
      if (body.deptKind && org.type !== 'DEPARTMENT') throw fieldError('deptKind', t('import.badDeptKind'));
      const boundaryData =
        body.boundary === undefined
          ? {}
          : {
              boundary:
                body.boundary === null
                  ? Prisma.DbNull
                  : (checkBoundary(body.boundary) as Prisma.InputJsonValue),
            };
      const updated = await db.$transaction(async (tx) => {
        const u = await tx.org.update({
          where: { id },
          data: {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.deptKind !== undefined ? { deptKind: body.deptKind } : {}),
            ...(body.fullName !== undefined ? { fullName: body.fullName } : {}),
            ...(body.docPrefix !== undefined ? { docPrefix: body.docPrefix } : {}),
            ...boundaryData,
          },
        });
        auditAdmin(ctx, 'org.update', 'Org', id, {
          from: { name: org.name, deptKind: org.deptKind, fullName: org.fullName, docPrefix: org.docPrefix },
          to: { name: u.name, deptKind: u.deptKind, fullName: u.fullName, docPrefix: u.docPrefix },
          boundary: body.boundary === undefined ? 'kept' : body.boundary === null ? 'removed' : 'set',
        });
        return u;
      });
      return view(updated);
    },
  }),
  // Moving re-roots the unit's whole subtree, and the read paths its cases, tasks and cards carry,
  // so scope follows the unit to its new place at once. Assessment scores stay as they were
  // computed (a closed period's ranking does not change).
  route({
    method: 'post',
    path: '/api/admin/orgs/:id/move',
    summary: '移动单位 Move a unit',
    access: ['administer', 'Org'],
    params: idParams,
    body: moveBody,
    answer: adminOrg,
    handler: async ({ db }, { params: { id }, body: { parentId }, who: { ability }, ctx }) => {
      const org = await orgInScope(db, ability, id);
      if (org.type === 'DISTRICT') throw new HttpError(403, 'error.forbidden');
      const parent = await parentFor(db, ability, parentId, org.type);
      if (parent.path.startsWith(org.path)) throw fieldError('parentId', t('admin.moveBelowItself'));
      const to = `${parent.path}${id}/`;
      await db.$transaction(async (tx) => {
        await tx.org.update({ where: { id }, data: { parentId } });
        const from = org.path;
        await tx.$executeRaw`UPDATE "Org" SET path = ${to} || substr(path, ${from.length + 1}) WHERE starts_with(path, ${from})`;
        await tx.$executeRaw`UPDATE "Event" SET "gridPath" = ${to} || substr("gridPath", ${from.length + 1}) WHERE starts_with("gridPath", ${from})`;
        await tx.$executeRaw`UPDATE "InboxTask" SET "orgPath" = ${to} || substr("orgPath", ${from.length + 1}) WHERE starts_with("orgPath", ${from})`;
        await tx.$executeRaw`UPDATE "SupervisionCard" SET "unitPath" = ${to} || substr("unitPath", ${from.length + 1}) WHERE starts_with("unitPath", ${from})`;
        auditAdmin(ctx, 'org.move', 'Org', id, { fromParent: org.parentId, toParent: parentId });
      });
      return view(await db.org.findUniqueOrThrow({ where: { id } }));
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/orgs/:id/retire',
    summary: '撤销单位 Retire a unit',
    access: ['administer', 'Org'],
    params: idParams,
    answer: adminOrg,
    handler: async ({ db }, { params: { id }, who: { user, ability }, ctx }) => {
      const org = await orgInScope(db, ability, id);
      if (org.retiredAt) throw new HttpError(409, 'admin.unitRetired');
      if (org.id === user.orgId || org.type === 'DISTRICT') throw new HttpError(403, 'error.forbidden');
      const [children, users] = await Promise.all([
        db.org.count({ where: { parentId: id, retiredAt: null } }),
        db.user.count({ where: { orgId: id, active: true } }),
      ]);
      if (children) throw new HttpError(409, 'admin.unitHasChildren');
      if (users) throw new HttpError(409, 'admin.unitHasUsers');
      const retired = await db.$transaction(async (tx) => {
        const r = await tx.org.update({ where: { id }, data: { retiredAt: new Date() } });
        auditAdmin(ctx, 'org.retire', 'Org', id);
        return r;
      });
      return view(retired);
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/orgs/:id/restore',
    summary: '恢复单位 Restore a retired unit',
    access: ['administer', 'Org'],
    params: idParams,
    answer: adminOrg,
    handler: async ({ db }, { params: { id }, who: { ability }, ctx }) => {
      const org = await orgInScope(db, ability, id);
      if (org.retiredAt) {
        const parent = org.parentId ? await db.org.findUnique({ where: { id: org.parentId } }) : null;
        if (parent?.retiredAt) throw new HttpError(409, 'admin.unitRetired');
        await db.$transaction(async (tx) => {
          await tx.org.update({ where: { id }, data: { retiredAt: null } });
          auditAdmin(ctx, 'org.restore', 'Org', id);
        });
      }
      return view(await db.org.findUniqueOrThrow({ where: { id } }));
    },
  }),
];
