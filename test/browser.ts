/**
 * Browser tests drive Debian's Chromium through playwright-core, never a downloaded browser.
 * Screenshots are artifacts in .zhizhi/artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './browser-server';
import { ROOT } from './env';
import { suiteStack } from './harness';

/**
 * A browser scenario walks several users through the real stack; on a busy 2-core machine it has
 * taken over a minute (over three with eight test runs sharing it), so it gets far more than
 * Jest's default before it counts as hung.
 */
export const BROWSER_TEST_TIMEOUT_MS = 360_000;

export const SHOTS = path.join(ROOT, '.zhizhi', 'artifacts', 'screenshots');

/**
 * The Chromium of Jest's global setup (test/browser-server.ts), connected to: `close()` ends this
 * suite's connection and its pages, not the browser. Outside Jest, a Chromium of its own.
 */
export async function launchBrowser() {
  mkdirSync(SHOTS, { recursive: true });
  const ws = process.env.ZHIZHI_CHROMIUM_WS;
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * What Chromium refused under the Content-Security-Policy on the pages `openPage` opened (its
 * console reports each refusal): a suite asserts it stays empty, so a CSP that breaks a page fails.
 */
export const cspViolations: string[] = [];

/**
 * A page as every suite opens one: asking for reduced motion, so the app drops antd's transitions
 * and no click lands on a dialog that is still fading out. (It saves no CPU: Chromium's renderers,
 * the suites' largest CPU cost, spent 48 s on web-work with motion and 50 s without.)
 */
export const newPage = (browser: Browser, options: BrowserContextOptions = {}) =>
  browser.newPage({ reducedMotion: 'reduce', ...options });

/** A new page at `url`, on an office screen (1366×768) unless a viewport is given. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1366, height: 768 }) {
  const page = await newPage(browser, { viewport });
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  await page.goto(url);
  return page;
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/**
 * Opens a page from the side menu; on a phone, from the drawer the header's menu button opens; in
 * a folded menu (the designer's), from its group's pop-up. The entry is a page's, never a group's
 * title of the same name (重点人员 is both for a district).
 */
export async function openMenu(page: Page, name: string) {
  await page.getByTestId('bell').waitFor();
  const drawerButton = page.getByTestId('side-menu-open');
  if (await drawerButton.isVisible()) await drawerButton.click();
  // Looked for in the whole page, since pop-ups are outside the menu's element; the entry, not its
  // text, which a folded menu keeps but hides.
  const entry = page
    .locator('.ant-menu-item')
    .filter({ visible: true })
    .filter({ has: page.getByText(name, { exact: true }) });
  if (!(await entry.count()) && (await page.locator('.ant-layout-sider-collapsed').count())) {
    for (const group of await page.getByTestId('side-menu').locator('.ant-menu-submenu-title').all()) {
      await group.hover();
      const shown = await entry.waitFor({ timeout: 1_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
    }
  }
  await entry.click();
}

/**
 * Picks `option` in the select labelled `label`. In a parallel run the open list was re-rendered
 * under a click for the click's whole 30 s (web-case: "element was detached from the DOM,
 * retrying"): the click is retried on a list opened again, the last time without waiting for
 * the option to hold still.
 */
export async function pickOption(page: Page, label: string, option: string) {
  const list = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt += 1) {
    if (!(await list.count())) await page.getByLabel(label).click();
    try {
      await list.getByTitle(option, { exact: true }).click({ timeout: 5_000, force: attempt === 4 });
      return;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
}

/** Logs in through the login page as a demo user. */
export async function login(page: Page, username: string, password = 'Zhizhi@2026') {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * Waits for `target`, calling `refresh` (a reload, a tab switched, a list opened again) while it
 * does not show: a step shows once the engine has created it and the inbox feed has written it.
 * Each look waits up to 2 s after a refresh, because the page fetches again before it shows what
 * it found: looking at once after the refresh saw the empty page every time, so a row that was
 * there all along was found only after the last refresh (20 s per call, 80 s of web-case's 110).
 */
export async function showsAfterRefresh(target: Locator, refresh: () => Promise<unknown>, tries = 20) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await target.waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === tries) throw err;
    }
    await refresh();
  }
}

/** The 待办 row named `name`, switching tabs to fetch the inbox again until it shows. */
export async function inboxRow(page: Page, name: string) {
  const row = page.getByRole('row', { name: new RegExp(name) });
  await showsAfterRefresh(row, async () => {
    await openMenu(page, '已办');
    await openMenu(page, '待办');
  });
  return row;
}

/**
 * A browser suite's setup: the stack serving the built web app (web/dist), with the workers unless
 * the suite needs none, one
 * Chromium for the suite, both closed (and the suite's cases cancelled) when it ends, and no
 * Content-Security-Policy refusal allowed on any page it opened.
 */
export function browserSuite({ workers = true }: { workers?: boolean } = {}) {
  const stack = suiteStack({ workers, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    expect(cspViolations).toEqual([]);
  });
  return {
    stack,
    /** The suite's browser (launched before the first test). */
    browser: () => browser!,
  };
}

/** A new page at `path` of the app signed in as `username`, on a desktop or the given viewport. */
export async function signedInPage(
  browser: Browser,
  base: string,
  username: string,
  viewport?: { width: number; height: number },
) {
  const page = await openPage(browser, `${base}/`, viewport);
  await login(page, username);
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
  return page;
}

/** A one-pixel PNG: a photo the upload takes. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
