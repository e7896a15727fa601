/**
 * The test stack: its own app database, its own engine node (another port, another engine
 * database, recreated every run) and its own Redis db, so `npm test` runs beside a developer's
 * `npm start` without either taking the other's tasks.
 */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

// Moved by TEST_ENGINE_PORT so that two work trees test side by side.
const enginePort = process.env.TEST_ENGINE_PORT ?? '8690';
const engineDb = process.env.TEST_ENGINE_DB ?? 'zhizhi_engine_test';

export const TEST_ENV = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  ENGINE_REST_URL: `http://127.0.0.1:${enginePort}/engine-rest`,
  ENGINE_DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${engineDb}`,
  ZHIZHI_ENGINE_PORT: enginePort,
  ZHIZHI_ENGINE_DB: engineDb,
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', `test-engine-${enginePort}`),
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

/** The environment a test process or script runs with. */
export const testProcessEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...TEST_ENV });
