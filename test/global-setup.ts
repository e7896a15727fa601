import { execFileSync, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createPrisma } from '../lib/db';
import { createProcessEngine } from '../lib/engine/process-engine';
import { deployProcesses } from '../lib/processes';
import { seed } from '../prisma/seed';
import { ROOT, TEST_ENV, testProcessEnv } from './env';

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: ROOT, env: testProcessEnv(), stdio: ['ignore', 'inherit', 'inherit'] });

/** Runs quietly; prints the output only when the command fails. */
const quiet = (cmd: string, args: string[]) => {
  const res = spawnSync(cmd, args, { cwd: ROOT, env: testProcessEnv(), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stdout}${res.stderr}`);
};

/**
 * A fresh app database with the migrations and the demo district, and a fresh engine (its
 * database recreated, the node restarted) with the diagrams deployed.
 */
export default async function globalSetup() {
  run('bash', ['scripts/services.sh']);
  const admin = new Client({ connectionString: TEST_ENV.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const dbName = new URL(TEST_ENV.DATABASE_URL).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  quiet('node_modules/.bin/prisma', ['migrate', 'deploy']);
  // Queued jobs of an earlier run would refer to rows of the database just dropped.
  const redis = new Redis(TEST_ENV.REDIS_URL);
  await redis.flushdb();
  redis.disconnect();

  run('bash', ['scripts/engine.sh', 'reset']);
  run('bash', ['scripts/engine.sh', 'start']);

  const db = createPrisma(TEST_ENV.DATABASE_URL);
  await seed(db);
  await deployProcesses(
    createProcessEngine({ ...TEST_ENV, ENGINE_USER: 'zhizhiApi', ENGINE_PASSWORD: 'zhizhiApi' }),
    db,
  );
  await db.$disconnect();
}
