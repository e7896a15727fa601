/**
 * The test stack: its own database and its own broker (other ports, other data folder), so
 * `npm test` runs beside a developer's `npm start` without either taking the other's jobs.
 */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export const TEST_ENV = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  ZEEBE_GRPC_ADDRESS: '127.0.0.1:26600',
  ZEEBE_REST_ADDRESS: 'http://127.0.0.1:8688',
  ZEEBE_GRPC_PORT: '26600',
  ZEEBE_REST_PORT: '8688',
  ZEEBE_MANAGEMENT_PORT: '9700',
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', 'test-zeebe'),
  LOG_LEVEL: 'silent',
} as const;

/** The environment a test process or script runs with. */
export const testProcessEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...TEST_ENV });
