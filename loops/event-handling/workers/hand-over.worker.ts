/**
 * BPMN element: service task 转交调解 (`hand-over`) of `event-handling`, when the dispatch decision
 * routes a 矛盾纠纷 event to three-way mediation ("mediation").
 * Reads: eventId, communityId, streetId, districtId.
 * Writes: disputeId, disputeCaseNo, disputeType, amount, riskLevel: the dispute the call activity
 * 三调联动调解 mediates (type "other" and a medium risk until the mediator assesses it; the reporter,
 * when named, as its first party). Adds a timeline entry to the event.
 * Errors: none. Idempotent: one dispute per event (unique eventId); a re-delivery, or a reopened
 * event dispatched again, mediates the same dispute.
 */
import { Prisma } from '@prisma/client';
import { nextCaseNo } from '../../../lib/case-no';
import { recordTimeline } from '../../../lib/timeline';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-hand-over',
  name: { zh: '转交调解', en: 'Hand over to mediation' },
  description: {
    zh: '矛盾纠纷事件转为纠纷调解案件（三调联动），事件等待调解结果。',
    en: 'Turns a dispute event into a three-way mediation case; the event waits for its outcome.',
  },
  reads: ['eventId', 'communityId', 'streetId', 'districtId'],
  writes: ['disputeId', 'disputeCaseNo', 'disputeType', 'amount', 'riskLevel'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as EventVariables;
      const existing = await db.dispute.findUnique({ where: { eventId: v.eventId } });
      const dispute =
        existing ??
        (await db
          .$transaction(async (tx) => {
            const event = await tx.event.findUniqueOrThrow({ where: { id: v.eventId } });
            const community = await tx.org.findUniqueOrThrow({ where: { id: v.communityId } });
            return tx.dispute.create({
              data: {
                caseNo: await nextCaseNo(db, 'TJ', undefined, tx),
                typeCode: 'other',
                summary: event.description,
                source: 'EVENT',
                eventId: event.id,
                communityId: community.id,
                communityPath: community.path,
                handlerUnitIds: [community.id],
                riskLevel: 'MEDIUM',
                parties: event.reporterName ? { create: [{ name: event.reporterName }] } : undefined,
                risks: { create: [{ stage: 'PEOPLE', level: 'MEDIUM', reasons: ['event-hand-over'] }] },
              },
            });
          })
          .catch(async (err) => {
            // Two deliveries at once: the other one created it.
            if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
              return db.dispute.findUniqueOrThrow({ where: { eventId: v.eventId } });
            throw err;
          }));
      await recordTimeline(db, {
        eventId: v.eventId,
        action: 'handed-to-mediation',
        dedupKey: `hand-over:${task.id}`,
        unitId: v.communityId,
        detail: { disputeId: dispute.id, disputeCaseNo: dispute.caseNo },
      });
      return complete({
        disputeId: dispute.id,
        disputeCaseNo: dispute.caseNo,
        disputeType: dispute.typeCode,
        amount: dispute.amount === null ? null : Number(dispute.amount),
        riskLevel: dispute.riskLevel,
      });
    },
};

export default worker;
