/**
 * BPMN element: service task 记录民调结果 (`record-survey`) of `satisfaction-survey`, after 电话民调.
 * Reads: sampleId, surveyResult, surveyReason; who made the call from the engine's history.
 * Writes: none. Records the answer on the sampled case (群众满意率 by unit, apart from the handler's
 * own 回访); 不满意 asks for 重办 through the event's reopen path (loops/event-handling/api/
 * reopen-request.ts), and a case whose window has closed keeps why it was not reopened.
 * Errors: none. Idempotent: a case with an answer recorded is left as it is.
 */
import { HttpError } from '../../../api/src/http/errors';
import { requestReopen } from '../../event-handling/api/reopen-request';
import { lastCompleted } from '../../patient-care/workers/care';
import { complete, type WorkerDefinition } from '../../../workers/src/types';

const worker: WorkerDefinition = {
  topic: 'satisfaction-survey-record',
  name: { zh: '记录民调结果', en: 'Record the survey answer' },
  description: {
    zh: '记录民调评价；不满意且仍在重办期内的案件按重办流程退回原承办单位。',
    en: 'Records the answer; an unsatisfied one reopens the case through its reopen path while the window is open.',
  },
  reads: ['sampleId', 'surveyResult', 'surveyReason'],
  optionalReads: ['surveyReason'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine }) =>
    async (task) => {
      const v = task.variables as { sampleId: string; surveyResult: string; surveyReason?: string | null };
      const sample = await db.sampledCase.findUnique({ where: { id: v.sampleId } });
      if (!sample || sample.result) return complete();
      const call = await lastCompleted(engine, task.processInstanceId, 'survey-call');
      const reason = v.surveyReason?.trim() || null;
      let reopened = false;
      let reopenRefused: string | null = null;
      if (v.surveyResult === 'dissatisfied') {
        const event = await db.event.findUnique({ where: { id: sample.eventId } });
        try {
          if (!event) throw new HttpError(409, 'error.notFound');
          await requestReopen(db, engine, event, {
            reason: `民调不满意${reason ? `：${reason}` : ''}`,
            actorId: call?.userId ?? 'survey',
          });
          reopened = true;
        } catch (err) {
          // The window has closed or the case is open again: recorded, the call itself stands.
          if (!(err instanceof HttpError) || err.status !== 409) throw err;
          reopenRefused = err.code;
        }
      }
      await db.sampledCase.update({
        where: { id: sample.id },
        data: {
          result: v.surveyResult,
          reason,
          calledById: call?.userId ?? null,
          calledAt: call?.endedAt ?? new Date(),
          reopened,
          reopenRefused,
        },
      });
      return complete();
    },
};

export default worker;
