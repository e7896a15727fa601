/**
 * BPMN element: service task 出具复查/复核意见书 (`record-review`) of `petition`, after 复查/复核.
 * Reads: petitionId, reviewLevel, reviewUnitId, reviewResult, reviewOpinion.
 * Writes: reviewRequestUntil (a Date: `petitionLoop.clocks.reviewRequest.days` statutory days for a 复核 request after a 复查; null after
 * 复核, which ends the matter), reviewOpinion (null, kept in PostgreSQL). After 复核 the petition
 * is final: the same matter by the same petitioner is refused at registration.
 * Errors: none. Idempotent: the notice is keyed by petition and level; dates are kept on the first run.
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
  topic: 'petition-review',
  name: { zh: '出具复查/复核意见书', en: 'Issue the review opinion' },
  description: {
    zh: `记录复查/复核意见并生成意见书；复查后可在${petitionLoop.clocks.reviewRequest.days}日内申请复核，复核意见为终结意见。`,
    en: `Records the review opinion and issues it; after a review a re-check may be asked within ${petitionLoop.clocks.reviewRequest.days} days; the re-check is final.`,
  },
  reads: ['petitionId', 'reviewLevel', 'reviewUnitId', 'reviewResult', 'reviewOpinion'],
  writes: ['reviewRequestUntil', 'reviewOpinion'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      const petition = await db.petition.findUnique({ where: { id: v.petitionId } });
      if (!petition) return fail(`petition ${v.petitionId} not found`, 0);
      const final = Number(v.reviewLevel) >= 2;
      const now = new Date();
      const until = final
        ? null
        : clockDue(petitionLoop.clocks.reviewRequest, await workingCalendar(db), now);
      const opinion = `${v.reviewResult === 'revised' ? '变更原处理意见。' : '维持原处理意见。'}${v.reviewOpinion ?? ''}`;
      const reviewer = v.reviewUnitId ? await unit(db, v.reviewUnitId) : null;
      await db.$transaction(async (tx) => {
        await tx.petition.update({
          where: { id: petition.id },
          data: {
            reviewOpinion: opinion,
            reviewRequestUntil: until?.dueAt ?? null,
            status: final ? 'CLOSED' : 'REPLIED',
            ...(final ? { finalAt: petition.finalAt ?? now } : {}),
          },
        });
        await recordNotice(db, tx, {
          petitionId: petition.id,
          kind: final ? 'RECHECK_OPINION' : 'REVIEW_OPINION',
          fields: {
            caseNo: petition.caseNo,
            issuedOn: beijingDate(now),
            unitName: reviewer?.name ?? '',
            opinion,
            reviewUntil: until?.dueDate ?? null,
            days: petitionLoop.clocks.reviewRequest.days,
          },
          dedupKey: `${petition.id}:review:${v.reviewLevel}`,
          issuer: reviewer,
        });
      });
      return complete({ reviewRequestUntil: until?.dueAt ?? null, reviewOpinion: null });
    },
};

export default worker;
