import type { Prisma } from '@prisma/client';
import type { Db } from './db';

export interface TimelineInput {
  eventId: string;
  action: string;
  /** Unique per fact, so an engine re-delivery or a retried request records it once. */
  dedupKey: string;
  /** When it happened, if not now: a completion is dated before the engine moves on. */
  at?: Date;
  actorId?: string | null;
  unitId?: string | null;
  detail?: Prisma.InputJsonObject;
}

/** Adds an entry to a case's timeline unless the same fact is already there; true when it was new. */
export async function recordTimeline(
  db: Db | Prisma.TransactionClient,
  entry: TimelineInput,
): Promise<boolean> {
  const { count } = await db.timelineEntry.createMany({ data: [entry], skipDuplicates: true });
  return count === 1;
}
