/**
 * BPMN element: service task 登记随访并通报小组 (`record-follow-up`) of `patient-care`, after 随访.
 * Reads: personId, gridId, riskLevel, followUpMethod, condition, notes, followUpDueAt.
 * Writes: no variables. Records the follow-up on the file (who: the engine's assignee of the ended
 * 随访 task), the risk level it gave, a timeline entry, and alerts the other team members
 * (一员回访，七员查阅: in-app, and the group robots of the grid and above).
 * Errors: no BPMN error; no ended 随访 task or a risk level outside 0–5 fails into an incident.
 * Idempotent: keyed by the 随访 task (FollowUp.taskKey, the risk record's sourceId, the notice's dedupKey).
 */
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';
import { lastCompleted, maskedName, recordHistory, recordRiskLevel, riskLevelOf, teamUsers } from './care';

const worker: WorkerDefinition = {
  topic: 'patient-care-record-follow-up',
  name: { zh: '登记随访并通报小组', en: 'Record the follow-up and alert the team' },
  description: {
    zh: '把随访记录写入档案，更新风险等级，并通知小组其他成员（站内消息与群机器人）。',
    en: 'Writes the follow-up to the file, updates the risk level and alerts the other team members (in-app and group robots).',
  },
  reads: ['personId', 'gridId', 'riskLevel', 'followUpMethod', 'condition', 'notes', 'followUpDueAt'],
  optionalReads: ['condition', 'notes'],
  writes: [],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db, engine, queues }) =>
    async (task) => {
      const v = task.variables;
      const personId = String(v.personId);
      const level = riskLevelOf(v.riskLevel);
      if (level === null) return fail(`risk level ${String(v.riskLevel)} is not 0–5`, 0);
      const done = await lastCompleted(engine, task.processInstanceId, 'follow-up');
      if (!done) return fail('no ended follow-up task', 0);
      const dueAt = typeof v.followUpDueAt === 'string' ? new Date(v.followUpDueAt) : null;
      await db.followUp.createMany({
        data: [
          {
            personId,
            taskKey: done.taskKey,
            byId: done.userId,
            at: done.endedAt,
            dueAt,
            riskLevel: level,
            method: String(v.followUpMethod ?? 'other'),
            condition: typeof v.condition === 'string' ? v.condition : null,
            notes: typeof v.notes === 'string' ? v.notes : null,
          },
        ],
        skipDuplicates: true,
      });
      await recordRiskLevel(db, {
        personId,
        level,
        source: 'followUp',
        sourceId: `followUp:${done.taskKey}`,
        at: done.endedAt,
      });
      await recordHistory(db, {
        personId,
        action: 'followUp',
        dedupKey: `followUp:${done.taskKey}`,
        actorId: done.userId,
        at: done.endedAt,
        detail: {
          riskLevel: level,
          method: String(v.followUpMethod ?? 'other'),
          onTime: !dueAt || done.endedAt <= dueAt,
        },
      });
      const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } });
      const others = (await teamUsers(db, personId)).map((m) => m.userId).filter((id) => id !== done.userId);
      if (others.length)
        await queues.notice({
          kind: 'ALERT',
          dedupKey: `patient-follow-up:${done.taskKey}`,
          unitId: String(v.gridId),
          userIds: [...new Set(others)],
          title: { 'zh-CN': '新的随访记录', en: 'New follow-up record' },
          body: {
            'zh-CN': `【随访】${maskedName(person.name)}：已随访，风险等级 ${level} 级`,
            en: `[Follow-up] ${maskedName(person.name)}: visited, risk level ${level}`,
          },
        });
      return complete();
    },
};

export default worker;
