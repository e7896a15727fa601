/**
 * BPMN element: service task 记录研判结果 (`record-review`) of `early-warning-review`, after 研判.
 * Reads: warningId, reviewDecision (dismiss | openCase), reviewReason; who decided from the
 * engine's history.
 * Writes: none. Records the decision on the warning; 立案 reports an event in the warning's grid
 * (a surge's: the first case's grid) and category, reported by whoever decided, so it runs the
 * event loop like any other case.
 * Errors: none. Idempotent: a decided warning is left as it is; the event is reported with the
 * warning as its draft key (clientRef), so a re-delivery finds the event it made.
 */
import { reportOnBehalf } from '../../event-handling/api/report-on-behalf';
import { warningPlace } from '../warning-place';
import { lastCompleted } from '../../patient-care/workers/care';
import { complete, type WorkerDefinition } from '../../../workers/src/types';

const worker: WorkerDefinition = {
  topic: 'early-warning-review-record',
  name: { zh: '记录研判结果', en: 'Record the review' },
  description: {
    zh: '记录研判结论：排除并说明理由，或以预警所在网格和类别立案。',
    en: 'Records the decision: dismissed with a reason, or a case opened in the warning’s grid and category.',
  },
  reads: ['warningId', 'reviewDecision', 'reviewReason'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine, config }) =>
    async (task) => {
      const v = task.variables as { warningId: string; reviewDecision: string; reviewReason: string };
      const found = await warningPlace(db, v.warningId);
      if (!found || found.warning.status !== 'OPEN') return complete();
      const { warning, place } = found;
      const review = await lastCompleted(engine, task.processInstanceId, 'review');
      const decidedById = review?.userId ?? null;
      let eventId: string | null = null;
      // No place (refused at the inbox; a diagram changed since could still send it): recorded as
      // dismissed with the reason given, never an incident.
      if (v.reviewDecision === 'openCase' && place) {
        const decider = decidedById ? await db.user.findUnique({ where: { id: decidedById } }) : null;
        const event = await reportOnBehalf(
          db,
          engine,
          config.EVENT_REOPEN_WINDOW_HOURS,
          {
            userId: decider?.id ?? null,
            name: decider?.displayName ?? '预警研判',
            unitId: warning.unitId,
            source: 'warning',
          },
          {
            category: place.category,
            gridId: place.gridId,
            address: place.address,
            description: `预警研判立案：${warning.ruleName}（${warning.count} 件）。${v.reviewReason}`,
            clientRef: `warning:${warning.id}`,
          },
        );
        eventId = event.id;
      }
      await db.warning.update({
        where: { id: warning.id },
        data: {
          status: eventId ? 'CASE_OPENED' : 'DISMISSED',
          decisionReason: v.reviewReason,
          decidedById,
          decidedAt: review?.endedAt ?? new Date(),
          eventId,
        },
      });
      return complete();
    },
};

export default worker;
