import type { Logger } from 'pino';
import { z } from 'zod';
import { beijingTimestamp } from '../../../../lib/china-time';
import type { Db } from '../../../../lib/db';
import { objectOf } from '../../../../lib/json';
import { instant, localized, paged } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import type { RouteSpec } from '../../http/openapi';
import type { SessionUser } from '../../abilities';
import { auditedExport } from '../exports/audited-export';
import { XLSX, xlsxStream } from '../exports/xlsx-stream';
import { actionName, subjectTypeName } from './subject-types';
import { auditDetailText } from './audit-detail';
import { searchAuditLog, type AuditLog, type AuditQuery } from './audit.service';

const filterQuery = z.object({
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(200).optional(),
  subjectType: z.string().trim().min(1).max(64).optional(),
  subjectId: z.string().trim().min(1).max(120).optional(),
  address: z.string().trim().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
const searchQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
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
  /** The kind of record by name, when the log knows it. */
  subjectTypeName: localized.nullable(),
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

interface AuditDeps {
  db: Db;
  labels: Map<string, string>;
  audit: AuditLog;
  log: Logger;
}
const route = routesOf<AuditDeps>('audit');

/** A page of the log, each entry's route named as the API documents it. */
async function labelledPage({ db, labels }: AuditDeps, q: AuditQuery, auditor: SessionUser, counted = true) {
  const page = await searchAuditLog(db, q, auditor, { counted });
  // A domain verb (process.deploy) keeps its route in detail.route.
  const routeOf = (detail: ReturnType<typeof objectOf>, action: string) =>
    typeof detail?.route === 'string' ? detail.route : action;
  return {
    ...page,
    items: page.items.map((e) => {
      const detail = objectOf(e.detail);
      return {
        ...e,
        detail,
        label: labels.get(routeOf(detail, e.action)) ?? actionName(e.action),
        subjectTypeName: subjectTypeName(e.subjectType),
      };
    }),
  };
}
type Entry = Awaited<ReturnType<typeof labelledPage>>['items'][number];

const dates = ({ from, to }: { from?: string; to?: string }) => ({
  from: from ? new Date(from) : undefined,
  to: to ? new Date(to) : undefined,
});
const EXPORT_PAGE = 500;
/** The actor when the account still exists (else only its id is known). */
const actor = (e: Entry) => (e.user && 'username' in e.user ? e.user : undefined);
const EXPORT_COLUMNS = [
  { header: '时间', width: 20, value: (e: Entry) => beijingTimestamp(e.at) },
  {
    header: '用户',
    width: 16,
    value: (e: Entry) => actor(e)?.displayName ?? e.user?.id ?? '',
  },
  { header: '用户名', width: 14, value: (e: Entry) => actor(e)?.username ?? '' },
  { header: '单位', width: 16, value: (e: Entry) => actor(e)?.org.name ?? '' },
  { header: '操作', width: 40, value: (e: Entry) => e.label ?? e.action },
  { header: '对象类型', width: 14, value: (e: Entry) => e.subjectTypeName?.['zh-CN'] ?? e.subjectType },
  { header: '对象', width: 24, value: (e: Entry) => e.subjectName ?? e.subjectId },
  { header: '来源地址', width: 16, value: (e: Entry) => e.address },
  { header: '结果', width: 8, value: (e: Entry) => e.status },
  { header: '详情', width: 60, value: (e: Entry) => auditDetailText(e.detail) },
];

/** The admins' search over the audit log and its export. */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/audit',
    summary: '审计日志 Search the audit log (admins; a street admin its own subtree)',
    access: ['read', 'AuditLog'],
    query: searchQuery,
    answer: paged(entry),
    handler: (deps, { query, who: { user } }) => labelledPage(deps, { ...query, ...dates(query) }, user),
  }),
  route({
    method: 'get',
    path: '/api/audit/export.xlsx',
    summary:
      '导出审计日志（Excel，筛选同审计日志，本次导出亦记入日志） Export the audit log as .xlsx, filtered like the search (the export is itself audited)',
    access: ['read', 'AuditLog'],
    query: filterQuery,
    answer: { file: XLSX },
    handler: async (deps, { query, who: { user }, ctx }) => {
      // Entries written while the file is read (this export's own among them) would shift the
      // pages: the export reads the log as it stood when asked.
      const asked = dates(query);
      const until = asked.to && asked.to < new Date() ? asked.to : new Date();
      await auditedExport(deps.audit, deps.log)(
        ctx,
        {
          action: 'export.xlsx',
          subjectType: 'Export',
          subjectId: 'audit.xlsx',
          filter: query,
          fileName: '审计日志.xlsx',
          contentType: XLSX,
          disposition: 'attachment',
        },
        (onEnd) =>
          xlsxStream<Entry>(
            '审计日志',
            EXPORT_COLUMNS,
            async (page) =>
              (
                await labelledPage(
                  deps,
                  { ...query, ...asked, to: until, page, pageSize: EXPORT_PAGE },
                  user,
                  false,
                )
              ).items,
            EXPORT_PAGE,
            (err) => deps.log.error({ err }, 'audit export failed midway'),
            onEnd,
          ),
      );
    },
  }),
];
