import { OrgType } from '@prisma/client';
import { z } from 'zod';
import { accessibleBy } from '../../abilities';
import type { Db } from '../../../../lib/db';
import { listOf } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { CASE_READER_ROLES } from '../../../../lib/roles';

const unit = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(OrgType),
  parentId: z.string().nullable(),
  path: z.string(),
});
const colleague = z.object({
  id: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
});

const route = routesOf<Db>('orgs');

/**
 * The units a caller may name: their own subtree (inbox unit filter) and the departments
 * (transfer targets), flat with parentId so the browser builds the tree.
 */
export const orgsRoutes = [
  route({
    method: 'get',
    path: '/api/orgs',
    summary: '可见单位 Units in my scope',
    access: ['read', 'Org'],
    answer: listOf(unit),
    handler: async (db, { who }) => ({
      items: await db.org.findMany({
        // Retired units leave every picker (inbox filter, transfer targets, report grid).
        where: { AND: [accessibleBy(who.ability, 'read').ofType('Org'), { retiredAt: null }] },
        select: { id: true, name: true, type: true, parentId: true, path: true },
        orderBy: { path: 'asc' },
      }),
    }),
  }),
  // The active users of the caller's own unit and the units below it: whom 委派 and 加签 may name;
  // with `above`, also the case workers of the units above it, whom 抄送 may name.
  route({
    method: 'get',
    path: '/api/colleagues',
    summary: '可委派的同事 Colleagues I may delegate to',
    access: ['assign', 'Org'],
    query: z.object({ above: z.enum(['true', 'false']).default('false') }),
    answer: listOf(colleague),
    handler: async (db, { who, query }) => {
      const own = { AND: [accessibleBy(who.ability, 'assign').ofType('Org'), { retiredAt: null }] };
      const ancestors = who.user.org.path.split('/').filter((id) => id && id !== who.user.orgId);
      const items = await db.user.findMany({
        where: {
          active: true,
          id: { not: who.user.id },
          OR: [
            { org: own },
            ...(query.above === 'true'
              ? [{ orgId: { in: ancestors }, roles: { hasSome: [...CASE_READER_ROLES] } }]
              : []),
          ],
        },
        select: { id: true, displayName: true, orgId: true, org: { select: { name: true, path: true } } },
        orderBy: [{ org: { path: 'asc' } }, { displayName: 'asc' }],
      });
      return { items: items.map(({ org, ...u }) => ({ ...u, orgName: org.name })) };
    },
  }),
];
