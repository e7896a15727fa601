/**
 * One pattern for changing a running instance (an outbox), as lib/engine-starts.ts is for starting
 * one: a message (结案, 上报风险, 调解协议, 复查, 重办), variables (a dispute retyped), a key person's
 * team handed its open tasks, a task pressed by a 督办 card. The command is written in the transaction of the database change it
 * belongs to (`queueCommand`) and performed after the commit, never inside a transaction: by the
 * API at once (`commandAfterCommit`) and by the workers' `engine-outbox` job for what the API could
 * not deliver. Delivery is leased to one deliverer, keeps the order of one instance's commands, and
 * is idempotent: variables and hand-overs are set to what they should be, and a message delivered
 * again is first looked for among the instance's waits (gone: an earlier delivery reached it).
 */
import type { Prisma } from '@prisma/client';
import type { Db } from './db';
import {
  EngineError,
  EngineUnavailableError,
  type ProcessEngine,
  type Variables,
} from './engine/process-engine';
import {
  mayHaveReached,
  OUTBOX_BATCH,
  storedVariables,
  unleased,
  variablesOfStored,
  waitingRows,
} from './engine/outbox';
import { serialised } from './engine/task-lock';

export type EngineCommandBody =
  /**
   * A message to the instance; with `holder`, the waiting step is first claimed for whoever did
   * its work when nobody holds it, so the engine records who held it (four eyes read that).
   */
  | { kind: 'correlate'; message: string; variables?: Variables; holder?: { step: string; userId: string } }
  | { kind: 'set-variables'; variables: Variables }
  /**
   * The instance's open tasks handed to whom they belong now: the variables the diagram assigns
   * from, each open task's assignee by its step (element id), and on a move its candidate unit.
   */
  | {
      kind: 'reassign';
      variables: Variables;
      assignees: Record<string, string>;
      move?: { fromGroup: string; toGroup: string };
    }
  /** A 督办 card presses a task: its priority raised, never lowered. */
  | { kind: 'raise-priority'; taskKey: string; priority: number };

export type CommandDelivery =
  { state: 'done' } | { state: 'pending' } | { state: 'refused'; error: EngineError };

/** How long a deliverer holds a row: longer than any engine call may take. */
export const COMMAND_LEASE_MS = 60_000;

/** Written with the change it belongs to, in its transaction; the command's id. */
export async function queueCommand(
  tx: Prisma.TransactionClient,
  processInstanceId: string,
  body: EngineCommandBody,
): Promise<string> {
  const stored =
    body.kind === 'raise-priority' ? body : { ...body, variables: storedVariables(body.variables ?? {}) };
  const row = await tx.engineCommand.create({
    data: { kind: body.kind, processInstanceId, body: stored as Prisma.InputJsonObject },
    select: { id: true },
  });
  return row.id;
}

const bodyOf = (json: Prisma.JsonValue): EngineCommandBody => {
  const body = json as Record<string, unknown>;
  return { ...body, variables: variablesOfStored(body.variables as Prisma.JsonValue) } as EngineCommandBody;
};

async function perform(
  db: Db,
  engine: ProcessEngine,
  instanceId: string,
  body: EngineCommandBody,
  again: boolean,
) {
  switch (body.kind) {
    case 'correlate': {
      if (again && !(await engine.eventSubscriptions(instanceId, body.message)).length) return;
      if (body.holder) {
        const [waiting] = await engine.tasks({
          processInstanceId: instanceId,
          taskDefinitionKey: body.holder.step,
        });
        if (waiting?.id && !waiting.assignee)
          await serialised(db, `task:${waiting.id}`, () => engine.claim(waiting.id!, body.holder!.userId));
      }
      await engine.correlateMessage(body.message, instanceId, body.variables);
      return;
    }
    case 'set-variables':
      await engine.setVariables(instanceId, body.variables);
      return;
    case 'reassign': {
      await engine.setVariables(instanceId, body.variables);
      for (const task of await engine.tasks({ processInstanceId: instanceId })) {
        await serialised(db, `task:${task.id}`, async () => {
          if (body.move) {
            const groups = new Set(
              (await engine.identityLinks(task.id!))
                .filter((l) => l.type === 'candidate' && l.groupId)
                .map((l) => l.groupId),
            );
            if (!groups.has(body.move.toGroup)) await engine.addCandidateGroup(task.id!, body.move.toGroup);
            if (groups.has(body.move.fromGroup))
              await engine.removeCandidateGroup(task.id!, body.move.fromGroup);
          }
          const assignee = body.assignees[task.taskDefinitionKey!];
          if (assignee && task.assignee !== assignee) {
            await engine.setAssignee(task.id!, assignee);
            // The caller reads their own write at once; the feed brings the same value.
            await db.inboxTask.updateMany({ where: { key: task.id!, state: 'OPEN' }, data: { assignee } });
          }
        });
      }
      return;
    }
    case 'raise-priority': {
      const { taskKey, priority } = body;
      await serialised(db, `task:${taskKey}`, async () => {
        const task = await engine.task(taskKey).catch((err) => {
          // Ended meanwhile: nothing left to press.
          if (err instanceof EngineError && err.status === 404) return null;
          throw err;
        });
        if (task && (task.priority ?? 0) < priority) await engine.updateTask(taskKey, { ...task, priority });
      });
      await db.inboxTask.updateMany({
        where: { key: taskKey, state: 'OPEN', priority: { lt: priority } },
        data: { priority },
      });
    }
  }
}

/** Performs one command, if no one else is on it and its instance's earlier commands went first. */
export async function deliverCommand(db: Db, engine: ProcessEngine, id: string): Promise<CommandDelivery> {
  const now = new Date();
  const { count } = await db.engineCommand.updateMany({
    where: { id, doneAt: null, refusedAt: null, ...unleased(now) },
    data: { leaseUntil: new Date(now.getTime() + COMMAND_LEASE_MS), attempts: { increment: 1 } },
  });
  if (!count) {
    const row = await db.engineCommand.findUnique({ where: { id }, select: { doneAt: true } });
    return row?.doneAt ? { state: 'done' } : { state: 'pending' };
  }
  const row = await db.engineCommand.findUniqueOrThrow({ where: { id } });
  const earlier = await db.engineCommand.count({
    where: {
      processInstanceId: row.processInstanceId,
      doneAt: null,
      refusedAt: null,
      createdAt: { lt: row.createdAt },
    },
  });
  if (earlier) {
    // Not an attempt: a message not sent yet must not be taken for one sent before.
    await db.engineCommand.update({ where: { id }, data: { leaseUntil: null, attempts: { decrement: 1 } } });
    return { state: 'pending' };
  }
  try {
    await perform(db, engine, row.processInstanceId, bodyOf(row.body), row.attempts > 1);
  } catch (err) {
    const lastError = (err as Error).message.slice(0, 1000);
    if (err instanceof EngineError && err.refused) {
      await db.engineCommand.update({
        where: { id },
        data: { refusedAt: new Date(), leaseUntil: null, lastError },
      });
      return { state: 'refused', error: err };
    }
    if (!(err instanceof EngineError || err instanceof EngineUnavailableError)) throw err;
    await db.engineCommand.update({
      where: { id },
      data: { lastError, ...(mayHaveReached(err) ? {} : { leaseUntil: null }) },
    });
    return { state: 'pending' };
  }
  await db.engineCommand.update({
    where: { id },
    data: { doneAt: new Date(), leaseUntil: null, lastError: null },
  });
  return { state: 'done' };
}

/** The commands no one delivered, older than `after` (the API's own attempt comes first), oldest first. */
export async function deliverPendingCommands(db: Db, engine: ProcessEngine, after: number, now = new Date()) {
  const pending = await db.engineCommand.findMany({
    where: { doneAt: null, ...waitingRows(now, after) },
    orderBy: { createdAt: 'asc' },
    take: OUTBOX_BATCH,
    select: { id: true },
  });
  const counts = { done: 0, pending: 0, refused: 0 };
  for (const { id } of pending) counts[(await deliverCommand(db, engine, id)).state]++;
  return counts;
}

/**
 * The API's delivery right after the commit. A refusal (the instance does not wait for the
 * message any more) takes the change back with `takeBack`, in one transaction with the command's
 * removal, and is thrown for the route to answer; without `takeBack` the refusal is only recorded.
 * Anything else (the engine away) leaves the change committed and its delivery to the workers.
 */
export async function commandAfterCommit(
  db: Db,
  engine: ProcessEngine,
  id: string,
  takeBack?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<CommandDelivery> {
  const delivery = await deliverCommand(db, engine, id).catch((): CommandDelivery => ({ state: 'pending' }));
  if (delivery.state === 'refused' && takeBack) {
    await db.$transaction(async (tx) => {
      await tx.engineCommand.delete({ where: { id } });
      await takeBack(tx);
    });
    throw delivery.error;
  }
  return delivery;
}
