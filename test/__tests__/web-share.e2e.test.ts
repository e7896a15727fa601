/**
 * 加签, 会签, 抄送 and 撤回 in the browser: the community's staff member asks a grid member to co-sign
 * the 处置 they hold, the grid member signs from 待我会签, the opinion shows in the drawer; a copy to
 * the street reads as a copy there; a 核查 just completed is taken back from 已办 while 回访 is
 * unclaimed. Screenshots: share-*.png in .zhizhi/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { escalateFromGrid, reportEvent, taskFor } from '../events';
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, pickOption, screenshot, signedInPage } from '../browser';

/** A button's name as antd shows two Chinese characters (with a space between them). */
const spaced = (name: string) => new RegExp(`^${[...name].join('\\s*')}$`);

describe('抄送, 加签 and 撤回 in a browser', () => {
  const { stack, browser } = browserSuite();

  /** A desktop page signed in as `username`, at `path`. */
  async function pageAt(username: string, path: string) {
    const page = await signedInPage(browser(), stack.baseUrl(), username);
    await page.goto(`${stack.baseUrl()}${path}`);
    return page;
  }

  /** Opens the drawer's action `name`, picks `people` and confirms the dialog. */
  async function share(page: Page, name: string, people: string[], note: string) {
    await page.getByRole('button', { name: spaced(name) }).click();
    const dialog = page.getByRole('dialog', { name });
    for (const person of people) await pickOption(page, name === '抄送' ? '抄送给' : '会签人', person);
    await dialog.getByLabel('附言').fill(note);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  }

  it(
    'asks a co-signer, who signs from 待我会签; copies to the street, read-only there',
    async () => {
      const base = stack.baseUrl();
      const reporter = await stack.loginAs('grid.hw01');
      const { id, caseNo } = await reportEvent(reporter, { description: '加签浏览器测试' });
      await escalateFromGrid(reporter, id);
      const staffApi = await stack.loginAs('haiwang.staff');
      const task = await taskFor(staffApi, id, 'handle');

      const staff = await pageAt('haiwang.staff', `/tasks/${task.key}`);
      await staff.getByTestId('case-summary').waitFor();
      await share(staff, '加签', ['海旺第2网格员（海旺社区第2网格）'], '请核实现场');
      await staff.getByTestId('task-shares').getByText('待会签').waitFor();
      await screenshot(staff, 'share-cosign-asked');
      const early = await staffApi
        .post(`/api/tasks/${task.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已清理' } })
        .expect(409);
      expect(early.body.error.code).toBe('error.cosignPending');

      const member = await pageAt('grid.hw02', '/todo?scope=cosign');
      await member.getByTestId('shared-list').getByText(`${caseNo} 处置`).click();
      await member.waitForURL(`${base}/tasks/${task.key}?scope=cosign`);
      await member.getByRole('button', { name: spaced('会签') }).click();
      await member
        .getByRole('dialog', { name: '会签' })
        .getByLabel('会签意见（必填）')
        .fill('同意，现场已核实');
      await member
        .getByRole('dialog', { name: '会签' })
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await member.getByTestId('task-shares').getByText('同意，现场已核实').waitFor();
      await screenshot(member, 'share-signed');
      await member.close();

      await staff.reload();
      await staff.getByTestId('task-shares').getByText('已会签').waitFor();
      await share(staff, '抄送', ['新安街道工作人员（新安街道）'], '请知悉');
      await staff.getByTestId('task-shares').getByText('未读').waitFor();
      await staff.close();

      const street = await pageAt('xa.staff', '/todo?scope=copied');
      await street.getByTestId('shared-list').getByText('未读').waitFor();
      await street.getByTestId('shared-list').getByText(`${caseNo} 处置`).click();
      await street.getByTestId('read-only').getByText('此任务抄送给您，仅供阅知').waitFor();
      await screenshot(street, 'share-copied');
      await street.close();
      // Opened: the copy counts as read.
      const copy = await stack.prisma.taskShare.findFirstOrThrow({
        where: { taskKey: task.key, kind: 'COPY' },
      });
      expect(copy.doneAt).not.toBeNull();
      // The case's timeline says who asked, who signed, and to whom it was copied.
      const actions = (
        await stack.prisma.timelineEntry.findMany({ where: { eventId: id }, orderBy: { at: 'asc' } })
      ).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['cosign-asked', 'cosigned', 'copied']));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'takes back a 核查 from 已办 while 回访 is unclaimed',
    async () => {
      const reporter = await stack.loginAs('grid.hw01');
      const { id } = await reportEvent(reporter, { description: '撤回浏览器测试' });
      const handle = await taskFor(reporter, id, 'handle');
      await reporter
        .post(`/api/tasks/${handle.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已清理' } })
        .expect(200);
      const staffApi = await stack.loginAs('haiwang.staff');
      const verify = await taskFor(staffApi, id, 'verify');
      await staffApi
        .post(`/api/tasks/${verify.key}/complete`)
        .send({ variables: { verified: true } })
        .expect(200);
      await taskFor(staffApi, id, 'visit');

      const staff = await pageAt('haiwang.staff', `/tasks/${verify.key}`);
      await staff.getByRole('button', { name: spaced('撤回') }).click();
      await staff.getByRole('button', { name: /确\s*定|OK/ }).click();
      await staff.getByText('已撤回，请在待办中重新办理').waitFor();
      await screenshot(staff, 'share-withdrawn');
      await staff.close();
      const open = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } });
      expect(open.withdrawnAt).not.toBeNull();
      const [again] = await stack.engine.tasks({ processInstanceId: open.processInstanceId });
      expect(again).toMatchObject({ taskDefinitionKey: 'verify' });
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
