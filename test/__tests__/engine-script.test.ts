import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, testProcessEnv } from '../env';

const exec = promisify(execFile);
const engine = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  exec('bash', ['scripts/engine.sh', ...args], { cwd: ROOT, env: { ...testProcessEnv(), ...env } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

describe('scripts/engine.sh', () => {
  it('does not start a second engine when one is running', async () => {
    const before = await engine(['status']);
    expect(before.out).toMatch(/^running \(pid (\d+)/);
    const again = await engine(['start']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already running/);
    expect((await engine(['status'])).out).toBe(before.out);
  });

  it('clears a stale pid file left by an engine that died', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'zz-engine-'));
    writeFileSync(path.join(state, 'engine.pid'), '999999');
    const res = await engine(['status'], { ZHIZHI_ENGINE_STATE: state });
    expect(res.code).toBe(3);
    expect(res.out).toMatch(/removing stale pid file/);
  });

  it('says which port is taken instead of starting', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const state = mkdtempSync(path.join(tmpdir(), 'zz-engine-'));
      const res = await engine(['start'], { ZHIZHI_ENGINE_STATE: state, ZHIZHI_ENGINE_PORT: String(port) });
      expect(res.code).toBe(1);
      expect(res.out).toMatch(new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});
