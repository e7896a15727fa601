import type { Prisma } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { EngineUnavailableError } from './process-engine';

/** Holds `key` until the transaction ends: for a database-only critical section in a transaction of one's own. */
export const lockFor = (tx: Prisma.TransactionClient, key: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`zhizhi:${key}`}))`;

/** Longer than the engine calls one change makes may take (their timeout is 30 s each). */
const LEASE_MS = 60_000;
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serialises changes to one engine task across every API and worker process: the engine's task
 * update replaces the whole task, so a claim landing between our read and write would be lost.
 * The lock is a lease row (`TaskLock`) taken and given back in statements of their own: no
 * database transaction, and no pooled connection, is held while `change` calls the engine. A
 * holder that dies lets go when its lease runs out; waiting longer than a lease is the engine
 * being away (503).
 */
export async function serialised<T>(db: Db, key: string, change: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const giveUpAt = Date.now() + LEASE_MS;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    const taken = await db.$executeRaw`
      INSERT INTO "TaskLock" ("key", "holder", "until")
      VALUES (${key}, ${holder}, (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ${LEASE_MS / 1000}))
      ON CONFLICT ("key") DO UPDATE SET "holder" = EXCLUDED."holder", "until" = EXCLUDED."until"
      WHERE "TaskLock"."until" < (clock_timestamp() AT TIME ZONE 'UTC')`;
    if (taken) break;
    if (Date.now() > giveUpAt) throw new EngineUnavailableError(`task lock ${key} held longer than a lease`);
    await sleep(wait);
  }
  try {
    return await change();
  } finally {
    await db.$executeRaw`DELETE FROM "TaskLock" WHERE "key" = ${key} AND "holder" = ${holder}`.catch(
      () => undefined,
    );
  }
}
