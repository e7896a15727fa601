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
import { createEventsService } from '../../event-handling/api/events.service';
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
      const warning = await db.warning.findUnique({ where: { id: v.warningId }, include: { cases: true } });
      if (!warning || warning.status !== 'OPEN') return complete();
      const review = await lastCompleted(engine, task.processInstanceId, 'review');
      const decidedById = review?.userId ?? null;
      let eventId: string | null = null;
      if (v.reviewDecision === 'openCase') {
        const first = await db.event.findFirst({
          where: { id: { in: warning.cases.map((c) => c.eventId) } },
          orderBy: { createdAt: 'asc' },
        });
        const decider = decidedById ? await db.user.findUnique({ where: { id: decidedById } }) : null;
        const events = createEventsService(db, engine, {
          reopenWindowHours: config.EVENT_REOPEN_WINDOW_HOURS,
        });
        const event = await events.report(
          {
            category: warning.categoryCode ?? first?.categoryCode ?? 'other',
            urgency: 'NORMAL',
            gridId: warning.kind === 'grid-category' ? warning.placeId : first?.gridId,
            address: first?.address ?? warning.placeId,
            description: `预警研判立案：${warning.ruleName}（${warning.count} 件）。${v.reviewReason}`,
            attachments: [],
            attachmentIds: [],
            clientRef: `warning:${warning.id}`,
            reporterName: decider?.displayName ?? '预警研判',
          },
          {
            source: 'warning',
            scopePath: '/',
            userId: decider?.id ?? null,
            unitId: warning.unitId,
            name: decider?.displayName ?? '预警研判',
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
