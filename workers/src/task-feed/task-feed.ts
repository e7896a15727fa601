/**
 * The inbox's feed consumer: reads the rows the engine's own transactions wrote to
 * `zhizhi_task_feed` (engine/TaskFeed.java), folds them per task into InboxTask, and deletes
 * them in the same engine-database transaction that locked them. Killed midway, the rows stay
 * and are applied again (the fold is idempotent); several consumers share the table through
 * FOR UPDATE SKIP LOCKED and serialise on each task with an advisory lock.
 */
import type { EventLevel, InboxTask, Prisma, Urgency } from '@prisma/client';
import { Pool, type ClientBase } from 'pg';
import type { Db } from '../../../lib/db';
import { lockInboxRows } from '../../../lib/engine/feed-position';
import { caseRefOf } from '../../../lib/cases';
import { offerToSomeoneElse, separationOf } from '../../../lib/separation';
import { slaTable, type StepDeadlines } from '../shared/deadlines';
import type { WorkerDeps } from '../types';
import { foldTask, unitOf, type FeedRow, type FoldedTask } from './fold';

type Vars = Record<string, unknown>;

const asDate = (value: unknown) => {
  const at = typeof value === 'string' ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
};

const toFolded = (row: InboxTask): FoldedTask => ({
  ...row,
  feedSeq: BigInt(row.feedSeq),
  assigneeSeq: BigInt(row.assigneeSeq),
});

/**
 * Process-scope variables of the instances behind new tasks, by instance id, in one engine call;
 * every instance asked for has an entry (an instance without variables an empty one).
 */
async function instanceVariables({ engine }: WorkerDeps, instanceIds: string[]) {
  const byInstance = new Map<string, Vars>(instanceIds.map((id) => [id, {}]));
  if (!instanceIds.length) return byInstance;
  for (const v of await engine.variablesOf(instanceIds)) {
    if (!v.processInstanceId || v.activityInstanceId !== v.processInstanceId) continue;
    const vars = byInstance.get(v.processInstanceId) ?? {};
    vars[v.name!] = v.value ?? null;
    byInstance.set(v.processInstanceId, vars);
  }
  return byInstance;
}

/**
 * The fields a new inbox row takes from its instance: the case's variables, the case it works on
 * (kind, id, number), its category, and
 * deadlines where the diagram gives none (the SLA table for the step; the red time from the
 * variable `<elementId>RedAt` when the diagram keeps one, as 处置 does with handleRedAt).
 */
async function creationFields(deadlines: () => Promise<StepDeadlines>, task: FoldedTask, vars: Vars) {
  const { level, urgency, category } = vars as { level?: EventLevel; urgency?: Urgency; category?: unknown };
  const variableRed = asDate(vars[`${task.elementId}RedAt`]);
  const sla =
    (!task.dueDate || !variableRed) && level && urgency
      ? (await deadlines())({
          step: task.elementId,
          level,
          urgency,
          category: typeof category === 'string' ? category : null,
        })
      : null;
  return {
    variables: vars as Prisma.InputJsonObject,
    ...caseRefOf(vars, task.processInstanceId),
    category: typeof category === 'string' ? category : null,
    dueDate: task.dueDate ?? sla?.yellowAt ?? null,
    redAt: variableRed ?? sla?.redAt ?? null,
  };
}

/**
 * A group of an imported diagram (no `unit:`/`role:`/`dept:` prefix, e.g. Camunda Modeler's
 * `management`) is offered to the unit the designer mapped it to, beside the group itself.
 */
async function withMappedUnits(tx: Prisma.TransactionClient, groups: string[]) {
  const foreign = groups.filter((g) => !g.includes(':'));
  if (!foreign.length) return groups;
  const mapped = await tx.groupMapping.findMany({
    where: { group: { in: foreign } },
    select: { orgId: true },
  });
  return [...new Set([...groups, ...mapped.map((m) => `unit:${m.orgId}`)])];
}

/** The rows of the tasks the first `size` rows of the feed name (what a batch takes). */
const BATCH_ROWS = `FROM zhizhi_task_feed
  WHERE task_id IN (SELECT task_id FROM zhizhi_task_feed ORDER BY id LIMIT $1)`;

/**
 * The variables of the instances whose tasks the next batch will create, read before the batch
 * locks its rows: the engine is never called while the feed's rows are locked.
 */
async function variablesOfNextBatch(deps: WorkerDeps, feed: ClientBase) {
  const { rows } = await feed.query<{ process_instance_id: string }>(
    `SELECT DISTINCT process_instance_id ${BATCH_ROWS} AND event_type = 'create' AND process_instance_id IS NOT NULL`,
    [deps.config.FEED_BATCH],
  );
  return instanceVariables(
    deps,
    rows.map((r) => r.process_instance_id),
  );
}

/**
 * Applies one batch of feed rows to the inbox; returns the ids of rows it had to keep back: a
 * task's candidate-group rows come before its own creation row, and a batch can end between them;
 * a new task whose instance's variables were not read before the batch (its rows came into the
 * batch's window meanwhile) waits for the next batch, which reads them.
 */
export async function applyFeedRows(
  deps: WorkerDeps,
  rows: FeedRow[],
  variables: Map<string, Vars>,
): Promise<{ keptBack: string[]; separated: Parameters<typeof offerToSomeoneElse>[1][] }> {
  const { db } = deps;
  const byTask = new Map<string, FeedRow[]>();
  for (const row of [...rows].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
    byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row]);
  }
  const keys = [...byTask.keys()].sort();
  // Read when the batch's first new task needs it, then shared by the batch.
  let table: Promise<StepDeadlines> | undefined;
  const deadlines = () => (table ??= slaTable(db));

  const keptBack: string[] = [];
  // New steps that four eyes apply to: once written, offered elsewhere when their unit has nobody else.
  const separated: Parameters<typeof offerToSomeoneElse>[1][] = [];
  await db.$transaction(
    async (tx) => {
      // Consumers running side by side serialise on a task; the locks end with the transaction.
      // One statement for the batch's locks, one read of its rows and one of its units, then a
      // write per task (they were four round trips per task, which held the feed at peak).
      await lockInboxRows(tx, keys);
      const current = new Map(
        (await tx.inboxTask.findMany({ where: { key: { in: keys } } })).map((t) => [t.key, t]),
      );
      const folds = [];
      for (const key of keys) {
        const row = current.get(key);
        const folded = foldTask(row ? toFolded(row) : undefined, byTask.get(key)!);
        if (!folded || (!row && !variables.has(folded.processInstanceId))) {
          keptBack.push(...byTask.get(key)!.map((r) => r.id));
          continue;
        }
        const candidateGroups = await withMappedUnits(tx, folded.candidateGroups);
        folds.push({ key, row, folded, candidateGroups, orgId: unitOf(candidateGroups) });
      }
      const unitIds = [...new Set(folds.flatMap((f) => (f.orgId ? [f.orgId] : [])))];
      const paths = new Map(
        (await tx.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, path: true } })).map(
          (o) => [o.id, o.path],
        ),
      );
      for (const { key, row, folded, candidateGroups, orgId } of folds) {
        const fields = {
          processInstanceId: folded.processInstanceId,
          processDefinitionId: folded.processDefinitionId,
          bpmnProcessId: folded.bpmnProcessId,
          elementId: folded.elementId,
          name: folded.name,
          assignee: folded.assignee,
          owner: folded.owner,
          priority: folded.priority,
          candidateGroups,
          orgId,
          orgPath: (orgId && paths.get(orgId)) ?? null,
          // Only an end is written: the API closes a row itself right after the engine accepted a
          // completion, and a fold read before that write must not open the row again.
          ...(folded.state !== 'OPEN' ? { state: folded.state, completedAt: folded.completedAt } : {}),
          feedSeq: String(folded.feedSeq),
          syncedAt: new Date(),
        };
        if (row) {
          await tx.inboxTask.update({
            where: { key },
            data: { ...fields, ...(folded.dueDate ? { dueDate: folded.dueDate } : {}) },
          });
        } else {
          const vars = variables.get(folded.processInstanceId)!;
          await tx.inboxTask.create({
            data: { key, ...fields, ...(await creationFields(deadlines, folded, vars)) },
          });
          if (folded.state === 'OPEN' && separationOf(folded.bpmnProcessId, folded.elementId).length)
            separated.push({ ...folded, orgId, ...caseRefOf(vars, folded.processInstanceId) });
        }
      }
    },
    { timeout: 60_000 },
  );
  return { keptBack, separated };
}

/**
 * New steps four eyes apply to, offered elsewhere when their unit has nobody else: after the
 * batch's commit, as these are engine calls. Not fatal: the step stays where the diagram put it,
 * and the API still refuses the barred.
 */
async function offerSeparated(deps: WorkerDeps, separated: Parameters<typeof offerToSomeoneElse>[1][]) {
  for (const step of separated)
    await offerToSomeoneElse(deps, step).catch((err: Error) =>
      deps.log.warn({ err: err.message, task: step.key }, 'four eyes: could not offer the step elsewhere'),
    );
}

/**
 * Of the rows kept back for want of their task, the ids of those to drop. A row waits while its
 * task's creation row is still in the feed (a batch ended between them, or a consumer beside this
 * one holds it), and is dropped only when no creation row is left and the inbox has no such task
 * (a task created before the feed existed, or whose creation row someone removed). By position,
 * not by age: after a consumer outage every row of the backlog is old, and a rule by age dropped
 * the candidate groups of tasks whose creation row came in the next batch, leaving them no unit.
 */
export async function orphanRows(feed: ClientBase, db: Db, keptBack: FeedRow[]): Promise<Set<string>> {
  const tasks = [...new Set(keptBack.map((r) => r.task_id))];
  if (!tasks.length) return new Set();
  const { rows } = await feed.query<{ task_id: string }>(
    "SELECT DISTINCT task_id FROM zhizhi_task_feed WHERE task_id = ANY($1) AND event_type = 'create'",
    [tasks],
  );
  const coming = new Set(rows.map((r) => r.task_id));
  const missing = tasks.filter((t) => !coming.has(t));
  if (!missing.length) return new Set();
  // A consumer beside this one may have applied the creation, and deleted its row, meanwhile.
  const known = new Set(
    (await db.inboxTask.findMany({ where: { key: { in: missing } }, select: { key: true } })).map(
      (t) => t.key,
    ),
  );
  return new Set(keptBack.filter((r) => !coming.has(r.task_id) && !known.has(r.task_id)).map((r) => r.id));
}

/** Starts the consumer loop; close() finishes the batch in hand and stops. */
export function startTaskFeed(deps: WorkerDeps) {
  const { config, log } = deps;
  const pool = new Pool({ connectionString: config.ENGINE_DATABASE_URL, max: 2 });
  pool.on('error', (err) => log.warn({ err: err.message }, 'task feed connection'));
  let stopping = false;

  async function batch(): Promise<number> {
    const client = await pool.connect();
    // A checked-out client reports a lost connection (the server stopping) as an 'error' event,
    // which would crash the process without a listener; the query in hand fails and the loop retries.
    const lost = (err: Error) => log.warn({ err: err.message }, 'task feed connection lost');
    client.on('error', lost);
    let failure: Error | undefined;
    let separated: Parameters<typeof offerToSomeoneElse>[1][] = [];
    try {
      const variables = await variablesOfNextBatch(deps, client);
      await client.query('BEGIN');
      // Every row of the tasks the first FEED_BATCH rows name, not just those rows: a task's group
      // rows come before its creation row, and a batch cut between them could hold only rows that
      // wait for rows beyond it, and read the same rows again for ever (backlog.e2e found it).
      const { rows } = await client.query<FeedRow>(
        `SELECT * ${BATCH_ROWS} ORDER BY id FOR UPDATE SKIP LOCKED`,
        [config.FEED_BATCH],
      );
      let applied = 0;
      if (rows.length) {
        const folded = await applyFeedRows(deps, rows, variables);
        separated = folded.separated;
        const keptBack = new Set(folded.keptBack);
        const orphans = await orphanRows(
          client,
          deps.db,
          rows.filter((r) => keptBack.has(r.id)),
        );
        if (orphans.size) log.warn({ rows: orphans.size }, 'task feed rows of no task dropped');
        const done = rows.filter((r) => !keptBack.has(r.id) || orphans.has(r.id));
        await client.query('DELETE FROM zhizhi_task_feed WHERE id = ANY($1::bigint[])', [
          done.map((r) => r.id),
        ]);
        applied = done.length;
      }
      await client.query('COMMIT');
      await offerSeparated(deps, separated);
      return applied;
    } catch (err) {
      failure = err as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.removeListener('error', lost);
      // After a failure the connection may be broken: it is closed rather than pooled again.
      client.release(failure);
    }
  }

  const looping = (async () => {
    while (!stopping) {
      let applied = 0;
      try {
        applied = await batch();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'task feed batch failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (!applied && !stopping) await new Promise((r) => setTimeout(r, config.FEED_IDLE_MS));
    }
  })();

  return {
    async close() {
      stopping = true;
      await looping;
      await pool.end();
    },
  };
}
