import type { Prisma } from '@prisma/client';
import type { Db } from '../db';

/** Holds `key` until the transaction ends: the lock `serialised` takes, for a transaction of one's own. */
export const lockFor = (tx: Prisma.TransactionClient, key: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`zhizhi:${key}`}))`;

/**
 * Serialises changes to one engine task across every API and worker process: the engine's task
 * update replaces the whole task, so a claim landing between our read and write would be lost.
 * The lock is a transaction-scoped advisory lock in Zhizhi's database.
 */
export function serialised<T>(db: Db, key: string, change: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await lockFor(tx, key);
      return change();
    },
    { timeout: 30_000 },
  );
}
