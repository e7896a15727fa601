/**
 * Petitions (信访) in a browser against the real API, engine and workers: the 信访 office's
 * registrar registers a petition through the 信访登记 drawer, finds it in the list, opens its page
 * with the statutory clocks (受理 15 days, days left), accepts it with the step's deployed form, and
 * sees the 办理 clock (60 days) and the 受理告知书 to download.
 * The same petitioner on the same matter again is shown the first case before it is registered.
 * Screenshots: petition-register.png, petitions-list.png, petition-case.png, petition-duplicate.png.
 */
import type { Page } from 'playwright-core';
import { freshPetitioner, registerPetition } from '../petitions';
import { eventually } from '../harness';
import {
  browserSuite,
  BROWSER_TEST_TIMEOUT_MS,
  openMenu,
  screenshot,
  showsAfterRefresh,
  signedInPage,
} from '../browser';

describe('petitions in a browser', () => {
  const { stack, browser } = browserSuite();
  const cancel: string[] = [];
  afterAll(async () => {
    for (const id of cancel) await stack.engine.deleteProcessInstance(id).catch(() => undefined);
  });

  /** Reloads the petition's page until `text` shows: steps reach the inbox through the workers and the feed. */
  const reloadUntil = async (page: Page, text: string | RegExp) => {
    const kase = page.getByTestId('petition-case');
    await showsAfterRefresh(kase.getByText(text).first(), () => page.reload());
  };

  it(
    'registers a petition, lists it, shows its clocks and accepts it',
    async () => {
      const petitioner = freshPetitioner();
      const matter = `小区停车位被长期占用 ${petitioner.idNo.slice(-6)}`;
      const page = await signedInPage(browser(), stack.baseUrl(), 'petition.staff');
      await openMenu(page, '信访');
      await page.getByRole('button', { name: '信访登记' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('信访人姓名').fill(petitioner.name);
      await drawer.getByLabel('身份证号').fill(petitioner.idNo);
      await drawer.getByLabel('联系电话').fill(petitioner.phone);
      await drawer.getByLabel('信访事项').fill(matter);
      await drawer.getByLabel('诉求').fill('请求物业清理占用车位');
      await screenshot(page, 'petition-register');
      await drawer.getByRole('button', { name: /提\s*交/ }).click();

      // Registered: its page, with the 15-day decision clock counted by the server.
      const kase = page.getByTestId('petition-case');
      await kase.getByText(matter).waitFor();
      const petition = await stack.prisma.petition.findFirstOrThrow({ where: { matter } });
      cancel.push(petition.processInstanceId!);
      await kase.getByText(petition.caseNo).first().waitFor();
      await kase.getByText('受理期限（15日）').waitFor();
      await kase
        .getByTestId('clock-decision-left')
        .getByText(/剩余 \d+ 日/)
        .waitFor();

      // The list has it, with its status; its row opens the page again.
      await page.getByRole('button', { name: /返\s*回/ }).click();
      const row = page.getByRole('row', { name: new RegExp(petition.caseNo) });
      await row.getByText('待受理').waitFor();
      await row.getByText('张**').waitFor();
      await screenshot(page, 'petitions-list');
      await row.click();

      // 受理审查 is the office's open step: accept it with the step's deployed form.
      await reloadUntil(page, '受理审查');
      const step = kase.getByTestId('step-form');
      await step.getByLabel('受理', { exact: true }).check();
      await step.getByLabel(/^理由/).fill('属本机关职责范围');
      await step.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('已办理').first().waitFor();

      // Accepted: the 60-day handling clock runs, the 办理 step is the office's, the notice is there.
      await reloadUntil(page, '办理期限（60日）');
      await reloadUntil(page, '信访事项受理告知书');
      await kase.getByText('办理中').first().waitFor();
      await kase.getByTestId('clock-decision-left').getByText('已完成').waitFor();
      await kase
        .getByTestId('clock-handling-left')
        .getByText(/剩余 \d+ 日/)
        .waitFor();
      await screenshot(page, 'petition-case');
      const href = await kase.getByRole('link', { name: '下载 PDF' }).first().getAttribute('href');
      const pdf = await page.request.get(`${stack.baseUrl()}${href}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      const accepted = await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } });
      expect(accepted).toMatchObject({ decision: 'accept', decisionReason: '属本机关职责范围' });

      // The same petitioner on the same matter again: the registrar is shown the first before saving.
      await page.getByRole('button', { name: /返\s*回/ }).click();
      await page.getByRole('button', { name: '信访登记' }).click();
      await drawer.getByLabel('信访人姓名').fill(petitioner.name);
      await drawer.getByLabel('身份证号').fill(petitioner.idNo);
      await drawer.getByLabel('信访事项').fill(matter);
      await drawer.getByLabel('诉求').fill('再次反映车位问题');
      await drawer.getByRole('button', { name: /提\s*交/ }).click();
      await drawer.getByText('同一信访人一年内反映过相同事项').waitFor();
      await drawer.getByText(new RegExp(`${petition.caseNo} · `)).waitFor();
      await drawer.getByText('同一信访人一年内反映过相同事项').scrollIntoViewIfNeeded();
      await screenshot(page, 'petition-duplicate');
      expect(await stack.prisma.petition.count({ where: { matter } })).toBe(1);
      await drawer.getByRole('button', { name: '已核对，仍然登记' }).click();
      await kase.getByText('再次反映车位问题').waitFor();
      const again = await stack.prisma.petition.findFirstOrThrow({
        where: { matter, NOT: { id: petition.id } },
      });
      cancel.push(again.processInstanceId!);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows an overdue petition as 已超期, with 督办/催办 for the district’s supervisor only',
    async () => {
      const office = await stack.loginAs('petition.staff');
      const petition = await registerPetition(office, { petitioner: freshPetitioner() });
      const { processInstanceId } = await stack.prisma.petition.findUniqueOrThrow({
        where: { id: petition.id },
      });
      cancel.push(processInstanceId!);
      const decide = await eventually(() =>
        stack.prisma.inboxTask
          .findFirst({ where: { processInstanceId: processInstanceId!, elementId: 'decide', state: 'OPEN' } })
          .then((t) => t ?? undefined),
      );
      /**
       * The 受理 step two days late (its row's due date, red a month away), then the page opened until
       * it says so: the overdue scan's card makes the inbox feed write the row again, so it is set again.
       */
      const showsLate = async (page: Page) => {
        for (let attempt = 1; ; attempt += 1) {
          await stack.prisma.inboxTask.update({
            where: { key: decide.key },
            data: {
              dueDate: new Date(Date.now() - 2 * 86_400_000 - 5_000),
              redAt: new Date(Date.now() + 30 * 86_400_000),
            },
          });
          await page.goto(`${stack.baseUrl()}/petitions/${petition.id}`);
          try {
            await page
              .getByTestId('case-overdue')
              .getByText(new RegExp(`^已超期 · ${decide.name} 超期 2 天$`))
              .waitFor({ timeout: 15_000 });
            return;
          } catch (err) {
            if (attempt === 3) throw err;
          }
        }
      };
      const lead = await signedInPage(browser(), stack.baseUrl(), 'district.lead');
      await showsLate(lead);
      await lead.getByTestId('case-overdue').getByRole('button', { name: '督办/催办' }).click();
      const dialog = lead.getByRole('dialog');
      await dialog.getByLabel('原因（必填）').fill('请按期受理');
      await screenshot(lead, 'petition-overdue');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await lead.getByText('已督办，承办人已收到通知').waitFor();
      const cards = await stack.prisma.supervisionCard.findMany({
        where: { caseKind: 'PETITION', caseId: petition.id, auto: false },
      });
      expect(cards.map((c) => [c.kind, c.reason])).toEqual([['NORMAL', '请按期受理']]);

      // The office's registrar sees it late, and no 督办.
      const registrar = await signedInPage(browser(), stack.baseUrl(), 'petition.staff');
      await showsLate(registrar);
      expect(await registrar.getByRole('button', { name: '督办/催办' }).count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
