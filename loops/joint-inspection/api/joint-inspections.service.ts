/**
 * Inspection plans, the planner that merges them into joint inspections, the inspections and the
 * statistics of visits saved. The frequency per credit grade is the engine's decision table
 * `joint-inspection-frequency`, evaluated when a plan is filed (never inside a transaction); each
 * inspection is committed with its start request (lib/engine-starts.ts) and started after the commit.
 */
import { createHash, randomBytes } from 'node:crypto';
import { subject } from '@casl/ability';
import type { Db } from '../../../lib/db';
import { t, tf } from '../../../lib/i18n';
import { nextCaseNo } from '../../../lib/case-no';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { EngineError, EngineUnavailableError, type ProcessEngine } from '../../../lib/engine/process-engine';
import { fromEngineVariables } from '../../../lib/engine/variables';
import { accessibleBy } from '../../../api/src/abilities';
import type { Caller } from '../../../api/src/http/define-route';
import { engineHttpError, fieldError, HttpError } from '../../../api/src/http/errors';
import { jointInspectionLoop } from '../loop';
import { currentGrades } from './credit-grades';

export interface NewPlan {
  businessId: string;
  matter: string;
  periodStart: string;
  periodEnd: string;
  complaint: boolean;
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const dayText = (d: Date) => d.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface PlanRow {
  id: string;
  businessId: string;
  deptId: string;
  periodStart: Date;
  periodEnd: Date;
  createdAt: Date;
}

/**
 * The plans of one enterprise in groups whose periods share at least one day, in order of start:
 * each group is one visit, over the days all its plans share.
 */
export function mergeGroups(plans: PlanRow[]) {
  const sorted = [...plans].sort(
    (a, b) =>
      a.periodStart.getTime() - b.periodStart.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const groups: { plans: PlanRow[]; start: Date; end: Date }[] = [];
  for (const p of sorted) {
    const last = groups.at(-1);
    if (last && p.periodStart <= last.end && p.periodEnd >= last.start) {
      last.plans.push(p);
      if (p.periodStart > last.start) last.start = p.periodStart;
      if (p.periodEnd < last.end) last.end = p.periodEnd;
    } else groups.push({ plans: [p], start: p.periodStart, end: p.periodEnd });
  }
  return groups;
}

/** The lead department: the one with most plans in the group, then the first to file. */
export function leadOf(plans: PlanRow[]) {
  const count = new Map<string, number>();
  for (const p of plans) count.set(p.deptId, (count.get(p.deptId) ?? 0) + 1);
  return [...plans].sort(
    (a, b) => count.get(b.deptId)! - count.get(a.deptId)! || a.createdAt.getTime() - b.createdAt.getTime(),
  )[0].deptId;
}

/** Who merged an inspection the workers' schedule made (INSPECTION_MERGE_CRON). */
export const SCHEDULED_MERGE = 'schedule';

export function createJointInspectionsService(db: Db, engine: ProcessEngine) {
  async function intervalDays(grade: string | null, complaint: boolean) {
    try {
      const [row] = await engine.evaluateDecision('joint-inspection-frequency', { grade, complaint });
      const days = row ? fromEngineVariables(row as Record<string, { value?: unknown }>).intervalDays : null;
      return typeof days === 'number' ? days : 0;
    } catch (err) {
      if (err instanceof EngineError || err instanceof EngineUnavailableError) throw engineHttpError(err);
      throw err;
    }
  }

  const inspectionView = async (rows: Awaited<ReturnType<typeof loadInspections>>) => {
    const orgIds = [...new Set(rows.flatMap((r) => [...r.deptIds, r.leadDeptId]))];
    const [orgs, businesses] = await Promise.all([
      db.org.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
      db.business.findMany({
        where: { id: { in: rows.map((r) => r.businessId) } },
        select: { id: true, name: true, uscc: true },
      }),
    ]);
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const biz = new Map(businesses.map((b) => [b.id, b]));
    return rows.map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      business: {
        id: r.businessId,
        name: biz.get(r.businessId)?.name ?? '',
        uscc: biz.get(r.businessId)?.uscc ?? '',
      },
      grade: r.grade,
      lead: { id: r.leadDeptId, name: orgName.get(r.leadDeptId) ?? r.leadDeptId },
      departments: r.deptIds.map((id) => ({ id, name: orgName.get(id) ?? id })),
      periodStart: dayText(r.periodStart),
      periodEnd: dayText(r.periodEnd),
      status: r.status,
      doneAt: r.doneAt,
      plans: r.plans.map((p) => ({ id: p.id, deptId: p.deptId, matter: p.matter })),
      findings: r.findings.map((f) => ({
        deptId: f.deptId,
        result: f.result,
        text: f.text,
        openCase: f.openCase,
        eventId: f.eventId,
        recordedAt: f.recordedAt,
      })),
    }));
  };
  const loadInspections = (where: object, page = 1, pageSize = 100) =>
    db.jointInspection.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { plans: true, findings: true },
    });

  return {
    /**
     * A department's plan. Refused (400 naming periodStart) when the grade's interval since the
     * enterprise's last inspection has not passed, unless it is on a complaint.
     */
    async file(input: NewPlan, { user }: Caller) {
      if (user.org.type !== 'DEPARTMENT') throw new HttpError(403, 'inspection.notDepartment');
      const [start, end] = [day(input.periodStart), day(input.periodEnd)];
      if (end < start) throw fieldError('periodEnd', t('inspection.periodOrder'));
      if (end.getTime() - start.getTime() > 366 * DAY_MS)
        throw fieldError('periodEnd', t('inspection.periodTooLong'));
      const business = await db.business.findUnique({ where: { id: input.businessId } });
      if (!business || business.closedAt) throw fieldError('businessId', t('inspection.unknownBusiness'));
      const grade = (await currentGrades(db, [business.id])).get(business.id)?.grade ?? null;
      const days = await intervalDays(grade, input.complaint);
      const last = days
        ? await db.jointInspection.findFirst({
            where: { businessId: business.id, periodStart: { lte: start } },
            orderBy: { periodStart: 'desc' },
          })
        : null;
      if (last && last.periodStart.getTime() + days * DAY_MS > start.getTime())
        throw fieldError(
          'periodStart',
          tf('inspection.tooSoon', {
            grade: grade ?? '—',
            days,
            last: dayText(last.periodStart),
            earliest: dayText(new Date(last.periodStart.getTime() + days * DAY_MS)),
          }),
        );
      const plan = await db.inspectionPlan.create({
        data: {
          businessId: business.id,
          deptId: user.orgId,
          matter: input.matter,
          periodStart: start,
          periodEnd: end,
          complaint: input.complaint,
          createdById: user.id,
        },
      });
      return { ...planView(plan), grade, intervalDays: days };
    },

    async plans(query: { status?: string; page: number; pageSize: number }, { ability }: Caller) {
      const where = {
        AND: [
          accessibleBy(ability, 'read').ofType('InspectionPlan'),
          query.status ? { status: query.status } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        db.inspectionPlan.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.inspectionPlan.count({ where }),
      ]);
      return { items: rows.map(planView), total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * The planner: every filed plan merged with the others of its enterprise whose periods overlap
     * into one inspection, with a lead department and one task per department. One planner at a
     * time (a transaction-scoped advisory lock), so no plan lands in two inspections. By a person
     * (合并排期, `createdById` theirs) or by the schedule (`SCHEDULED_MERGE`); a plan merged once is
     * never merged again, so a second run with nothing new filed makes nothing.
     */
    async merge(createdById: string) {
      const made = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('joint-inspection-merge'))`;
        const plans = await tx.inspectionPlan.findMany({ where: { status: 'PLANNED' } });
        const byBusiness = new Map<string, typeof plans>();
        for (const p of plans) byBusiness.set(p.businessId, [...(byBusiness.get(p.businessId) ?? []), p]);
        const grades = await currentGrades(tx, [...byBusiness.keys()]);
        const created: { id: string; caseNo: string; plans: number }[] = [];
        for (const [businessId, own] of byBusiness)
          for (const group of mergeGroups(own)) {
            const deptIds = [...new Set(group.plans.map((p) => p.deptId))];
            const leadDeptId = leadOf(group.plans);
            const caseNo = await nextCaseNo(db, 'LJ', undefined, tx);
            const inspection = await tx.jointInspection.create({
              data: {
                caseNo,
                businessId,
                leadDeptId,
                // The lead first: its task is the first the team sees.
                deptIds: [leadDeptId, ...deptIds.filter((d) => d !== leadDeptId)],
                periodStart: group.start,
                periodEnd: group.end,
                grade: grades.get(businessId)?.grade ?? null,
                createdById,
              },
            });
            await tx.inspectionPlan.updateMany({
              where: { id: { in: group.plans.map((p) => p.id) }, status: 'PLANNED' },
              data: { status: 'MERGED', inspectionId: inspection.id },
            });
            await queueStart(tx, {
              caseKind: 'JOINT_INSPECTION',
              caseId: inspection.id,
              processKey: jointInspectionLoop.processId,
              businessKey: caseNo,
              variables: {
                inspectionId: inspection.id,
                caseNo,
                businessId,
                leadDeptId,
                deptIds: inspection.deptIds.join(','),
                deptCount: inspection.deptIds.length,
                periodEnd: new Date(`${dayText(group.end)}T23:59:59+08:00`),
              },
            });
            created.push({ id: inspection.id, caseNo, plans: group.plans.length });
          }
        return created;
      });
      // Each started after the commit; one the engine refuses is taken back with its plans filed again.
      for (const c of made)
        await startAfterCommit(db, engine, c.id, async (tx) => {
          await tx.inspectionPlan.updateMany({
            where: { inspectionId: c.id },
            data: { status: 'PLANNED', inspectionId: null },
          });
          await tx.jointInspection.delete({ where: { id: c.id } });
        });
      return { items: await inspectionView(await loadInspections({ id: { in: made.map((c) => c.id) } })) };
    },

    async inspections(query: { status?: string; page: number; pageSize: number }, { ability }: Caller) {
      const where = {
        AND: [
          accessibleBy(ability, 'read').ofType('JointInspection'),
          query.status ? { status: query.status } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        loadInspections(where, query.page, query.pageSize),
        db.jointInspection.count({ where }),
      ]);
      return { items: await inspectionView(rows), total, page: query.page, pageSize: query.pageSize };
    },

    async inspection(id: string, { ability }: Caller) {
      const [row] = await loadInspections({ id });
      if (!row || !ability.can('read', subject('JointInspection', row)))
        throw new HttpError(404, 'error.notFound');
      return (await inspectionView([row]))[0];
    },

    /**
     * A link for the enterprise to fill its self-check of one of the caller's department's filed
     * plans: the token is shown once (kept as its SHA-256); a new link replaces the last one. It
     * lasts until the plan's period ends, and at most 30 days.
     */
    async issueSelfCheck(planId: string, { user }: Caller) {
      const plan = await db.inspectionPlan.findUnique({ where: { id: planId } });
      if (!plan || plan.deptId !== user.orgId) throw new HttpError(404, 'error.notFound');
      if (plan.status !== 'PLANNED') throw new HttpError(409, 'inspection.notFiled');
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(
        Math.min(plan.periodEnd.getTime() + DAY_MS - 8 * 3_600_000, Date.now() + 30 * DAY_MS),
      );
      const data = { tokenHash: tokenHash(token), issuedById: user.id, issuedAt: new Date(), expiresAt };
      await db.inspectionSelfCheck.upsert({ where: { planId }, create: { planId, ...data }, update: data });
      return { token, path: `/self-check/${token}`, expiresAt };
    },

    /** The self-check a link names, still open; 404 for an unknown or expired one. */
    async selfCheck(token: string) {
      const check = await db.inspectionSelfCheck.findUnique({
        where: { tokenHash: tokenHash(token) },
        include: { plan: true },
      });
      if (!check || check.expiresAt < new Date()) throw new HttpError(404, 'error.notFound');
      const [business, dept] = await Promise.all([
        db.business.findUnique({ where: { id: check.plan.businessId }, select: { name: true } }),
        db.org.findUnique({ where: { id: check.plan.deptId }, select: { name: true } }),
      ]);
      return {
        check,
        view: {
          enterprise: business?.name ?? '',
          department: dept?.name ?? '',
          matter: check.plan.matter,
          periodStart: dayText(check.plan.periodStart),
          periodEnd: dayText(check.plan.periodEnd),
          submittedAt: check.submittedAt,
        },
      };
    },

    /** The enterprise's answer, once: the plan then counts as done without a visit (the planner skips it). */
    async submitSelfCheck(id: string, input: { checkedItems: string; contactName: string }) {
      await db.$transaction(async (tx) => {
        const { count } = await tx.inspectionSelfCheck.updateMany({
          where: { id, submittedAt: null, expiresAt: { gt: new Date() } },
          data: { ...input, submittedAt: new Date() },
        });
        if (!count) throw new HttpError(409, 'inspection.selfCheckDone');
        const check = await tx.inspectionSelfCheck.findUniqueOrThrow({ where: { id } });
        const plan = await tx.inspectionPlan.updateMany({
          where: { id: check.planId, status: 'PLANNED' },
          data: { status: 'SELF_CHECKED' },
        });
        // Merged into an inspection meanwhile: the visit stands, the answer is not taken.
        if (!plan.count) throw new HttpError(409, 'inspection.notFiled');
      });
      return { submitted: true };
    },

    /**
     * Visits saved by merging: each inspection is one visit for all its plans, so it saves one
     * fewer than it has plans; by the grade the enterprise had when the plans were merged. Plans
     * an enterprise's self-check stands for are counted apart (`selfChecked`).
     */
    async stats() {
      const rows = await db.$queryRaw<{ grade: string | null; inspections: number; plans: number }[]>`
        SELECT j.grade, count(DISTINCT j.id)::int AS inspections, count(p.id)::int AS plans
          FROM "JointInspection" j JOIN "InspectionPlan" p ON p."inspectionId" = j.id
         GROUP BY j.grade ORDER BY j.grade NULLS LAST`;
      const byGrade = rows.map((r) => ({ ...r, saved: r.plans - r.inspections }));
      const sum = (k: 'inspections' | 'plans' | 'saved') => byGrade.reduce((n, r) => n + r[k], 0);
      const selfChecked = await db.inspectionPlan.count({ where: { status: 'SELF_CHECKED' } });
      return {
        inspections: sum('inspections'),
        plans: sum('plans'),
        saved: sum('saved'),
        selfChecked,
        byGrade,
      };
    },
  };
}

const planView = (p: {
  id: string;
  businessId: string;
  deptId: string;
  matter: string;
  periodStart: Date;
  periodEnd: Date;
  complaint: boolean;
  status: string;
  inspectionId: string | null;
  createdAt: Date;
}) => ({
  id: p.id,
  businessId: p.businessId,
  deptId: p.deptId,
  matter: p.matter,
  periodStart: dayText(p.periodStart),
  periodEnd: dayText(p.periodEnd),
  complaint: p.complaint,
  status: p.status,
  inspectionId: p.inspectionId,
  createdAt: p.createdAt,
});

export type JointInspectionsService = ReturnType<typeof createJointInspectionsService>;
