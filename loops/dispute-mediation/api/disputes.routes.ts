import Router from '@koa/router';
import { z } from 'zod';
import { HttpError, parse, storableDate } from '../../../api/src/http/errors';
import type { RouteSpec } from '../../../api/src/http/openapi';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { caller, type AppState } from '../../../api/src/modules/auth/session.middleware';
import type { DisputesService } from './disputes.service';

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

export const disputesSpecs: RouteSpec[] = [
  { method: 'get', path: '/api/dispute-types', summary: '纠纷类型 Dispute types', tag: 'disputes' },
  {
    method: 'post',
    path: '/api/disputes',
    summary: '纠纷登记 Register a dispute',
    tag: 'disputes',
    body: registration,
  },
  {
    method: 'get',
    path: '/api/disputes',
    summary: '调解概况 Mediation overview',
    tag: 'disputes',
    query: listQuery,
  },
  {
    method: 'get',
    path: '/api/disputes/:id',
    summary: '纠纷案件 Dispute case',
    tag: 'disputes',
    params: idParam,
  },
  {
    method: 'put',
    path: '/api/disputes/:id',
    summary: '更正类型和当事人 Correct the type and parties',
    tag: 'disputes',
    params: idParam,
    body: correction,
  },
  {
    method: 'post',
    path: '/api/disputes/:id/sessions',
    summary: '调解记录 Record a session',
    tag: 'disputes',
    params: idParam,
    body: sessionBody,
  },
  {
    method: 'post',
    path: '/api/disputes/:id/consents',
    summary: '同意延期 Record a party’s consent to extend',
    tag: 'disputes',
    params: idParam,
    body: consentBody,
  },
  {
    method: 'post',
    path: '/api/disputes/:id/agreement',
    summary: '调解协议 Record the agreement',
    tag: 'disputes',
    params: idParam,
    body: agreementBody,
  },
  {
    method: 'post',
    path: '/api/disputes/:id/risk',
    summary: '风险评估 Re-assess the risk',
    tag: 'disputes',
    params: idParam,
    body: riskBody,
  },
];

/** Three-way mediation; abilities and scope are checked inside the service before the body is read. */
export function disputesRoutes(disputes: DisputesService) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.get('/dispute-types', async (ctx) => {
    caller(ctx.state);
    ctx.body = { items: await disputes.types() };
  });
  router.post('/disputes', async (ctx) => {
    const who = caller(ctx.state);
    if (!who.ability.can('create', 'Dispute')) throw new HttpError(403, 'error.forbidden');
    ctx.status = 201;
    ctx.body = await disputes.register(parse(registration, ctx.request.body), who);
  });
  router.get('/disputes', async (ctx) => {
    ctx.body = await disputes.list(parse(listQuery, ctx.query), caller(ctx.state));
  });
  router.get('/disputes/:id', async (ctx) => {
    ctx.body = await disputes.get(parse(idParam, ctx.params).id, caller(ctx.state), ctx.ip);
  });
  router.put('/disputes/:id', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await disputes.authorize(id, who, false);
    const changes = await disputes.correct(id, parse(correction, ctx.request.body), who);
    auditAs(ctx.state, { action: 'dispute.correct', subjectType: 'Dispute', subjectId: id, detail: changes });
    ctx.body = await disputes.get(id, who, ctx.ip);
  });
  const write = <T>(
    path: string,
    schema: z.ZodType<T>,
    act: (id: string, body: T, who: ReturnType<typeof caller>) => Promise<unknown>,
  ) =>
    router.post(`/disputes/:id/${path}`, async (ctx) => {
      const who = caller(ctx.state);
      const { id } = parse(idParam, ctx.params);
      // Scope first: a dispute outside it is 404 whatever the body says.
      await disputes.authorize(id, who, path === 'risk');
      ctx.status = 201;
      ctx.body = await act(id, parse(schema, ctx.request.body), who);
    });
  write('sessions', sessionBody, disputes.session);
  write('consents', consentBody, disputes.consent);
  write('agreement', agreementBody, disputes.agreement);
  write('risk', riskBody, disputes.assessRisk);
  return router;
}
