/**
 * Mediation in a browser against the real API, engine and workers: a community's staff member
 * registers a dispute through the 纠纷登记 drawer, lands on its case page (parties, clock, the open
 * 调解 step), records a session with the session form, and sees the street's overview count it.
 * Screenshots: disputes-register.png, dispute-case.png, disputes-overview.png.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { suiteStack } from '../harness';
import { ROOT } from '../env';
import { launchBrowser, login, openPage, screenshot, BROWSER_TEST_TIMEOUT_MS, openMenu } from '../browser';

describe('mediation in a browser', () => {
  const stack = suiteStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    'registers a dispute, shows its case page and records a session',
    async () => {
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'haiwang.staff');
      await openMenu(page, '矛盾调解');
      await page.getByRole('button', { name: '纠纷登记' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('纠纷类型').click();
      await page.getByTitle('邻里').click();
      await drawer.getByLabel('所属社区').fill('海旺');
      await page.locator('.ant-select-tree-title', { hasText: /^海旺社区$/ }).click();
      await drawer.getByLabel('争议金额（元）').fill('3000');
      await drawer.getByLabel('纠纷概要').fill('楼上装修噪音扰民，双方多次争吵');
      await drawer.getByLabel('姓名').nth(0).fill('王五');
      await drawer.getByLabel('联系电话').nth(0).fill('13700001111');
      await drawer.getByLabel('姓名').nth(1).fill('赵六');
      await screenshot(page, 'disputes-register');
      await drawer.getByRole('button', { name: /提\s*交/ }).click();

      const kase = page.getByTestId('dispute-case');
      await kase.getByText('楼上装修噪音扰民，双方多次争吵').waitFor();
      await kase.getByText('13700001111').waitFor();
      // The 调解 step appears once the intake worker and the inbox feed have run.
      for (let i = 0; i < 30 && !(await kase.getByText(/调解 · 期限/).isVisible()); i++) {
        await page.waitForTimeout(500);
        await page.getByRole('button', { name: /返\s*回/ }).click();
        await page
          .getByRole('row', { name: /楼上装修|邻里/ })
          .first()
          .click();
      }
      await kase.getByText(/调解 · 期限/).waitFor();
      await kase.getByLabel('参加人员').fill('王五');
      await kase.getByLabel('参加人员').press('Enter');
      await kase.getByLabel('调解情况').fill('双方同意下周再谈');
      await kase.getByRole('button', { name: '记录调解' }).click();
      await kase.getByRole('cell', { name: '双方同意下周再谈' }).waitFor();
      await screenshot(page, 'dispute-case');

      await page.getByRole('button', { name: /返\s*回/ }).click();
      await page.getByText('人民调解').first().waitFor();
      await screenshot(page, 'disputes-overview');
      const dispute = await stack.prisma.dispute.findFirstOrThrow({
        where: { summary: '楼上装修噪音扰民，双方多次争吵' },
        include: { sessions: true, parties: true },
      });
      expect(dispute.parties.map((p) => p.name)).toEqual(['王五', '赵六']);
      expect(dispute.sessions).toHaveLength(1);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
