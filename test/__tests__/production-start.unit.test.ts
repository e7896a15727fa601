/**
 * Each deployable's real entry point, started as production with one secret weak: it exits
 * non-zero before doing anything, printing one line that names the variable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT } from '../env';
import { productionEnv } from '../production-env';

const bareEnv = (env: NodeJS.ProcessEnv) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: 'C.UTF-8',
  ...env,
});

const run = (command: string, args: string[], env: NodeJS.ProcessEnv) => {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: bareEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, lines: result.stderr.trim().split('\n').filter(Boolean) };
};

const node = (entry: string, env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', entry], env);

const without = (name: string) => {
  const env = productionEnv();
  delete env[name];
  return env;
};

describe('a production start with a weak secret', () => {
  it.each([
    ['api/src/main.ts', 'FIELD_ENCRYPTION_KEY', without('FIELD_ENCRYPTION_KEY')],
    ['workers/src/main.ts', 'SECRETS_KEY', without('SECRETS_KEY')],
    ['scripts/deploy-processes.ts', 'ENGINE_PASSWORD', productionEnv({ ENGINE_PASSWORD: 'zhizhiApi' })],
    ['scripts/seed.ts', 'ENGINE_PASSWORD', without('ENGINE_PASSWORD')],
  ])('%s exits naming %s', (entry, variable, env) => {
    const { status, lines } = node(entry, env);
    expect(status).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${variable}: `);
  });

  it('the engine node exits naming its password', () => {
    // The launcher jar as scripts/engine.sh builds and caches it (built once per source change).
    const jar = execFileSync('bash', ['scripts/engine.sh', 'build'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const passwords = {
      ZHIZHI_ENGINE_ADMIN_PASSWORD: 'Cockpit-admin-2026!',
      ZHIZHI_ENGINE_API_PASSWORD: 'api-password-2026!',
      ZHIZHI_ENGINE_WORKERS_PASSWORD: 'workers-password-2026!',
    };
    const java = (env: NodeJS.ProcessEnv) =>
      run('java', ['-XX:TieredStopAtLevel=1', '-jar', jar], { NODE_ENV: 'production', ...passwords, ...env });
    for (const [variable, weak] of [
      ['ZHIZHI_ENGINE_ADMIN_PASSWORD', 'admin'],
      ['ZHIZHI_ENGINE_API_PASSWORD', ''],
      ['ZHIZHI_ENGINE_WORKERS_PASSWORD', 'short-one'],
    ]) {
      const { status, lines } = java({ [variable]: weak });
      expect(status).not.toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${variable}: `);
    }
  }, 300_000);
});
