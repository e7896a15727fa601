/**
 * Folding the engine's task-feed rows into inbox rows. Rows of one task arrive in id order
 * within a batch, but batches of several consumers interleave, so: a task snapshot applies only
 * when it is newer than the last one applied (feedSeq); its assignee only when it is also newer
 * than the API's own last move of the assignee (assigneeSeq); candidate-group changes are set
 * operations and always apply; an ended task never opens again.
 */
import type { TaskState } from '@prisma/client';

/** One row of `zhizhi_task_feed`, written by the engine's history event handler (engine/TaskFeed.java). */
export interface FeedRow {
  id: string;
  task_id: string;
  event_type: string;
  process_instance_id: string | null;
  process_definition_id: string | null;
  process_definition_key: string | null;
  task_definition_key: string | null;
  name: string | null;
  assignee: string | null;
  owner: string | null;
  due_date: Date | null;
  priority: number | null;
  delete_reason: string | null;
  link_type: string | null;
  group_id: string | null;
  end_time: Date | null;
  recorded_at: Date;
}

/** What the feed knows of a task; the consumer adds the unit, deadlines and variables. */
export interface FoldedTask {
  key: string;
  processInstanceId: string;
  processDefinitionId: string;
  bpmnProcessId: string;
  elementId: string;
  name: string;
  assignee: string | null;
  owner: string | null;
  dueDate: Date | null;
  priority: number;
  candidateGroups: string[];
  state: TaskState;
  completedAt: Date | null;
  feedSeq: bigint;
  assigneeSeq: bigint;
}

/** How an ended task ended: the engine says `completed` for a completion, anything else (deleted, a boundary event) is a cancellation. */
const endedAs = (row: FeedRow): TaskState | undefined =>
  row.event_type === 'complete' || row.event_type === 'delete'
    ? row.delete_reason === 'completed'
      ? 'COMPLETED'
      : 'CANCELED'
    : undefined;

/** `unit:<orgId>` names the unit a task belongs to; the first one wins. */
export function unitOf(candidateGroups: string[]): string | null {
  const group = candidateGroups.find((g) => g.startsWith('unit:'));
  return group ? group.slice('unit:'.length) : null;
}

/** Applies rows (in id order) of one task to what the inbox holds; undefined when nothing is known yet. */
export function foldTask(current: FoldedTask | undefined, rows: FeedRow[]): FoldedTask | undefined {
  let task = current && { ...current };
  const groups = new Set(current?.candidateGroups ?? []);
  for (const row of rows) {
    if (row.event_type.startsWith('identity-link-')) {
      if (row.link_type !== 'candidate' || !row.group_id) continue;
      if (row.event_type === 'identity-link-add') groups.add(row.group_id);
      else groups.delete(row.group_id);
      continue;
    }
    const seq = BigInt(row.id);
    if (task && task.feedSeq >= seq) continue;
    const ended = endedAs(row);
    task = {
      key: row.task_id,
      processInstanceId: row.process_instance_id ?? task?.processInstanceId ?? '',
      processDefinitionId: row.process_definition_id ?? task?.processDefinitionId ?? '',
      bpmnProcessId: row.process_definition_key ?? task?.bpmnProcessId ?? '',
      elementId: row.task_definition_key ?? task?.elementId ?? '',
      name: row.name ?? task?.name ?? row.task_definition_key ?? '',
      // The API answered a claim, unclaim or 委派 past this row: its assignee is older news.
      assignee: task && seq <= task.assigneeSeq ? task.assignee : row.assignee,
      owner: row.owner,
      dueDate: row.due_date ?? task?.dueDate ?? null,
      priority: row.priority ?? task?.priority ?? 1,
      candidateGroups: [],
      // An ended task stays ended whatever older snapshot comes later.
      state: task && task.state !== 'OPEN' ? task.state : (ended ?? 'OPEN'),
      completedAt: ended ? (row.end_time ?? row.recorded_at) : (task?.completedAt ?? null),
      feedSeq: seq,
      assigneeSeq: task?.assigneeSeq ?? 0n,
    };
  }
  if (task) task.candidateGroups = [...groups];
  return task;
}
