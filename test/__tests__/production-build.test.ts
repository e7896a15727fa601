/**
 * The production path without Docker: `npm run build`, then `npm run start:prod` with production
 * secrets on a database of its own, migrated by the Prisma CLI as the image does. The app and the
 * health probe answer, and no process under it runs tsx (read from /proc).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { killGroup, ownPort } from '../deployables';
import { ROOT, TEST_ENV } from '../env';
import { eventually } from '../harness';
import { productionEnv } from '../production-env';

const PORT = ownPort(-5_000);
const DATABASE_URL = TEST_ENV.DATABASE_URL.replace(/\/[^/]*$/, (db) => `${db}_prod`);
const runDir = mkdtempSync(path.join(tmpdir(), 'zhizhi-prod-'));

/** Every process descended from `pid`, with its command line. */
function descendants(pid: number): { pid: number; cmdline: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: { pid: number; cmdline: string }[] = [];
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      try {
        found.push({
          pid: child,
          cmdline: readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' '),
        });
      } catch {
        continue;
      }
      walk(child);
    }
  };
  walk(pid);
  return found;
}

async function dropDatabase(create: boolean) {
  const admin = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const name = new URL(DATABASE_URL).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  if (create) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

describe('npm run build, then npm run start:prod', () => {
  let server: ChildProcess | undefined;
  afterAll(async () => {
    const exited = server && server.exitCode === null && new Promise((r) => server!.once('exit', r));
    killGroup(server, 'SIGTERM');
    await exited;
    killGroup(server);
    rmSync(runDir, { recursive: true, force: true });
    await dropDatabase(false);
  });

  it('serves the app and its health from compiled JavaScript, with no tsx', async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    await dropDatabase(true);
    execFileSync('node_modules/.bin/prisma', ['migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL },
      stdio: 'ignore',
    });

    const env = productionEnv({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL,
      REDIS_URL: TEST_ENV.REDIS_URL,
      // No engine here: the test engine's technical users have development passwords, which a
      // production start refuses. The probe reports it down; the database and Redis are up.
      ENGINE_REST_URL: 'http://127.0.0.1:9/engine-rest',
      ENGINE_DATABASE_URL: DATABASE_URL,
      ATTACHMENTS_DIR: path.join(runDir, 'attachments'),
      ZHIZHI_RUN_DIR: runDir,
      LOG_LEVEL: 'warn',
    });
    delete env.ATTACHMENTS_S3_ENDPOINT;
    server = spawn('npm', ['run', 'start:prod'], { cwd: ROOT, env, stdio: 'ignore', detached: true });

    const base = `http://127.0.0.1:${PORT}`;
    const page = await eventually(
      async () => (await fetch(`${base}/`).catch(() => undefined))?.text(),
      90_000,
    );
    expect(page).toContain('<div id="root">');
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      components: { postgres: { status: 'up' }, redis: { status: 'up' }, engine: { status: 'down' } },
    });

    const processes = descendants(server.pid!);
    const nodes = processes.filter((p) => /(^|\/)node /.test(p.cmdline));
    expect(nodes.map((p) => p.cmdline.split(' ')[1]).sort()).toEqual([
      'dist/api/src/main.js',
      'dist/workers/src/main.js',
    ]);
    expect(processes.filter((p) => /tsx/.test(p.cmdline))).toEqual([]);
  }, 240_000);
});
