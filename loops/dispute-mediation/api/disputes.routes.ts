import { z } from 'zod';
import { routesOf, type Caller, type Parsed, type Returns } from '../../../api/src/http/define-route';
import { calendarDate, storableDate } from '../../../api/src/http/errors';
import { listOf } from '../../../api/src/http/answers';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import type { DisputesService } from './disputes.service';
import { renderPdf } from '../../../lib/pdf';
import {
  agreementAnswer,
  confirmationAnswer,
  consentAnswer,
  disputeAnswer,
  listAnswer,
  registeredAnswer,
  riskAnswer,
  sessionAnswer,
  typesAnswer,
} from './disputes.answers';

const text = (max: number) => z.string().trim().min(1).max(max);
const riskLevel = z.enum(['LOW', 'MEDIUM', 'HIGH']);
const reasons = z.array(text(100)).max(20);

const party = z.object({
  name: text(50),
  // Digits only: a masked number (138****5678) sent back is refused, never stored.
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .optional(),
  address: text(200).optional(),
});
const registration = z.object({
  type: text(50),
  amount: z.number().min(0).max(1e12).optional(),
  summary: text(2000),
  communityId: text(50),
  mediatorId: text(40).optional(),
  /** The building of the address base (块数据) it is about, in the community. */
  buildingId: text(50).optional(),
  parties: z.array(party).min(2).max(20),
  risk: z.object({ level: riskLevel, reasons }),
});
/** The whole list of parties as it should be: ids of the parties kept, none for the ones added. */
const correction = z.object({
  type: text(50),
  parties: z
    .array(party.extend({ id: text(40).optional() }))
    .min(2)
    .max(20),
});
const idParam = z.object({ id: z.string().min(1).max(40) });
const listQuery = z.object({
  unit: text(50).optional(),
  stage: z.enum(['PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL', 'AGREED', 'ARCHIVED', 'CLOSED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const sessionBody = z.object({
  heldAt: storableDate,
  attendees: z.array(text(50)).min(1).max(30),
  result: text(2000),
});
const consentBody = z.object({ partyId: text(40), days: z.number().int().min(1).max(30) });
const agreementBody = z.object({
  terms: text(4000),
  signedAt: storableDate,
  signatures: z.array(text(50)).min(2).max(20),
});
const riskBody = z.object({ level: riskLevel, reasons, escalated: z.boolean().optional() });
const applicationBody = z.object({
  appliedOn: calendarDate,
  court: text(100),
  applicants: z.array(text(40)).min(2).max(20),
});
const rulingBody = z.object({
  ruledOn: calendarDate,
  ruling: z.enum(['CONFIRMED', 'REJECTED']),
  courtCaseNo: text(60),
});

const route = routesOf<DisputesService>('disputes');

/** A record added to a dispute: the dispute is checked against the caller's scope before the body. */
const write = <B extends z.ZodType, A extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  answer: A,
  act: (disputes: DisputesService, id: string, input: Parsed<B>, who: Caller) => Promise<Returns<A>>,
) =>
  route({
    method: 'post',
    path: `/api/disputes/:id/${path}`,
    summary,
    access: 'signed-in',
    params: idParam,
    body,
    answer,
    status: 201,
    // Scope first: a dispute outside it is 404 whatever the body says.
    before: (disputes, { params, who }) =>
      disputes.authorize(params.id, who, path === 'risk').then(() => undefined),
    handler: (disputes, { params, body, who }) => act(disputes, params.id, body, who),
  });

/** Three-way mediation; each dispute is checked against the caller's scope in the service. */
export const disputesRoutes = [
  route({
    method: 'get',
    path: '/api/dispute-types',
    summary: '纠纷类型 Dispute types',
    access: 'signed-in',
    answer: typesAnswer,
    handler: async (disputes) => ({ items: await disputes.types() }),
  }),
  route({
    method: 'get',
    path: '/api/dispute-communities',
    summary: '可登记纠纷的社区 Communities I may register a dispute in',
    access: ['create', 'Dispute'],
    answer: listOf(
      z.object({
        id: z.string(),
        name: z.string(),
        streetId: z.string().nullable(),
        streetName: z.string().nullable(),
      }),
    ),
    handler: (disputes, { who }) => disputes.communities(who),
  }),
  route({
    method: 'post',
    path: '/api/disputes',
    summary: '纠纷登记 Register a dispute',
    access: ['create', 'Dispute'],
    body: registration,
    answer: registeredAnswer,
    status: 201,
    handler: (disputes, { body, who }) => disputes.register(body, who),
  }),
  route({
    method: 'get',
    path: '/api/disputes',
    summary: '调解概况 Mediation overview',
    access: 'signed-in',
    query: listQuery,
    answer: listAnswer,
    handler: (disputes, { query, who }) => disputes.list(query, who),
  }),
  route({
    method: 'get',
    path: '/api/disputes/:id/agreement.pdf',
    summary: '人民调解协议书（PDF）The mediation agreement to print and sign',
    access: 'signed-in',
    params: idParam,
    answer: { file: 'application/pdf' },
    handler: async (disputes, { params: { id }, who, ctx }) => {
      const paper = await disputes.agreementPaper(id, who, ctx.ip);
      ctx.type = 'application/pdf';
      ctx.set(
        'Content-Disposition',
        `inline; filename*=UTF-8''${encodeURIComponent(`${String(paper.subtitle).replace('编号：', '')}-调解协议书.pdf`)}`,
      );
      ctx.body = renderPdf(paper);
    },
  }),
  route({
    method: 'get',
    path: '/api/disputes/:id',
    summary: '纠纷案件 Dispute case',
    access: 'signed-in',
    params: idParam,
    answer: disputeAnswer,
    handler: (disputes, { params, who, ctx }) => disputes.get(params.id, who, ctx.ip),
  }),
  route({
    method: 'put',
    path: '/api/disputes/:id',
    summary: '更正类型和当事人 Correct the type and parties',
    access: 'signed-in',
    params: idParam,
    body: correction,
    answer: disputeAnswer,
    before: (disputes, { params, who }) => disputes.authorize(params.id, who, false).then(() => undefined),
    handler: async (disputes, { params: { id }, body, who, ctx }) => {
      const changes = await disputes.correct(id, body, who);
      auditAs(ctx.state, {
        action: 'dispute.correct',
        subjectType: 'Dispute',
        subjectId: id,
        detail: changes,
      });
      return disputes.get(id, who, ctx.ip);
    },
  }),
  write('sessions', '调解记录 Record a session', sessionBody, sessionAnswer, (d, id, b, who) =>
    d.session(id, b, who),
  ),
  write(
    'consents',
    '同意延期 Record a party’s consent to extend',
    consentBody,
    consentAnswer,
    (d, id, b, who) => d.consent(id, b, who),
  ),
  write('agreement', '调解协议 Record the agreement', agreementBody, agreementAnswer, (d, id, b, who) =>
    d.agreement(id, b, who),
  ),
  write('risk', '风险评估 Re-assess the risk', riskBody, riskAnswer, (d, id, b, who) =>
    d.assessRisk(id, b, who),
  ),
  route({
    method: 'post',
    path: '/api/disputes/:id/confirmation',
    summary: '司法确认申请 Record the parties’ application for judicial confirmation',
    access: 'signed-in',
    params: idParam,
    body: applicationBody,
    answer: confirmationAnswer,
    status: 201,
    before: (disputes, { params, who }) => disputes.authorizeConfirmation(params.id, who),
    handler: (disputes, { params: { id }, body, who, ctx }) => {
      auditAs(ctx.state, { action: 'dispute.confirmation.apply', subjectType: 'Dispute', subjectId: id });
      return disputes.applyForConfirmation(id, body, who);
    },
  }),
  route({
    method: 'post',
    path: '/api/disputes/:id/confirmation/ruling',
    summary: '司法确认裁定 Record the court’s ruling',
    access: 'signed-in',
    params: idParam,
    body: rulingBody,
    answer: confirmationAnswer,
    before: (disputes, { params, who }) => disputes.authorizeConfirmation(params.id, who),
    handler: (disputes, { params: { id }, body, who, ctx }) => {
      auditAs(ctx.state, {
        action: 'dispute.confirmation.rule',
        subjectType: 'Dispute',
        subjectId: id,
        detail: { ruling: body.ruling },
      });
      return disputes.recordRuling(id, body, who);
    },
  }),
];
