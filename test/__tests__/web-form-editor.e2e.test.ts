/**
 * A form changed by the designer reaches every page that works its step, with no code change, in
 * Debian's Chromium: the designer opens the petition's 办理 form from its user task in the form
 * editor, adds 办理备注, keeps it and deploys the diagram; a petition accepted after shows the new
 * field on its page and in the inbox drawer, and 办理 completes with it.
 * Screenshots: form-editor.png, form-editor-case.png in .zhizhi/artifacts/screenshots/.
 */
import { restoreFileDiagram } from '../designer';
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, openMenu, screenshot, signedInPage } from '../browser';
import { eventually } from '../harness';
import { petitionTask, registerPetition } from '../petitions';

describe('the form editor in a browser', () => {
  const { stack, browser } = browserSuite();

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
        // A corner of the task: a sequence flow crosses its middle.
        await designer
          .locator('.djs-shape[data-element-id="handle"]')
          .first()
          .click({ position: { x: 8, y: 8 } });
        await designer.getByTestId('open-form-editor').getByText('编辑表单').waitFor();
        await designer.getByTestId('open-form-editor').click();

        // The deployed form in form-js's editor: a text field from the palette, labelled and keyed.
        const editor = designer.getByTestId('form-editor');
        await editor.getByText('处理意见 Reply').first().waitFor();
        await editor.locator('.fjs-palette-field[data-field-type="textfield"]').press('Enter');
        // The new field is the last; selected, the properties panel edits its label and key.
        await editor.locator('.fjs-form-field-textfield').last().click();
        await designer.locator('.fjs-properties-container').getByText('General', { exact: true }).click();
        // The label is a FEEL template editor (CodeMirror): typed, as a person does.
        await designer.locator('[data-entry-id="label"] [contenteditable]').click();
        await designer.keyboard.press('ControlOrMeta+a');
        await designer.keyboard.type('办理备注');
        const key = designer.locator('#bio-properties-panel-key');
        await key.fill('handleNote');
        await key.blur();
        // The panel writes its edits after a short debounce: kept once the canvas shows them.
        await editor.locator('.fjs-form-field-textfield').last().getByText('办理备注').waitFor();
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
});
