/**
 * A form changed by the designer reaches every page that works its step, with no code change, in
 * Debian's Chromium: the designer opens the petition's 办理 form from its user task in the form
 * editor, adds 办理备注, keeps it and deploys the diagram; a petition accepted after shows the new
 * field on its page and in the inbox drawer, and 办理 completes with it. And a loop with no code:
 * the designer builds a new process (新建流程), gives its start and its task each a form made in
 * the form editor and the task a unit, deploys it; haiwang.staff starts it from 发起, finds the
 * task in 待办, completes it through its form and sees the instance end on the generic case page.
 * Screenshots: form-editor.png, form-editor-case.png, form-editor-new.png in .zhizhi/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { restoreFileDiagram } from '../designer';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  inboxRow,
  openMenu,
  screenshot,
  signedInPage,
} from '../browser';
import { eventually } from '../harness';
import { petitionTask, registerPetition } from '../petitions';

describe('the form editor in a browser', () => {
  const { stack, browser } = browserSuite();

  /**
   * Selects a shape of the diagram low in its middle: sequence flows cross at mid-height and the
   * lint's marker sits on the top left corner.
   */
  const select = async (page: Page, elementId: string) => {
    const shape = page.locator(`.djs-shape[data-element-id="${elementId}"]`).first();
    const box = (await shape.boundingBox())!;
    await shape.click({ position: { x: box.width / 2, y: box.height * 0.8 } });
  };

  /** In the open form editor: a field of `type` from the palette, labelled and keyed, then kept. */
  const addField = async (page: Page, type: string, label: string, key: string) => {
    const editor = page.getByTestId('form-editor');
    await editor.locator(`.fjs-palette-field[data-field-type="${type}"]`).press('Enter');
    // The new field is the last; selected, the properties panel edits its label and key.
    await editor.locator(`.fjs-form-field-${type}`).last().click();
    const general = page.locator('.fjs-properties-container').getByText('常规', { exact: true });
    if (!(await page.locator('[data-entry-id="label"]').isVisible())) await general.click();
    // The label is a FEEL template editor (CodeMirror): typed, as a person does.
    await page.locator('[data-entry-id="label"] [contenteditable]').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(label);
    const keyInput = page.locator('#bio-properties-panel-key');
    await keyInput.fill(key);
    await keyInput.blur();
    // The panel writes its edits after a short debounce: kept once the canvas shows them.
    await editor.locator(`.fjs-form-field-${type}`).last().getByText(label).waitFor();
  };

  it(
    'adds a field to the petition’s 办理 form; the petition page and the drawer show it',
    async () => {
      const base = stack.baseUrl();
      const designerApi = await stack.loginAs('designer');
      try {
        const v1 = await stack.prisma.processDefinition.findFirstOrThrow({
          where: { bpmnProcessId: 'petition' },
          orderBy: { version: 'desc' },
        });
        const designer = await signedInPage(browser(), base, 'designer');
        await openMenu(designer, '流程设计');
        await designer
          .getByTestId('versions-petition')
          .getByRole('button', { name: `打开 v${v1.version}` })
          .click();
        await designer.getByTestId('lint-state').getByText('规则检查通过').waitFor();
        await select(designer, 'handle');
        await designer.getByTestId('open-form-editor').getByText('编辑表单').waitFor();
        await designer.getByTestId('open-form-editor').click();

        // The deployed form in form-js's editor: a text field from the palette, labelled and keyed.
        await designer.getByTestId('form-editor').getByText('处理意见 Reply').first().waitFor();
        await addField(designer, 'textfield', '办理备注', 'handleNote');
        await screenshot(designer, 'form-editor');
        await designer.locator('#form-editor-save').click();
        await designer.getByTestId('pending-forms').getByText('petition-handle').waitFor();
        await designer.getByRole('button', { name: '部署新版本' }).click();
        await designer.getByText(`已部署版本 ${v1.version + 1}`).waitFor();
        await designer.close();

        // A petition accepted now runs on the new version: its 办理 step has the new field.
        const office = await stack.loginAs('petition.staff');
        const { id } = await registerPetition(office);
        const decide = await petitionTask(office, id, 'decide');
        await office
          .post(`/api/tasks/${decide.key}/complete`)
          .send({ variables: { decision: 'accept', decisionReason: '属本机关职责' } })
          .expect(200);
        const handle = await petitionTask(office, id, 'handle');

        const page = await signedInPage(browser(), base, 'petition.staff');
        await page.goto(`${base}/petitions/${id}`);
        const step = page.getByTestId('petition-case').getByTestId('step-form');
        await step.getByLabel('办理备注').waitFor();
        await step.scrollIntoViewIfNeeded();
        await screenshot(page, 'form-editor-case');

        await page.goto(`${base}/tasks/${handle.key}`);
        const drawer = page.getByTestId('task-form');
        await drawer.getByLabel('办理备注').waitFor();

        // 办理 completes from the petition's page with the new field; the engine holds its value.
        await page.goto(`${base}/petitions/${id}`);
        await step.getByLabel(/^出具处理意见书/).check();
        await step.getByLabel(/^处理意见/).fill('已协调物业清理车位');
        await step.getByLabel('办理备注').fill('电话告知信访人');
        await step.getByRole('button', { name: /提\s*交/ }).click();
        await page.getByText('已办理').first().waitFor();
        const task = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } });
        expect(task.state).toBe('COMPLETED');
        const note = await eventually(
          async () => (await stack.engine.historicVariables(task.processInstanceId)).handleNote,
        );
        expect(note).toBe('电话告知信访人');
      } finally {
        await restoreFileDiagram(designerApi, 'petition');
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'builds a new process with forms in the designer; it is started from 发起 and worked to its end',
    async () => {
      const base = stack.baseUrl();
      const processId = `leave-${Date.now().toString(36)}`;
      const designer = await signedInPage(browser(), base, 'designer');
      await openMenu(designer, '流程设计');
      await designer.getByTestId('designer-diagrams').getByRole('button', { name: '新建流程' }).click();
      const dialog = designer.locator('.ant-modal', { hasText: '流程标识' });
      await dialog.getByLabel(/流程标识/).fill('1-bad');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.getByText('以英文字母开头').waitFor();
      await dialog.getByLabel(/流程标识/).fill(processId);
      await dialog.getByLabel('流程名称').fill('请假审批');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await designer.getByText(new RegExp(`正在编辑 ${processId} ?（未部署）`)).waitFor();
      // The task reaches nobody and has no form yet: the live lint holds the deploy back.
      await designer
        .getByTestId('lint-state')
        .getByText(/个错误/)
        .waitFor();

      // The start form: what the starter fills in.
      await select(designer, 'start');
      await designer.getByTestId('open-form-editor').getByText('新建表单').click();
      await addField(designer, 'textfield', '请假事由', 'leaveReason');
      await designer.locator('#form-editor-save').click();

      // The task: its name, the unit it goes to, and its form.
      await select(designer, 'task');
      const panel = designer.getByTestId('designer-properties');
      if (!(await designer.locator('#bio-properties-panel-name').isVisible()))
        await panel.getByText('常规', { exact: true }).click();
      await designer.locator('#bio-properties-panel-name').fill('审批请假');
      await panel.getByText('用户分配', { exact: true }).click();
      await designer.locator('#bio-properties-panel-candidateGroups').fill('unit:BA-XA-C01');
      await designer.locator('#bio-properties-panel-candidateGroups').blur();
      await designer.getByTestId('open-form-editor').getByText('新建表单').click();
      await addField(designer, 'checkbox', '同意', 'approved');
      await screenshot(designer, 'form-editor-new');
      await designer.locator('#form-editor-save').click();
      await designer.getByTestId('pending-forms').getByText(`${processId}-task`).waitFor();
      await designer.getByTestId('lint-state').getByText('规则检查通过').waitFor();
      await designer.getByRole('button', { name: '部署新版本' }).click();
      await designer.getByText('已部署版本 1').waitFor();
      await designer.close();

      // haiwang.staff (海旺社区) starts it and works its task: no code knows this process.
      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await openMenu(page, '发起');
      await page.getByRole('listitem').filter({ hasText: '请假审批' }).getByRole('button').click();
      await page.getByTestId('start-form').getByLabel('请假事由').fill('家中有事');
      await page.getByRole('button', { name: '提交并发起' }).click();
      await page.waitForURL(new RegExp(`${base}/instances/`));
      const instanceUrl = page.url();
      await page.getByTestId('instance-page').getByRole('link', { name: '审批请假' }).waitFor();

      await openMenu(page, '待办');
      const row = await inboxRow(page, '审批请假');
      await row.getByText('审批请假').click();
      await page.getByTestId('task-form').getByLabel('同意').check();
      await page.getByRole('button', { name: /完\s*成/ }).click();
      await page.getByText('已办理').first().waitFor();

      // The instance has ended: its page shows no open step and what its forms took.
      await page.goto(instanceUrl);
      const instance = page.getByTestId('instance-page');
      await instance.getByText('家中有事').first().waitFor();
      await expect(instance.getByRole('link', { name: '审批请假' }).count()).resolves.toBe(0);
      const definition = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: processId },
      });
      expect(definition.version).toBe(1);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
