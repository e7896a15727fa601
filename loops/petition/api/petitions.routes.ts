import { petitionLoop } from '../loop';
import { z } from 'zod';
import { residentIdNumber } from '../../../lib/identity-numbers';
import { storableDate } from '../../../api/src/http/errors';
import { routesOf, type Caller, type Parsed, type Returns } from '../../../api/src/http/define-route';
import type { PetitionsService } from './petitions.service';
import {
  decision,
  duplicatesAnswer,
  listAnswer,
  petitionAnswer,
  registeredAnswer,
  reviewRequestAnswer,
  satisfaction,
  stepAnswer,
} from './petitions.answers';

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
    /** The building (and room) of the address base the petition concerns, in the office's area. */
    buildingId: z.string().trim().min(1).max(50).optional(),
    roomId: z.string().trim().min(1).max(50).optional(),
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
    decision,
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
const satisfactionBody = z.object({ satisfaction }).strict();
const reviewBody = z
  .object({ reviewResult: z.enum(['upheld', 'revised']), reviewOpinion: z.string().trim().min(1).max(4000) })
  .strict();

const route = routesOf<PetitionsService>('petitions');

/** A step of the case, as a completion of its open task: the petition is checked before the body. */
const step = <B extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  run: (
    petitions: PetitionsService,
    id: string,
    input: Parsed<B>,
    who: Caller,
  ) => Promise<Returns<typeof stepAnswer>>,
) =>
  route({
    method: 'post',
    path: `/api/petitions/:id/${path}`,
    summary,
    access: 'signed-in',
    params: idParam,
    body,
    answer: stepAnswer,
    before: (petitions, { params, who }) => petitions.readable(params.id, who),
    handler: (petitions, { params, body, who }) => run(petitions, params.id, body, who),
  });

/** Petitions: registration is the 信访 office's (the gate); each case is checked against its scope inside. */
export const petitionsRoutes = [
  route({
    method: 'post',
    path: '/api/petitions/duplicate-check',
    summary: '重复信访核对 Possible duplicates before registering',
    access: ['create', 'Petition'],
    body: duplicateCheck,
    answer: duplicatesAnswer,
    handler: (petitions, { body }) => petitions.checkDuplicates(body),
  }),
  route({
    method: 'post',
    path: '/api/petitions',
    summary: '信访登记 Register a petition',
    access: ['create', 'Petition'],
    body: newPetition,
    answer: registeredAnswer,
    status: 201,
    handler: (petitions, { body, who }) => petitions.register(body, who),
  }),
  route({
    method: 'get',
    path: '/api/petitions',
    summary: '信访件列表 Petitions I may read',
    access: 'signed-in',
    query: listQuery,
    answer: listAnswer,
    handler: (petitions, { query, who }) => petitions.list(query, who),
  }),
  route({
    method: 'get',
    path: '/api/petitions/:id',
    summary: '信访件 The petition (audited)',
    access: 'signed-in',
    params: idParam,
    answer: petitionAnswer,
    handler: (petitions, { params, who, ctx }) => petitions.read(params.id, who, ctx.ip),
  }),
  step('decision', '受理决定 Accept / not accept / forward / assign', decisionBody, (p, id, b, who) =>
    p.decide(id, b, who),
  ),
  step('extension-request', '申请延期 Ask for the extension', extensionBody, (p, id, b, who) =>
    p.requestExtension(id, b, who),
  ),
  step('extension-approval', '审批延期 Approve or refuse the extension', approvalBody, (p, id, b, who) =>
    p.approveExtension(id, b, who),
  ),
  step('reply', '出具处理意见书 Issue the reply', replyBody, (p, id, b, who) => p.reply(id, b, who)),
  step('satisfaction', '满意度评价 Record the evaluation', satisfactionBody, (p, id, b, who) =>
    p.evaluate(id, b, who),
  ),
  step('review', '复查/复核意见 Decide the review', reviewBody, (p, id, b, who) => p.review(id, b, who)),
  route({
    method: 'post',
    path: '/api/petitions/:id/review-requests',
    summary: '申请复查/复核 Record a review request',
    access: 'signed-in',
    params: idParam,
    answer: reviewRequestAnswer,
    status: 201,
    handler: (petitions, { params, who, ctx }) => petitions.requestReview(params.id, who, ctx.ip),
  }),
  route({
    method: 'get',
    path: '/api/petitions/:id/notices/:noticeId',
    summary: '告知书 PDF A notice as PDF (audited)',
    access: 'signed-in',
    params: noticeParam,
    answer: { file: 'application/pdf' },
    handler: async (petitions, { params, who, ctx }) => {
      const { pdf, fileName } = await petitions.notice(params.id, params.noticeId, who, ctx.ip);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
      ctx.body = pdf;
    },
  }),
];
