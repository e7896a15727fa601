import type { Prisma } from '@prisma/client';
import type { Job } from '../types';

/** The job type under which the engine hands out job-based user tasks. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

const HEADER = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  dueDate: 'io.camunda.zeebe:dueDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;

function parseList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

/** `unit:<orgId>` names the unit a task belongs to; the first one wins. */
export function unitOf(candidateGroups: string[]): string | null {
  const group = candidateGroups.find((g) => g.startsWith('unit:'));
  return group ? group.slice('unit:'.length) : null;
}

/** The inbox row for a user-task job, before the unit path and element name are resolved. */
export function inboxFieldsFromJob(job: Job) {
  const headers = job.customHeaders as Record<string, string | undefined>;
  const due = headers[HEADER.dueDate] ? new Date(headers[HEADER.dueDate] as string) : null;
  const { category, urgency } = job.variables as { category?: unknown; urgency?: unknown };
  return {
    key: job.key,
    processInstanceKey: job.processInstanceKey,
    // In the activated job on the wire, not in the SDK's job type.
    processDefinitionKey: String((job as unknown as { processDefinitionKey: string }).processDefinitionKey),
    bpmnProcessId: job.bpmnProcessId,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    candidateGroups: parseList(headers[HEADER.candidateGroups]),
    assignee: headers[HEADER.assignee] || null,
    dueDate: due && !Number.isNaN(due.getTime()) ? due : null,
    formKey: headers[HEADER.formKey] ?? null,
    category: typeof category === 'string' ? category : null,
    priority: urgency === 'URGENT' ? 2 : 1,
    variables: JSON.parse(JSON.stringify(job.variables)) as Prisma.InputJsonObject,
  };
}
