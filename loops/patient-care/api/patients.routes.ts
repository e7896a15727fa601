import { z } from 'zod';
import { residentIdNumber } from '../../../lib/identity-numbers';
import { routesOf } from '../../../api/src/http/define-route';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import type { PatientTargetsService } from './patient-targets.service';
import { CLOSE_REASONS, type PatientsService } from './patients.service';
import {
  candidatesAnswer,
  closedAnswer,
  fileAnswer,
  followUpAnswer,
  gridsAnswer,
  idAnswer,
  listAnswer,
  remindedAnswer,
  targetAnswer,
  targetsAnswer,
} from './patients.answers';

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
  /** The building of the address base (块数据) the person lives in, in the grid's community. */
  buildingId: code.optional(),
  diagnosis: text(500).optional(),
  guardianName: text(50).optional(),
  guardianPhone: phone.optional(),
  guardianAgreement: z.boolean().default(false),
  riskLevel,
  attachments: z.array(z.string().trim().url().max(1000)).max(20).default([]),
  team,
});
const idParam = z.object({ id: z.string().trim().min(1).max(50) });
const gridParam = z.object({ gridId: code });
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

const route = routesOf<{ patients: PatientsService; targets: PatientTargetsService }>('patients');

/** 一患者一档案一队伍: files, teams, follow-ups; each file is checked against the caller's scope in the service. */
export const patientsRoutes = [
  route({
    method: 'get',
    path: '/api/patients',
    summary: '重点人员列表 Key persons',
    access: 'signed-in',
    query: listQuery,
    answer: listAnswer,
    handler: ({ patients }, { query, who }) => patients.list(query, who),
  }),
  route({
    method: 'post',
    path: '/api/patients',
    summary: '建档 Open a file',
    access: ['create', 'Person'],
    body: personBody,
    answer: idAnswer,
    status: 201,
    handler: ({ patients }, { body, who, ctx }) => patients.create(body, who, ctx.ip),
  }),
  route({
    method: 'get',
    path: '/api/patient-grids',
    summary: '可建档/转入的网格 Grids I may open a file in or move one to',
    access: ['create', 'Person'],
    answer: gridsAnswer,
    handler: ({ patients }, { who }) => patients.grids(who),
  }),
  route({
    method: 'get',
    path: '/api/patient-grids/:gridId/team-candidates',
    summary: '网格的可选组员 Roles and users a file’s team may have in a grid',
    access: ['create', 'Person'],
    params: gridParam,
    answer: candidatesAnswer,
    handler: ({ patients }, { params, who }) => patients.gridTeamCandidates(params.gridId, who),
  }),
  route({
    method: 'get',
    path: '/api/patients/:id',
    summary: '档案（查阅留痕） A file (every read audited)',
    access: 'signed-in',
    params: idParam,
    answer: fileAnswer,
    handler: ({ patients }, { params, who, ctx }) => patients.get(params.id, who, ctx.ip),
  }),
  route({
    method: 'put',
    path: '/api/patients/:id/team',
    summary: '组建小组 Set the care team',
    access: 'signed-in',
    params: idParam,
    body: teamBody,
    answer: idAnswer,
    before: ({ patients }, { params, who }) => patients.guard.change(params.id, who),
    handler: ({ patients }, { params, body, who }) => patients.setTeam(params.id, body.members, who),
  }),
  route({
    method: 'get',
    path: '/api/patients/:id/team-candidates',
    summary: '可选组员 Roles and users the team may have',
    access: 'signed-in',
    params: idParam,
    answer: candidatesAnswer,
    handler: ({ patients }, { params, who }) => patients.teamCandidates(params.id, who),
  }),
  route({
    method: 'put',
    path: '/api/patients/:id/designated',
    summary: '变更指定随访员 Change the designated follow-up member',
    access: 'signed-in',
    params: idParam,
    body: designateBody,
    answer: idAnswer,
    before: ({ patients }, { params, who }) => patients.guard.change(params.id, who),
    handler: ({ patients }, { params, body, who }) => patients.designate(params.id, body.userId, who),
  }),
  route({
    method: 'post',
    path: '/api/patients/:id/move',
    summary: '随档转移到其他网格 Move to another grid',
    access: 'signed-in',
    params: idParam,
    body: moveBody,
    answer: idAnswer,
    before: ({ patients }, { params, who }) => patients.guard.change(params.id, who),
    handler: ({ patients }, { params, body, who }) => patients.move(params.id, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patients/:id/follow-ups',
    summary: '登记随访（指定随访员） Record a follow-up (designated member)',
    access: 'signed-in',
    params: idParam,
    body: followUpBody,
    answer: followUpAnswer,
    status: 202,
    before: ({ patients }, { params, who }) => patients.guard.record(params.id, who),
    handler: ({ patients }, { params, body, who }) => patients.recordFollowUp(params.id, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patients/:id/risk-reports',
    summary: '上报风险（≥3 级，启动应急处置） Report a risk of 3 or more (starts the emergency path)',
    access: 'signed-in',
    params: idParam,
    body: riskBody,
    answer: idAnswer,
    status: 202,
    before: ({ patients }, { params, who }) => patients.guard.read(params.id, who),
    handler: ({ patients }, { params, body, who }) => patients.reportRisk(params.id, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patients/:id/close',
    summary:
      '结案（死亡、迁出、康复），周期随之结束 Close the file (death, moved away, recovered); its cycle ends',
    access: 'signed-in',
    params: idParam,
    body: closeBody,
    answer: closedAnswer,
    before: ({ patients }, { params, who }) => patients.guard.change(params.id, who),
    handler: ({ patients }, { params: { id }, body, who, ctx }) => {
      auditAs(ctx.state, {
        action: 'patient.close',
        subjectType: 'Person',
        subjectId: id,
        detail: { reason: body.reason },
      });
      return patients.close(id, body, who);
    },
  }),
  route({
    method: 'get',
    path: '/api/patient-targets',
    summary: '街道目标值与完成情况 Street targets and actuals',
    access: 'signed-in',
    query: targetsQuery,
    answer: targetsAnswer,
    handler: ({ targets }, { query, who }) => targets.list(query.period, who),
  }),
  route({
    method: 'put',
    path: '/api/patient-targets/:streetId',
    summary: '设定街道目标值（区） Set a street’s targets (district)',
    access: ['update', 'PatientTarget'],
    params: streetParam,
    body: targetBody,
    answer: targetAnswer,
    handler: ({ targets }, { params, body, who }) => targets.set(params.streetId, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patient-targets/reminders',
    summary: '提醒未达标街道（每期一次） Remind streets below target (once a period)',
    access: ['update', 'PatientTarget'],
    body: remindBody,
    answer: remindedAnswer,
    handler: ({ targets }, { body, who }) => targets.remind(body.period, who),
  }),
];
