import { z } from 'zod';
import type { Db } from '../../../../lib/db';
import { objectOf } from '../../../../lib/json';
import { instant, paged } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import type { RouteSpec } from '../../http/openapi';
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

const entry = z.object({
  id: z.string(),
  at: instant,
  /** Who acted: their name and unit, or only the id of an account since removed. */
  user: z
    .object({
      id: z.string(),
      username: z.string().optional(),
      displayName: z.string().optional(),
      org: z.object({ id: z.string(), name: z.string() }).optional(),
    })
    .nullable(),
  action: z.string(),
  /** The route's summary as the API documents it. */
  label: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** The subject by the name people use (a user's name, a unit's, a case number), when it has one. */
  subjectName: z.string().nullable(),
  address: z.string().nullable(),
  status: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

/** The routes' summaries by `METHOD /path`, the label of each entry. */
export const routeLabels = (specs: RouteSpec[]) =>
  new Map(specs.map((s) => [`${s.method.toUpperCase()} ${s.path}`, s.summary]));

const route = routesOf<{ db: Db; labels: Map<string, string> }>('audit');

/** The admins' search over the audit log; each entry's route named as the API documents it. */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/audit',
    summary: '审计日志 Search the audit log (admins; a street admin its own subtree)',
    access: ['read', 'AuditLog'],
    query: searchQuery,
    answer: paged(entry),
    handler: async ({ db, labels }, { query: { from, to, ...q }, who: { user } }) => {
      const page = await searchAuditLog(
        db,
        { ...q, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
        user,
      );
      // A domain verb (process.deploy) keeps its route in detail.route.
      const routeOf = (detail: ReturnType<typeof objectOf>, action: string) =>
        typeof detail?.route === 'string' ? detail.route : action;
      return {
        ...page,
        items: page.items.map((e) => {
          const detail = objectOf(e.detail);
          return { ...e, detail, label: labels.get(routeOf(detail, e.action)) ?? null };
        }),
      };
    },
  }),
];
