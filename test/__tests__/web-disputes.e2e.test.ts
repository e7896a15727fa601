/**
 * Mediation in a browser against the real API, engine and workers: a community's staff member
 * registers a dispute through the 纠纷登记 drawer, lands on its case page (parties, clock, the open
 * 调解 step with its deployed form), records a session with the session form, and sees the street's overview count it.
 * Then a 矛盾纠纷 event handed over to mediation: its 调解 task's drawer links to the dispute's page,
 * where the mediator corrects its type and parties and records a party's consent, a risk
 * re-assessment and the agreement with the page's forms.
 * Screenshots: disputes-register.png, dispute-case.png, disputes-overview.png, dispute-correct.png,
 * dispute-forms.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually, suiteStack } from '../harness';
import { ROOT } from '../env';
import { reportEvent } from '../events';
import {
  launchBrowser,
  login,
  openPage,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openMenu,
  inboxRow,
  showsAfterRefresh,
} from '../browser';

describe('mediation in a browser', () => {
  const stack = suiteStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Fills the registration drawer for a dispute in `community` and submits it. */
  async function register(page: Page, community: string, summary: string) {
    await page.getByRole('button', { name: '纠纷登记' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('纠纷类型').click();
    await page.getByTitle('邻里').click();
    await drawer.getByLabel('所属社区').fill(community.slice(0, 2));
    await page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${community}$`) }).click();
    await drawer.getByLabel('争议金额（元）').fill('3000');
    await drawer.getByLabel('纠纷概要').fill(summary);
    await drawer.getByLabel('姓名').nth(0).fill('王五');
    await drawer.getByLabel('联系电话').nth(0).fill('13700001111');
    await drawer.getByLabel('姓名').nth(1).fill('赵六');
    await screenshot(page, `disputes-register-${community}`);
    await drawer.getByRole('button', { name: /提\s*交/ }).click();
  }

  it(
    '区司法局 registers a dispute in a community of another street, picked from the tree',
    async () => {
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'justice.staff');
      await openMenu(page, '矛盾调解');
      await register(page, '固戍社区', '司法局登记：租赁押金纠纷');
      await page.getByTestId('dispute-case').getByText('司法局登记：租赁押金纠纷').waitFor();
      const row = await stack.prisma.dispute.findFirstOrThrow({
        where: { summary: '司法局登记：租赁押金纠纷' },
      });
      expect(row.communityId).toBe('BA-XX-C01');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'registers a dispute, shows its case page and records a session',
    async () => {
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'haiwang.staff');
      await openMenu(page, '矛盾调解');
      await register(page, '海旺社区', '楼上装修噪音扰民，双方多次争吵');

      const kase = page.getByTestId('dispute-case');
      await kase.getByText('楼上装修噪音扰民，双方多次争吵').waitFor();
      await kase.getByText('13700001111').waitFor();
      // The 调解 step appears once the intake worker and the inbox feed have run.
      await showsAfterRefresh(kase.getByText(/调解 · 期限/), async () => {
        await page.getByRole('button', { name: /返\s*回/ }).click();
        await page
          .getByRole('row', { name: /楼上装修|邻里/ })
          .first()
          .click();
      });
      // The step's deployed form is on the page, as in 待办, in the reader's language.
      await kase
        .getByTestId('open-steps')
        .getByTestId('step-form')
        .getByText(/^调解结果/)
        .waitFor();
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

  it(
    'links a 调解 task to its dispute, where the mediator corrects it and records consent, risk and agreement',
    async () => {
      const member = await stack.loginAs('grid.hw01');
      const event = await reportEvent(member, { category: 'dispute', description: '业主与物业因停车费争执' });
      const dispute = await eventually(
        async () => (await stack.prisma.dispute.findUnique({ where: { eventId: event.id } })) ?? undefined,
      );
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'haiwang.staff');

      // 待办 → the 调解 task's drawer → the dispute's own page.
      const title = `${dispute.caseNo} 调解`;
      await (await inboxRow(page, title)).getByText(title).click();
      await page.getByRole('button', { name: '查看纠纷案件' }).click();
      await page.waitForURL(`**/disputes/${dispute.id}`);
      const kase = page.getByTestId('dispute-case');
      await kase.getByText('业主与物业因停车费争执').waitFor();

      // 更正类型和当事人: a masked-looking number is refused on its field, then the right one saved.
      await kase.getByRole('button', { name: '更正类型和当事人' }).click();
      const form = page.getByTestId('correct-form');
      await form.getByLabel('纠纷类型').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('物业').click();
      await form.getByLabel('姓名').nth(1).fill('某物业公司');
      await form.getByLabel('联系电话').nth(1).fill('136****2222');
      await form.getByLabel('地址').nth(1).fill('海旺社区物业服务中心');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await form.locator('.ant-form-item-explain-error', { hasText: '格式不正确' }).waitFor();
      await screenshot(page, 'dispute-correct');
      await form.getByLabel('联系电话').nth(1).fill('13600002222');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await form.waitFor({ state: 'detached' });
      await kase.getByText('某物业公司 13600002222 海旺社区物业服务中心').waitFor();
      const corrected = await stack.prisma.dispute.findUniqueOrThrow({
        where: { id: dispute.id },
        include: { parties: true },
      });
      expect(corrected.typeCode).toBe('property');
      const company = corrected.parties.find((p) => p.name === '某物业公司')!;
      expect(corrected.parties).toHaveLength(2);
      expect([company.phone, company.address]).toEqual(['13600002222', '海旺社区物业服务中心']);
      const audit = await stack.prisma.auditLog.findMany({
        where: { action: 'dispute.correct', subjectId: dispute.id },
      });
      expect(audit.map((a) => a.status)).toEqual([200]);

      // 当事人确认: the property company agrees to 10 more days.
      const consents = kase.getByTestId('consents');
      await consents.getByLabel('确认的当事人').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('某物业公司').click();
      await consents.getByLabel('同意延长（日）').fill('10');
      await consents.getByRole('button', { name: '记录确认' }).click();
      await consents.getByText(/某物业公司 · 人民调解 · 同意延长 10 日/).waitFor();
      expect(
        (await stack.prisma.disputeConsent.findMany({ where: { disputeId: dispute.id } })).map((c) => [
          c.partyId,
          c.days,
          c.stage,
        ]),
      ).toEqual([[company.id, 10, 'PEOPLE']]);

      // 风险再评估: raised to medium with a reason.
      const risk = kase.getByTestId('risk-form');
      await risk.getByLabel('激化风险').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('中').click();
      await risk.getByLabel('风险因素').fill('双方言语冲突');
      await risk.getByLabel('风险因素').press('Enter');
      await risk.getByRole('button', { name: '风险再评估' }).click();
      // The risks list, not the form's own tag of the reason typed.
      await kase.locator('.ant-list-item', { hasText: '双方言语冲突' }).waitFor();
      const reassessed = await stack.prisma.dispute.findUniqueOrThrow({
        where: { id: dispute.id },
        include: { risks: { orderBy: { at: 'asc' } } },
      });
      expect(reassessed.riskLevel).toBe('MEDIUM');
      expect(reassessed.risks.at(-1)).toMatchObject({ level: 'MEDIUM', reasons: ['双方言语冲突'] });

      // 调解协议: signed by both parties (the form starts with their names); mediation moves on.
      const agreement = kase.getByTestId('agreement-form');
      await agreement.getByLabel('协议内容').fill('物业公司退还多收停车费 600 元');
      await screenshot(page, 'dispute-forms');
      await agreement.getByRole('button', { name: '登记调解协议' }).click();
      await kase.locator('p', { hasText: '物业公司退还多收停车费 600 元' }).waitFor();
      const signed = await stack.prisma.disputeAgreement.findUniqueOrThrow({
        where: { disputeId: dispute.id },
      });
      expect([...signed.signatures].sort()).toEqual(corrected.parties.map((p) => p.name).sort());
      await eventually(async () =>
        (await stack.prisma.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).stage === 'AGREED'
          ? true
          : undefined,
      );

      // 司法确认: the parties' joint application (all of them to start with), then the court's ruling.
      const application = kase.getByTestId('confirmation-form');
      await application.getByLabel('受理法院').fill('深圳市宝安区人民法院');
      await application.getByRole('button', { name: '登记司法确认申请' }).click();
      const ruling = kase.getByTestId('ruling-form');
      await ruling.locator('label', { hasText: '确认有效' }).click();
      await ruling.getByLabel('法院案号').fill('（2026）粤0306民特88号');
      await ruling.getByRole('button', { name: '登记法院裁定' }).click();
      await kase.getByTestId('confirmation').getByText('（2026）粤0306民特88号').waitFor();
      await screenshot(page, 'dispute-confirmation');
      const confirmation = await stack.prisma.disputeConfirmation.findUniqueOrThrow({
        where: { disputeId: dispute.id },
      });
      expect(confirmation).toMatchObject({ court: '深圳市宝安区人民法院', ruling: 'CONFIRMED' });
      expect([...confirmation.applicants].sort()).toEqual(corrected.parties.map((p) => p.name).sort());
      // The event the dispute came from keeps both on its timeline.
      const entries = await stack.prisma.timelineEntry.findMany({
        where: { eventId: event.id, action: { startsWith: 'judicial-confirmation-' } },
      });
      expect(entries.map((e) => e.action).sort()).toEqual([
        'judicial-confirmation-applied',
        'judicial-confirmation-ruled',
      ]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
