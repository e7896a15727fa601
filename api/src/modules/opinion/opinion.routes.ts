import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import { instant, listOf, paged } from '../../http/answers';
import { auditAs } from '../audit/audit.middleware';
import type { OpinionService } from './opinion.service';

const text = (max: number) => z.string().trim().min(1).max(max);
const idParam = z.object({ id: z.string().min(1).max(40) });
const words = z.array(text(50)).max(200);

const sourceBody = z.strictObject({
  name: text(100),
  kind: z.enum(['rss', 'webhook']),
  url: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .optional(),
  intervalMinutes: z.number().int().min(5).max(1440).optional(),
});
const sourcePatch = z.strictObject({
  name: text(100).optional(),
  active: z.boolean().optional(),
  intervalMinutes: z.number().int().min(5).max(1440).optional(),
});
const ruleBody = z.strictObject({
  name: text(100),
  words: words.min(1),
  exclusions: words.default([]),
  requirePlace: z.boolean().default(false),
  active: z.boolean().default(true),
});
const rulePatch = z.strictObject({
  name: text(100).optional(),
  words: words.min(1).optional(),
  exclusions: words.optional(),
  requirePlace: z.boolean().optional(),
  active: z.boolean().optional(),
});
/**
 * What a monitoring vendor posts: up to 100 items, each at most as long as the list keeps (longer
 * bodies are cut when kept, not refused). Markup in them is removed when they are kept.
 */
const webhookBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        title: z.string().max(2000),
        link: z.string().max(1000).optional(),
        id: z.string().max(1000).optional(),
        body: z.string().max(100_000).optional(),
        publishedAt: z.string().max(100).optional(),
      }),
    )
    .min(1)
    .max(100),
});
const itemQuery = z.object({
  status: z.enum(['NEW', 'DISMISSED', 'EVENT', 'ATTACHED']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const dismissBody = z.strictObject({ reason: text(500) });
const eventBody = z.strictObject({
  category: text(50),
  urgency: z.enum(['URGENT', 'NORMAL']).default('NORMAL'),
  gridId: text(50),
  address: text(200),
  description: text(2000).optional(),
  reporterName: text(50).optional(),
});
const attachBody = z.strictObject({ eventId: text(40) });
const statsQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

const source = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  url: z.string().nullable(),
  intervalMinutes: z.number().int(),
  active: z.boolean(),
  lastPolledAt: instant.nullable(),
  lastError: z.string().nullable(),
});
const rule = z.object({
  id: z.string(),
  name: z.string(),
  words: z.array(z.string()),
  exclusions: z.array(z.string()),
  requirePlace: z.boolean(),
  active: z.boolean(),
  updatedAt: instant,
});
const parts = z.array(z.object({ text: z.string(), hit: z.boolean() }));
const item = z.object({
  id: z.string(),
  source: z.string(),
  link: z.string().nullable(),
  title: z.string(),
  titleParts: parts,
  bodyParts: parts,
  publishedAt: instant.nullable(),
  fetchedAt: instant,
  matchedWords: z.array(z.string()),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  status: z.string(),
  dismissReason: z.string().nullable(),
  eventId: z.string().nullable(),
  caseNo: z.string().nullable(),
});
const intake = z.object({ received: z.number().int(), created: z.number().int(), matched: z.number().int() });
const triaged = z.object({
  id: z.string(),
  status: z.string(),
  eventId: z.string().optional(),
  caseNo: z.string().optional(),
});

const route = routesOf<OpinionService>('opinion');

/** 舆情: sources (district administrator), the vendors' webhook, keyword rules and the triage list (district staff). */
export const opinionRoutes = [
  route({
    method: 'get',
    path: '/api/opinion/sources',
    summary: '舆情来源 Public-opinion sources',
    access: ['administer', 'OpinionSource'],
    answer: listOf(source),
    handler: (opinion) => opinion.sources(),
  }),
  route({
    method: 'post',
    path: '/api/opinion/sources',
    summary: '新建舆情来源（Webhook 密钥仅显示一次）Add a source (a webhook key is shown once)',
    access: ['administer', 'OpinionSource'],
    body: sourceBody,
    answer: z.object({ source, key: z.string().nullable() }),
    status: 201,
    handler: async (opinion, { body, ctx }) => {
      const made = await opinion.createSource(body);
      auditAs(ctx.state, {
        action: 'opinion.source.create',
        subjectType: 'OpinionSource',
        subjectId: made.source.id,
        detail: { kind: body.kind },
      });
      return made;
    },
  }),
  route({
    method: 'put',
    path: '/api/opinion/sources/:id',
    summary: '修改舆情来源（停用、间隔）Change a source (disable, interval)',
    access: ['administer', 'OpinionSource'],
    params: idParam,
    body: sourcePatch,
    answer: source,
    handler: (opinion, { params, body }) => opinion.updateSource(params.id, body),
  }),
  route({
    method: 'post',
    path: '/api/opinion/sources/:id/poll',
    summary: '立即抓取 Poll a feed now',
    access: ['administer', 'OpinionSource'],
    params: idParam,
    answer: intake.extend({ error: z.string().nullable() }),
    handler: (opinion, { params }) => opinion.pollNow(params.id),
  }),
  // The vendor is known by its key alone: checked before the body is read, 401 without a valid one.
  route({
    method: 'post',
    path: '/api/opinion/webhook',
    summary: '舆情推送（X-Channel-Key）A vendor pushes items (X-Channel-Key)',
    access: 'public',
    body: webhookBody,
    answer: intake,
    before: async (opinion, { ctx }) => {
      const found = await opinion.webhookSource(ctx.get('x-channel-key'));
      auditAs(ctx.state, { subjectType: 'OpinionSource', subjectId: found.id });
      return found;
    },
    handler: (opinion, { body, prior }) =>
      opinion.receive(
        prior.id,
        body.items.map((i) => ({ ...i, guid: i.id })),
      ),
  }),
  route({
    method: 'get',
    path: '/api/opinion/rules',
    summary: '舆情关键词规则 Keyword rules',
    access: ['read', 'OpinionRule'],
    answer: listOf(rule),
    handler: (opinion) => opinion.rules(),
  }),
  route({
    method: 'post',
    path: '/api/opinion/rules',
    summary: '新建关键词规则 Add a keyword rule',
    access: ['create', 'OpinionRule'],
    body: ruleBody,
    answer: rule,
    status: 201,
    handler: (opinion, { body, who }) => opinion.createRule(body, who),
  }),
  route({
    method: 'put',
    path: '/api/opinion/rules/:id',
    summary: '修改关键词规则 Change a keyword rule',
    access: ['update', 'OpinionRule'],
    params: idParam,
    body: rulePatch,
    answer: rule,
    handler: (opinion, { params, body, who }) => opinion.updateRule(params.id, body, who),
  }),
  route({
    method: 'get',
    path: '/api/opinion/items',
    summary: '舆情列表（命中关键词）Matching items',
    access: ['read', 'OpinionItem'],
    query: itemQuery,
    answer: paged(item),
    handler: (opinion, { query }) => opinion.items(query),
  }),
  route({
    method: 'post',
    path: '/api/opinion/items/:id/dismiss',
    summary: '忽略（须填理由）Dismiss with a reason',
    access: ['update', 'OpinionItem'],
    params: idParam,
    body: dismissBody,
    answer: triaged,
    handler: (opinion, { params, body, who }) => opinion.dismiss(params.id, body.reason, who),
  }),
  route({
    method: 'post',
    path: '/api/opinion/items/:id/event',
    summary: '转为事件 Make an event of it',
    access: ['update', 'OpinionItem'],
    params: idParam,
    body: eventBody,
    answer: triaged,
    status: 201,
    handler: (opinion, { params, body, who }) =>
      opinion.toEvent(params.id, { ...body, attachments: [], attachmentIds: [] }, who),
  }),
  route({
    method: 'post',
    path: '/api/opinion/items/:id/attach',
    summary: '关联已有案件 Attach to an existing case',
    access: ['update', 'OpinionItem'],
    params: idParam,
    body: attachBody,
    answer: triaged,
    handler: (opinion, { params, body, who }) => opinion.attach(params.id, body.eventId, who),
  }),
  route({
    method: 'get',
    path: '/api/opinion/stats',
    summary: '舆情量（按日、按关键词）Volumes per day and per keyword',
    access: ['read', 'OpinionItem'],
    query: statsQuery,
    answer: z.object({
      days: z.array(z.object({ day: z.string(), items: z.number().int() })),
      words: z.array(z.object({ word: z.string(), items: z.number().int() })),
    }),
    handler: (opinion, { query }) => opinion.stats(new Date(query.from), new Date(query.to)),
  }),
];
