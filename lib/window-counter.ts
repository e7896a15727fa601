import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Redis calls give up after this long: a slow or absent Redis must not hold a request up. */
const REDIS_TIMEOUT_MS = 500;

export function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('redis timeout')), REDIS_TIMEOUT_MS).unref(),
    ),
  ]);
}

/** Fixed-window counters in this process alone: the stand-in while Redis is down. */
export function memoryCounters() {
  const counters = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const c = counters.get(key);
    if (c && c.resetAt <= Date.now()) counters.delete(key);
    return counters.get(key);
  };
  return {
    get: (key: string) => {
      const c = live(key);
      return c ? { count: c.count, ttlMs: c.resetAt - Date.now() } : { count: 0, ttlMs: 0 };
    },
    incr(key: string, windowMs: number) {
      const c = live(key) ?? { count: 0, resetAt: Date.now() + windowMs };
      c.count += 1;
      counters.set(key, c);
      return { count: c.count, ttlMs: c.resetAt - Date.now() };
    },
    del: (key: string) => counters.delete(key),
    keys: (prefix: string) => [...counters.keys()].filter((k) => k.startsWith(prefix) && live(k)),
  };
}

/**
 * Hits counted per key in fixed windows (starting with the first hit) in Redis, shared by every API
 * process; while Redis does not answer, in this process's memory: a limit that still holds,
 * never a 500. `what` names the counter in the warning logged once when it falls back.
 */
export function createWindowCounter(redis: Redis, log: Logger, what: string) {
  const memory = memoryCounters();
  let degraded = false;
  return {
    /** Counts a hit on `key`; the count in the window so far and how long the window still runs. */
    async hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
      try {
        const replies = await withTimeout(
          redis.multi().set(key, 0, 'PX', windowMs, 'NX').incr(key).pttl(key).exec(),
        );
        const [, [, count], [, ttl]] = replies as [unknown, [unknown, number], [unknown, number]];
        degraded = false;
        return { count: Number(count), ttlMs: Math.max(Number(ttl), 0) };
      } catch (err) {
        if (!degraded) log.warn({ err }, `${what}: Redis unavailable, counting in memory`);
        degraded = true;
        return memory.incr(key, windowMs);
      }
    },
  };
}

export type WindowCounter = ReturnType<typeof createWindowCounter>;
