/**
 * The engine node started as production with one password weak: it exits non-zero within
 * seconds, before any engine or web server exists, printing one line that names the variable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT } from '../env';

const passwords = {
  ZHIZHI_ENGINE_ADMIN_PASSWORD: 'Cockpit-admin-2026!',
  ZHIZHI_ENGINE_API_PASSWORD: 'api-password-2026!',
  ZHIZHI_ENGINE_WORKERS_PASSWORD: 'workers-password-2026!',
};

describe('the engine node in production', () => {
  // The launcher jar as scripts/engine.sh builds and caches it (the integration setup built it).
  const jar = execFileSync('bash', ['scripts/engine.sh', 'build'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const java = (env: NodeJS.ProcessEnv) => {
    const result = spawnSync('java', ['-XX:TieredStopAtLevel=1', '-jar', jar], {
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', NODE_ENV: 'production', ...passwords, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, lines: result.stderr.trim().split('\n').filter(Boolean) };
  };

  it.each([
    ['ZHIZHI_ENGINE_ADMIN_PASSWORD', 'admin'],
    ['ZHIZHI_ENGINE_API_PASSWORD', ''],
    ['ZHIZHI_ENGINE_WORKERS_PASSWORD', 'short-one'],
  ])('exits naming %s when it is %p', (variable, weak) => {
    const { status, lines } = java({ [variable]: weak });
    expect(status).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${variable}: `);
  });
});
