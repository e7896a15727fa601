/**
 * BPMN element: service task 受理复查/复核 (`open-review`) of `petition`, after the petitioner's
 * request (message petition-review-request, sent by the API within the window).
 * Reads: petitionId, handlerUnitId, reviewLevel, reviewUnitId (the last two once a 复查 came before).
 * Writes: reviewLevel (1 复查, 2 复核), reviewUnitId (the level above the handler, then above the
 * 复查 unit), reviewDueAt (a Date: `petitionLoop.clocks.review.days` statutory days from the request).
 * Errors: none. Idempotent: a petition already at this level keeps its unit and limit.
 */
import { petitionLoop } from '../loop';
import { clockDue } from '../../../lib/loop';
import { workingCalendar } from '../../../lib/working-calendar';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { unitAbove } from './petition-facts';
import type { PetitionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'petition-open-review',
  name: { zh: '受理复查/复核', en: 'Open the review' },
  description: {
    zh: `复查由原办理单位的上一级办理，复核再上一级；${petitionLoop.clocks.review.days}日内作出意见（法定日数）。`,
    en: `A review goes to the level above the handler, a re-check one level further up; ${petitionLoop.clocks.review.days} statutory days to decide.`,
  },
  reads: ['petitionId', 'handlerUnitId', 'reviewLevel', 'reviewUnitId'],
  optionalReads: ['reviewLevel', 'reviewUnitId'],
  writes: ['reviewLevel', 'reviewUnitId', 'reviewDueAt'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      const petition = await db.petition.findUnique({ where: { id: v.petitionId } });
      if (!petition) return fail(`petition ${v.petitionId} not found`, 0);
      const level = (Number(v.reviewLevel) || 0) + 1;
      if (petition.reviewLevel === level && petition.reviewUnitId && petition.reviewDueAt) {
        return complete({
          reviewLevel: level,
          reviewUnitId: petition.reviewUnitId,
          reviewDueAt: petition.reviewDueAt,
        });
      }
      const below = level === 1 ? v.handlerUnitId : v.reviewUnitId;
      const reviewer = below ? await unitAbove(db, below) : null;
      if (!reviewer) return fail(`petition ${petition.caseNo}: no unit above ${below}`, 0);
      const due = clockDue(petitionLoop.clocks.review, await workingCalendar(db), new Date());
      await db.petition.update({
        where: { id: petition.id },
        data: {
          reviewLevel: level,
          reviewUnitId: reviewer.id,
          reviewPath: reviewer.path,
          reviewDueAt: due.dueAt,
          status: 'REVIEWING',
        },
      });
      return complete({ reviewLevel: level, reviewUnitId: reviewer.id, reviewDueAt: due.dueAt });
    },
};

export default worker;
