import { execFileSync } from 'node:child_process';
import { ROOT, testProcessEnv } from './env';

/** Stops the broker the suite started, unless ZHIZHI_KEEP_BROKER=1 keeps it for the next run. */
export default function globalTeardown() {
  if ((globalThis as { startedBroker?: boolean }).startedBroker && process.env.ZHIZHI_KEEP_BROKER !== '1') {
    execFileSync('bash', ['scripts/engine.sh', 'stop'], {
      cwd: ROOT,
      env: testProcessEnv(),
      stdio: 'inherit',
    });
  }
}
