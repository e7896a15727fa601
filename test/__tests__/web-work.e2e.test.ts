/**
 * Daily work in the browser (issue 15, the shell): each role lands on its own home (desktop and
 * phone); a task opens at its URL in a drawer with the case beside it, and 核查 shows what 处置
 * did and refuses 完成 without 通过/不通过; a case opens by its URL, survives a reload and Back
 * returns to the drawer it was opened from; the API serves the app for any app route, compressed
 * and cached; an API that cannot be reached says so in Chinese, and an expired session goes back
 * to the login page. Screenshots: home-*.png, task-drawer*.png, verify-*.png, case-url*.png,
 * api-error.png, session-expired.png in .zhizhi/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { reportEvent, taskFor } from '../events';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  inboxRow,
  screenshot,
  signedInPage,
  openMenu,
} from '../browser';

const PHONE = { width: 390, height: 844 };

describe('daily work in a browser', () => {
  const { stack, browser } = browserSuite();
  const completeButton = (page: Page) => page.getByRole('button', { name: /完\s*成/ });

  it(
    'lands each role on its home, on a desktop and a phone',
    async () => {
      const base = stack.baseUrl();
      const homes: [string, string, (page: Page) => Promise<unknown>][] = [
        [
          'district.lead',
          '/home',
          (p) => p.getByTestId('leader-home').getByText('宝安区 辖区概况').waitFor(),
        ],
        ['xa.supervisor', '/home', (p) => p.getByTestId('my-todo').waitFor()],
        [
          'designer',
          '/designer',
          (p) =>
            p
              .getByTestId('designer-diagrams')
              .getByText(/网格事件处置/)
              .waitFor(),
        ],
        [
          'haiwang.staff',
          '/todo',
          (p) =>
            p
              .getByTestId('inbox-total')
              .getByText(/共 \d+ 条/)
              .waitFor(),
        ],
        [
          'grid.hw01',
          '/todo',
          (p) =>
            p
              .getByTestId('inbox-total')
              .getByText(/共 \d+ 条/)
              .waitFor(),
        ],
      ];
      for (const [username, path, landmark] of homes) {
        const page = await signedInPage(browser(), base, username);
        await page.waitForURL(`${base}${path}`);
        for (const [device, viewport] of [
          ['desktop', { width: 1366, height: 768 }],
          ['phone', PHONE],
        ] as const) {
          await page.setViewportSize(viewport);
          await landmark(page);
          // A leader's summary cards say what they know, never a 0 while still loading.
          if (path === '/home')
            await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
          await screenshot(page, `home-${username}-${device}`);
        }
        await page.close();
      }
      // The leader's overdue card counts their area, as 督办 does.
      const lead = await signedInPage(browser(), base, 'district.lead');
      expect(await lead.getByTestId('home-error').count()).toBe(0);
      await lead.getByText('黄色超期').waitFor();
      await lead.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'opens a task at its URL with the case beside it; 核查 shows 处置 and needs 通过/不通过',
    async () => {
      const base = stack.baseUrl();
      const member = await stack.loginAs('grid.hw01');
      const { id, caseNo } = await reportEvent(member, {
        address: '海旺社区 33 栋楼道',
        description: '楼道堆放杂物堵塞消防通道',
      });
      const handle = await taskFor(member, id, 'handle');
      await member
        .post(`/api/tasks/${handle.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已督促住户清理楼道杂物' } })
        .expect(200);
      const verify = await taskFor(member, id, 'verify');

      const page = await signedInPage(browser(), base, 'grid.hw01');
      const row = await inboxRow(page, `${caseNo} 核查`);
      // The row tells cases apart: category and address under the task.
      await row.getByText(/海旺社区 33 栋楼道/).waitFor();
      await row.getByText(`${caseNo} 核查`).click();
      await page.waitForURL(`${base}/tasks/${verify.key}`);
      const summary = page.getByTestId('case-summary');
      await summary.getByText('楼道堆放杂物堵塞消防通道').waitFor();
      await summary.getByText('海旺社区 33 栋楼道').waitFor();
      await page
        .getByTestId('handling-result')
        .getByText(/已督促住户清理楼道杂物/)
        .waitFor();
      await screenshot(page, 'task-drawer');

      // 完成 without a choice is refused by the form, in Chinese, and nothing reaches the engine.
      const form = page.getByTestId('task-form');
      await form.getByText(/^核查结果/).waitFor();
      await completeButton(page).click();
      await form.getByText('此项必填').waitFor();
      await screenshot(page, 'verify-no-choice');
      expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } })).state).toBe(
        'OPEN',
      );
      // 不通过 asks why.
      await form.getByLabel('不通过，退回重办').check();
      await completeButton(page).click();
      await form.getByText('此项必填').waitFor();
      await form.getByLabel('不通过原因').fill('楼道仍有纸箱');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'task-drawer-phone');
      await page.setViewportSize({ width: 1366, height: 768 });
      await completeButton(page).click();
      await page.getByTestId('task-form').waitFor({ state: 'detached' });
      await page.waitForURL(`${base}/todo`);
      const completion = await stack.prisma.timelineEntry.findFirstOrThrow({
        where: { eventId: id, action: 'completed:verify' },
      });
      expect(completion.detail).toMatchObject({ verified: false, verifyComment: '楼道仍有纸箱' });

      // The rework goes back to 处置, whose form starts empty (not the verifier's words).
      const rework = await taskFor(member, id, 'handle');
      await page.goto(`${base}/tasks/${rework.key}`);
      await page
        .getByTestId('task-form')
        .getByText(/^处置结果/)
        .waitFor();
      expect(await page.getByTestId('task-form').getByLabel('已解决').isChecked()).toBe(false);

      // 查看案件: the case at its own URL; a reload keeps it; Back returns to the drawer.
      await page.getByRole('button', { name: '查看案件' }).click();
      await page.waitForURL(`${base}/cases/${id}`);
      await page.getByTestId('case-summary').getByText(caseNo, { exact: false }).waitFor();
      await page.reload();
      await page.getByTestId('case-summary').getByText('楼道堆放杂物堵塞消防通道').waitFor();
      await screenshot(page, 'case-url');
      await page.goBack();
      await page.waitForURL(`${base}/tasks/${rework.key}`);
      await page.getByTestId('case-summary').waitFor();
      await page
        .getByTestId('task-form')
        .getByText(/^处置结果/)
        .waitFor();
      await screenshot(page, 'case-url-back');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('serves the app for every app route, compressed and cached, and leaves /api to the API', async () => {
    const base = stack.baseUrl();
    for (const path of ['/cases', '/cases/nope', '/tasks/x-1', '/home'])
      expect((await fetch(`${base}${path}`)).headers.get('content-type')).toMatch(/text\/html/);
    const html = await fetch(`${base}/todo`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect((await fetch(`${base}/assets/missing-0000.js`)).status).toBe(404);
    const api = await fetch(`${base}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it(
    'says in Chinese when the API cannot be reached, and goes back to login when the session ends',
    async () => {
      const base = stack.baseUrl();
      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await page
        .getByTestId('inbox-total')
        .getByText(/共 \d+ 条/)
        .waitFor();
      await page.route('**/api/inbox?**', (route) => route.abort('connectionrefused'));
      await openMenu(page, '已办');
      await page.getByTestId('inbox-error').getByText('无法连接服务器，请检查网络后重试').waitFor();
      expect(await page.getByText(/Failed to fetch/).count()).toBe(0);
      await screenshot(page, 'api-error');
      await page.unroute('**/api/inbox?**');
      await page.getByRole('button', { name: /重\s*试/ }).click();
      await page
        .getByTestId('inbox-total')
        .getByText(/共 \d+ 条/)
        .waitFor();

      // Every session of the user is signed out elsewhere: the next request answers 401.
      await (await stack.loginAs('haiwang.staff')).post('/api/auth/logout-all').expect(200);
      await openMenu(page, '待办');
      await page.getByTestId('session-expired').getByText('登录已过期，请重新登录').waitFor();
      await page.getByLabel('用户名').waitFor();
      await screenshot(page, 'session-expired');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
