/**
 * Fault: `npm start`'s supervisor (scripts/supervise.sh, run for real on ports of its own) — the
 * workers deployable is killed with SIGKILL; the supervisor starts it again while the API stays
 * healthy throughout, and the restarted workers serve: a case reported afterwards reaches 处置
 * in the inbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed';
import { killGroup, ownPort } from '../deployables';
import { ROOT, testProcessEnv } from '../env';
import { createTestStack, eventually } from '../harness';
import { reportEvent, taskFor } from '../events';

const PORT = ownPort(40_000);
const runDir = mkdtempSync(path.join(tmpdir(), 'zhizhi-run-'));
const base = `http://127.0.0.1:${PORT}`;

const pidOf = (name: string) => {
  try {
    return Number(readFileSync(path.join(runDir, `${name}.pid`), 'utf8'));
  } catch {
    return undefined;
  }
};
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const healthy = async () => (await fetch(`${base}/api/health`).catch(() => undefined))?.status === 200;

describe('faults: the npm start supervisor restarts a killed deployable', () => {
  // Only for its database client and the cleanup: the API and workers under test are the supervisor's.
  const stack = createTestStack();
  const since = new Date();
  let supervisor: ChildProcess | undefined;
  afterAll(async () => {
    const exited = supervisor && new Promise((r) => supervisor!.once('exit', r));
    killGroup(supervisor, 'SIGTERM');
    await exited;
    killGroup(supervisor);
    rmSync(runDir, { recursive: true, force: true });
    await stack.cancelCasesSince(since);
    await stack.close();
  });

  it('brings the workers back after a SIGKILL while the API stays healthy', async () => {
    supervisor = spawn('bash', ['scripts/supervise.sh'], {
      cwd: ROOT,
      env: { ...testProcessEnv(), PORT: String(PORT), HOST: '127.0.0.1', ZHIZHI_RUN_DIR: runDir },
      stdio: 'ignore',
      detached: true,
    });
    await eventually(async () => ((await healthy()) && alive(pidOf('workers')) ? true : undefined), 90_000);
    const api = pidOf('api');
    const killed = pidOf('workers')!;

    process.kill(killed, 'SIGKILL');
    const health: boolean[] = [];
    const restarted = await eventually(async () => {
      health.push(await healthy());
      const pid = pidOf('workers');
      return pid !== killed && alive(pid) ? pid : undefined;
    }, 60_000);
    expect(restarted).not.toBe(killed);
    expect(alive(killed)).toBe(false);
    // The API was never down and is the same process.
    expect(health.filter((ok) => !ok)).toEqual([]);
    expect(pidOf('api')).toBe(api);

    // The restarted workers serve: a new case is dispatched to 处置 in the grid's inbox.
    const member = request.agent(base);
    await member.post('/api/auth/login').send({ username: 'grid.hw01', password: DEMO_PASSWORD }).expect(200);
    const { id } = await reportEvent(member, { description: '监护进程重启后上报' });
    // A freshly started deployable compiles its TypeScript first: on a loaded machine that takes a while.
    await taskFor(member, id, 'handle', {}, 90_000);
    console.log(
      `[faults] supervisor: workers ${killed} killed, back as ${restarted}; ${health.length} health checks meanwhile, all 200`,
    );
  }, 180_000);
});
