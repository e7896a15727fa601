import Router from '@koa/router';
import { accessibleBy } from '../../abilities';
import type { Db } from '../../../../lib/db';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';

export const orgsSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/orgs', summary: '可见单位 Units in my scope', tag: 'orgs' },
  {
    method: 'get',
    path: '/api/colleagues',
    summary: '可委派的同事 Colleagues I may delegate to',
    tag: 'orgs',
  },
];

/**
 * The units a caller may name: their own subtree (inbox unit filter) and the departments
 * (transfer targets), flat with parentId so the browser builds the tree.
 */
export function orgsRoutes(db: Db) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.get('/orgs', async (ctx) => {
    const { ability } = caller(ctx.state);
    const items = await db.org.findMany({
      // Retired units leave every picker (inbox filter, transfer targets, report grid).
      where: { AND: [accessibleBy(ability, 'read').ofType('Org'), { retiredAt: null }] },
      select: { id: true, name: true, type: true, parentId: true, path: true },
      orderBy: { path: 'asc' },
    });
    ctx.body = { items };
  });
  // The active users of the caller's own unit and the units below it: whom 委派 may name.
  router.get('/colleagues', async (ctx) => {
    const { user, ability } = caller(ctx.state);
    const items = await db.user.findMany({
      where: {
        active: true,
        id: { not: user.id },
        org: { AND: [accessibleBy(ability, 'assign').ofType('Org'), { retiredAt: null }] },
      },
      select: { id: true, displayName: true, orgId: true, org: { select: { name: true, path: true } } },
      orderBy: [{ org: { path: 'asc' } }, { displayName: 'asc' }],
    });
    ctx.body = {
      items: items.map(({ org, ...u }) => ({ ...u, orgName: org.name })),
    };
  });
  return router;
}
