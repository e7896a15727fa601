/**
 * BPMN element: service task 排定下次随访 (`schedule`) of `patient-care`, after the
 * `patient-care-interval` decision.
 * Reads: personId, followUpInterval (the decision's ISO 8601 duration for the last risk level).
 * Writes: followUpDueAt (now + the interval: the due date of the next 随访 task). Updates the
 * file's nextFollowUpDueAt (the list's overdue filter).
 * Errors: no BPMN error; an interval that is no ISO duration (a decision table edited wrongly)
 * or a file that does not exist fails into an incident at once, for a designer to fix and retry.
 * Idempotent: a redelivery computes the due date again from its own time; one completion counts.
 */
import { addIsoDuration, isIsoDuration } from '../../../lib/iso-duration';
import { complete, fail, type WorkerDefinition } from '../../../workers/src/types';

const worker: WorkerDefinition = {
  topic: 'patient-care-schedule',
  name: { zh: '排定下次随访', en: 'Schedule the next follow-up' },
  description: {
    zh: '按随访间隔决策（ISO 8601 时长）算出下次随访的期限，写入档案。',
    en: 'Sets the next follow-up due date from the interval decision (an ISO 8601 duration) and records it on the file.',
  },
  reads: ['personId', 'followUpInterval'],
  writes: ['followUpDueAt'],
  lockDuration: 'WORKER_LOCK_MS',
  handler:
    ({ db }) =>
    async (task) => {
      const { personId, followUpInterval } = task.variables;
      if (!isIsoDuration(followUpInterval))
        return fail(`followUpInterval ${String(followUpInterval)} is no ISO 8601 duration`, 0);
      const dueAt = addIsoDuration(new Date(), followUpInterval);
      const { count } = await db.person.updateMany({
        where: { id: String(personId) },
        data: { nextFollowUpDueAt: dueAt },
      });
      if (!count) return fail(`no file ${String(personId)}`, 0);
      return complete({ followUpDueAt: dueAt.toISOString() });
    },
};

export default worker;
