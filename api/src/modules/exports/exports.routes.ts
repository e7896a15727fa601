import { beijingTimestamp } from '../../../../lib/china-time';
import type { RouterContext } from '@koa/router';
import type { Logger } from 'pino';
import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import type { AuditLog } from '../audit/audit.service';
import type { AppState } from '../auth/session.middleware';
import type { AssessmentService } from '../../../../loops/assessment/api/assessment.service';
import { eventListQuery } from '../../../../loops/event-handling/api/events.routes';
import type { EventsService } from '../../../../loops/event-handling/api/events.service';
import type { SupervisionService } from '../supervision/supervision.service';
import { auditedExport } from './audited-export';
import { XLSX, xlsxStream } from './xlsx-stream';

const PAGE = 500;
const casesQuery = eventListQuery.omit({ page: true, pageSize: true });
const overdueQuery = z.object({
  unit: z.string().trim().min(1).max(50).optional(),
  level: z.enum(['yellow', 'red', 'all']).default('all'),
});
const rankingsQuery = z.object({
  period: z.string().min(1).max(60),
  level: z.enum(['STREET', 'COMMUNITY', 'DEPARTMENT']),
});

const shanghai = (d: Date | string | null | undefined) => (d ? beijingTimestamp(d) : '');
const STATUS: Record<string, string> = { OPEN: '办理中', ARCHIVED: '已归档' };
const LEVEL: Record<string, string> = { GRID: '网格', COMMUNITY: '社区', STREET: '街道', DISTRICT: '区' };
const OVERDUE: Record<string, string> = { onTime: '正常', yellow: '黄色超期', red: '红色超期' };

export interface ExportsDeps {
  events: EventsService;
  supervision: SupervisionService;
  assessment: AssessmentService;
  audit: AuditLog;
  log: Logger;
}

/** A workbook named `name`, audited with the list's filter and its row count. */
const exported = (
  { audit, log }: ExportsDeps,
  ctx: RouterContext<AppState>,
  name: string,
  filter: object,
  build: (onEnd: (rows: number | null) => void) => Promise<NodeJS.ReadableStream>,
) =>
  auditedExport(audit, log)(
    ctx,
    {
      action: 'export.xlsx',
      subjectType: 'Export',
      subjectId: ctx.path.replace('/api/exports/', ''),
      filter,
      fileName: name,
      contentType: XLSX,
      disposition: 'attachment',
    },
    build,
  );
const onError = (log: Logger) => (err: unknown) => log.error({ err }, 'export failed midway');
const workbook = { file: XLSX } as const;

const route = routesOf<ExportsDeps>('exports');

/**
 * Excel exports of what the lists show, through the same services, so an export is scoped
 * exactly like the list it comes from (the caller's area; 403/404 the same way).
 */
export const exportsRoutes = [
  route({
    method: 'get',
    path: '/api/exports/cases.xlsx',
    summary: '导出案件（Excel，筛选同案件列表） Export cases as .xlsx, filtered like the case list',
    access: 'signed-in',
    query: casesQuery,
    answer: workbook,
    handler: async (deps, { query: q, who, ctx }) => {
      type Row = Awaited<ReturnType<EventsService['list']>>['items'][number];
      await exported(deps, ctx, '案件.xlsx', q, (onEnd) =>
        xlsxStream<Row>(
          '案件',
          [
            { header: '案件编号', width: 18, value: (e) => e.caseNo },
            { header: '事件类别', width: 12, value: (e) => e.category.name },
            { header: '紧急程度', width: 8, value: (e) => (e.urgency === 'URGENT' ? '紧急' : '一般') },
            { header: '状态', width: 8, value: (e) => STATUS[e.status] },
            { header: '当前层级', width: 8, value: (e) => LEVEL[e.level] },
            {
              header: '当前环节',
              width: 24,
              value: (e) =>
                e.currentSteps.map((s) => `${s.name}（${s.unitName ?? s.unitId ?? ''}）`).join('；'),
            },
            { header: '地址', width: 28, value: (e) => e.address },
            { header: '上报人', width: 10, value: (e) => e.reporterName },
            { header: '上报时间', width: 20, value: (e) => shanghai(e.createdAt) },
            { header: '事件描述', width: 40, value: (e) => e.description },
          ],
          async (page) => (await deps.events.list({ ...q, page, pageSize: PAGE }, who)).items,
          PAGE,
          onError(deps.log),
          onEnd,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/api/exports/overdue.xlsx',
    summary: '导出超期任务（Excel） Export overdue tasks as .xlsx',
    access: 'signed-in',
    query: overdueQuery,
    answer: workbook,
    handler: async (deps, { query: q, who, ctx }) => {
      type Row = Awaited<ReturnType<SupervisionService['overdueTasks']>>['items'][number];
      await exported(deps, ctx, '超期任务.xlsx', q, (onEnd) =>
        xlsxStream<Row>(
          '超期任务',
          [
            { header: '案件编号', width: 18, value: (t) => t.caseNo },
            { header: '环节', width: 12, value: (t) => t.name },
            { header: '承办单位', width: 20, value: (t) => t.unitName ?? t.orgId },
            { header: '超期状态', width: 10, value: (t) => (t.overdue ? OVERDUE[t.overdue] : '') },
            { header: '黄色时限', width: 20, value: (t) => shanghai(t.dueDate) },
            { header: '红色时限', width: 20, value: (t) => shanghai(t.redAt) },
            { header: '已收督办/催办', width: 14, value: (t) => t.cards.total },
            { header: '地址', width: 28, value: (t) => t.address },
          ],
          async (page) => (await deps.supervision.overdueTasks({ ...q, page, pageSize: PAGE }, who)).items,
          PAGE,
          onError(deps.log),
          onEnd,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/api/exports/rankings.xlsx',
    summary: '导出考评排名（Excel） Export a ranking as .xlsx',
    access: ['read', 'AssessmentRun'],
    query: rankingsQuery,
    answer: workbook,
    handler: async (deps, { query: q, who, ctx }) => {
      const ranking = await deps.assessment.ranking(q.period, q.level, who);
      type Row = (typeof ranking.items)[number] | (typeof ranking.noWork)[number];
      const pct = (hit: number, total: number) =>
        total > 0 ? `${Math.round((hit / total) * 1000) / 10}%` : '—';
      const rows: Row[] = [...ranking.items, ...ranking.noWork];
      await exported(deps, ctx, `考评排名-${q.period}.xlsx`, q, (onEnd) =>
        xlsxStream<Row>(
          `考评排名 ${q.period}`.slice(0, 31),
          [
            { header: '排名', width: 8, value: (s) => s.rank ?? '不参与排名' },
            { header: '单位', width: 20, value: (s) => s.unitName },
            { header: '得分', width: 8, value: (s) => s.score },
            {
              header: '红黑榜',
              width: 8,
              value: (s) => (s.band === 'red' ? '红榜' : s.band === 'black' ? '黑榜' : ''),
            },
            { header: '较上期', width: 8, value: (s) => s.change },
            { header: '签收及时率', width: 12, value: (s) => pct(s.responseOnTime, s.responseTotal) },
            { header: '按期办结率', width: 12, value: (s) => pct(s.solvedOnTime, s.solvedTotal) },
            { header: '满意率', width: 10, value: (s) => pct(s.satisfied, s.visited) },
            { header: '回退/重办', width: 10, value: (s) => `${s.reworked}/${s.handled}` },
            { header: '黄牌', width: 6, value: (s) => s.yellowCards },
            { header: '红牌', width: 6, value: (s) => s.redCards },
          ],
          async (page) => (page === 1 ? rows : []),
          Number.MAX_SAFE_INTEGER,
          onError(deps.log),
          onEnd,
        ),
      );
    },
  }),
];
