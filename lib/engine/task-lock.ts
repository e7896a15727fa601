import type { Db } from '../db';

/**
 * Serialises changes to one engine task across every API and worker process: the engine's task
 * update replaces the whole task, so a claim landing between our read and write would be lost.
 * The lock is a transaction-scoped advisory lock in Zhizhi's database.
 */
export function serialised<T>(db: Db, key: string, change: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`zhizhi:${key}`}))`;
      return change();
    },
    { timeout: 30_000 },
  );
}
