/**
 * 试算 from the SLA admin page in Debian's Chromium: the district administrator edits 处置's limits
 * at grid level to 1/2 hours, tries the change before saving it, and reads in the same dialog how
 * many tasks would turn red, the case that started 30 hours ago among them; cancelled, nothing
 * is saved. Screenshot: admin-sla-trial.png.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, launchBrowser, screenshot, signedInPage } from '../browser';
import { ROOT } from '../env';
import { reportEvent, taskFor } from '../events';
import { suiteStack } from '../harness';

describe('SLA 试算 in a browser', () => {
  const stack = suiteStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it(
    'shows what a changed limit would have done before it is saved',
    async () => {
      const member = await stack.loginAs('grid.hw01');
      const event = await reportEvent(member, { description: '时限试算' });
      const { key } = await taskFor(member, event.id, 'handle');
      await stack.prisma.inboxTask.update({
        where: { key },
        data: { createdAt: new Date(Date.now() - 30 * 3_600_000) },
      });
      const rule = await stack.prisma.slaRule.findFirstOrThrow({
        where: { step: 'handle', level: 'GRID', urgency: 'NORMAL', category: null },
      });

      const page = await signedInPage(browser, stack.baseUrl(), 'admin');
      await page.goto(`${stack.baseUrl()}/admin`);
      await page.getByRole('tab', { name: '时限规则' }).click();
      const row = page.locator(`tr[data-row-key="${rule.id}"]`);
      // The table's pages in turn until the row shows (each page rendered before it is looked at).
      await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor();
      for (let n = 2; !(await row.count()); n++) {
        await page.locator(`.ant-pagination-item-${n}`).click();
        await page.locator(`.ant-pagination-item-active.ant-pagination-item-${n}`).waitFor();
      }
      await row.getByRole('button').click();
      const dialog = page.locator('.ant-modal');
      await dialog.locator('.ant-select').click();
      await page.locator('.ant-select-item-option', { hasText: '小时' }).click();
      await dialog.getByLabel('黄色阈值').fill('1');
      await dialog.getByLabel('红色阈值').fill('2');
      await dialog.getByTestId('sla-trial').click();
      const result = dialog.getByTestId('sla-trial-result');
      await result.waitFor();
      expect(await result.locator('p').textContent()).toMatch(
        /^近 30 天 \d+ 个任务：黄牌 \d+ → \d+，红牌 \d+ → \d+；[1-9]\d* 个任务颜色改变。$/,
      );
      await result.getByText(event.caseNo).waitFor();
      expect(await result.locator('tr', { hasText: event.caseNo }).textContent()).toContain('正常 → 红牌');
      await screenshot(page, 'admin-sla-trial');

      await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
      expect(await stack.prisma.slaRule.findUniqueOrThrow({ where: { id: rule.id } })).toEqual(rule);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
