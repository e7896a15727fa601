import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/** A refusal: how long until the caller may try again. */
export interface Lockout {
  retryAfterMs: number;
}

/** Redis calls give up after this long: a slow or absent Redis must not hold sign-ins up. */
const REDIS_TIMEOUT_MS = 500;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('redis timeout')), REDIS_TIMEOUT_MS).unref(),
    ),
  ]);
}

/** Fixed-window failure counters in this process alone: the stand-in while Redis is down. */
function memoryCounters() {
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
    },
    del: (key: string) => counters.delete(key),
  };
}

/**
 * Failed sign-ins counted per account (the username as typed, case-folded) and per address,
 * in fixed windows in Redis shared by every API process. The window starts with the first
 * failure; at the limit, every attempt (right password or not) is refused until it ends.
 * When Redis does not answer, counting goes on in this process's memory: never a 500,
 * never an unlimited guess rate.
 */
export function createLoginLimiter(redis: Redis, limits: LoginLimits, log: Logger) {
  const memory = memoryCounters();
  const accountKey = (username: string) => `zz:login:fail:acct:${username.trim().toLowerCase()}`;
  const addressKey = (address: string) => `zz:login:fail:addr:${address}`;
  let degraded = false;
  const fallBack = (err: unknown) => {
    if (!degraded) log.warn({ err }, 'login limiter: Redis unavailable, counting in memory');
    degraded = true;
  };

  async function read(key: string): Promise<{ count: number; ttlMs: number }> {
    try {
      const [[, count], [, ttl]] = (await withTimeout(redis.multi().get(key).pttl(key).exec())) as [
        [unknown, string | null],
        [unknown, number],
      ];
      degraded = false;
      const local = memory.get(key);
      const shared = { count: Number(count ?? 0), ttlMs: Math.max(ttl, 0) };
      // Failures counted in memory while Redis was down still count.
      return local.count > shared.count ? local : shared;
    } catch (err) {
      fallBack(err);
      return memory.get(key);
    }
  }

  async function incr(key: string) {
    try {
      // The window starts with the first failure; INCR keeps the expiry SET gave the key.
      await withTimeout(redis.multi().set(key, 0, 'PX', limits.windowMs, 'NX').incr(key).exec());
    } catch (err) {
      fallBack(err);
      memory.incr(key, limits.windowMs);
    }
  }

  return {
    /** The lockout in force for this account or address, if any. */
    async check(username: string, address: string): Promise<Lockout | null> {
      const [account, addr] = await Promise.all([read(accountKey(username)), read(addressKey(address))]);
      const waits = [
        account.count >= limits.perAccount ? account.ttlMs : 0,
        addr.count >= limits.perAddress ? addr.ttlMs : 0,
      ];
      const retryAfterMs = Math.max(...waits);
      return retryAfterMs > 0 ? { retryAfterMs } : null;
    },

    async failed(username: string, address: string) {
      await Promise.all([incr(accountKey(username)), incr(addressKey(address))]);
    },

    /** A successful sign-in clears the account's count (not the address's). */
    async succeeded(username: string) {
      memory.del(accountKey(username));
      await withTimeout(redis.del(accountKey(username))).catch(fallBack);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
