import type { Prisma } from '@prisma/client';

/** A JSON column read as an object (a timeline entry's detail), or null when it holds anything else. */
export const objectOf = (value: Prisma.JsonValue): Prisma.JsonObject | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
