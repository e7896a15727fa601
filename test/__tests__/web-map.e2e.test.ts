/**
 * 一图感知 and the 指挥大屏 in Debian's Chromium against the real API, engine and workers, with no
 * base map (boundaries only, as on an offline government network): a street supervisor sees their
 * street's grids and located cases, clicks a grid for its open cases and a case point into the case
 * view, on an office screen and on a phone; the district's and a street's command-centre screens at
 * 1920×1080. The login page loads none of it. Screenshots: map-desktop.png, map-grid.png,
 * map-case.png, map-phone.png, screen-district.png, screen-street.png.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestStack, eventually } from '../harness';
import { ROOT } from '../env';
import { pointIn, reportEvent } from '../events';
import {
  cspViolations,
  launchBrowser,
  login,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openPage,
  openMenu,
} from '../browser';

/** A 1×1 pale blue-grey PNG: the stand-in tile service's every tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4+/gVAAVLAqvsM8obAAAAAElFTkSuQmCC',
  'base64',
);

/** WGS-84 → Web Mercator (EPSG:3857), the projection the map draws in. */
const mercator = (lng: number, lat: number) => {
  const R = 6378137;
  return [(R * lng * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
};

/** The map once it has drawn `grids` boundaries and at least `points` case points. */
async function mapDrawn(page: Page, grids: number, points: number) {
  const map = page.getByTestId('grid-map');
  await map.locator('canvas').first().waitFor({ state: 'attached' });
  await page.waitForFunction(
    ([g, p]) => {
      const el = document.querySelector('[data-testid="grid-map"]') as unknown as {
        olMap?: { getAllLayers(): { getSource(): { getFeatures(): unknown[]; getSource?(): unknown } }[] };
      };
      const layers = el?.olMap?.getAllLayers() ?? [];
      const [gridLayer, caseLayer] = layers.slice(-2);
      const cases = caseLayer?.getSource().getSource?.() as { getFeatures(): unknown[] } | undefined;
      return gridLayer?.getSource().getFeatures().length === g && (cases?.getFeatures().length ?? 0) >= p;
    },
    [grids, points],
  );
  // Every layer drawn before the picture or the click.
  await map.evaluate(
    (el) =>
      new Promise((done) => {
        const m = (el as unknown as { olMap: { once(e: string, f: () => void): void; render(): void } })
          .olMap;
        m.once('rendercomplete', () => done(undefined));
        m.render();
      }),
  );
  return map;
}

/** Clicks the map where a WGS-84 location is drawn. */
async function clickAt(page: Page, at: { latitude: number; longitude: number }) {
  const map = page.getByTestId('grid-map');
  const [x, y] = await map.evaluate(
    (el, c) =>
      (
        el as unknown as { olMap: { getPixelFromCoordinate(c: number[]): number[] } }
      ).olMap.getPixelFromCoordinate(c),
    mercator(at.longitude, at.latitude),
  );
  await map.click({ position: { x, y } });
}

/**
 * Clicks a grid where no case point is drawn: other suites leave located cases in the same grids
 * (some at a grid's inner point), and a click on one of those opens that case, not the grid.
 */
async function clickGrid(page: Page, gridId: string) {
  const map = page.getByTestId('grid-map');
  const spot = await map.evaluate((el, id) => {
    type Geometry = { getExtent(): number[]; intersectsCoordinate(c: number[]): boolean };
    type Layer = { getSource(): { getFeatureById(id: string): { getGeometry(): Geometry } } };
    const olMap = (
      el as unknown as {
        olMap: {
          getAllLayers(): Layer[];
          getPixelFromCoordinate(c: number[]): number[];
          getFeaturesAtPixel(p: number[], o: object): { get(k: string): unknown }[];
        };
      }
    ).olMap;
    const geometry = olMap.getAllLayers().at(-2)!.getSource().getFeatureById(id).getGeometry();
    const [x0, y0, x1, y1] = geometry.getExtent();
    for (let i = 1; i < 12; i++)
      for (let j = 1; j < 12; j++) {
        const at = [x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * j) / 12];
        if (!geometry.intersectsCoordinate(at)) continue;
        const pixel = olMap.getPixelFromCoordinate(at);
        const hits = olMap.getFeaturesAtPixel(pixel, { hitTolerance: 16 });
        if (hits.length > 0 && hits.every((f) => f.get('features') === undefined)) return pixel;
      }
    return null;
  }, gridId);
  if (!spot) throw new Error(`no spot of ${gridId} free of case points`);
  await map.click({ position: { x: spot[0], y: spot[1] } });
}

describe('map and command-centre screen in a browser', () => {
  const stack = createTestStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  const since = new Date();
  let browser: Browser;
  const cases: Record<string, { id: string; caseNo: string }> = {};
  // This suite's cases sit off the grids' inner points, where other suites put theirs: a case point
  // shared with another case would be a cluster, which a click does not open.
  const g03 = pointIn('BA-XA-C01-G03');
  const atG03 = { latitude: g03.latitude - 0.002, longitude: g03.longitude - 0.0015 };
  const g02 = pointIn('BA-XA-C01-G02');
  const nearG02 = { ...g02, latitude: g02.latitude + 0.0015 };

  beforeAll(async () => {
    browser = await launchBrowser();
    // Public-security events handled at grid level pass yellow after about a second: G02's heat and
    // counts (not disputes: those go to mediation and have no 处置 deadline).
    await stack.prisma.slaRule.create({
      data: {
        step: 'handle',
        level: 'GRID',
        urgency: 'NORMAL',
        category: 'public-security',
        unit: 'hours',
        yellow: 0.0003,
        red: 1000,
      },
    });
    const [hw01, staff, gs01] = await Promise.all(
      ['grid.hw01', 'haiwang.staff', 'grid.gs01'].map((u) => stack.loginAs(u)),
    );
    const g01 = pointIn('BA-XA-C01-G01');
    // Three close together in G01 (a cluster), one in G02, one in G03, one in the sibling street.
    for (const [i, d] of [0, 0.0002, -0.0002].entries())
      cases[`g01-${i}`] = await reportEvent(hw01, {
        latitude: g01.latitude + d,
        longitude: g01.longitude + d,
      });
    cases.g02 = await reportEvent(staff, {
      ...nearG02,
      gridId: 'BA-XA-C01-G02',
      category: 'public-security',
    });
    cases.g03 = await reportEvent(staff, { ...atG03, gridId: 'BA-XA-C01-G03', category: 'safety-hazard' });
    cases.xx = await reportEvent(gs01, { ...pointIn('BA-XX-C01-G01'), gridId: 'BA-XX-C01-G01' });
    // The pictures are taken once G02's case is past yellow.
    await eventually(async () => {
      const res = await staff.get('/api/map/cases').query({ deadline: 'yellow' }).expect(200);
      return res.body.features.some((f: { id: string }) => f.id === cases.g02.id) || undefined;
    });
  });
  afterAll(async () => {
    await stack.prisma.slaRule.deleteMany({ where: { category: 'public-security' } });
    await browser?.close();
    await stack.cancelCasesSince(since);
    await stack.close();
  });

  it(
    'shows a street its grids and cases with no base map, a grid’s open cases, and opens a case from its point',
    async () => {
      const page = await openPage(browser, stack.baseUrl());
      // The map and the screen are loaded by those who open them, not with the login page.
      const loaded: string[] = [];
      page.on('request', (r) => loaded.push(r.url()));
      await page.getByLabel('用户名').waitFor();
      expect(loaded.filter((u) => /GridMap|MapPage|ScreenPage/.test(u))).toEqual([]);

      await login(page, 'xa.supervisor');
      await openMenu(page, '一图感知');
      const map = await mapDrawn(page, 8, 5);
      expect(await map.getAttribute('data-base-map')).toBe('none');
      // Another street's case is not on this street's map.
      const drawn = await map.evaluate((el) => {
        const layers = (
          el as unknown as {
            olMap: {
              getAllLayers(): {
                getSource(): { getSource?(): { getFeatures(): { get(k: string): string }[] } };
              }[];
            };
          }
        ).olMap.getAllLayers();
        return layers.at(-1)!.getSource().getSource!()
          .getFeatures()
          .map((f) => f.get('caseNo'));
      });
      expect(drawn).toEqual(
        expect.arrayContaining([cases.g02.caseNo, cases.g03.caseNo, cases['g01-0'].caseNo]),
      );
      expect(drawn).not.toContain(cases.xx.caseNo);
      // The overdue heat: G02's yellow case tints its grid orange (red, if a case another suite left
      // open there has passed red: red wins, as it should).
      await page.waitForFunction(() => {
        type Layer = {
          getSource(): { getFeatureById(id: string): unknown };
          getStyleFunction(): (f: unknown, r: number) => { getFill(): { getColor(): string } };
        };
        const el = document.querySelector('[data-testid="grid-map"]') as unknown as {
          olMap: { getAllLayers(): Layer[] };
        };
        const grids = el.olMap.getAllLayers().at(-2)!;
        const g02 = grids.getSource().getFeatureById('BA-XA-C01-G02');
        const fill = grids.getStyleFunction()(g02, 1).getFill().getColor();
        return fill.startsWith('rgba(250,173,20') || fill.startsWith('rgba(245,34,45');
      });
      await screenshot(page, 'map-desktop');
      // The base's buildings as a layer of their own, on demand (this suite's street may have none).
      await page.getByTestId('map-buildings').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-buildings') !== null,
      );
      await page.getByTestId('map-buildings').click();

      // A grid: its open cases and overdue counts beside the map; a failed read says so with 重试.
      await page.route('**/api/map/grids/*/cases*', (route) =>
        route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'internal', message: { 'zh-CN': '服务器错误', en: 'Server error' } },
          }),
        }),
      );
      await clickGrid(page, 'BA-XA-C01-G02');
      const panel = page.getByTestId('grid-panel');
      await panel.getByTestId('grid-panel-error').getByText('服务器错误').waitFor();
      await page.unroute('**/api/map/grids/*/cases*');
      await panel.getByRole('button', { name: /重\s*试/ }).click();
      await panel.getByText('海旺社区第2网格').waitFor();
      await panel.getByText(cases.g02.caseNo).waitFor();
      await panel.getByText('黄色预警 1').waitFor();
      await screenshot(page, 'map-grid');

      // A case point: the case view. The panel narrowed the map about its centre, so beside the side
      // menu at 1366 px the area's west edge is out of view until the panel is closed.
      await panel.getByText('关闭', { exact: true }).click();
      await panel.waitFor({ state: 'detached' });
      await page.getByTestId('grid-map').evaluate((el) => {
        const map = (el as unknown as { olMap: { updateSize(): void; renderSync(): void } }).olMap;
        map.updateSize();
        map.renderSync();
      });
      await clickAt(page, atG03);
      await page.getByText(`${cases.g03.caseNo} · 安全隐患`).waitFor();
      await page.getByTestId('case-timeline').waitFor();
      await screenshot(page, 'map-case');

      // The same map on a phone.
      await openMenu(page, '一图感知');
      await page.setViewportSize({ width: 390, height: 844 });
      await mapDrawn(page, 8, 5);
      await screenshot(page, 'map-phone');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows the district’s and a street’s command-centre screens at 1920×1080',
    async () => {
      const page = await openPage(browser, stack.baseUrl(), { width: 1920, height: 1080 });
      await login(page, 'district.lead');
      await openMenu(page, '指挥大屏');
      const screen = page.getByTestId('screen');
      await screen.getByText('宝安区社会治理指挥中心').waitFor();
      const lead = await stack.loginAs('district.lead');
      const summary = (await lead.get('/api/screen/summary').expect(200)).body;
      await page.getByTestId('kpi-today').getByText(String(summary.today.total), { exact: true }).waitFor();
      await page.getByTestId('screen-ranking').locator('canvas').waitFor();
      await page.getByTestId('screen-trend').locator('canvas').waitFor();
      await mapDrawn(page, 24, 6);
      await screenshot(page, 'screen-district');

      const street = await openPage(browser, stack.baseUrl(), { width: 1920, height: 1080 });
      await login(street, 'xa.supervisor');
      await openMenu(street, '指挥大屏');
      await street.getByTestId('screen').getByText('新安街道社会治理指挥中心').waitFor();
      await mapDrawn(street, 8, 5);
      await screenshot(street, 'screen-street');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'draws the grids over a configured tile service, shifted onto GCJ-02 tiles',
    async () => {
      // A local stand-in for a tile service (nothing is fetched from outside in tests): a plain tile.
      const requested: string[] = [];
      const tiles = createServer((req, res) => {
        requested.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
        res.end(TILE);
      });
      await new Promise<void>((done) => tiles.listen(0, '127.0.0.1', done));
      const { port } = tiles.address() as AddressInfo;
      const tiled = createTestStack({
        env: {
          WEB_DIR: path.join(ROOT, 'web', 'dist'),
          MAP_TILE_URLS: `http://127.0.0.1:${port}/{z}/{x}/{y}.png?key={key}`,
          MAP_TILE_KEY: 'test-key',
          MAP_TILE_CRS: 'GCJ02',
        },
      });
      try {
        if (!tiled.server.listening) await once(tiled.server, 'listening');
        const page = await openPage(browser, tiled.baseUrl());
        await login(page, 'xa.supervisor');
        await openMenu(page, '一图感知');
        const map = await mapDrawn(page, 8, 5);
        expect(await map.getAttribute('data-base-map')).toBe('GCJ02');
        expect(requested.length).toBeGreaterThan(0);
        expect(requested.every((u) => /^\/\d+\/\d+\/\d+\.png\?key=test-key$/.test(u))).toBe(true);
        // GCJ-02 lies a few hundred metres from WGS-84 here: G03's point is drawn shifted.
        const drawnAt = await map.evaluate((el, id) => {
          const m = (
            el as unknown as {
              olMap: {
                getAllLayers(): {
                  getSource(): {
                    getSource?(): {
                      getFeatureById(i: string): { getGeometry(): { getCoordinates(): number[] } };
                    };
                  };
                }[];
              };
            }
          ).olMap;
          return m.getAllLayers().at(-1)!.getSource().getSource!()
            .getFeatureById(id)
            .getGeometry()
            .getCoordinates();
        }, cases.g03.id);
        const [x, y] = mercator(atG03.longitude, atG03.latitude);
        const shift = Math.hypot(drawnAt[0] - x, drawnAt[1] - y);
        expect(shift).toBeGreaterThan(200);
        expect(shift).toBeLessThan(1000);
        await screenshot(page, 'map-tiles');
      } finally {
        await tiled.close();
        tiles.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('ran without a Content-Security-Policy refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
