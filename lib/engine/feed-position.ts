/**
 * Where the engine's task feed stands for one task: the id of its newest row not yet consumed
 * (engine/TaskFeed.java writes the rows in the engine's own transactions). The API reads it right
 * after it moved a task's assignee, so the inbox feed never applies an older snapshot's assignee
 * over what the API has answered (workers/src/task-feed/fold.ts, `assigneeSeq`).
 */
import type { Prisma } from '@prisma/client';
import { Pool } from 'pg';

/**
 * Takes, in Zhizhi's database, the lock under which one task's inbox row is read and written by
 * the feed consumers and by the API's assignee moves, until the transaction ends.
 */
export const lockInboxRow = (tx: Prisma.TransactionClient, key: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;

/**
 * The same lock on many tasks in one statement, taken in key order (the sorted subquery is read
 * before the locks are taken), so consumers side by side never wait on each other in a cycle.
 */
export const lockInboxRows = (tx: Prisma.TransactionClient, keys: string[]) =>
  tx.$executeRaw`SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY k) AS sorted`;

export interface FeedPosition {
  /** The newest feed row of the task; 0 when none is left (the feed has applied them all). */
  newestRow(taskId: string): Promise<bigint>;
  close(): Promise<void>;
}

export function createFeedPosition(engineDatabaseUrl: string): FeedPosition {
  const pool = new Pool({ connectionString: engineDatabaseUrl, max: 2 });
  // An idle client's lost connection is reported here; the next query opens another.
  pool.on('error', () => undefined);
  return {
    async newestRow(taskId) {
      const { rows } = await pool.query<{ id: string | null }>(
        'SELECT max(id)::text AS id FROM zhizhi_task_feed WHERE task_id = $1',
        [taskId],
      );
      return BigInt(rows[0]?.id ?? 0);
    },
    close: () => pool.end(),
  };
}
