/**
 * BPMN element: service task 结案并评价信用 (`close`) of `joint-inspection`, once every department
 * of the team has recorded its findings.
 * Reads: inspectionId.
 * Writes: none.
 * Closes the inspection and its plans; a serious finding lowers the enterprise's credit grade one
 * step (A→B … C→D), kept as a grade of source `inspection`. Errors: none. Idempotent: the grade is
 * keyed by the inspection's closing time, which the first delivery fixes.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import { GRADES, type InspectionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'joint-inspection-close',
  name: { zh: '联合检查结案', en: 'Close a joint inspection' },
  description: {
    zh: '各部门记录检查结果后结案；有严重问题的，企业信用等级下调一级。',
    en: 'Closes the inspection once every department recorded; a serious finding lowers the grade one step.',
  },
  reads: ['inspectionId'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as InspectionVariables;
      await db.$transaction(async (tx) => {
        const found = await tx.jointInspection.findUniqueOrThrow({
          where: { id: v.inspectionId },
          include: { findings: true },
        });
        const doneAt = found.doneAt ?? new Date();
        await tx.jointInspection.update({ where: { id: found.id }, data: { status: 'DONE', doneAt } });
        await tx.inspectionPlan.updateMany({ where: { inspectionId: found.id }, data: { status: 'DONE' } });
        const serious = found.findings.filter((f) => f.result === 'SERIOUS');
        if (!serious.length) return;
        const current = await tx.creditGrade.findFirst({
          where: { businessId: found.businessId },
          orderBy: [{ gradedAt: 'desc' }, { createdAt: 'desc' }],
        });
        const at = GRADES.indexOf((current?.grade ?? 'B') as (typeof GRADES)[number]);
        await tx.creditGrade.createMany({
          data: [
            {
              businessId: found.businessId,
              grade: GRADES[Math.min(at + 1, GRADES.length - 1)],
              gradedAt: doneAt,
              source: 'inspection',
              note: `${found.caseNo}: ${serious.map((f) => f.deptId).join(', ')}`,
            },
          ],
          skipDuplicates: true,
        });
      });
      return complete();
    },
};

export default worker;
