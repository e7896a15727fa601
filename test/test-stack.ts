/**
 * Prepares what every suite clones or shares (test/env.ts): one engine node per Jest worker
 * (database recreated, node restarted) and, at the same time, the migrated and seeded app database;
 * then one template per engine holding that engine's deployed diagrams. Jest's global setup runs
 * it; scripts/test.sh runs it in the background (`tsx test/test-stack.ts prepare 2`) while lint,
 * type-check and the web build run, and stops the engines at the end (`… stop 2`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createPrisma } from '../lib/db';
import { createProcessEngine } from '../lib/engine/process-engine';
import { deployProcesses } from '../lib/processes';
import { DEMO_PASSWORD, seed } from '../prisma/seed';
import {
  adminDatabaseUrl,
  databaseUrl,
  engineEnv,
  ROOT,
  seedDatabase,
  suiteDatabasePrefix,
  templateDatabase,
  testPasswordHash,
  testProcessEnv,
} from './env';
import { ENGINE_AUTH, engineBaseDeployments } from './suite-state';

const exec = promisify(execFile);

/** A command's output is shown only when it fails. */
async function quiet(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    await exec(cmd, args, { cwd: ROOT, env, maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

async function admin<T>(work: (pg: Client) => Promise<T>) {
  const pg = new Client({ connectionString: adminDatabaseUrl() });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

const engineProcessEnv = (worker: number) => ({ ...testProcessEnv(), ...engineEnv(worker) });

async function startEngine(worker: number) {
  await quiet('bash', ['scripts/engine.sh', 'reset'], engineProcessEnv(worker));
  await quiet('bash', ['scripts/engine.sh', 'start'], engineProcessEnv(worker));
}

/** The app database with the migrations and the demo district, before any engine deployed to it. */
async function seedTemplate() {
  const db = seedDatabase();
  await admin(async (pg) => {
    // Suites' databases of an interrupted run, and the templates of the last one.
    const { rows } = await pg.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2)`,
      [suiteDatabasePrefix(), db],
    );
    for (const { datname } of rows) await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await pg.query(`CREATE DATABASE "${db}"`);
  });
  await quiet('node_modules/.bin/prisma', ['migrate', 'deploy'], {
    ...testProcessEnv(),
    DATABASE_URL: databaseUrl(db),
  });
  const prisma = createPrisma(databaseUrl(db));
  await seed(prisma);
  await prisma.user.updateMany({ data: { passwordHash: await testPasswordHash(DEMO_PASSWORD) } });
  await prisma.$disconnect();
}

/** Worker k's template: the seeded database with engine k's deployments recorded. */
async function engineTemplate(worker: number) {
  const db = templateDatabase(worker);
  await admin((pg) => pg.query(`CREATE DATABASE "${db}" TEMPLATE "${seedDatabase()}"`));
  const prisma = createPrisma(databaseUrl(db));
  const engine = createProcessEngine({ ...engineEnv(worker), ...ENGINE_AUTH });
  await deployProcesses(engine, prisma);
  await prisma.$disconnect();
  // What a suite finds deployed; a suite's own deployments are removed before the next suite.
  const res = await fetch(`${engineEnv(worker).ENGINE_REST_URL}/deployment`, {
    headers: { Authorization: `Basic ${btoa(`${ENGINE_AUTH.ENGINE_USER}:${ENGINE_AUTH.ENGINE_PASSWORD}`)}` },
  });
  const ids = ((await res.json()) as { id: string }[]).map((d) => d.id);
  writeFileSync(engineBaseDeployments(worker), JSON.stringify(ids));
}

const workerList = (workers: number) => Array.from({ length: workers }, (_, i) => i + 1);

export async function prepareTestStack(workers: number) {
  execFileSync('bash', ['scripts/services.sh'], {
    cwd: ROOT,
    env: { ...testProcessEnv(), DATABASE_URL: adminDatabaseUrl() },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await Promise.all([seedTemplate(), ...workerList(workers).map(startEngine)]);
  await Promise.all(workerList(workers).map(engineTemplate));
}

export function stopTestEngines(workers: number) {
  for (const worker of workerList(workers))
    execFileSync('bash', ['scripts/engine.sh', 'stop'], {
      cwd: ROOT,
      env: engineProcessEnv(worker),
      stdio: 'inherit',
    });
}

if (require.main === module) {
  const [command, workers = '2'] = process.argv.slice(2);
  if (command === 'prepare')
    prepareTestStack(Number(workers)).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  else if (command === 'stop') stopTestEngines(Number(workers));
  else {
    console.error(`usage: tsx ${path.relative(ROOT, __filename)} prepare|stop <workers>`);
    process.exit(2);
  }
}
