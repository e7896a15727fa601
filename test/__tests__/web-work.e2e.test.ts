/**
 * Daily work in the browser (issue 15, the shell): each role lands on its own home (desktop and
 * phone); a task opens at its URL in a drawer with the case beside it, and 核查 shows what 处置
 * did and refuses 完成 without 通过/不通过; a case opens by its URL, survives a reload and Back
 * returns to the drawer it was opened from; the API serves the app for any app route, compressed
 * and cached; an API that cannot be reached says so in Chinese, and an expired session goes back
 * to the login page. The inbox keeps its filters in the URL across a reload and Back. A street
 * supervisor reminds several overdue cases at once from 督办 and sees the cards received change; the
 * grid member's digest line opens the task, whose row then wears the 催办 badge; hour-based
 * deadlines count hours and minutes. Screenshots: home-*.png, task-drawer*.png, verify-*.png,
 * case-url*.png, api-error.png, session-expired.png, inbox-filters*.png, supervision-batch*.png,
 * notice-line.png, inbox-badges.png, inbox-hours.png in .zhizhi/artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { reportEvent, taskFor } from '../events';
import { eventually } from '../harness';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  inboxRow,
  screenshot,
  signedInPage,
  openMenu,
} from '../browser';

const PHONE = { width: 390, height: 844 };

describe('daily work in a browser', () => {
  const { stack, browser } = browserSuite();
  const completeButton = (page: Page) => page.getByRole('button', { name: /完\s*成/ });

  it(
    'lands each role on its home, on a desktop and a phone',
    async () => {
      const base = stack.baseUrl();
      const homes: [string, string, (page: Page) => Promise<unknown>][] = [
        [
          'district.lead',
          '/home',
          (p) => p.getByTestId('leader-home').getByText('宝安区 辖区概况').waitFor(),
        ],
        ['xa.supervisor', '/home', (p) => p.getByTestId('my-todo').waitFor()],
        [
          'designer',
          '/designer',
          (p) =>
            p
              .getByTestId('designer-diagrams')
              .getByText(/网格事件处置/)
              .waitFor(),
        ],
        [
          'haiwang.staff',
          '/todo',
          (p) =>
            p
              .getByTestId('inbox-total')
              .getByText(/共 \d+ 条/)
              .waitFor(),
        ],
        [
          'grid.hw01',
          '/todo',
          (p) =>
            p
              .getByTestId('inbox-total')
              .getByText(/共 \d+ 条/)
              .waitFor(),
        ],
      ];
      for (const [username, path, landmark] of homes) {
        const page = await signedInPage(browser(), base, username);
        await page.waitForURL(`${base}${path}`);
        for (const [device, viewport] of [
          ['desktop', { width: 1366, height: 768 }],
          ['phone', PHONE],
        ] as const) {
          await page.setViewportSize(viewport);
          await landmark(page);
          // A leader's summary cards say what they know, never a 0 while still loading.
          if (path === '/home')
            await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
          await screenshot(page, `home-${username}-${device}`);
        }
        await page.close();
      }
      // The leader's overdue card counts their area, as 督办 does.
      const lead = await signedInPage(browser(), base, 'district.lead');
      expect(await lead.getByTestId('home-error').count()).toBe(0);
      await lead.getByText('黄色超期').waitFor();
      await lead.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'opens a task at its URL with the case beside it; 核查 shows 处置 and needs 通过/不通过',
    async () => {
      const base = stack.baseUrl();
      const member = await stack.loginAs('grid.hw01');
      const { id, caseNo } = await reportEvent(member, {
        address: '海旺社区 33 栋楼道',
        description: '楼道堆放杂物堵塞消防通道',
      });
      const handle = await taskFor(member, id, 'handle');
      await member
        .post(`/api/tasks/${handle.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已督促住户清理楼道杂物' } })
        .expect(200);
      // Four eyes: the grid's only member reported and handled it, so its community verifies.
      const verify = await taskFor(await stack.loginAs('haiwang.staff'), id, 'verify');

      let page = await signedInPage(browser(), base, 'haiwang.staff');
      const row = await inboxRow(page, `${caseNo} 核查`);
      // The row tells cases apart: category and address under the task.
      await row.getByText(/海旺社区 33 栋楼道/).waitFor();
      await row.getByText(`${caseNo} 核查`).click();
      await page.waitForURL(`${base}/tasks/${verify.key}`);
      const summary = page.getByTestId('case-summary');
      await summary.getByText('楼道堆放杂物堵塞消防通道').waitFor();
      await summary.getByText('海旺社区 33 栋楼道').waitFor();
      await page
        .getByTestId('handling-result')
        .getByText(/已督促住户清理楼道杂物/)
        .waitFor();
      await screenshot(page, 'task-drawer');

      // 完成 without a choice is refused by the form, in Chinese, and nothing reaches the engine.
      const form = page.getByTestId('task-form');
      await form.getByText(/^核查结果/).waitFor();
      await completeButton(page).click();
      await form.getByText('此项必填').waitFor();
      await screenshot(page, 'verify-no-choice');
      expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } })).state).toBe(
        'OPEN',
      );
      // 不通过 asks why.
      await form.getByLabel('不通过，退回重办').check();
      await completeButton(page).click();
      await form.getByText('此项必填').waitFor();
      await form.getByLabel('不通过原因').fill('楼道仍有纸箱');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'task-drawer-phone');
      await page.setViewportSize({ width: 1366, height: 768 });
      await completeButton(page).click();
      await page.getByTestId('task-form').waitFor({ state: 'detached' });
      await page.waitForURL(`${base}/todo`);
      const completion = await stack.prisma.timelineEntry.findFirstOrThrow({
        where: { eventId: id, action: 'completed:verify' },
      });
      expect(completion.detail).toMatchObject({ verified: false, verifyComment: '楼道仍有纸箱' });

      await page.close();

      // The rework goes back to the grid's 处置, whose form starts empty (not the verifier's words).
      const rework = await taskFor(member, id, 'handle');
      page = await signedInPage(browser(), base, 'grid.hw01');
      await page.goto(`${base}/tasks/${rework.key}`);
      await page
        .getByTestId('task-form')
        .getByText(/^处置结果/)
        .waitFor();
      expect(await page.getByTestId('task-form').getByLabel('已解决').isChecked()).toBe(false);

      // 查看案件: the case at its own URL; a reload keeps it; Back returns to the drawer.
      await page.getByRole('button', { name: '查看案件' }).click();
      await page.waitForURL(`${base}/cases/${id}`);
      await page.getByTestId('case-summary').getByText(caseNo, { exact: false }).waitFor();
      // The timeline says what 核查 decided, in words, with the reason given.
      await page
        .getByTestId('case-timeline')
        .getByText(/核查不通过 · 楼道仍有纸箱/)
        .waitFor();
      await page.reload();
      await page.getByTestId('case-summary').getByText('楼道堆放杂物堵塞消防通道').waitFor();
      await screenshot(page, 'case-url');
      await page.goBack();
      await page.waitForURL(`${base}/tasks/${rework.key}`);
      await page.getByTestId('case-summary').waitFor();
      await page
        .getByTestId('task-form')
        .getByText(/^处置结果/)
        .waitFor();
      await screenshot(page, 'case-url-back');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  /** The inbox's select named `label` (its shown value is the text). */
  const selectNamed = (page: Page, label: string) =>
    page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: label }) });
  /** Picks `option` (by the start of its label) in the inbox's select named `label`. */
  const choose = async (page: Page, label: string, option: string) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${option}"]`).click();
  };

  it(
    'keeps the inbox filters in the URL: a reload and Back show the same list',
    async () => {
      const base = stack.baseUrl();
      const member = await stack.loginAs('grid.hw01');
      const { id, caseNo } = await reportEvent(member, { category: 'other', address: '海旺社区 筛选测试' });
      const handle = await taskFor(member, id, 'handle');
      await member
        .post(`/api/tasks/${handle.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已处理' } })
        .expect(200);
      // Four eyes: the community verifies what its grid's only member reported and handled.
      const verify = await taskFor(await stack.loginAs('haiwang.staff'), id, 'verify');

      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await page.waitForURL(`${base}/todo`);
      await choose(page, '事件类别', '其他');
      await page.waitForURL(`${base}/todo?category=other`);
      await choose(page, '环节', '核查');
      await page.waitForURL(`${base}/todo?category=other&step=verify`);
      const row = page.getByRole('row', { name: new RegExp(`${caseNo} 核查`) });
      await row.waitFor();
      await screenshot(page, 'inbox-filters');

      // A reload shows the same list: the filters chosen, only 核查 of 其他 cases.
      await page.reload();
      await row.waitFor();
      await selectNamed(page, '事件类别')
        .filter({ hasText: /^其他$/ })
        .waitFor();
      await selectNamed(page, '环节')
        .filter({ hasText: /^核查 \(\d+\)$/ })
        .waitFor();
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      expect(await rows.count()).toBeGreaterThan(0);
      for (const text of await rows.allTextContents()) expect(text).toMatch(/核查/);
      expect(await page.getByRole('row', { name: new RegExp(`${caseNo} 处置`) }).count()).toBe(0);

      // The task opens over the same list, and Back returns to it.
      await row.getByText(`${caseNo} 核查`).click();
      await page.waitForURL(`${base}/tasks/${verify.key}?category=other&step=verify`);
      await page.getByTestId('case-summary').waitFor();
      await page.goBack();
      await page.waitForURL(`${base}/todo?category=other&step=verify`);
      await row.waitFor();
      await page.getByTestId('task-form').waitFor({ state: 'detached' });
      await screenshot(page, 'inbox-filters-back');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'reminds several overdue cases at once from 督办; the digest line opens the task; rows show the badge and hours left',
    async () => {
      const base = stack.baseUrl();
      const member = await stack.loginAs('grid.hw01');
      const supervisor = await stack.loginAs('xa.supervisor');
      const token = Date.now().toString(36);
      // 城市管理 cases fall due at the grid a second after they are reported; their red time is a
      // day away, so nothing escalates while the test runs.
      const sla = { step: 'handle', level: 'GRID', urgency: 'NORMAL', category: 'urban-management' } as const;
      await stack.prisma.slaRule.deleteMany({ where: sla });
      await stack.prisma.slaRule.create({ data: { ...sla, unit: 'hours', yellow: 0.0003, red: 24 } });
      try {
        const overdueCase = async (n: number) => {
          const event = await reportEvent(member, {
            category: 'urban-management',
            address: `海旺社区 催办 ${token} ${n}`,
          });
          return { ...event, task: await taskFor(member, event.id, 'handle') };
        };
        const overdueTotal = async () => {
          await new Promise((r) => setTimeout(r, 1500));
          return (await supervisor.get('/api/supervision/overdue/tasks').query({ pageSize: 10 }).expect(200))
            .body.total as number;
        };
        // 督办 lists the street's overdue work oldest first, 10 a page, so these cases are the last
        // rows: two of them on the last page, a third when the two would straddle two pages.
        const cases = [await overdueCase(1), await overdueCase(2)];
        if ((await overdueTotal()) % 10 === 1) {
          cases.push(await overdueCase(3));
          await overdueTotal();
        }

        const lead = await signedInPage(browser(), base, 'xa.supervisor');
        await openMenu(lead, '督办');
        await lead.getByTestId('supervision-page').waitFor();
        const lastPage = lead.locator('.ant-pagination-item').last();
        await lastPage.waitFor();
        await lastPage.click();
        const rowOf = (caseNo: string) => lead.getByRole('row').filter({ hasText: caseNo });
        await rowOf(cases[cases.length - 1].caseNo).waitFor();
        const reminded: typeof cases = [];
        for (const c of cases) {
          if (!(await rowOf(c.caseNo).count())) continue;
          // No 催办 yet on the row, so the supervisor sees this is the first.
          expect(await rowOf(c.caseNo).getByText(/^催办/).count()).toBe(0);
          await rowOf(c.caseNo).getByRole('checkbox').check();
          reminded.push(c);
        }
        expect(reminded.length).toBeGreaterThanOrEqual(2);
        const batch = lead.getByTestId('batch-remind');
        await batch.filter({ hasText: `批量催办（${reminded.length}）` }).waitFor();
        await batch.click();
        const dialog = lead.getByRole('dialog');
        await dialog.getByLabel('原因（必填）').fill(`请加快办理 ${token}`);
        await screenshot(lead, 'supervision-batch');
        await dialog.getByRole('button', { name: /确\s*定/ }).click();
        await lead.getByText(`已催办 ${reminded.length}/${reminded.length} 件`).waitFor();
        for (const c of reminded)
          await rowOf(c.caseNo).getByTestId('cards-received').getByText('催办 1').waitFor();
        await screenshot(lead, 'supervision-batch-done');
        await lead.close();

        // The grid member's digest has a line per reminder; a line opens that case's task.
        const first = reminded[0];
        await eventually(async () => {
          const notes = (await member.get('/api/notifications').query({ pageSize: 50 }).expect(200)).body
            .items as { items: { eventId: string | null }[] }[];
          return notes.some((n) => n.items.some((i) => i.eventId === first.id)) || undefined;
        }, 20_000);
        const page = await signedInPage(browser(), base, 'grid.hw01');
        await page.getByTestId('bell').click();
        // The case may also have an overdue line of the overdue scan: the reminder's is the one with 催办.
        const line = page
          .getByTestId('notice-line')
          .filter({ hasText: `${first.caseNo}` })
          .filter({ hasText: /催办/ })
          .first();
        await line.waitFor();
        await screenshot(page, 'notice-line');
        await line.getByRole('link').click();
        await page.waitForURL(`${base}/tasks/${first.task.key}`);
        await page.getByTestId('case-summary').getByText(`海旺社区 催办 ${token} 1`).waitFor();

        // In 待办 the reminded row wears its 催办 badge and says how long it is overdue.
        await page.goto(`${base}/todo?category=urban-management`);
        const row = page.getByRole('row', { name: new RegExp(`${first.caseNo} 处置`) });
        await row.getByTestId('card-badge').filter({ hasText: '催办' }).waitFor();
        await row
          .getByTestId('days-left')
          .filter({ hasText: /^超期 (\d+ 小时( \d+ 分钟)?|\d+ 分钟)$/ })
          .waitFor();
        await screenshot(page, 'inbox-badges');

        // An urgent case's deadline is an hour away: minutes left for 处置, then hours and
        // minutes for 核查 (two hours).
        const urgent = await reportEvent(member, {
          category: 'safety-hazard',
          urgency: 'URGENT',
          address: `海旺社区 紧急 ${token}`,
        });
        const urgentHandle = await taskFor(member, urgent.id, 'handle');
        await page.goto(`${base}/todo?category=safety-hazard`);
        const urgentRow = (step: string) =>
          page.getByRole('row', { name: new RegExp(`${urgent.caseNo} ${step}`) });
        await urgentRow('处置')
          .getByTestId('days-left')
          .filter({ hasText: /^剩余 \d+ 分钟$/ })
          .waitFor();
        await urgentRow('处置').getByText('紧急').waitFor();
        await member
          .post(`/api/tasks/${urgentHandle.key}/complete`)
          .send({ variables: { outcome: 'resolved', result: '已排除隐患' } })
          .expect(200);
        await page.close();
        // 核查 is the community's (four eyes: the grid's only member reported and handled it).
        await taskFor(await stack.loginAs('haiwang.staff'), urgent.id, 'verify');
        const community = await signedInPage(browser(), base, 'haiwang.staff');
        await community.goto(`${base}/todo?category=safety-hazard`);
        await community
          .getByRole('row', { name: new RegExp(`${urgent.caseNo} 核查`) })
          .getByTestId('days-left')
          .filter({ hasText: /^剩余 1 小时( \d+ 分钟)?$/ })
          .waitFor();
        await screenshot(community, 'inbox-hours');
        await community.close();
      } finally {
        await stack.prisma.slaRule.deleteMany({ where: sla });
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('serves the app for every app route, compressed and cached, and leaves /api to the API', async () => {
    const base = stack.baseUrl();
    for (const path of ['/cases', '/cases/nope', '/tasks/x-1', '/home'])
      expect((await fetch(`${base}${path}`)).headers.get('content-type')).toMatch(/text\/html/);
    const html = await fetch(`${base}/todo`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect((await fetch(`${base}/assets/missing-0000.js`)).status).toBe(404);
    const api = await fetch(`${base}/api/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it(
    'says in Chinese when the API cannot be reached, and goes back to login when the session ends',
    async () => {
      const base = stack.baseUrl();
      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await page
        .getByTestId('inbox-total')
        .getByText(/共 \d+ 条/)
        .waitFor();
      await page.route('**/api/inbox?**', (route) => route.abort('connectionrefused'));
      await openMenu(page, '已办');
      await page.getByTestId('inbox-error').getByText('无法连接服务器，请检查网络后重试').waitFor();
      expect(await page.getByText(/Failed to fetch/).count()).toBe(0);
      await screenshot(page, 'api-error');
      await page.unroute('**/api/inbox?**');
      await page.getByRole('button', { name: /重\s*试/ }).click();
      await page
        .getByTestId('inbox-total')
        .getByText(/共 \d+ 条/)
        .waitFor();

      // Every session of the user is signed out elsewhere: the next request answers 401.
      await (await stack.loginAs('haiwang.staff')).post('/api/auth/logout-all').expect(200);
      await openMenu(page, '待办');
      await page.getByTestId('session-expired').getByText('登录已过期，请重新登录').waitFor();
      await page.getByLabel('用户名').waitFor();
      await screenshot(page, 'session-expired');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
