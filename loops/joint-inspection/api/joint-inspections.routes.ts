import { createHash } from 'node:crypto';
import { z } from 'zod';
import { routesOf } from '../../../api/src/http/define-route';
import { calendarDate, HttpError } from '../../../api/src/http/errors';
import { instant, listOf, paged } from '../../../api/src/http/answers';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import type { Db } from '../../../lib/db';
import { currentGrades, gradeRowsOfFile, keepGrades, MAX_GRADE_ROWS } from './credit-grades';
import type { JointInspectionsService } from './joint-inspections.service';

const text = (max: number) => z.string().trim().min(1).max(max);
const idParam = z.object({ id: z.string().min(1).max(40) });
const paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

const planBody = z.strictObject({
  businessId: text(40),
  matter: text(200),
  periodStart: calendarDate,
  periodEnd: calendarDate,
  complaint: z.boolean().default(false),
});
const gradePush = z.strictObject({
  grades: z
    .array(z.strictObject({ uscc: text(18), grade: text(1), gradedAt: text(10) }))
    .min(1)
    .max(MAX_GRADE_ROWS),
});
// Base64 of the file: about 700 KB of .xlsx or .csv within the API's 1 MB JSON limit.
const gradeFile = z.strictObject({
  fileName: z
    .string()
    .trim()
    .max(200)
    .regex(/\.(xlsx|csv)$/i),
  content: z.base64().max(1_000_000),
});
const gradesQuery = z.object({ businessId: text(40) });
const enterprisesQuery = z.object({ q: text(100).optional(), ...paging });

const plan = z.object({
  id: z.string(),
  businessId: z.string(),
  deptId: z.string(),
  matter: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  complaint: z.boolean(),
  status: z.string(),
  inspectionId: z.string().nullable(),
  createdAt: instant,
});
const inspection = z.object({
  id: z.string(),
  caseNo: z.string(),
  business: z.object({ id: z.string(), name: z.string(), uscc: z.string() }),
  grade: z.string().nullable(),
  lead: z.object({ id: z.string(), name: z.string() }),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.string(),
  doneAt: instant.nullable(),
  plans: z.array(z.object({ id: z.string(), deptId: z.string(), matter: z.string() })),
  findings: z.array(
    z.object({
      deptId: z.string(),
      result: z.string(),
      text: z.string(),
      /** Sent for enforcement, and the event it opened (none when the enterprise has no building). */
      openCase: z.boolean(),
      eventId: z.string().nullable(),
      recordedAt: instant,
    }),
  ),
});
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const selfCheckBody = z.strictObject({
  checkedItems: text(4000),
  contactName: text(50),
  /** The enterprise confirms that what it wrote is true (如实填写). */
  truthful: z.literal(true),
});
const kept = z.object({ received: z.number().int(), kept: z.number().int() });
const grade = z.object({
  grade: z.string(),
  gradedAt: instant,
  source: z.string(),
  note: z.string().nullable(),
});

const route = routesOf<{ db: Db; inspections: JointInspectionsService }>('joint-inspections');

/** 信用+联合检查: credit grades, departments' plans, the planner's merge, the inspections and their statistics. */
export const jointInspectionsRoutes = [
  route({
    method: 'get',
    path: '/api/enterprises',
    summary: '企业及当前信用等级 Enterprises with their current grade',
    access: ['read', 'CreditGrade'],
    query: enterprisesQuery,
    answer: paged(
      z.object({
        id: z.string(),
        name: z.string(),
        uscc: z.string(),
        grade: z.string().nullable(),
        gradedAt: instant.nullable(),
      }),
    ),
    handler: async ({ db }, { query }) => {
      const where = {
        closedAt: null,
        ...(query.q
          ? { OR: [{ name: { contains: query.q } }, { uscc: { startsWith: query.q.toUpperCase() } }] }
          : {}),
      };
      const [rows, total] = await Promise.all([
        db.business.findMany({
          where,
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          select: { id: true, name: true, uscc: true },
        }),
        db.business.count({ where }),
      ]);
      const grades = await currentGrades(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => ({
          ...r,
          grade: grades.get(r.id)?.grade ?? null,
          gradedAt: grades.get(r.id)?.gradedAt ?? null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/credit-grades',
    summary: '企业信用等级历史 An enterprise’s grade history',
    access: ['read', 'CreditGrade'],
    query: gradesQuery,
    answer: listOf(grade),
    handler: async ({ db }, { query }) => ({
      items: await db.creditGrade.findMany({
        where: { businessId: query.businessId },
        orderBy: [{ gradedAt: 'desc' }, { createdAt: 'desc' }],
        select: { grade: true, gradedAt: true, source: true, note: true },
      }),
    }),
  }),
  // The credit system pushes with an intake channel's key; staff who keep grades may push too.
  route({
    method: 'post',
    path: '/api/credit-grades',
    summary: '推送信用等级（全部或全不）Push grades (all or none)',
    access: 'signed-in-or-channel',
    body: gradePush,
    answer: kept,
    before: async ({ db }, { who, ctx }) => {
      const key = ctx.get('x-channel-key');
      if (key) {
        const channel = await db.channel.findUnique({
          where: { keyHash: createHash('sha256').update(key).digest('hex') },
        });
        if (!channel?.active) throw new HttpError(401, 'error.badChannelKey');
        auditAs(ctx.state, { detail: { channel: channel.id } });
        return null;
      }
      if (!who?.ability.can('create', 'CreditGrade')) throw new HttpError(403, 'error.forbidden');
      return who.user.id;
    },
    handler: ({ db }, { body, prior }) =>
      keepGrades(db, body.grades, 'api', prior, (i, column) => `grades.${i}.${column}`),
  }),
  route({
    method: 'post',
    path: '/api/credit-grades/import',
    summary: '导入信用等级（.xlsx/.csv，全部或全不）Import grades from a file (all or none)',
    access: ['create', 'CreditGrade'],
    body: gradeFile,
    answer: kept,
    handler: async ({ db }, { body, who }) => {
      const rows = await gradeRowsOfFile(body.fileName, Buffer.from(body.content, 'base64'));
      // A wrong row is named by its line in the file (the header is line 1).
      return keepGrades(db, rows, 'import', who.user.id, (i, column) => `row.${i + 2}.${column}`);
    },
  }),
  route({
    method: 'post',
    path: '/api/inspection-plans',
    summary: '提交检查计划 File an inspection plan',
    access: ['create', 'InspectionPlan'],
    body: planBody,
    answer: plan.extend({ grade: z.string().nullable(), intervalDays: z.number().int() }),
    status: 201,
    handler: ({ inspections }, { body, who }) => inspections.file(body, who),
  }),
  route({
    method: 'post',
    path: '/api/inspection-plans/:id/self-check',
    summary: '生成企业自查链接（仅显示一次）A self-check link for the enterprise (shown once)',
    access: ['create', 'InspectionPlan'],
    params: idParam,
    answer: z.object({ token: z.string(), path: z.string(), expiresAt: instant }),
    status: 201,
    handler: ({ inspections }, { params, who }) => inspections.issueSelfCheck(params.id, who),
  }),
  // The enterprise has no account: the link's token is its only right, to this one self-check.
  route({
    method: 'get',
    path: '/api/self-checks/:token',
    summary: '企业自查（凭链接）An enterprise’s self-check, by its link',
    access: 'public',
    params: tokenParam,
    answer: z.object({
      enterprise: z.string(),
      department: z.string(),
      matter: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      submittedAt: instant.nullable(),
    }),
    handler: async ({ inspections }, { params }) => (await inspections.selfCheck(params.token)).view,
  }),
  route({
    method: 'post',
    path: '/api/self-checks/:token',
    summary: '提交企业自查 The enterprise submits its self-check',
    access: 'public',
    params: tokenParam,
    body: selfCheckBody,
    answer: z.object({ submitted: z.boolean() }),
    before: async ({ inspections }, { params, ctx }) => {
      const { check } = await inspections.selfCheck(params.token);
      auditAs(ctx.state, { subjectType: 'InspectionPlan', subjectId: check.planId });
      return check.id;
    },
    handler: ({ inspections }, { body, prior }) =>
      inspections.submitSelfCheck(prior, { checkedItems: body.checkedItems, contactName: body.contactName }),
  }),
  route({
    method: 'get',
    path: '/api/inspection-plans',
    summary: '检查计划 Inspection plans',
    access: ['read', 'InspectionPlan'],
    query: z.object({ status: z.enum(['PLANNED', 'MERGED', 'DONE', 'SELF_CHECKED']).optional(), ...paging }),
    answer: paged(plan),
    handler: ({ inspections }, { query, who }) => inspections.plans(query, who),
  }),
  route({
    method: 'post',
    path: '/api/joint-inspections/merge',
    summary: '合并排期（生成联合检查）Merge the filed plans into joint inspections',
    access: ['create', 'JointInspection'],
    answer: listOf(inspection),
    handler: ({ inspections }, { who }) => inspections.merge(who.user.id),
  }),
  route({
    method: 'get',
    path: '/api/joint-inspections',
    summary: '联合检查 Joint inspections',
    access: ['read', 'JointInspection'],
    query: z.object({ status: z.enum(['OPEN', 'DONE']).optional(), ...paging }),
    answer: paged(inspection),
    handler: ({ inspections }, { query, who }) => inspections.inspections(query, who),
  }),
  route({
    method: 'get',
    path: '/api/joint-inspections/stats',
    summary: '合并减少的检查次数（按信用等级）Visits saved by merging, by grade',
    access: ['read', 'JointInspection'],
    answer: z.object({
      inspections: z.number().int(),
      plans: z.number().int(),
      saved: z.number().int(),
      selfChecked: z.number().int(),
      byGrade: z.array(
        z.object({
          grade: z.string().nullable(),
          inspections: z.number().int(),
          plans: z.number().int(),
          saved: z.number().int(),
        }),
      ),
    }),
    handler: ({ inspections }) => inspections.stats(),
  }),
  route({
    method: 'get',
    path: '/api/joint-inspections/:id',
    summary: '联合检查详情 A joint inspection',
    access: ['read', 'JointInspection'],
    params: idParam,
    answer: inspection,
    handler: ({ inspections }, { params, who }) => inspections.inspection(params.id, who),
  }),
];
