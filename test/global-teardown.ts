import { execFileSync } from 'node:child_process';
import { ROOT, testProcessEnv } from './env';

/** Stops the test engine, unless ZHIZHI_KEEP_ENGINE=1 keeps it up to look at after the run. */
export default function globalTeardown() {
  if (process.env.ZHIZHI_KEEP_ENGINE === '1') return;
  execFileSync('bash', ['scripts/engine.sh', 'stop'], { cwd: ROOT, env: testProcessEnv(), stdio: 'inherit' });
}
