/**
 * The one Chromium the browser suites share (Debian's, never a downloaded browser): started by
 * Jest's global setup; each suite connects to it (test/browser.ts, `launchBrowser`) and opens a
 * context of its own per page.
 */
import { chromium, type BrowserServer } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Global setup and teardown run in one process but not one module registry.
const holder = globalThis as { zhizhiBrowserServer?: BrowserServer };

export async function launchBrowserServer() {
  holder.zhizhiBrowserServer = await chromium.launchServer({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  return holder.zhizhiBrowserServer.wsEndpoint();
}

export async function closeBrowserServer() {
  const server = holder.zhizhiBrowserServer;
  delete holder.zhizhiBrowserServer;
  delete process.env.ZHIZHI_CHROMIUM_WS;
  await server?.close();
}
