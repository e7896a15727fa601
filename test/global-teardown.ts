import { closeBrowserServer } from './browser-server';
import { stopTestEngines } from './test-stack';

/**
 * Stops the engines global setup started (not those scripts/test.sh started: it stops them after
 * its last Jest run), unless ZHIZHI_KEEP_ENGINE=1 keeps them up to look at after the run.
 */
export default async function globalTeardown() {
  await closeBrowserServer();
  const owned = process.env.ZHIZHI_TEST_STACK_OWNED;
  if (!owned || process.env.ZHIZHI_KEEP_ENGINE === '1') return;
  delete process.env.ZHIZHI_TEST_STACK_OWNED;
  stopTestEngines(Math.max(1, Number(owned)));
}
