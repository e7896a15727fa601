/**
 * BPMN element: service task 应急通报与转诊 (`alert`) of `patient-care`, when a risk level ≥ 3
 * is reported (一方警示，多方联动).
 * Reads: personId, gridId, riskLevel, emergencyRecordWindow (ISO 8601 duration, 24 h by default).
 * Writes: emergencyRecordId, emergencyDueAt (the due date of 应急处置记录). Opens the emergency
 * record, writes the referral (转诊) and the alert on the file's timeline, and alerts the
 * community police and the whole team at once: in-app, and the group robots of the grid and above.
 * Errors: no BPMN error; a window that is no ISO duration fails into an incident at once.
 * Idempotent: the record is keyed by this external task (a redelivery finds it and keeps its due
 * date); the notice by the same key.
 */
import { beijingDateTime } from '../../../lib/china-time';
import { addIsoDuration, isIsoDuration } from '../../../lib/iso-duration';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { maskedName, recordHistory, riskLevelOf, teamUsers } from './care';

const worker: WorkerDefinition = {
  topic: 'patient-care-alert',
  name: { zh: '应急通报与转诊', en: 'Raise the alarm and refer' },
  description: {
    zh: '风险等级≥3：开立应急处置记录（时限取 emergencyRecordWindow），立即转诊，并通知社区民警与全体小组成员。',
    en: 'Risk level 3 or above: opens the emergency record (due within emergencyRecordWindow), refers at once, and alerts the community police and the whole team.',
  },
  reads: ['personId', 'gridId', 'riskLevel', 'emergencyRecordWindow'],
  writes: ['emergencyRecordId', 'emergencyDueAt'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, queues }) =>
    async (task) => {
      const v = task.variables;
      const personId = String(v.personId);
      const level = riskLevelOf(v.riskLevel);
      if (level === null) return fail(`risk level ${String(v.riskLevel)} is not 0–5`, 0);
      if (!isIsoDuration(v.emergencyRecordWindow))
        return fail(`emergencyRecordWindow ${String(v.emergencyRecordWindow)} is no ISO 8601 duration`, 0);
      const record =
        (await db.emergencyRecord.findUnique({ where: { openedBy: task.id } })) ??
        (await db.emergencyRecord.create({
          data: {
            personId,
            openedBy: task.id,
            riskLevel: level,
            dueAt: addIsoDuration(new Date(), v.emergencyRecordWindow),
          },
        }));
      await recordHistory(db, {
        personId,
        action: 'emergency',
        dedupKey: `emergency:${task.id}`,
        at: record.openedAt,
        detail: { riskLevel: level, dueAt: record.dueAt.toISOString(), referral: true },
      });
      const person = await db.person.findUniqueOrThrow({
        where: { id: personId },
        select: { name: true, address: true },
      });
      const team = await teamUsers(db, personId);
      await queues.notice({
        kind: 'ALERT',
        dedupKey: `patient-emergency:${task.id}`,
        unitId: String(v.gridId),
        // The police first: they are the ones who must move now.
        userIds: [...new Set([...team.filter((m) => m.roleCode === 'police'), ...team].map((m) => m.userId))],
        title: { 'zh-CN': '应急处置预警', en: 'Emergency alert' },
        // What, where and by when; it opens the file, whose 应急处置记录 step is the one to do.
        body: {
          'zh-CN': `【应急处置】${maskedName(person.name)}（${person.address}）：风险等级 ${level} 级，请社区民警与小组立即处置并转诊，请于北京时间 ${beijingDateTime(record.dueAt)} 前记录`,
          en: `[Emergency] ${maskedName(person.name)} (${person.address}): risk level ${level}; police and team act and refer now, record by ${beijingDateTime(record.dueAt)} (Beijing time)`,
        },
        path: `/patients/${personId}`,
      });
      return complete({ emergencyRecordId: record.id, emergencyDueAt: record.dueAt.toISOString() });
    },
};

export default worker;
