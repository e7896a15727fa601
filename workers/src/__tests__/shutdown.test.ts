import { spawn } from 'node:child_process';
import { ROOT, testProcessEnv } from '../../../test/env';

describe('workers process', () => {
  it('connects, registers the workers found in workers/src, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
      cwd: ROOT,
      env: { ...testProcessEnv(), LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes('workers started')) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
      void exited.then(() => reject(new Error(`workers exited early:\n${out}`)));
    });
    expect(out).toMatch(/"topics":\[[^\]]*"event-handling-assign"/);
    expect(out).toMatch(/"topics":\[[^\]]*"assessment-score"/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/workers stopped/);
  });

  it('refuses to start on a bad setting and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
      cwd: ROOT,
      env: { ...testProcessEnv(), ENGINE_REST_URL: 'not an address' },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/ENGINE_REST_URL/);
  });
});
