/**
 * BPMN element: service task 登记评估等级 (`record-assessment`) of `patient-care`, after 精防医生评估.
 * Reads: personId, riskLevel (the doctor's), opinion.
 * Writes: no variables. Records the new risk level (the cycle goes on at it: the interval decision
 * reads riskLevel next) and the opinion on the file's timeline.
 * Errors: no BPMN error; no ended assessment task or a level outside 0–5 fails into an incident.
 * Idempotent: keyed by the assessment task (the risk record's sourceId, the timeline's dedupKey).
 */
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { lastCompleted, recordHistory, recordRiskLevel, riskLevelOf } from './care';

const worker: WorkerDefinition = {
  topic: 'patient-care-record-assessment',
  name: { zh: '登记评估等级', en: 'Record the assessment' },
  description: {
    zh: '把精防医生评估的风险等级与意见写入档案，随访周期按新等级继续。',
    en: 'Writes the psychiatric doctor’s risk level and opinion to the file; the cycle goes on at the new level.',
  },
  reads: ['personId', 'riskLevel', 'opinion'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine }) =>
    async (task) => {
      const v = task.variables;
      const personId = String(v.personId);
      const level = riskLevelOf(v.riskLevel);
      if (level === null) return fail(`risk level ${String(v.riskLevel)} is not 0–5`, 0);
      const done = await lastCompleted(engine, task.processInstanceId, 'assessment');
      if (!done) return fail('no ended assessment task', 0);
      await recordRiskLevel(db, {
        personId,
        level,
        source: 'assessment',
        sourceId: `assessment:${done.taskKey}`,
        at: done.endedAt,
      });
      await recordHistory(db, {
        personId,
        action: 'assessed',
        dedupKey: `assessed:${done.taskKey}`,
        actorId: done.userId,
        at: done.endedAt,
        detail: { riskLevel: level, opinion: String(v.opinion ?? '') },
      });
      return complete();
    },
};

export default worker;
