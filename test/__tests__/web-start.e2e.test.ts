/**
 * A process from Camunda Modeler worked in Debian's Chromium, with no code: the designer imports
 * the classic loan approval (its .bpmn and its two Camunda Forms, as Modeler saved them) and maps
 * its candidate group `management` to 海旺社区; haiwang.staff starts it from 发起 through its start
 * form, sees it on the generic case page, finds 'Approve Loan' in 待办 and completes it through its own form; a step without a form shows the case's values.
 * Screenshots: start-import.png, start-form.png, start-instance.png, start-task.png in .zhizhi/artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../lib/engine/process-engine';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  inboxRow,
  openMenu,
  screenshot,
  signedInPage,
} from '../browser';
import { ROOT } from '../env';
import { eventually } from '../harness';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'loan-approval');

describe('发起 a process imported from Camunda Modeler, in a browser', () => {
  const { stack, browser } = browserSuite();

  it(
    'imports, maps the group, starts from the start form and completes the task through its form',
    async () => {
      const base = stack.baseUrl();
      const designer = await signedInPage(browser(), base, 'designer');
      await openMenu(designer, '流程设计');
      await designer
        .getByTestId('import-files')
        .setInputFiles(
          ['loan-approval.bpmn', 'request-loan.form', 'approve-loan.form'].map((f) => path.join(FIXTURE, f)),
        );
      // Deployed as it is; the group no unit answers for yet is a warning, not a refusal.
      await designer
        .getByTestId('import-warnings')
        .getByText(/management/)
        .waitFor();
      await designer.getByTestId('versions-loanApproval').waitFor();
      const mappings = designer.getByTestId('group-mappings');
      await mappings.getByLabel('候选组').fill('management');
      // The unit tree is searched by name, as one finds a community among a district's units.
      await mappings.getByLabel('对应单位').fill('海旺社区');
      await designer.locator('.ant-select-tree-title').getByText('海旺社区', { exact: true }).click();
      await mappings.getByRole('button', { name: '保存对应' }).click();
      await mappings.getByText('management → 海旺社区').waitFor();
      await screenshot(designer, 'start-import');
      await designer.close();

      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await openMenu(page, '发起');
      await page.getByRole('listitem').filter({ hasText: 'Loan Approval' }).getByRole('button').click();
      await page.waitForURL(`${base}/start/loanApproval`);
      const form = page.getByTestId('start-form');
      await form.getByLabel('Customer ID').fill('C-88');
      // The start form's own rules hold before anything is sent.
      await page.getByRole('button', { name: '提交并发起' }).click();
      await form.getByText('此项必填').waitFor();
      await form.getByLabel('Amount').fill('20000');
      await screenshot(page, 'start-form');
      await page.getByRole('button', { name: '提交并发起' }).click();
      // The instance opens on the generic case page: who started it, its open step, its diagram.
      await page.waitForURL(new RegExp(`${base}/instances/`));
      const instance = page.getByTestId('instance-page');
      await instance.getByText('海旺社区专干').waitFor();
      await instance.getByRole('link', { name: 'Approve Loan' }).waitFor();
      await instance.getByTestId('case-diagram').locator('.zz-active').first().waitFor();
      await screenshot(page, 'start-instance');

      await openMenu(page, '待办');
      const row = await inboxRow(page, 'Approve Loan');
      await row.getByText('Approve Loan').click();
      const taskForm = page.getByTestId('task-form');
      await taskForm.getByLabel('Approved').check();
      await taskForm.getByLabel('Comment').fill('收入证明齐全');
      await screenshot(page, 'start-task');
      await page.getByRole('button', { name: /完\s*成/ }).click();
      await page.waitForURL(`${base}/todo`);

      const done = await stack.prisma.inboxTask.findFirstOrThrow({
        where: { bpmnProcessId: 'loanApproval' },
      });
      expect(done.state).toBe('COMPLETED');
      expect(await stack.engine.historicVariables(done.processInstanceId)).toMatchObject({
        customerId: 'C-88',
        amount: 20000,
        approved: true,
      });
      await expect(stack.engine.processInstance(done.processInstanceId)).rejects.toBeInstanceOf(EngineError);

      // A step without a form (allowed in an imported diagram, with a warning) shows the case's
      // values and completes with none.
      const designerApi = await stack.loginAs('designer');
      const xml = readFileSync(path.join(FIXTURE, 'loan-approval.bpmn'), 'utf8')
        .replaceAll('loanApproval', 'loanApprovalPlain')
        .replace(' camunda:formRef="approve-loan" camunda:formRefBinding="deployment"', '');
      const forms = [{ schema: JSON.parse(readFileSync(path.join(FIXTURE, 'request-loan.form'), 'utf8')) }];
      await designerApi.post('/api/processes/deployments').send({ xml, forms }).expect(201);
      const staff = await stack.loginAs('haiwang.staff');
      const plain = await staff
        .post('/api/processes/loanApprovalPlain/start')
        .send({ variables: { customerId: 'C-99', amount: 300 } })
        .expect(201);
      const plainTask = await eventually(() =>
        stack.prisma.inboxTask
          .findFirst({ where: { processInstanceId: plain.body.processInstanceId } })
          .then((t) => t ?? undefined),
      );
      await page.goto(`${base}/tasks/${plainTask.key}`);
      await page.getByTestId('task-values').getByText('C-99').waitFor();
      await page.getByRole('button', { name: /完\s*成/ }).click();
      await page.waitForURL(`${base}/todo`);
      expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: plainTask.key } })).state).toBe(
        'COMPLETED',
      );
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
