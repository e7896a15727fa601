/**
 * BPMN element: service task 审核结果入库 (`apply-review`) of `base-data-review`, after the
 * community's review (`review`).
 * Reads: changeId, decision (approve | reject), reviewNote (optional).
 * Writes: none. Approved: the change is applied (lib: loops/base-data/base-changes.ts) and the
 * proposal marked APPROVED in one transaction; rejected: marked REJECTED with the note.
 * Errors: none. Idempotent: a change no longer PROPOSED is left as it is. A change that can no
 * longer apply (the USCC registered meanwhile, the person already in the room) is rejected with
 * that reason instead of failing the instance.
 */
import { Prisma } from '@prisma/client';
import { addressSchemeFromEnv } from '../../../lib/address-code';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import { applyChange } from '../base-changes';

const worker: WorkerDefinition = {
  topic: 'base-data-review-apply',
  name: { zh: '基础数据审核入库', en: 'Apply the address-base review' },
  description: {
    zh: '社区审核通过的采集或申报写入基础数据；不通过的留痕。',
    en: 'Makes an approved grid member’s change or self-declaration fact; keeps a rejected one in the history.',
  },
  reads: ['changeId', 'decision', 'reviewNote'],
  optionalReads: ['reviewNote'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler: ({ db, config }) => {
    const scheme = addressSchemeFromEnv({ ADDRESS_DIVISION_PREFIX: config.ADDRESS_DIVISION_PREFIX });
    return async (task) => {
      const { changeId, decision, reviewNote } = task.variables as {
        changeId: string;
        decision: string;
        reviewNote?: string | null;
      };
      // Who reviewed: the completer the inbox recorded for the review step, when it has it yet.
      const reviewer = await db.inboxTask.findFirst({
        where: { processInstanceId: task.processInstanceId, elementId: 'review', state: 'COMPLETED' },
        select: { completedById: true },
      });
      const reviewed = {
        reviewerId: reviewer?.completedById ?? null,
        reviewedAt: new Date(),
        reviewNote: reviewNote ?? null,
      };
      const change = await db.baseChange.findUnique({ where: { id: changeId } });
      if (!change || change.status !== 'PROPOSED') return complete();
      if (decision !== 'approve') {
        await db.baseChange.update({ where: { id: changeId }, data: { ...reviewed, status: 'REJECTED' } });
        return complete();
      }
      try {
        await db.$transaction(async (tx) => {
          const id = await applyChange(tx, scheme, change);
          const made = change.entity === 'building' && change.action === 'create';
          await tx.baseChange.update({
            where: { id: changeId },
            data: { ...reviewed, status: 'APPROVED', entityId: id, ...(made && { buildingId: id }) },
          });
        });
      } catch (err) {
        if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
        await db.baseChange.update({
          where: { id: changeId },
          data: {
            ...reviewed,
            status: 'REJECTED',
            reviewNote: `${reviewNote ? `${reviewNote}；` : ''}已有相同记录，未入库 / already registered, not applied`,
          },
        });
      }
      return complete();
    };
  },
};

export default worker;
