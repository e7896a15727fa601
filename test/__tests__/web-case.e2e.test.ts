/**
 * The web app in Debian's Chromium against the real API, broker and workers, across two users:
 * a grid member reports an event and, unable to solve it, sends it up with a reason (本级无法解决);
 * the community's staff member finds it in 待办 with the working days left, opens it, fills its
 * form and completes it; the case view then shows the path taken on the diagram.
 * Screenshots: inbox.png, task.png, case.png in .zhizhi/artifacts/screenshots/.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestStack } from '../harness';
import { ROOT } from '../env';
import { inboxRow, launchBrowser, login, screenshot } from '../browser';

describe('case view in a browser', () => {
  const stack = createTestStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack.close();
  });

  const completeButton = (page: Page) => page.getByRole('button', { name: /完\s*成/ });
  /** Screenshots without the passing notices over the page. */
  const settledShot = async (page: Page, name: string) => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, name);
  };

  it('takes a case from the grid to the community and shows the path taken', async () => {
    const base = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(base);
    await login(page, 'grid.hw01');
    await page.getByRole('menuitem', { name: '事件上报' }).click();
    await page.getByLabel('事件类别').click();
    await page.getByTitle('生态环境').click();
    await page.getByLabel('地址').fill('海旺社区 12 栋');
    await page.getByLabel('事件描述').fill('小区绿地被占用堆放建材');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    const notice = await page.getByText(/已上报，案件编号 SJ-\d{4}-\d{6}/).textContent();
    const caseNo = notice!.match(/SJ-\d{4}-\d{6}/)![0];

    // The grid cannot solve it: 本级无法解决 with a reason, through the task's form.
    const gridRow = await inboxRow(page, `${caseNo} 处置`);
    await gridRow.getByText(`${caseNo} 处置`).click();
    const gridForm = page.getByTestId('task-form');
    await gridForm.getByLabel('本级无法解决，上报 Cannot resolve here').check();
    await gridForm.getByLabel('上报原因 Reason').fill('涉及多户业主，需社区协调');
    await completeButton(page).click();
    await page.getByTestId('task-form').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /退\s*出/ }).click();

    await login(page, 'haiwang.staff');
    await page.getByTestId('who').getByText('海旺社区专干').waitFor();
    const row = await inboxRow(page, `${caseNo} 处置`);
    await row.getByTestId('due-tag').getByText('正常').waitFor();
    expect(await row.getByTestId('days-left').textContent()).toMatch(/剩余 [45] 个工作日/);
    await settledShot(page, 'inbox');

    await row.getByText(`${caseNo} 处置`).click();
    const form = page.getByTestId('task-form');
    await form.getByText('处置结果 Outcome').waitFor();
    // 申请延期 is offered next to 完成 and will not go without its reason.
    await page.getByRole('button', { name: '申请延期' }).click();
    const dialog = page.getByRole('dialog', { name: '申请延期' });
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.getByText('必填', { exact: true }).nth(1).waitFor();
    await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await page.getByRole('button', { name: /转\s*办/ }).waitFor();

    await form.getByLabel('已解决 Resolved').check();
    await form.getByLabel('处置情况 Result').fill('已协调业主清运建材，绿地恢复');
    await screenshot(page, 'task');
    await completeButton(page).click();
    await page.getByTestId('task-form').waitFor({ state: 'detached' });

    // The community reads its area's cases under 案件; the case view marks the diagram.
    await page.getByRole('menuitem', { name: '案件' }).click();
    const openCase = () =>
      page
        .getByRole('row', { name: new RegExp(caseNo) })
        .getByText(caseNo)
        .click();
    await openCase();
    const diagram = page.getByTestId('case-diagram');
    const shape = (id: string, marker: string) =>
      diagram.locator(`g.djs-shape.${marker}[data-element-id="${id}"]`);
    // 核查 appears once the engine has created it and the projection has written it.
    for (let i = 0; i < 30 && !(await shape('verify', 'zz-active').isVisible()); i++) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: /返\s*回/ }).click();
      await openCase();
    }
    await shape('verify', 'zz-active').waitFor();
    await shape('handle', 'zz-completed').waitFor();
    await shape('escalate', 'zz-completed').waitFor();
    expect(
      await diagram.locator('g.djs-connection.zz-completed[data-element-id="flow-cannot-resolve"]').count(),
    ).toBe(1);
    expect(
      await diagram.locator('g.djs-connection.zz-completed[data-element-id="flow-resolved"]').count(),
    ).toBe(1);
    expect(await shape('visit', 'zz-completed').count()).toBe(0);
    expect(
      await diagram.locator('g.djs-connection.zz-completed[data-element-id="flow-transfer"]').count(),
    ).toBe(0);
    const timeline = page.getByTestId('case-timeline');
    await timeline.getByText('本级无法解决，上报上一级').waitFor();
    await timeline.getByText('办理完成：处置').first().waitFor();
    await page.getByTestId('current-steps').getByText(/核查/).waitFor();
    await settledShot(page, 'case');

    await page.getByText('EN', { exact: true }).click();
    await timeline.getByText('Escalated (cannot resolve here)').waitFor();
    await screenshot(page, 'case-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shape('verify', 'zz-active').waitFor();
    await screenshot(page, 'case-phone');
  });
});
