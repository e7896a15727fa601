import { launchBrowserServer } from './browser-server';
import { prepareTestStack } from './test-stack';

/**
 * The engines and templates (test/test-stack.ts) unless scripts/test.sh prepared them already
 * (ZHIZHI_TEST_STACK_READY=1), and the one Chromium the browser suites connect to. Jest calls this
 * once per project that names it: the second call finds everything ready.
 */
export default async function globalSetup(config: { maxWorkers: number }) {
  if (process.env.ZHIZHI_TEST_STACK_READY !== '1') {
    await prepareTestStack(Math.max(1, config.maxWorkers));
    process.env.ZHIZHI_TEST_STACK_READY = '1';
    process.env.ZHIZHI_TEST_STACK_OWNED = String(config.maxWorkers);
  }
  if (!process.env.ZHIZHI_CHROMIUM_WS) process.env.ZHIZHI_CHROMIUM_WS = await launchBrowserServer();
}
