import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { memoryCounters, withTimeout } from '../../../../lib/window-counter';

export interface LoginLimits {
  /** Failures of one account from any address: then the account is locked everywhere. */
  perAccount: number;
  /** Failures of one account from one address: then that account is locked from that address. */
  perAccountAddress: number;
  /** Failures for unknown usernames from one address: then failures from it are answered slowly. */
  perAddress: number;
  windowMs: number;
  slowDownMs: number;
}

/** A refusal: how long until the caller may try again. */
export interface Lockout {
  retryAfterMs: number;
}

/** A lockout in force, as the security administrator sees it; `address` null: every address. */
export interface LockoutEntry {
  username: string;
  address: string | null;
  failures: number;
  retryAfterMs: number;
}

const PREFIX = 'zz:login:fail:';
// Usernames are whatever was typed: hex keeps them out of Redis's glob and key syntax, reversibly.
const hex = (username: string) => Buffer.from(username.trim().toLowerCase()).toString('hex');
const unhex = (h: string) => Buffer.from(h, 'hex').toString();
const accountKey = (username: string) => `${PREFIX}acct:${hex(username)}`;
const pairPrefix = (username: string) => `${PREFIX}pair:${hex(username)}:`;
const pairKey = (username: string, address: string) => `${pairPrefix(username)}${address}`;
const addressKey = (address: string) => `${PREFIX}addr:${address}`;

/** The account and address a counter key names; null for the address-wide counters. */
function parseKey(key: string): { username: string; address: string | null } | null {
  const acct = /^zz:login:fail:acct:([0-9a-f]*)$/.exec(key);
  if (acct) return { username: unhex(acct[1]), address: null };
  const pair = /^zz:login:fail:pair:([0-9a-f]*):(.+)$/.exec(key);
  return pair ? { username: unhex(pair[1]), address: pair[2] } : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Failed sign-ins counted in fixed windows (starting with the first failure) in Redis shared by
 * every API process, three ways, so that nobody can lock an office out:
 * - per account (the username as typed, case-folded) from any address: 等保's limit, the account
 *   is refused everywhere, right password or not, until the window ends;
 * - per account and address: a guesser at one desk locks that account there, sooner;
 * - per address, for unknown usernames only: past it, every failed attempt from the address is
 *   answered late (known or not, so the delay tells nothing), but a correct password of any
 *   account is never refused or slowed — a street office behind one NAT keeps signing in.
 * When Redis does not answer, counting goes on in this process's memory: never a 500,
 * never an unlimited guess rate.
 */
export function createLoginLimiter(redis: Redis, limits: LoginLimits, log: Logger) {
  const memory = memoryCounters();
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

  async function scan(pattern: string): Promise<string[]> {
    const found = new Set(memory.keys(pattern.replace(/\*$/, '')));
    try {
      let cursor = '0';
      do {
        const [next, keys] = await withTimeout(redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500));
        keys.forEach((k) => found.add(k));
        cursor = next;
      } while (cursor !== '0');
    } catch (err) {
      fallBack(err);
    }
    return [...found];
  }

  async function drop(keys: string[]) {
    keys.forEach((k) => memory.del(k));
    if (keys.length) await withTimeout(redis.del(...keys)).catch(fallBack);
  }

  const limitOf = (address: string | null) =>
    address === null ? limits.perAccount : limits.perAccountAddress;

  return {
    /** The lockout in force for this account, from anywhere or from this address, if any. */
    async check(username: string, address: string): Promise<Lockout | null> {
      const [account, pair] = await Promise.all([
        read(accountKey(username)),
        read(pairKey(username, address)),
      ]);
      const waits = [
        account.count >= limits.perAccount ? account.ttlMs : 0,
        pair.count >= limits.perAccountAddress ? pair.ttlMs : 0,
      ];
      const retryAfterMs = Math.max(...waits);
      return retryAfterMs > 0 ? { retryAfterMs } : null;
    },

    /**
     * Counts a failure; `known` says whether the username names an account. Returns once the
     * answer may go out: late when the address has tried too many unknown usernames.
     */
    async failed(username: string, address: string, known: boolean) {
      await Promise.all([
        incr(accountKey(username)),
        incr(pairKey(username, address)),
        known ? undefined : incr(addressKey(address)),
      ]);
      const addr = await read(addressKey(address));
      if (addr.count >= limits.perAddress) await sleep(limits.slowDownMs);
    },

    /** A successful sign-in clears the account's counts (the address's stays). */
    async succeeded(username: string, address: string) {
      await drop([accountKey(username), pairKey(username, address)]);
    },

    /** Every lockout in force: accounts locked everywhere and accounts locked from one address. */
    async lockouts(): Promise<LockoutEntry[]> {
      const keys = [...(await scan(`${PREFIX}acct:*`)), ...(await scan(`${PREFIX}pair:*`))];
      const entries = await Promise.all(
        keys.map(async (key) => {
          const named = parseKey(key);
          if (!named) return null;
          const { count, ttlMs } = await read(key);
          return count >= limitOf(named.address) && ttlMs > 0
            ? { ...named, failures: count, retryAfterMs: ttlMs }
            : null;
        }),
      );
      return entries.filter((e): e is LockoutEntry => e !== null);
    },

    /** Lifts every lockout of an account (everywhere and per address); how many counters ended. */
    async lift(username: string): Promise<number> {
      const keys = [accountKey(username), ...(await scan(`${pairPrefix(username)}*`))];
      const live = (await Promise.all(keys.map(async (k) => ((await read(k)).count > 0 ? k : null)))).filter(
        (k): k is string => k !== null,
      );
      await drop(live);
      return live.length;
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
