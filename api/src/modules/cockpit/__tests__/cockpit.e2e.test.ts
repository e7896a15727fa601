/**
 * Operaton Cockpit through the API at /operaton/: admins reach the engine's login page, everyone
 * else gets 403 from the API (the same guard as bull-board); in Chromium an admin signed in to
 * Zhizhi opens Cockpit and signs in there with the engine's admin user.
 */
import { once } from 'node:events';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  BROWSER_TEST_TIMEOUT_MS,
  cspViolations,
  launchBrowser,
  login,
  openPage,
  screenshot,
} from '../../../../../test/browser';
import { ROOT } from '../../../../../test/env';
import { createTestStack } from '../../../../../test/harness';
import { SESSION_COOKIE } from '../../auth/session.middleware';
import { withoutSessionCookie } from '../cockpit-proxy';

describe('Cockpit for admins', () => {
  const stack = createTestStack({ env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser | undefined;

  beforeAll(async () => {
    // supertest binds a server that is not listening yet to a port of its own and closes it after.
    if (!stack.server.listening) await once(stack.server, 'listening');
  });
  afterAll(async () => {
    await browser?.close();
    await stack.close();
  });

  it('passes admins to the engine node and answers 403 to everyone else', async () => {
    const admin = await stack.loginAs('admin');
    const entry = await admin.get('/operaton/app/cockpit/').expect(302);
    expect(new URL(entry.headers.location).pathname).toBe('/operaton/app/cockpit/default/');
    const index = await admin.get('/operaton/app/cockpit/default/').expect(200);
    expect(index.text).toMatch(/<title>Operaton Cockpit<\/title>/);
    // The engine's own API behind it: Cockpit's session, not Zhizhi's, decides there.
    await admin.get('/operaton/api/admin/auth/user/default').expect(404);

    const supervisor = await stack.loginAs('xa.supervisor');
    for (const agent of [supervisor, stack.http()]) {
      await agent.get('/operaton/app/cockpit/').expect(403);
      await agent.get('/operaton/').expect(403);
      await agent
        .post('/operaton/api/admin/auth/user/default/login/cockpit')
        .type('form')
        .send({ username: 'admin', password: 'admin' })
        .expect(403);
    }
  });

  it('keeps Zhizhi session cookie from the engine', () => {
    expect(withoutSessionCookie(`a=1; ${SESSION_COOKIE}=secret; XSRF-TOKEN=x`)).toBe('a=1; XSRF-TOKEN=x');
    expect(withoutSessionCookie(`${SESSION_COOKIE}=secret`)).toBe('');
  });

  it(
    "shows an admin Cockpit's login and lets them in with the engine's admin user; a supervisor gets 403",
    async () => {
      browser = await launchBrowser();
      const base = stack.baseUrl();
      const page = await openPage(browser, base);
      await login(page, 'admin');
      await page.getByTestId('who').getByText('系统管理员').waitFor();
      await page.goto(`${base}/operaton/app/cockpit/`);
      const username = page.getByPlaceholder(/username/i);
      await username.waitFor();
      await screenshot(page, 'cockpit-login');
      await username.fill('admin');
      await page.getByPlaceholder(/password/i).fill('admin');
      await page.getByRole('button', { name: /log ?in/i }).click();
      await page
        .getByText(/process definitions/i)
        .first()
        .waitFor();
      await screenshot(page, 'cockpit');

      const other = await openPage(browser, base);
      await login(other, 'xa.supervisor');
      await other.getByTestId('who').waitFor();
      const res = await other.goto(`${base}/operaton/app/cockpit/`);
      expect(res?.status()).toBe(403);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    "shows bull-board to an admin under the API's Content-Security-Policy",
    async () => {
      browser ??= await launchBrowser();
      const base = stack.baseUrl();
      const before = cspViolations.length;
      const page = await openPage(browser, base);
      await login(page, 'admin');
      await page.getByTestId('who').getByText('系统管理员').waitFor();
      const res = await page.goto(`${base}/admin/queues`);
      expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
      await page.getByText('notifications').first().waitFor();
      await screenshot(page, 'bull-board');
      // bull-board asks Google Fonts for IBM Plex; the policy keeps admins' browsers off a third
      // party (unreachable in China anyway) and the board falls back to system fonts.
      expect(cspViolations.slice(before).filter((v) => !v.includes('https://fonts.googleapis.com/'))).toEqual(
        [],
      );
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
