/**
 * BPMN element: service task 延期告知 (`extend`) of `petition`, after the level above approved the
 * one extension the 条例 allows (at most `petitionLoop.limits.extensionMax` days, with a reason).
 * Reads: petitionId, handleDueAt, extensionDays, reason.
 * Writes: handleDueAt (a Date moved by extensionDays statutory days from the old limit, rolled off
 * a holiday), extensionCount (1). Records the extension and the 延期告知 notice.
 * Errors: none. Idempotent: a petition that already has its extension keeps the limit it got.
 */
import { petitionLoop } from '../loop';
import { workingCalendar } from '../../../lib/working-calendar';
import { recordNotice } from '../petition-notices';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { unit } from './petition-facts';
import { beijingDate } from '../../../lib/china-time';
import type { PetitionVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'petition-extend',
  name: { zh: '延期告知', en: 'Extend and tell the petitioner' },
  description: {
    zh: `上一级批准延期后，办理期限顺延（不超过${petitionLoop.limits.extensionMax}日，法定日数），生成延期告知书。`,
    en: `After approval by the level above, moves the limit by up to ${petitionLoop.limits.extensionMax} statutory days and issues the extension notice.`,
  },
  reads: ['petitionId', 'handleDueAt', 'extensionDays', 'reason'],
  writes: ['handleDueAt', 'extensionCount'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      const petition = await db.petition.findUnique({ where: { id: v.petitionId } });
      if (!petition || !v.handleDueAt) return fail(`petition ${v.petitionId}: no petition or no limit`, 0);
      const days = Math.min(
        petitionLoop.limits.extensionMax,
        Math.max(1, Math.round(Number(v.extensionDays) || 0)),
      );
      const extended = !!petition.extensionDays;
      const dueAt = extended
        ? petition.handleDueAt!
        : (await workingCalendar(db)).addStatutoryDays(new Date(v.handleDueAt), days).dueAt;
      const handler = petition.handlerUnitId ? await unit(db, petition.handlerUnitId) : null;
      await db.$transaction(async (tx) => {
        if (!extended) {
          await tx.petition.update({
            where: { id: petition.id },
            data: { extensionDays: days, extensionReason: v.reason ?? '', handleDueAt: dueAt },
          });
        }
        await recordNotice(db, tx, {
          petitionId: petition.id,
          kind: 'EXTENSION',
          fields: {
            caseNo: petition.caseNo,
            issuedOn: beijingDate(new Date()),
            unitName: handler?.name ?? '',
            days: petition.extensionDays ?? days,
            reason: petition.extensionReason ?? v.reason ?? '',
            dueDate: beijingDate(dueAt),
          },
          dedupKey: `${petition.id}:extension`,
          issuer: handler,
        });
      });
      return complete({ handleDueAt: dueAt, extensionCount: 1 });
    },
};

export default worker;
