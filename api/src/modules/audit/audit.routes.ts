import Router from '@koa/router';
import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { HttpError, parse } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
import { searchAuditLog } from './audit.service';

const searchQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(200).optional(),
  subjectType: z.string().trim().min(1).max(64).optional(),
  subjectId: z.string().trim().min(1).max(120).optional(),
  address: z.string().trim().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const auditSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/audit',
    summary: '审计日志 Search the audit log (admins; a street admin its own subtree)',
    tag: 'audit',
    query: searchQuery,
  },
];

/** The admins' search over the audit log; each entry's route named as the API documents it. */
export function auditRoutes(db: Db, specs: RouteSpec[]) {
  const router = new Router<AppState>({ prefix: '/api/audit' });
  const labels = new Map(specs.map((s) => [`${s.method.toUpperCase()} ${s.path}`, s.summary]));
  router.get('/', async (ctx) => {
    const { user, ability } = caller(ctx.state);
    if (!ability.can('read', 'AuditLog')) throw new HttpError(403, 'error.forbidden');
    const { from, to, ...q } = parse(searchQuery, ctx.query);
    const page = await searchAuditLog(
      db,
      { ...q, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      user,
    );
    // A domain verb (process.deploy) keeps its route in detail.route.
    const routeOf = (e: (typeof page.items)[number]) =>
      (e.detail as { route?: string } | null)?.route ?? e.action;
    ctx.body = { ...page, items: page.items.map((e) => ({ ...e, label: labels.get(routeOf(e)) ?? null })) };
  });
  return router;
}
