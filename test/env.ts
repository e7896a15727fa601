/**
 * The test stack: an engine node per Jest worker (its own port and engine database, recreated
 * every run), an app database per suite (cloned from a migrated, seeded template) and a Redis db
 * per Jest worker, so that suites run side by side — and beside a developer's `npm start` —
 * without taking each other's tasks, rows or keys.
 *
 * Every resource is a base that an environment variable moves, so that two work trees test side
 * by side: TEST_ENGINE_PORT (worker k's engine listens on base + k), TEST_ENGINE_DB (worker k's
 * engine database is <base>_k), TEST_DATABASE_URL (templates and suites' databases are named after
 * its database) and TEST_REDIS_URL (worker k uses the Redis db base - (k - 1)).
 */
import argon2 from 'argon2';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

const enginePortBase = Number(process.env.TEST_ENGINE_PORT ?? '8690');
const engineDbBase = process.env.TEST_ENGINE_DB ?? 'zhizhi_engine_test';
const databaseUrlBase = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_test';
const redisUrlBase = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/** The Jest worker this process is (1 when in band, and outside Jest). */
export const workerIndex = () => Number(process.env.JEST_WORKER_ID ?? '1');

/** Ports above the workers' engines, for suites that start servers of their own (a second engine node). */
export const spareEnginePort = (offset: number) => enginePortBase + 9 - offset;

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};
const databaseBase = new URL(databaseUrlBase).pathname.slice(1);
/** The migrated, seeded app database that worker k's suites are cloned from (its records name engine k's definitions). */
export const templateDatabase = (worker: number) => `${databaseBase}_template_${worker}`;
/** The migrated, seeded app database before any engine deployed to it. */
export const seedDatabase = () => `${databaseBase}_template`;
/** Prefix of every suite's own database (global setup drops the leftovers of an interrupted run). */
export const suiteDatabasePrefix = () => `${databaseBase}_s_`;
/** A suite's own database, named after its file (readable, and stable when the suite runs alone). */
export function suiteDatabase(testPath: string) {
  const rel = path.relative(ROOT, testPath);
  const name = path
    .basename(rel)
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 30);
  const hash = createHash('sha1').update(rel).digest('hex').slice(0, 6);
  return `${suiteDatabasePrefix()}${name}_${hash}`;
}
export const databaseUrl = (db: string) => withDatabase(databaseUrlBase, db);
export const adminDatabaseUrl = () => withDatabase(databaseUrlBase, 'postgres');

/** The engine node of Jest worker k. */
export function engineEnv(worker: number) {
  const port = String(enginePortBase + worker);
  const db = `${engineDbBase}_${worker}`;
  return {
    ENGINE_REST_URL: `http://127.0.0.1:${port}/engine-rest`,
    ENGINE_DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${db}`,
    ZHIZHI_ENGINE_PORT: port,
    ZHIZHI_ENGINE_DB: db,
    ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', `test-engine-${port}`),
  };
}

/** Jest worker k's Redis database. */
export function redisUrl(worker: number) {
  const u = new URL(redisUrlBase);
  u.pathname = `/${Number(u.pathname.slice(1) || '0') - (worker - 1)}`;
  return u.toString();
}

/** Set by test/suite-environment.ts for the suite being run; outside a suite, worker 1's template. */
const suiteDb = process.env.ZHIZHI_TEST_SUITE_DB ?? templateDatabase(workerIndex());

export const TEST_ENV = {
  DATABASE_URL: databaseUrl(suiteDb),
  REDIS_URL: redisUrl(workerIndex()),
  ...engineEnv(workerIndex()),
  // Timers fire within about a second rather than a minute.
  ZHIZHI_JOB_WAIT_MS: '200',
  ZHIZHI_JOB_MAX_WAIT_MS: '1000',
  ZHIZHI_ENGINE_JAVA_OPTS: '-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1',
  // Short polls and locks, so a stopped worker's tasks come back within seconds.
  WORKER_POLL_TIMEOUT_MS: '1000',
  WORKER_LOCK_MS: '10000',
  WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
  WORKER_RETRY_BACKOFF_MS: '200',
  FEED_IDLE_MS: '50',
  LOG_LEVEL: 'silent',
  // Every JSON answer is held to its route's answer schema (a mismatch is a 500 naming it).
  API_CHECK_ANSWERS: 'true',
  // Notices arrive as a digest per person and period: a second here, ten minutes in production.
  NOTICE_DIGEST_MS: '1000',
  // A test key for personal identifiers at rest (never used outside tests).
  FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 'zhizhi-test-key').toString('base64'),
  // The emergency record (应急处置记录) is due seconds after the alert, so a suite sees it overdue.
  PATIENT_EMERGENCY_RECORD_WINDOW: 'PT3S',
};

/**
 * For suites whose stand-in group robots listen on 127.0.0.1: by default robots are called only
 * at WeCom, DingTalk and Feishu, never at a loopback or private address.
 */
export const LOOPBACK_ROBOTS = { ROBOT_ALLOWED_HOSTS: '127.0.0.1', ROBOT_ALLOW_LOOPBACK: 'true' };

/**
 * An argon2id hash of `password` at the lowest cost (1 MiB, one pass) for the users tests sign in
 * as: the production cost (64 MiB × 3) took about 0.5 s of CPU per sign-in on the 2-core test
 * machine, and suites sign in hundreds of times. The API verifies it with the same code;
 * passwords set through the API are still hashed at the production cost.
 */
export const testPasswordHash = (password: string) =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });

/** The environment a test process or script runs with. */
export const testProcessEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...TEST_ENV });
