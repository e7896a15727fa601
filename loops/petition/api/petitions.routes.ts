import { petitionLoop } from '../loop';
import Router from '@koa/router';
import { z } from 'zod';
import { residentIdNumber } from '../../../lib/identity-numbers';
import { parse, storableDate } from '../../../api/src/http/errors';
import type { RouteSpec } from '../../../api/src/http/openapi';
import { caller, type AppState } from '../../../api/src/modules/auth/session.middleware';
import type { PetitionsService } from './petitions.service';

const petitioner = z
  .object({
    name: z.string().trim().min(1).max(50),
    idNo: residentIdNumber.optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[\d+\- ]{5,20}$/)
      .optional(),
    address: z.string().trim().max(200).optional(),
  })
  .strict();
const matter = z.string().trim().min(1).max(200);
const receivedAt = storableDate;
const newPetition = z
  .object({
    channel: z.enum(['VISIT', 'LETTER', 'PHONE', 'ONLINE', 'EVENT']),
    receivedAt,
    petitioner,
    matter,
    requests: z.string().trim().min(1).max(4000),
    attachments: z
      .array(
        z
          .object({ name: z.string().trim().min(1).max(200), ref: z.string().trim().min(1).max(500) })
          .strict(),
      )
      .max(20)
      .default([]),
    eventId: z.string().trim().min(1).max(40).optional(),
    duplicateAcknowledged: z.boolean().optional(),
  })
  .strict();
const duplicateCheck = z.object({ petitioner, matter, receivedAt: receivedAt.optional() }).strict();
const idParam = z.object({ id: z.string().min(1).max(40) });
const noticeParam = z.object({ id: z.string().min(1).max(40), noticeId: z.string().min(1).max(40) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(['REGISTERED', 'HANDLING', 'NOT_ACCEPTED', 'REPLIED', 'REVIEWING', 'CLOSED']).optional(),
  // true: the running clock (decision, handling or review) is past its limit; false: it is not.
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const reason = z.string().trim().min(1).max(2000);
const decisionBody = z
  .object({
    decision: z.enum(['accept', 'reject', 'forward', 'assign']),
    decisionReason: reason,
    targetUnitId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
const extensionBody = z
  .object({ days: z.number().int().min(1).max(petitionLoop.limits.extensionMax), reason })
  .strict();
const approvalBody = z
  .object({ approved: z.boolean(), comment: z.string().trim().max(1000).optional() })
  .strict();
const replyBody = z.object({ replyText: z.string().trim().min(1).max(4000) }).strict();
const satisfactionBody = z
  .object({ satisfaction: z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied']) })
  .strict();
const reviewBody = z
  .object({ reviewResult: z.enum(['upheld', 'revised']), reviewOpinion: z.string().trim().min(1).max(4000) })
  .strict();

const step = (path: string, summary: string, body: z.ZodType): RouteSpec => ({
  method: 'post',
  path: `/api/petitions/:id/${path}`,
  summary,
  tag: 'petitions',
  params: idParam,
  body,
});

export const petitionsSpecs: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/petitions/duplicate-check',
    summary: '重复信访核对 Possible duplicates before registering',
    tag: 'petitions',
    body: duplicateCheck,
  },
  {
    method: 'post',
    path: '/api/petitions',
    summary: '信访登记 Register a petition',
    tag: 'petitions',
    body: newPetition,
  },
  {
    method: 'get',
    path: '/api/petitions',
    summary: '信访件列表 Petitions I may read',
    tag: 'petitions',
    query: listQuery,
  },
  {
    method: 'get',
    path: '/api/petitions/:id',
    summary: '信访件 The petition (audited)',
    tag: 'petitions',
    params: idParam,
  },
  step('decision', '受理决定 Accept / not accept / forward / assign', decisionBody),
  step('extension-request', '申请延期 Ask for the extension', extensionBody),
  step('extension-approval', '审批延期 Approve or refuse the extension', approvalBody),
  step('reply', '出具处理意见书 Issue the reply', replyBody),
  step('satisfaction', '满意度评价 Record the evaluation', satisfactionBody),
  step('review', '复查/复核意见 Decide the review', reviewBody),
  {
    method: 'post',
    path: '/api/petitions/:id/review-requests',
    summary: '申请复查/复核 Record a review request',
    tag: 'petitions',
    params: idParam,
  },
  {
    method: 'get',
    path: '/api/petitions/:id/notices/:noticeId',
    summary: '告知书 PDF A notice as PDF (audited)',
    tag: 'petitions',
    params: noticeParam,
  },
];

/** Petitions; abilities and scope are checked in the service. */
export function petitionsRoutes(petitions: PetitionsService) {
  const router = new Router<AppState>({ prefix: '/api/petitions' });
  router.post('/duplicate-check', async (ctx) => {
    const who = caller(ctx.state);
    petitions.mayRegister(who);
    ctx.body = await petitions.checkDuplicates(parse(duplicateCheck, ctx.request.body), who);
  });
  router.post('/', async (ctx) => {
    const who = caller(ctx.state);
    petitions.mayRegister(who);
    ctx.body = await petitions.register(parse(newPetition, ctx.request.body), who);
    ctx.status = 201;
  });
  router.get('/', async (ctx) => {
    ctx.body = await petitions.list(parse(listQuery, ctx.query), caller(ctx.state));
  });
  router.get('/:id', async (ctx) => {
    ctx.body = await petitions.read(parse(idParam, ctx.params).id, caller(ctx.state), ctx.ip);
  });
  const steps: [
    string,
    z.ZodType,
    (id: string, body: never, who: ReturnType<typeof caller>) => Promise<unknown>,
  ][] = [
    ['decision', decisionBody, petitions.decide],
    ['extension-request', extensionBody, petitions.requestExtension],
    ['extension-approval', approvalBody, petitions.approveExtension],
    ['reply', replyBody, petitions.reply],
    ['satisfaction', satisfactionBody, petitions.evaluate],
    ['review', reviewBody, petitions.review],
  ];
  for (const [path, body, run] of steps) {
    router.post(`/:id/${path}`, async (ctx) => {
      const who = caller(ctx.state);
      const { id } = parse(idParam, ctx.params);
      await petitions.readable(id, who);
      ctx.body = await run(id, parse(body, ctx.request.body) as never, who);
    });
  }
  router.post('/:id/review-requests', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await petitions.requestReview(parse(idParam, ctx.params).id, who, ctx.ip);
    ctx.status = 201;
  });
  router.get('/:id/notices/:noticeId', async (ctx) => {
    const { id, noticeId } = parse(noticeParam, ctx.params);
    const { pdf, fileName } = await petitions.notice(id, noticeId, caller(ctx.state), ctx.ip);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
    ctx.body = pdf;
  });
  return router;
}
