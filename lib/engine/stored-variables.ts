/**
 * Engine variables kept in a JSON column until they are delivered (the outboxes of
 * lib/engine-starts.ts and lib/engine-commands.ts): a Date is stored as {"$date": ISO} so it
 * reaches the engine as a date, not a string.
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
