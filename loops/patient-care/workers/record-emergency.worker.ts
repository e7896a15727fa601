/**
 * BPMN element: service task 登记应急处置 (`record-emergency`) of `patient-care`, after 应急处置记录.
 * Reads: personId, emergencyRecordId, measures.
 * Writes: no variables. Closes the emergency record: when (the ended task's end time, so on time or
 * late is what happened), by whom (its assignee in the engine's history), what was done; and a
 * timeline entry.
 * Errors: no BPMN error; no ended 应急处置记录 task fails into an incident.
 * Idempotent: the record is closed once (only while open); the timeline entry by the task.
 */
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { lastCompleted, recordHistory } from './care';

const worker: WorkerDefinition = {
  topic: 'patient-care-record-emergency',
  name: { zh: '登记应急处置', en: 'Record the emergency' },
  description: {
    zh: '把应急处置经过写入应急处置记录（完成时间、记录人），记入档案时间线。',
    en: 'Closes the emergency record with what was done, when and by whom, on the file’s timeline.',
  },
  reads: ['personId', 'emergencyRecordId', 'measures'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine }) =>
    async (task) => {
      const v = task.variables;
      const done = await lastCompleted(engine, task.processInstanceId, 'emergency-record');
      if (!done) return fail('no ended emergency-record task', 0);
      await db.emergencyRecord.updateMany({
        where: { id: String(v.emergencyRecordId), recordedAt: null },
        data: { recordedAt: done.endedAt, byId: done.userId, measures: String(v.measures ?? '') },
      });
      const record = await db.emergencyRecord.findUnique({ where: { id: String(v.emergencyRecordId) } });
      await recordHistory(db, {
        personId: String(v.personId),
        action: 'emergencyRecorded',
        dedupKey: `emergencyRecorded:${done.taskKey}`,
        actorId: done.userId,
        at: done.endedAt,
        detail: { onTime: !!record && done.endedAt <= record.dueAt },
      });
      return complete();
    },
};

export default worker;
