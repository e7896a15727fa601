/**
 * BPMN element: service task 出具处理意见书 (`reply`) of `petition`, after 办理.
 * Reads: petitionId, replyText.
 * Writes: reviewRequestUntil (a Date: `petitionLoop.clocks.reviewRequest.days` statutory days from the reply, the window for 复查; the
 * timer 申请期满 fires on it), replyText (null: the reply lives in PostgreSQL, not in the engine or
 * the inbox's copy of the variables). Records the reply and the 处理意见书.
 * Errors: none. Idempotent: the reply time is kept on the first run; the notice is keyed by petition.
 */
import { petitionLoop } from '../loop';
import { clockDue } from '../../../lib/loop';
import { workingCalendar } from '../../../lib/working-calendar';
import { recordNotice } from '../petition-notices';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { unit } from './petition-facts';
import { beijingDate } from '../../../lib/china-time';
import type { PetitionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'petition-reply',
  name: { zh: '出具处理意见书', en: 'Issue the reply' },
  description: {
    zh: `记录处理意见，生成处理意见书，计算${petitionLoop.clocks.reviewRequest.days}日复查申请期限（法定日数）。`,
    en: `Records the reply, issues the written opinion, and sets the ${petitionLoop.clocks.reviewRequest.days}-day window for a review request (statutory days).`,
  },
  reads: ['petitionId', 'replyText'],
  writes: ['reviewRequestUntil', 'replyText'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      const petition = await db.petition.findUnique({ where: { id: v.petitionId } });
      if (!petition) return fail(`petition ${v.petitionId} not found`, 0);
      const repliedAt = petition.repliedAt ?? new Date();
      const until = clockDue(petitionLoop.clocks.reviewRequest, await workingCalendar(db), repliedAt);
      const replyText = petition.replyText ?? v.replyText ?? '';
      const handler = petition.handlerUnitId ? await unit(db, petition.handlerUnitId) : null;
      await db.$transaction(async (tx) => {
        await tx.petition.update({
          where: { id: petition.id },
          data: { replyText, repliedAt, reviewRequestUntil: until.dueAt, status: 'REPLIED' },
        });
        await recordNotice(db, tx, {
          petitionId: petition.id,
          kind: 'OPINION',
          fields: {
            caseNo: petition.caseNo,
            issuedOn: beijingDate(repliedAt),
            unitName: handler?.name ?? '',
            reply: replyText,
            reviewUntil: until.dueDate,
            days: petitionLoop.clocks.reviewRequest.days,
          },
          dedupKey: `${petition.id}:opinion`,
          issuer: handler,
        });
      });
      return complete({ reviewRequestUntil: until.dueAt, replyText: null });
    },
};

export default worker;
