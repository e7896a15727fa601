/**
 * BPMN element: every job-based user task (job type `io.camunda.zeebe:userTask`).
 * Reads: the job's headers (candidate groups, assignee, due date, form key) and variables; a task
 * whose diagram sets no due date gets one from the SLA table for its element id, when the
 * variables say the level and urgency (event steps such as 核查 and 回访). The red time is the
 * variable `<elementId>RedAt` beside a diagram's due date (处置: handleRedAt), else the SLA table's.
 * Writes: the task's row in the Postgres inbox (InboxTask), keyed by the job key. No process
 * variables; the job is forwarded, not completed: staff complete it through the API.
 * Errors: none thrown. Delivered again after a timeout or restart, the upsert changes nothing
 * a user did (claim, completion).
 */
import type { EventLevel, Urgency } from '@prisma/client';
import type { WorkerDefinition } from '../types';
import { stepDeadlines } from './deadlines';
import { inboxFieldsFromJob, unitOf, USER_TASK_JOB_TYPE } from './user-task';

const worker: WorkerDefinition = {
  taskType: USER_TASK_JOB_TYPE,
  timeout: ({ config }) => config.INBOX_JOB_TIMEOUT_MS,
  handler:
    ({ db, log }) =>
    async (job) => {
      const fields = inboxFieldsFromJob(job);
      const orgId = unitOf(fields.candidateGroups);
      const [org, definition] = await Promise.all([
        orgId ? db.org.findUnique({ where: { id: orgId }, select: { path: true } }) : null,
        db.processDefinition.findUnique({ where: { key: fields.processDefinitionKey } }),
      ]);
      const names = (definition?.elementNames ?? {}) as Record<string, string>;
      const { level, urgency } = job.variables as { level?: EventLevel; urgency?: Urgency };
      const redVariable = (job.variables as Record<string, unknown>)[`${fields.elementId}RedAt`];
      const sla =
        (!fields.dueDate || typeof redVariable !== 'string') && level && urgency
          ? await stepDeadlines(db, { step: fields.elementId, level, urgency, category: fields.category })
          : null;
      const row = {
        ...fields,
        orgId,
        orgPath: org?.path ?? null,
        name: names[fields.elementId] ?? fields.elementId,
        dueDate: fields.dueDate ?? sla?.yellowAt ?? null,
        redAt: typeof redVariable === 'string' ? new Date(redVariable) : (sla?.redAt ?? null),
      };
      await db.inboxTask.upsert({ where: { key: row.key }, create: row, update: {} });
      log.debug({ key: row.key, elementId: row.elementId, orgId }, 'user task projected');
      return job.forward();
    },
};

export default worker;
