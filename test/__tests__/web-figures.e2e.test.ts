/**
 * The figures the 大屏 and a leader's home show are the API's: every KPI, every chart's figures
 * (read from the text each chart carries for screen readers) and every home card, compared with
 * the same endpoints fetched in the same browser session, the open 预警 among them (count and
 * map layer). The 辖区排名 ranks by the 办结率 it
 * names, a unit that received nothing last with 「—」. An API failure shows 重试, never a spinner,
 * and 重试 after the failure ends shows the figures. An overdue case shows 已超期 and for how long
 * (3 分钟, 2 小时, 3 天: the one duration formatter), with 督办/催办 for a supervisor and not for a
 * grid member; a diagram that fails hides only the diagram.
 * Screenshots: figures-screen.png, figures-home.png, figures-retry.png, case-overdue.png.
 */
import type { Page } from 'playwright-core';
import { reportEvent, taskFor } from '../events';
import { eventually } from '../harness';
import {
  browserSuite,
  login,
  newPage,
  openMenu,
  screenshot,
  signedInPage,
  BROWSER_TEST_TIMEOUT_MS,
} from '../browser';
import { beijingDayStart } from '../../lib/china-time';
import { translate, type MessageKey } from '../../web/src/i18n';

const zh = (key: MessageKey, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const MINUTE = 60_000;

/** What the page fetches itself, with its own session cookie: the same caller, the same scope. */
const fetchJson = <T = never>(page: Page, url: string) =>
  page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`${u}: ${res.status}`);
    return res.json();
  }, url) as Promise<T>;

const texts = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.textContent ?? ''));
const statistic = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('.ant-statistic-content-value').textContent();

/**
 * Compares what the page shows with what the API answers now, reloading while they differ: the
 * figures move while a suite's cases age past yellow, and the page and the API must agree once
 * both read the same moment.
 */
async function agrees(page: Page, compare: () => Promise<void>, tries = 4) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await compare();
      return;
    } catch (err) {
      if (attempt === tries) throw err;
      await page.reload();
    }
  }
}

type Summary = {
  today: {
    total: number;
    byStatus: { status: string; count: number }[];
    byCategory: { name: string; count: number }[];
    byLevel: { level: string; count: number }[];
  };
  open: number;
  overdue: { yellow: number; red: number };
  ranking: { name: string; closedRate: number | null; reported30: number; archived30: number }[];
  trend: { days: string[]; reported: number[]; archived: number[] };
};

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

describe('figures in a browser', () => {
  const { stack, browser } = browserSuite();

  beforeAll(async () => {
    // Cases of today, so the figures are not all zero.
    const member = await stack.loginAs('grid.hw01');
    await reportEvent(member);
    await reportEvent(member, { category: 'public-security' });
    const third = await reportEvent(member, { address: '海旺社区 9 栋' });
    // An open 预警 in 海旺's first grid (the rules' evaluation is field-work's to test), for the
    // screen's layer and count.
    const now = new Date();
    await stack.prisma.warning.create({
      data: {
        ruleKey: 'grid-category-7d',
        ruleName: '网格同类事件聚集',
        kind: 'grid-category',
        placeId: 'BA-XA-C01-G01',
        placePath: '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/',
        categoryCode: 'environment',
        windowStart: now,
        windowEnd: now,
        count: 5,
        threshold: 5,
        dedupKey: `web-figures:${third.id}`,
        unitId: 'BA-XA-C01',
        cases: { create: { eventId: third.id } },
      },
    });
  });

  it(
    'shows on the 大屏 and the home the figures the API answers, ranked by the 办结率 they name',
    async () => {
      // A browser eight hours from Beijing: 今日 must still be Beijing's day on both pages.
      const page = await newPage(browser(), {
        viewport: { width: 1920, height: 1080 },
        timezoneId: 'Europe/London',
      });
      await page.goto(stack.baseUrl());
      await login(page, 'xa.supervisor');
      await page.getByRole('button', { name: /退\s*出/ }).waitFor();
      await openMenu(page, '指挥大屏');
      await page.getByTestId('screen').getByText('新安街道社会治理指挥中心').waitFor();
      await agrees(page, async () => {
        await page.getByTestId('screen-trend-figures').waitFor({ state: 'attached' });
        const s = await fetchJson<Summary>(page, '/api/screen/summary');
        const kpi = (id: string) => page.getByTestId(id).locator('.screen-kpi-value').textContent();
        expect(await kpi('kpi-today')).toBe(String(s.today.total));
        expect(await kpi('kpi-open')).toBe(String(s.open));
        expect(await kpi('kpi-yellow')).toBe(String(s.overdue.yellow));
        expect(await kpi('kpi-red')).toBe(String(s.overdue.red));
        // The open warnings: their number, and each with a place drawn on the map.
        await page.locator('[data-testid="grid-map"][data-warnings]').waitFor({ state: 'attached' });
        const warnings = await fetchJson<{ total: number; items: { lng: number | null }[] }>(
          page,
          '/api/warnings/map',
        );
        expect(warnings.total).toBeGreaterThanOrEqual(1);
        expect(await kpi('kpi-warnings')).toBe(String(warnings.total));
        expect(await page.getByTestId('grid-map').getAttribute('data-warnings')).toBe(
          String(warnings.items.filter((w) => w.lng !== null).length),
        );
        expect(await texts(page, 'screen-status-figures')).toEqual(
          s.today.byStatus.map((r) => `${zh(`status.${r.status}` as MessageKey)} ${r.count}`),
        );
        expect(await texts(page, 'screen-category-figures')).toEqual(
          s.today.byCategory.map((r) => `${r.name} ${r.count}`),
        );
        expect(await texts(page, 'screen-level-figures')).toEqual(
          s.today.byLevel.map((r) => `${zh(`level.${r.level}` as MessageKey)} ${r.count}`),
        );
        expect(await texts(page, 'screen-ranking-figures')).toEqual(
          s.ranking.map(
            (r, i) =>
              `${i + 1}. ${r.name} 办结率 ${rate(r.closedRate)} (${zh('closedOfReceived', {
                closed: r.archived30,
                received: r.reported30,
              })})`,
          ),
        );
        expect(await texts(page, 'screen-trend-figures')).toEqual(
          s.trend.days.map((d, i) => `${d} 上报 ${s.trend.reported[i]} · 办结 ${s.trend.archived[i]}`),
        );
        expect(s.today.total).toBeGreaterThanOrEqual(3);
        // Ranked by the rate: highest first, the units that received nothing (no rate) last.
        const rates = s.ranking.map((r) => r.closedRate);
        const rated = rates.filter((r) => r !== null);
        expect(rates).toEqual([...[...rated].sort((a, b) => b - a), ...rates.filter((r) => r === null)]);
        expect(s.ranking.find((r) => r.name === '海旺社区')!.closedRate).not.toBeNull();
      });
      await screenshot(page, 'figures-screen');
      await page.getByRole('button', { name: '退出大屏' }).click();

      await page.goto(`${stack.baseUrl()}/home`);
      await page.getByTestId('leader-home').waitFor();
      const me = (await fetchJson<{ user: { org: { id: string } } }>(page, '/api/me')).user;
      await agrees(page, async () => {
        for (const id of ['my-todo', 'home-today', 'home-yellow']) await page.getByTestId(id).waitFor();
        // The home's day is the Beijing day, as the 大屏 counts it, whatever the browser's zone.
        const from = beijingDayStart().toISOString();
        const today = await fetchJson<{ total: number }>(
          page,
          `/api/events?pageSize=1&from=${encodeURIComponent(from)}`,
        );
        expect(await statistic(page, 'home-today')).toBe(today.total.toLocaleString('zh-CN'));
        expect(today.total).toBeGreaterThanOrEqual(3);
        const screen = await fetchJson<Summary>(page, '/api/screen/summary');
        expect(await statistic(page, 'home-today')).toBe(screen.today.total.toLocaleString('zh-CN'));
        const overdue = await fetchJson<{
          totals: { yellow: number; red: number };
          byUnit: { name: string; yellow: number; red: number }[];
        }>(page, `/api/supervision/overdue?unit=${me.org.id}`);
        expect(await statistic(page, 'home-yellow')).toBe(String(overdue.totals.yellow));
        expect(await statistic(page, 'home-red')).toBe(String(overdue.totals.red));
        const behind = overdue.byUnit
          .filter((u) => u.red + u.yellow > 0)
          .sort((a, b) => b.red + b.yellow - a.red - a.yellow)
          .slice(0, 3);
        expect(await page.getByTestId('home-overdue-unit').allTextContents()).toEqual(
          behind.map((u) => `${u.name}${u.yellow}${u.red}`),
        );
        const todo = await fetchJson<{ total: number }>(page, '/api/inbox?pageSize=1');
        expect(await page.getByTestId('my-todo').locator('.ant-statistic-content-value').textContent()).toBe(
          String(todo.total),
        );
      });
      await screenshot(page, 'figures-home');
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows 重试 when the figures fail to load, and the figures once a retry succeeds',
    async () => {
      const page = await signedInPage(browser(), stack.baseUrl(), 'xa.supervisor', {
        width: 1920,
        height: 1080,
      });
      const failure = {
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'internal', message: { 'zh-CN': '服务器错误', en: 'Server error' } },
        }),
      };
      await page.route('**/api/screen/summary*', (route) => route.fulfill(failure));
      await openMenu(page, '指挥大屏');
      const error = page.getByTestId('screen-error');
      await error.getByText('服务器错误').waitFor();
      await screenshot(page, 'figures-retry');
      await page.unroute('**/api/screen/summary*');
      await error.getByRole('button', { name: /重\s*试/ }).click();
      await error.waitFor({ state: 'detached' });
      const s = await fetchJson<Summary>(page, '/api/screen/summary');
      await page
        .getByTestId('kpi-today')
        .locator('.screen-kpi-value')
        .getByText(String(s.today.total), { exact: true })
        .waitFor();
      await page.getByRole('button', { name: '退出大屏' }).click();

      // The home's cards: the failed one says so with 重试, the others show their figures.
      await page.route('**/api/supervision/overdue?*', (route) => route.fulfill(failure));
      await page.goto(`${stack.baseUrl()}/home`);
      const homeError = page.getByTestId('home-error');
      await homeError.getByText('服务器错误').waitFor();
      await page.getByTestId('home-today').waitFor();
      await page.unroute('**/api/supervision/overdue?*');
      await homeError.getByRole('button', { name: /重\s*试/ }).click();
      await page.getByTestId('home-yellow').waitFor();
      await expect(page.getByTestId('home-error').count()).resolves.toBe(0);

      // A secondary load (the case list's category names) says so with 重试 too, not only a toast.
      await page.route('**/api/event-categories', (route) => route.fulfill(failure));
      await page.goto(`${stack.baseUrl()}/cases`);
      const categoriesError = page.getByTestId('categories-error');
      await categoriesError.getByText('服务器错误').waitFor();
      await page.unroute('**/api/event-categories');
      await categoriesError.getByRole('button', { name: /重\s*试/ }).click();
      await categoriesError.waitFor({ state: 'detached' });
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows an overdue case as 已超期 for how long, with 督办 for a supervisor only; a failed diagram hides only itself',
    async () => {
      const member = await stack.loginAs('grid.hw01');
      const event = await reportEvent(member, { address: '海旺社区 超期 楼' });
      const handle = await taskFor(member, event.id, 'handle');
      const caseUrl = `${stack.baseUrl()}/cases/${event.id}`;
      const page = await signedInPage(browser(), stack.baseUrl(), 'xa.supervisor');
      const overdue = page.getByTestId('case-overdue');
      const supervise = overdue.getByRole('button', { name: '督办/催办' });
      /**
       * Makes the task `ms` late (the row's due date; red a month away) and opens `url` until
       * `text` shows: the overdue scan's automatic card raises the task in the engine, and the
       * inbox feed then writes the row again with the engine's own due date, so it is set again.
       */
      const lateBy = async (on: Page, key: string, ms: number, url: string, text: RegExp) => {
        for (let attempt = 1; ; attempt += 1) {
          await stack.prisma.inboxTask.update({
            where: { key },
            data: { dueDate: new Date(Date.now() - ms), redAt: new Date(Date.now() + 30 * 86_400_000) },
          });
          await on.goto(url);
          try {
            await on.getByTestId('case-overdue').getByText(text).waitFor({ timeout: 15_000 });
            return;
          } catch (err) {
            if (attempt === 3) throw err;
          }
        }
      };

      await lateBy(page, handle.key, 3 * MINUTE + 5_000, caseUrl, /^已超期 · 处置 超期 3 分钟$/);
      await supervise.waitFor();
      await screenshot(page, 'case-overdue');
      await lateBy(page, handle.key, 120 * MINUTE + 5_000, caseUrl, /^已超期 · 处置 超期 2 小时$/);
      await lateBy(page, handle.key, 3 * 1440 * MINUTE + 5_000, caseUrl, /^已超期 · 处置 超期 3 天$/);

      // The grid member sees the case overdue, and no 督办.
      const gridPage = await signedInPage(browser(), stack.baseUrl(), 'grid.hw01');
      await lateBy(gridPage, handle.key, 3 * 1440 * MINUTE + 5_000, caseUrl, /^已超期 · 处置 超期 3 天$/);
      expect(await gridPage.getByRole('button', { name: '督办/催办' }).count()).toBe(0);
      await gridPage.close();

      // 督办 from the case page: the card is the supervision API's.
      await supervise.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('原因（必填）').fill('请尽快处置');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('已督办，承办人已收到通知').waitFor();
      const cards = await stack.prisma.supervisionCard.findMany({ where: { caseId: event.id, auto: false } });
      expect(cards.map((c) => [c.kind, c.reason])).toEqual([['NORMAL', '请尽快处置']]);

      // A diagram that cannot be loaded, or drawn, leaves the case in place.
      await page.route('**/api/events/*/diagram', (route) => route.fulfill({ status: 500, body: '{}' }));
      await page.reload();
      await page.getByTestId('diagram-failed').waitFor();
      await page.getByTestId('case-summary').waitFor();
      await page.getByTestId('case-timeline').waitFor();
      await page.unroute('**/api/events/*/diagram');
      await page.route('**/api/events/*/diagram', (route) =>
        route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ xml: '<not-bpmn/>', version: 1, completed: [], active: [], flows: [] }),
        }),
      );
      await page.reload();
      await page.getByTestId('diagram-failed').waitFor();
      await page.getByTestId('case-summary').waitFor();

      // A dispute's page says the same of its overdue mediation step, with the same 督办.
      const staff = await stack.loginAs('haiwang.staff');
      const dispute = (
        await staff
          .post('/api/disputes')
          .send({
            type: 'neighbour',
            summary: '超期测试：邻里纠纷',
            communityId: 'BA-XA-C01',
            parties: [
              { name: '张三', phone: '13812345678' },
              { name: '李四', phone: '13987654321' },
            ],
            risk: { level: 'LOW', reasons: ['双方情绪平稳'] },
          })
          .expect(201)
      ).body as { id: string };
      const mediate = await eventually(
        async () =>
          (await stack.prisma.inboxTask.findFirst({
            where: { caseKind: 'DISPUTE', caseId: dispute.id, state: 'OPEN' },
          })) ?? undefined,
      );
      await lateBy(
        page,
        mediate.key,
        2 * 1440 * MINUTE + 5_000,
        `${stack.baseUrl()}/disputes/${dispute.id}`,
        new RegExp(`^已超期 · ${mediate.name} 超期 2 天$`),
      );
      await supervise.waitFor();
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
