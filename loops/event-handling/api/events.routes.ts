import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../../../api/src/http/errors';
import type { RouteSpec } from '../../../api/src/http/openapi';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { caller, type AppState } from '../../../api/src/modules/auth/session.middleware';
import { renderPdf } from '../../../lib/pdf';
import { auditedExport } from '../../../api/src/modules/exports/audited-export';
import { caseSheet } from './case-sheet';
import { userReporter, type EventsService } from './events.service';

const newEvent = z
  .object({
    category: z.string().trim().min(1).max(50),
    urgency: z.enum(['URGENT', 'NORMAL']),
    /** The grid the reporter confirmed; when left out, the grid whose boundary holds the location. */
    gridId: z.string().trim().min(1).max(50).optional(),
    address: z.string().trim().min(1).max(200),
    /** Where it was reported, WGS-84 (a phone's GPS). */
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    description: z.string().trim().min(1).max(2000),
    reporterName: z.string().trim().max(50).optional(),
    attachments: z
      .array(z.object({ name: z.string().min(1).max(200), url: z.string().url().max(1000) }))
      .max(20)
      .default([]),
    attachmentIds: z.array(z.string().min(1).max(40)).max(20).default([]),
  })
  // A location is a pair.
  .refine((e) => (e.latitude === undefined) === (e.longitude === undefined), {
    path: ['longitude'],
    message: 'latitude and longitude go together',
  });

const reopenBody = z.object({ reason: z.string().trim().min(1).max(1000) });
const idParam = z.object({ id: z.string().min(1).max(40) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['OPEN', 'ARCHIVED']).optional(),
  category: z.string().trim().min(1).max(50).optional(),
  level: z.enum(['GRID', 'COMMUNITY', 'STREET', 'DISTRICT']).optional(),
  urgency: z.enum(['URGENT', 'NORMAL']).optional(),
  sort: z.enum(['createdAt', 'caseNo', 'level', 'urgency']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** Reported at or after (ISO 8601 with offset). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Reported before (ISO 8601 with offset). */
  to: z.iso.datetime({ offset: true }).optional(),
});

export { listQuery as eventListQuery };

export const eventsSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/event-categories', summary: '事件类别 Event categories', tag: 'events' },
  {
    method: 'post',
    path: '/api/events',
    summary: '事件上报 Report an event',
    tag: 'events',
    auth: 'session-or-channel',
    body: newEvent,
  },
  {
    method: 'get',
    path: '/api/events',
    summary: '事件列表 Events in my area',
    tag: 'events',
    query: listQuery,
  },
  {
    method: 'get',
    path: '/api/events/:id',
    summary: '案件视图 Case view with timeline',
    tag: 'events',
    params: idParam,
  },
  {
    method: 'get',
    path: '/api/events/:id/diagram',
    summary: '流程图与路径 Diagram with the path taken',
    tag: 'events',
    params: idParam,
  },
  {
    method: 'get',
    path: '/api/events/:id/sheet.pdf',
    summary: '办理单（PDF，含办理过程） The case sheet as PDF, with its timeline',
    tag: 'events',
    params: idParam,
  },
  {
    method: 'post',
    path: '/api/events/:id/reopen',
    summary: '重办 Reopen',
    tag: 'events',
    params: idParam,
    body: reopenBody,
  },
];

/** Event intake and the case view; abilities are checked inside the service. */
/** `exported` sends the 办理单 audited like every export, with the case and its row count. */
export function eventsRoutes(events: EventsService, exported: ReturnType<typeof auditedExport>) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.post('/events', async (ctx) => {
    const channelKey = ctx.get('x-channel-key');
    const reporter = channelKey ? await events.channelReporter(channelKey) : userReporter(caller(ctx.state));
    if (channelKey) auditAs(ctx.state, { detail: { channel: reporter.source } });
    ctx.status = 201;
    ctx.body = await events.report(parse(newEvent, ctx.request.body), reporter);
  });
  router.get('/event-categories', async (ctx) => {
    caller(ctx.state);
    ctx.body = { items: await events.categories() };
  });
  router.get('/events', async (ctx) => {
    ctx.body = await events.list(parse(listQuery, ctx.query), caller(ctx.state));
  });
  router.post('/events/:id/reopen', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    ctx.status = 202;
    ctx.body = await events.reopen(id, parse(reopenBody, ctx.request.body).reason, who);
  });
  router.get('/events/:id/diagram', async (ctx) => {
    ctx.body = await events.diagram(parse(idParam, ctx.params).id, caller(ctx.state));
  });
  router.get('/events/:id/sheet.pdf', async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    const view = await events.caseView(id, caller(ctx.state));
    const sheet = caseSheet(view);
    await exported(
      ctx,
      {
        action: 'export.pdf',
        subjectType: 'Event',
        subjectId: id,
        filter: { id, caseNo: view.event.caseNo },
        fileName: `${view.event.caseNo}.pdf`,
        contentType: 'application/pdf',
        disposition: 'inline',
      },
      async (onEnd) => {
        const rows = sheet.sections.reduce((n, s) => n + ('table' in s ? s.table.rows.length : 0), 0);
        return renderPdf(sheet)
          .on('end', () => onEnd(rows))
          .on('error', () => onEnd(null));
      },
    );
  });
  router.get('/events/:id', async (ctx) => {
    ctx.body = await events.caseView(parse(idParam, ctx.params).id, caller(ctx.state));
  });
  return router;
}
