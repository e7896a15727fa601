import { z } from 'zod';
import { routesOf } from '../../../api/src/http/define-route';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { renderPdf } from '../../../lib/pdf';
import { auditedExport } from '../../../api/src/modules/exports/audited-export';
import { caseSheet } from './case-sheet';
import { userReporter, type EventsService } from './events.service';
import {
  caseViewAnswer,
  categoriesAnswer,
  diagramAnswer,
  eventListAnswer,
  eventRow,
  reopenAnswer,
} from './events.answers';

const newEvent = z
  .object({
    category: z.string().trim().min(1).max(50),
    urgency: z.enum(['URGENT', 'NORMAL']),
    /** The grid the reporter confirmed; when left out, the grid whose boundary holds the location. */
    gridId: z.string().trim().min(1).max(50).optional(),
    /** Required unless `buildingId` or `roomId` names where: then the standard address stands in. */
    address: z.string().trim().min(1).max(200).optional(),
    /** The building and room of the address base (一楼一码、一房一码); the case keeps the link. */
    buildingId: z.string().trim().min(1).max(50).optional(),
    roomId: z.string().trim().min(1).max(50).optional(),
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
    /**
     * The phone's id for a report written offline (a draft sent when the connection returns): sent
     * again by the same reporter it answers the case it made (200, replayed), never a second case.
     */
    clientRef: z.uuid().optional(),
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

const route = routesOf<{ events: EventsService; exported: ReturnType<typeof auditedExport> }>('events');

/** Event intake and the case view; each case is checked against the caller's scope in the service. */
export const eventsRoutes = [
  route({
    method: 'get',
    path: '/api/event-categories',
    summary: '事件类别 Event categories',
    access: 'signed-in',
    answer: categoriesAnswer,
    handler: async ({ events }) => ({ items: await events.categories() }),
  }),
  route({
    method: 'post',
    path: '/api/events',
    summary: '事件上报 Report an event',
    access: 'signed-in-or-channel',
    body: newEvent,
    answer: eventRow.extend({ replayed: z.boolean().optional() }),
    status: 201,
    // Who reports is settled before the body is read: a bad key is a 401, a user who may not report a 403.
    before: async ({ events }, { who, ctx }) => {
      const channelKey = ctx.get('x-channel-key');
      const reporter = channelKey || !who ? await events.channelReporter(channelKey) : userReporter(who);
      if (channelKey) auditAs(ctx.state, { detail: { channel: reporter.source } });
      return reporter;
    },
    handler: async ({ events }, { body, prior, ctx }) => {
      const made = await events.report(body, prior);
      if (made.replayed) ctx.status = 200;
      return made;
    },
  }),
  route({
    method: 'get',
    path: '/api/events',
    summary: '事件列表 Events in my area',
    access: 'signed-in',
    query: listQuery,
    answer: eventListAnswer,
    handler: ({ events }, { query, who }) => events.list(query, who),
  }),
  route({
    method: 'get',
    path: '/api/events/:id',
    summary: '案件视图 Case view with timeline',
    access: 'signed-in',
    params: idParam,
    answer: caseViewAnswer,
    handler: ({ events }, { params, who }) => events.caseView(params.id, who),
  }),
  route({
    method: 'get',
    path: '/api/events/:id/diagram',
    summary: '流程图与路径 Diagram with the path taken',
    access: 'signed-in',
    params: idParam,
    answer: diagramAnswer,
    handler: ({ events }, { params, who }) => events.diagram(params.id, who),
  }),
  // The 办理单 is sent audited like every export, with the case and its row count.
  route({
    method: 'get',
    path: '/api/events/:id/sheet.pdf',
    summary: '办理单（PDF，含办理过程） The case sheet as PDF, with its timeline',
    access: 'signed-in',
    params: idParam,
    answer: { file: 'application/pdf' },
    handler: async ({ events, exported }, { params: { id }, who, ctx }) => {
      const view = await events.caseView(id, who);
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
    },
  }),
  route({
    method: 'post',
    path: '/api/events/:id/reopen',
    summary: '重办 Reopen',
    access: 'signed-in',
    params: idParam,
    body: reopenBody,
    answer: reopenAnswer,
    status: 202,
    handler: ({ events }, { params, body, who }) => events.reopen(params.id, body.reason, who),
  }),
];
