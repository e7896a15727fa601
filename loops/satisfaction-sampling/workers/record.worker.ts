/**
 * BPMN element: service task 记录民调结果 (`record-survey`) of `satisfaction-survey`, after 电话民调.
 * Reads: sampleId, surveyResult, surveyReason; who made the call from the engine's history.
 * Writes: none. Records the answer on the sampled case (群众满意率 by unit, apart from the handler's
 * own 回访); 不满意 asks for 重办 through the event's reopen path (loops/event-handling/api/
 * reopen-request.ts); a case whose window has closed keeps why, and the complaint is reported as a
 * new case in the same grid and category that names the old one (followUpEventId).
 * Errors: none. Idempotent: a case with an answer recorded is left as it is; the reopen is asked
 * under the sample's key, so a retry after the reopen but before the record finds it reopened by
 * itself (not `alreadyReopened`); the new case is reported under the sample as its draft key, so a
 * re-delivery finds it.
 */
import { HttpError } from '../../../api/src/http/errors';
import { ownReopen, requestReopen } from '../../event-handling/api/reopen-request';
import { reportOnBehalf } from '../../event-handling/api/report-on-behalf';
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
    ({ db, engine, config }) =>
    async (task) => {
      const v = task.variables as { sampleId: string; surveyResult: string; surveyReason?: string | null };
      const sample = await db.sampledCase.findUnique({ where: { id: v.sampleId } });
      if (!sample || sample.result) return complete();
      const call = await lastCompleted(engine, task.processInstanceId, 'survey-call');
      const reason = v.surveyReason?.trim() || null;
      let reopened = false;
      let reopenRefused: string | null = null;
      let followUpEventId: string | null = null;
      if (v.surveyResult === 'dissatisfied') {
        const event = await db.event.findUnique({ where: { id: sample.eventId } });
        const why = `民调不满意${reason ? `：${reason}` : ''}`;
        const requestKey = `sample:${sample.id}`;
        try {
          if (!event) throw new HttpError(409, 'error.notFound');
          // Reopened by this very call already: a retry after the reopen, before the answer was recorded.
          if (!(await ownReopen(db, event.id, requestKey)))
            await requestReopen(db, engine, event, {
              reason: why,
              actorId: call?.userId ?? 'survey',
              requestKey,
            });
          reopened = true;
        } catch (err) {
          // The window has closed or the case is open again: recorded, the call itself stands.
          if (!(err instanceof HttpError) || err.status !== 409) throw err;
          reopenRefused = err.code;
        }
        // A month's draw reaches cases whose 重办 window has closed: the complaint is not dropped
        // but becomes a case of its own where the old one was, naming it.
        if (event && reopenRefused === 'error.reopenClosed') {
          const caller = call?.userId ? await db.user.findUnique({ where: { id: call.userId } }) : null;
          const followUp = await reportOnBehalf(
            db,
            engine,
            config.EVENT_REOPEN_WINDOW_HOURS,
            {
              userId: caller?.id ?? null,
              name: caller?.displayName ?? '民调',
              unitId: caller?.orgId ?? sample.unitId,
              source: 'survey',
            },
            {
              category: event.categoryCode,
              gridId: event.gridId,
              address: event.address,
              description: `${why}（原案件 ${event.caseNo} 已过重办期限，另行立案）`,
              clientRef: `sample:${sample.id}`,
            },
          );
          followUpEventId = followUp.id;
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
          followUpEventId,
        },
      });
      return complete();
    },
};

export default worker;
