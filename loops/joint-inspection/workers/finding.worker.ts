/**
 * BPMN element: service task 保存检查结果 (`keep-finding`) of `joint-inspection`, inside one
 * department's instance of 各部门检查, after its 检查并记录结果.
 * Reads: inspectionId, deptId, result, findings (the last three local to the department's instance).
 * Writes: none.
 * Keeps the department's finding. Errors: none. Idempotent: one finding per inspection and
 * department, a re-delivery writes the same values.
 */
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { InspectionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'joint-inspection-finding',
  name: { zh: '保存检查结果', en: 'Keep a finding' },
  description: {
    zh: '保存联合检查中一个部门的检查结论和检查情况。',
    en: "Keeps one department's result and findings of a joint inspection.",
  },
  reads: ['inspectionId', 'deptId', 'result', 'findings'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as InspectionVariables;
      const result = v.result === 'ISSUES' || v.result === 'SERIOUS' ? v.result : 'PASS';
      const data = { result, text: String(v.findings ?? '').slice(0, 2000) };
      await db.inspectionFinding.upsert({
        where: { inspectionId_deptId: { inspectionId: v.inspectionId, deptId: v.deptId! } },
        create: { inspectionId: v.inspectionId, deptId: v.deptId!, ...data },
        update: data,
      });
      return complete();
    },
};

export default worker;
