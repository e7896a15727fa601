/**
 * The test stack: its own database and its own broker (other ports, other data folder), so
 * `npm test` runs beside a developer's `npm start` without either taking the other's jobs.
 */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

// Ports can be moved (TEST_ZEEBE_PORT_BASE) so that two work trees test side by side.
const base = Number(process.env.TEST_ZEEBE_PORT_BASE ?? 26600);
const restPort = String(base - 26600 + 8688);
const managementPort = String(base - 26600 + 9700);

export const TEST_ENV = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  ZEEBE_GRPC_ADDRESS: `127.0.0.1:${base}`,
  ZEEBE_REST_ADDRESS: `http://127.0.0.1:${restPort}`,
  ZEEBE_GRPC_PORT: String(base),
  ZEEBE_REST_PORT: restPort,
  ZEEBE_MANAGEMENT_PORT: managementPort,
  ZHIZHI_ENGINE_STATE: path.join(ROOT, '.zhizhi', 'test-zeebe'),
  LOG_LEVEL: 'silent',
};

/** The environment a test process or script runs with. */
export const testProcessEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...TEST_ENV });
