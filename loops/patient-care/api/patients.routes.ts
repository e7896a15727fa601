import Router from '@koa/router';
import { z } from 'zod';
import { residentIdNumber } from '../../../lib/identity-numbers';
import { parse } from '../../../api/src/http/errors';
import type { RouteSpec } from '../../../api/src/http/openapi';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { caller, type AppState } from '../../../api/src/modules/auth/session.middleware';
import type { PatientTargetsService } from './patient-targets.service';
import { CLOSE_REASONS, type PatientsService } from './patients.service';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().trim().min(1).max(50);
const riskLevel = z.number().int().min(0).max(5);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d-]{7,20}$/);

const member = z.strictObject({
  roleCode: code,
  userId: code.optional(),
  name: text(50).optional(),
  designated: z.boolean().optional(),
});
const team = z.array(member).min(1).max(20);

const personBody = z.strictObject({
  typeCode: code.default('mental-disorder'),
  name: text(50),
  gender: z.enum(['M', 'F']).optional(),
  idNumber: residentIdNumber,
  phone: phone.optional(),
  address: text(200),
  gridId: code,
  diagnosis: text(500).optional(),
  guardianName: text(50).optional(),
  guardianPhone: phone.optional(),
  guardianAgreement: z.boolean().default(false),
  riskLevel,
  attachments: z.array(z.string().trim().url().max(1000)).max(20).default([]),
  team,
});
const idParam = z.object({ id: z.string().trim().min(1).max(50) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  type: code.optional(),
  risk: z.coerce.number().int().min(0).max(5).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  street: code.optional(),
  /** Closed files (结案) are kept and read, but the list shows the files in care unless asked. */
  closed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
const teamBody = z.strictObject({ members: team });
const designateBody = z.strictObject({ userId: code });
const moveBody = z.strictObject({ gridId: code, team });
const followUpBody = z.strictObject({
  riskLevel,
  followUpMethod: z.enum(['home', 'phone', 'clinic', 'other']),
  condition: z.string().trim().max(2000).optional(),
  notes: z.string().trim().max(2000).optional(),
});
const riskBody = z.strictObject({
  riskLevel: z.number().int().min(3).max(5),
  description: text(2000),
});
const closeBody = z.strictObject({
  reason: z.enum(CLOSE_REASONS),
  note: z.string().trim().max(500).optional(),
});
const period = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4])?$/);
const rate = z.number().min(0).max(1);
const targetsQuery = z.object({ period });
const streetParam = z.object({ streetId: code });
const targetBody = z.strictObject({
  period,
  followUpRate: rate,
  guardianAgreementRate: rate,
  emergencyOnTimeRate: rate,
});
const remindBody = z.strictObject({ period });

export const patientsSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/patients',
    summary: '重点人员列表 Key persons',
    tag: 'patients',
    query: listQuery,
  },
  { method: 'post', path: '/api/patients', summary: '建档 Open a file', tag: 'patients', body: personBody },
  {
    method: 'get',
    path: '/api/patients/:id',
    summary: '档案（查阅留痕） A file (every read audited)',
    tag: 'patients',
    params: idParam,
  },
  {
    method: 'put',
    path: '/api/patients/:id/team',
    summary: '组建小组 Set the care team',
    tag: 'patients',
    params: idParam,
    body: teamBody,
  },
  {
    method: 'get',
    path: '/api/patients/:id/team-candidates',
    summary: '可选组员 Roles and users the team may have',
    tag: 'patients',
    params: idParam,
  },
  {
    method: 'put',
    path: '/api/patients/:id/designated',
    summary: '变更指定随访员 Change the designated follow-up member',
    tag: 'patients',
    params: idParam,
    body: designateBody,
  },
  {
    method: 'post',
    path: '/api/patients/:id/move',
    summary: '随档转移到其他网格 Move to another grid',
    tag: 'patients',
    params: idParam,
    body: moveBody,
  },
  {
    method: 'post',
    path: '/api/patients/:id/follow-ups',
    summary: '登记随访（指定随访员） Record a follow-up (designated member)',
    tag: 'patients',
    params: idParam,
    body: followUpBody,
  },
  {
    method: 'post',
    path: '/api/patients/:id/risk-reports',
    summary: '上报风险（≥3 级，启动应急处置） Report a risk of 3 or more (starts the emergency path)',
    tag: 'patients',
    params: idParam,
    body: riskBody,
  },
  {
    method: 'post',
    path: '/api/patients/:id/close',
    summary:
      '结案（死亡、迁出、康复），周期随之结束 Close the file (death, moved away, recovered); its cycle ends',
    tag: 'patients',
    params: idParam,
    body: closeBody,
  },
  {
    method: 'get',
    path: '/api/patient-targets',
    summary: '街道目标值与完成情况 Street targets and actuals',
    tag: 'patients',
    query: targetsQuery,
  },
  {
    method: 'put',
    path: '/api/patient-targets/:streetId',
    summary: '设定街道目标值（区） Set a street’s targets (district)',
    tag: 'patients',
    params: streetParam,
    body: targetBody,
  },
  {
    method: 'post',
    path: '/api/patient-targets/reminders',
    summary: '提醒未达标街道（每期一次） Remind streets below target (once a period)',
    tag: 'patients',
    body: remindBody,
  },
];

/** 一患者一档案一队伍: files, teams, follow-ups; scope and roles are checked in the services. */
export function patientsRoutes(patients: PatientsService, targets: PatientTargetsService) {
  const router = new Router<AppState>({ prefix: '/api' });
  router.get('/patients', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await patients.list(parse(listQuery, ctx.query), who);
  });
  router.post('/patients', async (ctx) => {
    const who = caller(ctx.state);
    patients.guard.create(who);
    ctx.body = await patients.create(parse(personBody, ctx.request.body), who, ctx.ip);
    ctx.status = 201;
  });
  router.get('/patients/:id', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await patients.get(parse(idParam, ctx.params).id, who, ctx.ip);
  });
  router.put('/patients/:id/team', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.change(id, who);
    ctx.body = await patients.setTeam(id, parse(teamBody, ctx.request.body).members, who);
  });
  router.get('/patients/:id/team-candidates', async (ctx) => {
    ctx.body = await patients.teamCandidates(parse(idParam, ctx.params).id, caller(ctx.state));
  });
  router.put('/patients/:id/designated', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.change(id, who);
    ctx.body = await patients.designate(id, parse(designateBody, ctx.request.body).userId, who);
  });
  router.post('/patients/:id/move', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.change(id, who);
    ctx.body = await patients.move(id, parse(moveBody, ctx.request.body), who);
  });
  router.post('/patients/:id/follow-ups', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.record(id, who);
    ctx.body = await patients.recordFollowUp(id, parse(followUpBody, ctx.request.body), who);
    ctx.status = 202;
  });
  router.post('/patients/:id/risk-reports', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.read(id, who);
    ctx.body = await patients.reportRisk(id, parse(riskBody, ctx.request.body), who);
    ctx.status = 202;
  });
  router.post('/patients/:id/close', async (ctx) => {
    const who = caller(ctx.state);
    const { id } = parse(idParam, ctx.params);
    await patients.guard.change(id, who);
    const input = parse(closeBody, ctx.request.body);
    auditAs(ctx.state, {
      action: 'patient.close',
      subjectType: 'Person',
      subjectId: id,
      detail: { reason: input.reason },
    });
    ctx.body = await patients.close(id, input, who);
  });
  router.get('/patient-targets', async (ctx) => {
    const who = caller(ctx.state);
    ctx.body = await targets.list(parse(targetsQuery, ctx.query).period, who);
  });
  router.put('/patient-targets/:streetId', async (ctx) => {
    const who = caller(ctx.state);
    targets.mayUpdate(who);
    const { streetId } = parse(streetParam, ctx.params);
    ctx.body = await targets.set(streetId, parse(targetBody, ctx.request.body), who);
  });
  router.post('/patient-targets/reminders', async (ctx) => {
    const who = caller(ctx.state);
    targets.mayUpdate(who);
    ctx.body = await targets.remind(parse(remindBody, ctx.request.body).period, who);
  });
  return router;
}
