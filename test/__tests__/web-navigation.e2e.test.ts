/**
 * Navigation on an office screen (1366×768, issue #25 item 5): a district leader finds every page
 * of theirs in the side menu under its group, 督办 and 考评排名 in view with nothing folded under
 * 「…」; the menu folds to its icons and stays folded after a reload. The 案件 list shows each
 * case's current step, the unit holding it and its deadline state, narrows to the days reported,
 * and keeps its filters, page and sort in the URL across a reload. Screenshots: nav-side-menu.png,
 * nav-folded.png, cases-columns.png in .zhizhi/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { reportEvent, taskFor } from '../events';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  openMenu,
  screenshot,
  showsAfterRefresh,
  signedInPage,
} from '../browser';

describe('navigation in a browser', () => {
  const { stack, browser } = browserSuite();
  const menu = (page: Page) => page.getByTestId('side-menu');
  const entry = (page: Page, name: string) =>
    menu(page).locator('.ant-menu-item').getByText(name, { exact: true });

  it(
    'shows a leader’s pages by group in a side menu that folds',
    async () => {
      const page = await signedInPage(browser(), stack.baseUrl(), 'district.lead');
      const viewport = page.viewportSize()!;
      for (const name of ['督办', '考评排名']) {
        const box = (await entry(page, name).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      }
      expect(await page.locator('.ant-menu-overflow-item-rest').count()).toBe(0);
      // A group of several pages is a heading; a group of one page is that page.
      expect(await menu(page).locator('.ant-menu-submenu-title').allInnerTexts()).toEqual([
        '我的工作',
        '重点人员',
        '督办考评',
        '地图大屏',
      ]);
      for (const name of ['案件', '矛盾调解', '信访']) await entry(page, name).waitFor();
      // Nothing of the designer's or the administrator's.
      expect(
        await menu(page)
          .getByText(/流程设计|系统管理|审计日志/)
          .count(),
      ).toBe(0);
      await screenshot(page, 'nav-side-menu');

      await openMenu(page, '考评排名');
      await page.waitForURL(/\/rankings$/);
      await menu(page).locator('.ant-menu-item-selected').getByText('考评排名').waitFor();

      const sider = page.locator('.ant-layout-sider');
      await page.locator('.ant-layout-sider-trigger').click();
      await page.locator('.ant-layout-sider-collapsed').waitFor();
      expect((await sider.boundingBox())!.width).toBeLessThan(100);
      await screenshot(page, 'nav-folded');
      await page.reload();
      await page.getByTestId('bell').waitFor();
      await page.locator('.ant-layout-sider-collapsed').waitFor();
      await page.locator('.ant-layout-sider-trigger').click();
      await entry(page, '督办').waitFor();
      expect(await page.locator('.ant-layout-sider-collapsed').count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'lists cases with their step, unit and deadline, by the days reported, filters kept in the URL',
    async () => {
      const member = await stack.loginAs('grid.hw01');
      const old = await reportEvent(member, { urgency: 'URGENT', address: '海旺社区 21 栋' });
      const recent = await reportEvent(member, { address: '海旺社区 22 栋' });
      const step = await taskFor(member, old.id, 'handle');
      // Reported long ago and past its due date: the only case of its day, and yellow.
      await stack.prisma.event.update({
        where: { id: old.id },
        data: { createdAt: new Date('2020-03-15T10:00:00+08:00') },
      });
      await stack.prisma.inboxTask.update({
        where: { key: step.key },
        data: { dueDate: new Date(Date.now() - 3_600_000) },
      });
      const grid = await stack.prisma.org.findUniqueOrThrow({ where: { id: step.orgId! } });

      const page = await signedInPage(browser(), stack.baseUrl(), 'district.lead');
      await openMenu(page, '案件');
      for (const title of ['当前环节', '承办单位', '时限状态'])
        await page.getByRole('columnheader', { name: title }).waitFor();

      // The report days, typed as a keyboard user would.
      const start = page.getByPlaceholder('开始日期');
      const end = page.getByPlaceholder('结束日期');
      await start.click();
      await start.fill('2020-03-15');
      await start.press('Enter');
      await end.fill('2020-03-15');
      await end.press('Enter');
      const oldRow = page.getByRole('row', { name: new RegExp(old.caseNo) });
      const recentRow = page.getByRole('row', { name: new RegExp(recent.caseNo) });
      // Both show before the range applies (newest first, among the few cases of a test run).
      await page.waitForURL(/to=2020-03-15/);
      await recentRow.waitFor({ state: 'detached' });
      await oldRow.waitFor();
      await oldRow.getByText('处置', { exact: true }).waitFor();
      await oldRow.getByText(grid.name, { exact: true }).waitFor();
      await oldRow.getByTestId('due-tag').getByText('黄牌超期').waitFor();
      await page.getByRole('columnheader', { name: '案件编号' }).click();
      await page.waitForURL(/sort=caseNo/);
      await screenshot(page, 'cases-columns');

      const url = new URL(page.url());
      expect(url.searchParams.get('from')).toBe('2020-03-15');
      expect(url.searchParams.get('to')).toBe('2020-03-15');
      await page.reload();
      await showsAfterRefresh(oldRow, () => page.reload());
      expect(new URL(page.url()).search).toBe(url.search);
      expect(await start.inputValue()).toBe('2020-03-15');
      expect(await recentRow.count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: '案件编号' }).getAttribute('aria-sort')).toBe(
        'ascending',
      );
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
