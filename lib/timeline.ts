import type { Prisma } from '@prisma/client';
import type { Db } from './db';

export interface TimelineInput {
  eventId: string;
  action: string;
  /** Unique per fact, so an engine re-delivery or a retried request records it once. */
  dedupKey: string;
  actorId?: string | null;
  unitId?: string | null;
  detail?: Prisma.InputJsonObject;
}

/** Adds an entry to a case's timeline unless the same fact is already there. */
export async function recordTimeline(db: Db | Prisma.TransactionClient, entry: TimelineInput) {
  await db.timelineEntry.createMany({ data: [entry], skipDuplicates: true });
}
