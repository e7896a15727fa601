/**
 * BPMN element: service task 告知决定 (`record-decision`) of `petition`, after 受理审查.
 * Reads: petitionId, decision, decisionReason, officeUnitId, targetUnitId (the 承办单位: for 转送/交办;
 * at 受理 optional, the office itself when none).
 * Writes: handlerUnitId, supervisorUnitId (the level above the handler), handleDueAt (a Date: the
 * loop's handling clock from the decision, in statutory days, a last day on a holiday moved to the
 * next working day), extensionCount (0). Records the decision on the petition and the notice to the petitioner.
 * Errors: a 转送 target that is not a department, a 交办 target that is not a street or community
 * of the office's district, or a 受理 one that is neither, fails at once (an incident: the API
 * checks this first).
 * Idempotent: the decision time is kept on the first run; the notice is keyed by petition.
 */
import { petitionLoop } from '../loop';
import { clockDue } from '../../../lib/loop';
import { workingCalendar } from '../../../lib/working-calendar';
import { recordNotice, type NoticeKind } from '../petition-notices';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { unit, unitAbove } from './petition-facts';
import { beijingDate } from '../../../lib/china-time';
import type { PetitionVariables } from './variables';

const KIND: Record<string, NoticeKind> = {
  accept: 'ACCEPT',
  reject: 'NOT_ACCEPT',
  forward: 'FORWARD',
  assign: 'ASSIGN',
};

const worker: WorkerDefinition = {
  topic: 'petition-decide',
  name: { zh: '告知受理决定', en: 'Record the decision and tell the petitioner' },
  description: {
    zh: `记录受理/不予受理/转送/交办决定，确定承办单位和${petitionLoop.clocks.handling.days}日办理期限（法定日数，末日遇节假日顺延），生成告知书。`,
    en: `Records accept / not accepted / forward / assign, sets the handling unit and the ${petitionLoop.clocks.handling.days}-day limit (statutory days, a holiday last day rolls over), issues the notice.`,
  },
  reads: ['petitionId', 'decision', 'decisionReason', 'officeUnitId', 'targetUnitId'],
  optionalReads: ['targetUnitId'],
  writes: ['handlerUnitId', 'supervisorUnitId', 'handleDueAt', 'extensionCount'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const v = task.variables as unknown as PetitionVariables;
      const petition = await db.petition.findUnique({ where: { id: v.petitionId } });
      const kind = v.decision ? KIND[v.decision] : undefined;
      if (!petition || !kind) return fail(`petition ${v.petitionId}: no petition or no decision`, 0);
      const office = await unit(db, v.officeUnitId);
      const decidedAt = petition.decidedAt ?? new Date();
      const common = {
        caseNo: petition.caseNo,
        issuedOn: beijingDate(decidedAt),
        unitName: office?.name ?? '',
      };

      if (v.decision === 'reject') {
        await db.$transaction(async (tx) => {
          await tx.petition.update({
            where: { id: petition.id },
            data: {
              decision: v.decision,
              decisionReason: v.decisionReason,
              decidedAt,
              status: 'NOT_ACCEPTED',
            },
          });
          await recordNotice(db, tx, {
            petitionId: petition.id,
            kind,
            fields: { ...common, reason: v.decisionReason ?? '' },
            dedupKey: `${petition.id}:decision`,
            issuer: office,
          });
        });
        return complete({
          handlerUnitId: null,
          supervisorUnitId: null,
          handleDueAt: null,
          extensionCount: 0,
        });
      }

      const handlerId = v.decision === 'accept' ? v.targetUnitId || v.officeUnitId : v.targetUnitId;
      const handler = handlerId ? await unit(db, handlerId) : null;
      const district = office?.parentId ? await unit(db, office.parentId) : office;
      const fits =
        handler &&
        (handler.type === 'DEPARTMENT'
          ? v.decision === 'accept' || v.decision === 'forward'
          : (v.decision === 'accept' || v.decision === 'assign') &&
            (handler.type === 'STREET' || handler.type === 'COMMUNITY') &&
            !!district &&
            handler.path.startsWith(district.path));
      if (!handler || !fits)
        return fail(`petition ${petition.caseNo}: ${v.decision} to unit ${handlerId} is not allowed`, 0);
      const supervisor = await unitAbove(db, handler.id);
      const due = clockDue(petitionLoop.clocks.handling, await workingCalendar(db), decidedAt);
      await db.$transaction(async (tx) => {
        await tx.petition.update({
          where: { id: petition.id },
          data: {
            decision: v.decision,
            decisionReason: v.decisionReason,
            decidedAt,
            handlerUnitId: handler.id,
            handlerPath: handler.path,
            handleDueAt: due.dueAt,
            status: 'HANDLING',
          },
        });
        await recordNotice(db, tx, {
          petitionId: petition.id,
          kind,
          fields: {
            ...common,
            reason: v.decisionReason ?? '',
            targetName: handler.name,
            dueDate: due.dueDate,
            days: petitionLoop.clocks.handling.days,
          },
          dedupKey: `${petition.id}:decision`,
          issuer: office,
        });
      });
      return complete({
        handlerUnitId: handler.id,
        supervisorUnitId: supervisor!.id,
        handleDueAt: due.dueAt,
        extensionCount: 0,
      });
    },
};

export default worker;
