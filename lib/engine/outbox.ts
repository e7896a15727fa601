/**
 * What the two outboxes of engine calls share (lib/engine-starts.ts, lib/engine-commands.ts):
 * variables kept in a JSON column until delivered (a Date as {"$date": ISO}, so it reaches the
 * engine as a date, not a string), the rows free to deliver, and when a failed call keeps its lease.
 */
import type { Prisma } from '@prisma/client';
import { EngineUnavailableError, type Variables } from './process-engine';

export const storedVariables = (variables: Variables): Prisma.InputJsonObject =>
  Object.fromEntries(
    Object.entries(variables).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, value instanceof Date ? { $date: value.toISOString() } : value]],
    ),
  );

export const variablesOfStored = (json: Prisma.JsonValue): Variables =>
  Object.fromEntries(
    Object.entries((json ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      value && typeof value === 'object' && '$date' in value ? new Date(String(value.$date)) : value,
    ]),
  ) as Variables;

/** A call that timed out may still have reached the engine: its lease is kept until it expires. */
export const mayHaveReached = (err: unknown) =>
  err instanceof EngineUnavailableError && /timeout|aborted/i.test(err.message);

/** How many waiting rows one run of the workers' job delivers. */
export const OUTBOX_BATCH = 200;

/** A row no deliverer holds: never leased, or its lease ran out. */
export const unleased = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

/** Rows not refused, older than `after` (the API's own attempt comes first) and unleased. */
export const waitingRows = (now: Date, after: number) => ({
  refusedAt: null,
  createdAt: { lt: new Date(now.getTime() - after) },
  ...unleased(now),
});
