/**
 * BPMN element: service task 保存检查结果 (`keep-finding`) of `joint-inspection`, inside one
 * department's instance of 各部门检查, after its 检查并记录结果.
 * Reads: inspectionId, caseNo, businessId, deptId, result, findings, openCase (the last four local
 * to the department's instance).
 * Writes: none.
 * Keeps the department's finding. A finding with issues the department sends for enforcement
 * (openCase) becomes an event at the enterprise's building (its grid and address), category
 * 安全隐患, reported in the name of whoever recorded it for the department; the finding names the
 * event and the event's timeline the inspection. An enterprise with no building in the base has no
 * place for a case: the finding is kept without one. Errors: none. Idempotent: one finding per
 * inspection and department, a re-delivery writes the same values; a finding that names its event
 * opens none again, and the event is reported under the finding as its draft key (when the
 * recorder is known) and its timeline entry keyed by it, so a re-delivery finds both.
 */
import { reportOnBehalf } from '../../event-handling/api/report-on-behalf';
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { InspectionVariables } from './variables';

/** The category of an enforcement case opened from a finding. */
export const ENFORCEMENT_CATEGORY = 'safety-hazard';

const worker: WorkerDefinition = {
  topic: 'joint-inspection-finding',
  name: { zh: '保存检查结果', en: 'Keep a finding' },
  description: {
    zh: '保存联合检查中一个部门的检查结论和检查情况；部门要求移交立案的，在企业所在楼栋立案。',
    en: "Keeps one department's result and findings of a joint inspection; one sent for enforcement opens a case at the enterprise's building.",
  },
  reads: ['inspectionId', 'caseNo', 'businessId', 'deptId', 'result', 'findings', 'openCase'],
  optionalReads: ['openCase'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine, config }) =>
    async (task) => {
      const v = task.variables as unknown as InspectionVariables;
      const result = v.result === 'ISSUES' || v.result === 'SERIOUS' ? v.result : 'PASS';
      const deptId = v.deptId!;
      const text = String(v.findings ?? '').slice(0, 2000);
      const data = { result, text, openCase: result !== 'PASS' && v.openCase === true };
      const key = { inspectionId_deptId: { inspectionId: v.inspectionId, deptId } };
      const finding = await db.inspectionFinding.upsert({
        where: key,
        create: { inspectionId: v.inspectionId, deptId, ...data },
        update: data,
      });
      if (!data.openCase || finding.eventId) return complete();
      const business = await db.business.findUnique({ where: { id: v.businessId } });
      if (!business?.buildingId) return complete();

      // Whoever recorded the finding for the department (the inbox keeps who completed it).
      const recorded = await db.inboxTask.findFirst({
        where: {
          processInstanceId: task.processInstanceId,
          elementId: 'record-findings',
          orgId: deptId,
          state: 'COMPLETED',
        },
        orderBy: { completedAt: 'desc' },
        select: { completedById: true },
      });
      const by = recorded?.completedById
        ? await db.user.findUnique({ where: { id: recorded.completedById } })
        : null;
      const dept = await db.org.findUnique({ where: { id: deptId } });
      const draftKey = `inspection-finding:${v.inspectionId}:${deptId}`;
      const event = await reportOnBehalf(
        db,
        engine,
        config.EVENT_REOPEN_WINDOW_HOURS,
        {
          userId: by?.id ?? null,
          name: by?.displayName ?? dept?.name ?? deptId,
          unitId: deptId,
          source: 'inspection',
        },
        {
          category: ENFORCEMENT_CATEGORY,
          buildingId: business.buildingId,
          description: `联合检查 ${v.caseNo} 发现问题，移交立案查处：${business.name}。${text}`,
          clientRef: draftKey,
        },
      );
      await recordTimeline(db, {
        eventId: event.id,
        action: 'inspection-finding',
        dedupKey: draftKey,
        actorId: by?.id ?? null,
        detail: { inspectionId: v.inspectionId, caseNo: v.caseNo, deptId, result },
      });
      await db.inspectionFinding.update({ where: key, data: { eventId: event.id } });
      return complete();
    },
};

export default worker;
