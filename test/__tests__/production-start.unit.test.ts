/**
 * Each Node deployable's real entry point, started as production with one secret weak: it exits
 * non-zero before doing anything, printing one line that names the variable. (The engine node's
 * check: engine-production.test.ts, beside the jar the integration setup builds.)
 */
import { spawnSync } from 'node:child_process';
import { DEVELOPMENT_SECRETS_KEY } from '../../lib/config';
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
    ['scripts/reencrypt-fields.ts', 'SECRETS_KEY', productionEnv({ SECRETS_KEY: DEVELOPMENT_SECRETS_KEY })],
  ])('%s exits naming %s', (entry, variable, env) => {
    const { status, lines } = node(entry, env);
    expect(status).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${variable}: `);
  });
});
