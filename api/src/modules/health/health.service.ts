import type { Redis } from 'ioredis';
import type { Db } from '../../../../lib/db';
import type { ProcessEngine } from '../../../../lib/engine/process-engine';

export type ComponentHealth = { status: 'up' } | { status: 'down'; reason: string };

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'unknown error';

async function probe(check: () => Promise<void>, timeoutMs: number): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', reason: reasonOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Up when the engine answers an authenticated call (its `/engine` path skips authentication). */
export function createHealthService(deps: {
  db: Db;
  redis: Redis;
  engine: ProcessEngine;
  timeoutMs: number;
}) {
  return async () => {
    const [engine, postgres, redis] = await Promise.all([
      probe(async () => void (await deps.engine.ping()), deps.timeoutMs),
      probe(async () => void (await deps.db.$queryRaw`SELECT 1`), deps.timeoutMs),
      probe(async () => void (await deps.redis.ping()), deps.timeoutMs),
    ]);
    const components = { engine, postgres, redis };
    const up = Object.values(components).every((c) => c.status === 'up');
    return { status: up ? ('up' as const) : ('down' as const), components };
  };
}
