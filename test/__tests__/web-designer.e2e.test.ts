/**
 * The process designer in Debian's Chromium against the real API, engine and workers: the
 * designer opens event-handling in the modeler, sees the live lint block an unnamed task and the
 * API refuse a step whose form is not deployed, renames 处置 and deploys the next version; a case reported after
 * runs on it (the new name in the inbox) while one reported before stays on its version. The
 * designer also opens the assessment-weights decision table in dmn-js, changes the yellow card
 * deduction, tries it (试算) and deploys the next version, the deploy dialog stating what the 试算
 * found, with dmn-js in Chinese. The modeler zooms and fits, a
 * lint issue selects its element and scrolls to it, and an undeployed edit is not left without a
 * warning (another page of the app, or closing the tab).
 * Screenshots: designer-lint.png, designer.png, designer-dmn.png, designer-dmn-trial.png, designer-zoom.png,
 * designer-issue.png, designer-unsaved.png in .zhizhi/artifacts/screenshots/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import {
  cspViolations,
  inboxRow,
  launchBrowser,
  login,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openPage,
  openMenu,
} from '../browser';
import { restoreFileDecision, restoreFileDiagram } from '../designer';
import { ROOT } from '../env';
import { createTestStack, eventually } from '../harness';
import { reportEvent } from '../events';

describe('process designer in a browser', () => {
  const stack = createTestStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  let designerApi: Agent;

  beforeAll(async () => {
    browser = await launchBrowser();
    designerApi = await stack.loginAs('designer');
  });
  afterAll(async () => {
    // Later suites assert the file's task names: leave the engine on the file's content.
    if (designerApi) await restoreFileDiagram(designerApi);
    if (designerApi) await restoreFileDecision(designerApi);
    await browser?.close();
    await stack.close();
  });

  const report = async (member: Agent) => {
    const { id } = await reportEvent(member, { address: '海旺社区 2 栋', description: '路灯不亮' });
    return stack.prisma.event.findUniqueOrThrow({ where: { id } });
  };

  it(
    'renames a task in the modeler, deploys the next version, and only new cases run on it',
    async () => {
      const base = stack.baseUrl();
      const v1 = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      const member = await stack.loginAs('grid.hw01');
      const before = await report(member);
      expect(before.processDefinitionId).toBe(v1.id);

      const page = await openPage(browser, base);
      await login(page, 'designer');
      await openMenu(page, '流程设计');
      await page
        .getByTestId('versions-event-handling')
        .getByRole('button', { name: `打开 v${v1.version}` })
        .click();
      const lint = page.getByTestId('lint-state');
      const deploy = page.getByRole('button', { name: '部署新版本' });
      const deployEnabled = page.locator('button:enabled', { hasText: '部署新版本' });
      // The project's rules in the browser find nothing in the diagram `npm run lint:bpmn` passes.
      await lint.getByText('规则检查通过').waitFor();
      await deployEnabled.waitFor();

      // A step whose form is not in the deployment: the API refuses it, naming the step and the
      // form; its message is shown and nothing is deployed.
      await page.locator('[data-element-id="handle"]').first().click();
      await page.getByTestId('designer-properties').getByText('表单', { exact: true }).click();
      const formRef = page.locator('#bio-properties-panel-formRef');
      await formRef.fill('event-handling-gone');
      await formRef.blur();
      await deploy.click();
      await page
        .getByTestId('deploy-refused')
        .getByText(/event-handling-gone/)
        .first()
        .waitFor();
      await formRef.fill('event-handling-handle');
      await formRef.blur();
      await page.getByTestId('deploy-refused').waitFor({ state: 'detached' });
      // The properties panel's General group (name, id) opens on a click and stays open.
      await page
        .locator('[data-testid=designer-canvas] .djs-container svg')
        .first()
        .click({ position: { x: 5, y: 5 } });
      await page.getByTestId('designer-properties').getByText('常规', { exact: true }).click();

      // Rename 处置: cleared, the live lint reports label-required and blocks deploying.
      await page.locator('[data-element-id="handle"]').first().click();
      const name = page.locator('#bio-properties-panel-name');
      await name.fill('');
      await lint.getByText('1 个错误').waitFor();
      await page.getByTestId('lint-issues').getByText('label-required').waitFor();
      await expect(deploy.isDisabled()).resolves.toBe(true);
      await screenshot(page, 'designer-lint');
      await name.fill('现场处置');
      await lint.getByText('规则检查通过').waitFor();
      // Our own rules run in the browser too: an external task without a topic.
      await page.locator('[data-element-id="assign"]').first().click();
      await page.getByTestId('designer-properties').getByText('实现', { exact: true }).click();
      const topic = page.locator('#bio-properties-panel-externalTopic');
      await topic.fill('');
      await page.getByTestId('lint-issues').getByText('zhizhi/external-task-topic').waitFor();
      await expect(deploy.isDisabled()).resolves.toBe(true);
      await topic.fill('event-handling-assign');
      await lint.getByText('规则检查通过').waitFor();

      await deploy.click();
      await page.getByText(`已部署版本 ${v1.version + 1}`).waitFor();
      await page.getByText(`正在编辑 网格事件处置 v${v1.version + 1}`).waitFor();
      await page
        .getByTestId('versions-event-handling')
        .getByText(`v${v1.version + 1}`, { exact: true })
        .waitFor();
      await deployEnabled.waitFor();
      await screenshot(page, 'designer');
      const v2 = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      expect(v2.version).toBe(v1.version + 1);
      expect(v2.xml).toContain('name="现场处置"');
      // Still a Camunda Modeler file (Camunda 7): the camunda namespace, the diagram interchange,
      // the platform, and nothing of Zeebe.
      expect(v2.xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"');
      expect(v2.xml).toContain('camunda:topic="event-handling-assign"');
      expect(v2.xml).toContain('<bpmndi:BPMNShape id="handle_di"');
      expect(v2.xml).toContain('modeler:executionPlatform="Camunda Platform"');
      expect(v2.xml).not.toContain('zeebe');

      const after = await report(member);
      expect(after.processDefinitionId).toBe(v2.id);
      const inbox = await openPage(browser, base);
      await login(inbox, 'grid.hw01');
      await inboxRow(inbox, `${after.caseNo} 现场处置`);
      await inboxRow(inbox, `${before.caseNo} 处置`);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'edits a cell of the assessment weights in dmn-js and deploys the next version',
    async () => {
      const base = stack.baseUrl();
      const v1 = await stack.prisma.decisionDefinition.findFirstOrThrow({
        where: { decisionRequirementsId: 'assessment-weights-definitions' },
        orderBy: { version: 'desc' },
      });
      // A computed period for the weights draft's 考评试算.
      const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      await designerApi.post('/api/assessment/runs').send({ period }).expect(202);
      await eventually(
        async () =>
          (await stack.prisma.assessmentRun.findUnique({ where: { periodKey: period } }))?.computedAt ??
          undefined,
        60_000,
      );
      const page = await openPage(browser, base);
      await login(page, 'designer');
      await openMenu(page, '流程设计');
      const list = page.getByTestId('decision-versions-assessment-weights-definitions');
      await list.getByRole('button', { name: `打开 v${v1.version}` }).click();
      await page.getByText(`正在编辑 考评权重 v${v1.version}`).waitFor();
      // dmn-js speaks Chinese through the app's translate module: the table's clauses and labels.
      const table = page.getByTestId('decision-editor');
      await table.getByText('命中策略：').waitFor();
      await table.locator('.hit-policy').getByText('首个').waitFor();
      await table.locator('th .clause').getByText('当', { exact: true }).waitFor();
      await table.locator('th .clause').getByText('则', { exact: true }).waitFor();
      expect(await table.getByText(/Hit policy|^When$|^Then$/).count()).toBe(0);

      // The decision table view, the yellow card cell of the one rule: 5 → 6.
      const cell = page.locator(
        '[data-testid=decision-editor] td[data-element-id="r1-yellow"] [contenteditable]',
      );
      await cell.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('6');
      // 试算 of the edited draft on the period's recorded evaluations, then the deploy dialog states it.
      await page.getByTestId('decision-trial').click();
      await page.getByRole('button', { name: '开始试算' }).click();
      const summary = page.getByTestId('decision-trial-result');
      await summary.getByText('期间决策次数').waitFor();
      await screenshot(page, 'designer-dmn-trial');
      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /^关\s*闭$/ })
        .click();
      // The weights draft on the computed period's counts: scores, ranks and colours now → after.
      await page.getByTestId('assessment-trial').click();
      const scoring = page.locator('.ant-modal').filter({ hasText: '考评试算' });
      await scoring.getByRole('button', { name: '开始试算' }).click();
      await scoring.getByTestId('assessment-trial-result').getByText(period).waitFor();
      await scoring
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /^关\s*闭$/ })
        .click();
      await page.getByRole('button', { name: '部署新版本' }).click();
      expect(await page.getByTestId('deploy-assessment-line').textContent()).toMatch(
        new RegExp(`^考评试算（${period}）：\\d+ 个单位得分改变，\\d+ 个单位红黑榜颜色改变。$`),
      );
      const line = page.getByTestId('deploy-trial-line');
      await line.waitFor();
      expect(await line.textContent()).toMatch(
        /^试算（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）：\d+ 次决策中 \d+ 次结果改变。$/,
      );
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '部署新版本' }).click();
      await page.getByText(`已部署版本 ${v1.version + 1}`).waitFor();
      await list.getByText(`v${v1.version + 1}`, { exact: true }).waitFor();
      await page.getByText(`正在编辑 考评权重 v${v1.version + 1}`).waitFor();
      await screenshot(page, 'designer-dmn');

      const v2 = await stack.prisma.decisionDefinition.findFirstOrThrow({
        where: { decisionRequirementsId: 'assessment-weights-definitions' },
        orderBy: { version: 'desc' },
      });
      expect(v2.version).toBe(v1.version + 1);
      expect(v2.xml).toMatch(/<outputEntry id="r1-yellow">\s*<text>6<\/text>/);
      expect(v2.xml).toMatch(/<outputEntry id="r1-red">\s*<text>10<\/text>/);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  /** The modeler's zoom: the scale of its viewport's transform. */
  const scale = (page: Page) =>
    page
      .locator('[data-testid=designer-canvas] .djs-container svg .viewport')
      .first()
      .evaluate((g) => (g as SVGGraphicsElement).getCTM()!.a);
  /** Whether an element of the diagram is drawn inside the canvas's visible area. */
  const inView = async (page: Page, elementId: string) => {
    const canvas = (await page.getByTestId('designer-canvas').boundingBox())!;
    const box = (await page.locator(`.djs-element[data-element-id="${elementId}"]`).first().boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    return x > canvas.x && x < canvas.x + canvas.width && y > canvas.y && y < canvas.y + canvas.height;
  };

  it(
    'zooms and fits, selects the element of a lint issue, and warns before an edit is left undeployed',
    async () => {
      const base = stack.baseUrl();
      const latest = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      const page = await openPage(browser, base);
      await login(page, 'designer');
      await openMenu(page, '流程设计');
      await page
        .getByTestId('versions-event-handling')
        .getByRole('button', { name: `打开 v${latest.version}` })
        .click();
      await page.getByTestId('lint-state').getByText('规则检查通过').waitFor();

      // 放大 three times, then 适应画布 back to the whole diagram. (The modeler keeps its scale to
      // hundredths, so a step's product is close to 1.25× the last, not exact.)
      const fitted = await scale(page);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '放大' }).click();
      expect(await scale(page)).toBeCloseTo(fitted * 1.25 ** 3, 2);
      await page.getByRole('button', { name: '缩小' }).click();
      expect(await scale(page)).toBeCloseTo(fitted * 1.25 ** 2, 2);
      await screenshot(page, 'designer-zoom');
      await page.getByTestId('zoom-fit').click();
      expect(await scale(page)).toBeCloseTo(fitted, 3);
      for (const id of ['start', 'handle', 'end']) expect(await inView(page, id)).toBe(true);

      // An edit: 处置 loses its name, and the lint lists it.
      await page.locator('[data-element-id="handle"]').first().click();
      await page.getByTestId('designer-properties').getByText('常规', { exact: true }).click();
      await page.locator('#bio-properties-panel-name').fill('');
      const issue = page.getByTestId('lint-issue').filter({ hasText: 'handle' });
      await issue.waitFor();
      // Another element selected, the view zoomed in and scrolled far from 处置.
      await page.locator('[data-element-id="start"]').first().click();
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '放大' }).click();
      const canvas = (await page.getByTestId('designer-canvas').boundingBox())!;
      await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      await page.mouse.wheel(0, 3000);
      // The wheel is dispatched, not awaited: the scroll is drawn by the next frame.
      await page.evaluate(() => new Promise(requestAnimationFrame));
      expect(await inView(page, 'handle')).toBe(false);
      // Clicking the issue selects 处置 (its properties beside) and brings it into view.
      await issue.click();
      await page.locator('.djs-element.selected[data-element-id="handle"]').first().waitFor();
      await expect(page.locator('#bio-properties-panel-id').inputValue()).resolves.toBe('handle');
      expect(await inView(page, 'handle')).toBe(true);
      await screenshot(page, 'designer-issue');

      // Leaving for another page asks first; 取消 stays with the edit.
      await openMenu(page, '待办');
      const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '有未部署的修改' });
      await confirm.waitFor();
      await screenshot(page, 'designer-unsaved');
      await confirm.getByRole('button', { name: /取\s*消/ }).click();
      await confirm.waitFor({ state: 'detached' });
      expect(new URL(page.url()).pathname).toBe('/designer');
      await expect(page.locator('#bio-properties-panel-name').inputValue()).resolves.toBe('');
      // Reloading (or closing) the tab gets the browser's own prompt; staying keeps the edit.
      // (Headless Chromium prompts on a reload, not on closing the page.)
      const prompt = page.waitForEvent('dialog');
      const reload = page.evaluate(() => location.reload()).catch(() => undefined);
      const dialog = await prompt;
      expect(dialog.type()).toBe('beforeunload');
      await dialog.dismiss();
      await reload;
      await expect(page.locator('#bio-properties-panel-name').inputValue()).resolves.toBe('');
      // 放弃修改并离开 leaves; nothing was deployed.
      await openMenu(page, '待办');
      await confirm.getByRole('button', { name: '放弃修改并离开' }).click();
      await page.waitForURL(`${base}/todo`);
      const after = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      expect(after.version).toBe(latest.version);
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('ran without a Content-Security-Policy refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
