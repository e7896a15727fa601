/**
 * 一图感知 and 大屏 on the real stack (engine, workers, PostgreSQL): grid boundaries, case points
 * and overdue counts within the caller's subtree only, the filters, the grid of a location by
 * point in polygon (and a report that takes its grid from it), and the command-centre summary.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { Agent } from 'supertest';
import { createTestStack, eventually, suiteStack } from '../../../../../test/harness';
import { pointIn, reportEvent, taskFor } from '../../../../../test/events';
import { testBuilding } from '../../../../../test/buildings';

type Feature = {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
};
type Case = {
  id: string;
  deadline: string | null;
  category: string;
  level: string;
  status: string;
  placedAtGrid?: boolean;
};

const ids = (fc: { features: Feature[] }) => fc.features.map((f) => f.id);

describe('map and command-centre screen', () => {
  const stack = suiteStack({ workers: true });
  let hw01: Agent;
  let gs01: Agent;
  let xaSup: Agent;
  const mine: Record<'xa' | 'yellow' | 'red' | 'xx' | 'unlocated', string> = {} as never;

  beforeAll(async () => {
    // Handling urban-management events at grid level is yellow after about a second (red far off);
    // verifying safety hazards is red after about two: the deadline colours without waiting days.
    await stack.prisma.slaRule.createMany({
      data: [
        {
          step: 'handle',
          level: 'GRID',
          urgency: 'NORMAL',
          category: 'urban-management',
          unit: 'hours',
          yellow: 0.0003,
          red: 1000,
        },
        {
          step: 'verify',
          level: 'GRID',
          urgency: 'NORMAL',
          category: 'safety-hazard',
          unit: 'hours',
          yellow: 0.0003,
          red: 0.0006,
        },
      ],
    });
    [hw01, gs01, xaSup] = await Promise.all(
      ['grid.hw01', 'grid.gs01', 'xa.supervisor'].map((u) => stack.loginAs(u)),
    );
    const at = pointIn('BA-XA-C01-G01');
    mine.xa = (await reportEvent(hw01, { ...at, category: 'environment' })).id;
    mine.yellow = (await reportEvent(hw01, { ...at, category: 'urban-management' })).id;
    mine.red = (await reportEvent(hw01, { ...at, category: 'safety-hazard' })).id;
    mine.unlocated = (await reportEvent(hw01, { category: 'environment' })).id;
    mine.xx = (
      await reportEvent(gs01, {
        ...pointIn('BA-XX-C01-G01'),
        gridId: 'BA-XX-C01-G01',
        category: 'environment',
      })
    ).id;
    const handle = await taskFor(hw01, mine.red, 'handle');
    await hw01
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已处理' } })
      .expect(200);
    // 核查 is the community's: four eyes (the grid's only member reported and handled it).
    await taskFor(await stack.loginAs('haiwang.staff'), mine.red, 'verify');
  });

  afterAll(async () => {
    await stack.prisma.slaRule.deleteMany({
      where: { category: { in: ['urban-management', 'safety-hazard'] } },
    });
  });

  it('draws the grids of the caller’s area only: a street sees its 8 grids, never a sibling street’s', async () => {
    const xa = (await xaSup.get('/api/map/grids').expect(200)).body;
    expect(xa.type).toBe('FeatureCollection');
    expect(ids(xa)).toHaveLength(8);
    expect(ids(xa).every((id) => id.startsWith('BA-XA-'))).toBe(true);
    const g01 = xa.features.find((f: Feature) => f.id === 'BA-XA-C01-G01');
    expect(g01.geometry.type).toBe('Polygon');
    expect(g01.properties).toMatchObject({ communityName: '海旺社区', streetName: '新安街道' });

    expect(ids((await hw01.get('/api/map/grids').expect(200)).body)).toEqual(['BA-XA-C01-G01']);
    const lead = await stack.loginAs('district.lead');
    expect(ids((await lead.get('/api/map/grids').expect(200)).body)).toHaveLength(24);
    expect(ids((await lead.get('/api/map/grids').query({ unit: 'BA-XX' }).expect(200)).body)).toHaveLength(8);
    // A sibling street, a unit above the caller, an unknown unit: all missing.
    await xaSup.get('/api/map/grids').query({ unit: 'BA-XX' }).expect(404);
    await hw01.get('/api/map/grids').query({ unit: 'BA-XA' }).expect(404);
    await xaSup.get('/api/map/grid-stats').query({ unit: 'NO-SUCH' }).expect(404);
  });

  it('hands the browser the configured base map, and lets its tiles past the Content-Security-Policy', async () => {
    const none = await xaSup.get('/api/map/config').expect(200);
    expect(none.body).toEqual({ tiles: [], crs: 'WGS84' });
    expect(none.headers['content-security-policy']).toContain("img-src 'self' data: blob:;");
    const tianditu = createTestStack({
      env: {
        MAP_TILE_URLS:
          'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key},https://t{0-7}.tianditu.gov.cn/cva_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
        MAP_TILE_KEY: 'k&1',
      },
    });
    try {
      const res = await (await tianditu.loginAs('grid.hw01')).get('/api/map/config').expect(200);
      expect(res.body.crs).toBe('WGS84');
      expect(res.body.tiles).toHaveLength(2);
      expect(res.body.tiles[0]).toMatch(/^https:\/\/t\{0-7\}\.tianditu\.gov\.cn\/vec_w\/.*&tk=k%261$/);
      expect(res.headers['content-security-policy']).toContain(
        "img-src 'self' data: blob: https://*.tianditu.gov.cn;",
      );
      await tianditu.http().get('/api/map/config').expect(401);
    } finally {
      await tianditu.close();
    }
    // A template that is not a URL stops the API at start, naming the variable.
    expect(() => createTestStack({ env: { MAP_TILE_URLS: 'tiles/{z}/{x}/{y}.png' } })).toThrow(
      /MAP_TILE_URLS/,
    );
  });

  it('finds the grid of a location by its boundary, within the caller’s area only', async () => {
    const lead = await stack.loginAs('district.lead');
    // Every demo grid's inner point lands in that grid and no other.
    for (const grid of [
      'BA-XA-C01-G01',
      'BA-XA-C01-G04',
      'BA-XA-C02-G03',
      'BA-XX-C02-G02',
      'BA-FY-C02-G04',
    ]) {
      const { latitude: lat, longitude: lng } = pointIn(grid);
      const res = await lead.get('/api/map/grid-at').query({ lat, lng }).expect(200);
      expect(res.body.grid).toMatchObject({ id: grid });
    }
    const inXX = pointIn('BA-XX-C01-G01');
    await xaSup.get('/api/map/grid-at').query({ lat: inXX.latitude, lng: inXX.longitude }).expect(404);
    // The sea west of Bao'an: no grid.
    const sea = await lead.get('/api/map/grid-at').query({ lat: 22.5, lng: 113.7 }).expect(404);
    expect(sea.body.error.message['zh-CN']).toContain('网格');
    const bad = await lead.get('/api/map/grid-at').query({ lat: 'north', lng: 200 }).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['lat', 'lng']);
  });

  it('gives a report with a location its grid, and keeps the located grid beside the one confirmed', async () => {
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id: mine.xa } });
    expect(event).toMatchObject({ gridId: 'BA-XA-C01-G01', locatedGridId: 'BA-XA-C01-G01' });

    // Reported without a grid: the location decides.
    const staff = await stack.loginAs('haiwang.staff');
    const located = await reportEvent(staff, { ...pointIn('BA-XA-C01-G03'), gridId: undefined });
    expect(await stack.prisma.event.findUniqueOrThrow({ where: { id: located.id } })).toMatchObject({
      gridId: 'BA-XA-C01-G03',
      locatedGridId: 'BA-XA-C01-G03',
    });
    // The reporter chose another grid than the location's: both kept.
    const chosen = await reportEvent(staff, { ...pointIn('BA-XA-C01-G02'), gridId: 'BA-XA-C01-G01' });
    expect(await stack.prisma.event.findUniqueOrThrow({ where: { id: chosen.id } })).toMatchObject({
      gridId: 'BA-XA-C01-G01',
      locatedGridId: 'BA-XA-C01-G02',
    });

    const body = { category: 'environment', urgency: 'NORMAL', address: '某处', description: '定位测试' };
    const before = await stack.prisma.event.count();
    // Outside the reporter's area, no location at all, half a location: refused, nothing written.
    const outside = await hw01
      .post('/api/events')
      .send({ ...body, ...pointIn('BA-XX-C01-G01') })
      .expect(400);
    expect(outside.body.error.fields[0]).toMatchObject({ field: 'gridId' });
    const none = await hw01.post('/api/events').send(body).expect(400);
    expect(none.body.error.fields[0].message.en).toMatch(/grid or give the location/);
    const half = await hw01
      .post('/api/events')
      .send({ ...body, latitude: 22.55 })
      .expect(400);
    expect(half.body.error.fields[0]).toMatchObject({ field: 'longitude' });
    expect(await stack.prisma.event.count()).toBe(before);
  });

  it('puts the area’s located cases on the map with their deadline colour, filtered, never another street’s', async () => {
    const points = async (agent: Agent, query: Record<string, string> = {}) => {
      const res = await agent.get('/api/map/cases').query(query).expect(200);
      return res.body as { features: (Feature & { properties: Case })[]; unlocated: number };
    };
    const all = await points(xaSup);
    const found = ids(all);
    expect(found).toEqual(expect.arrayContaining([mine.xa, mine.yellow, mine.red]));
    expect(found).not.toContain(mine.xx);
    // Reported without a location: counted, and drawn at its grid's centre, marked as placed there.
    expect(all.unlocated).toBeGreaterThanOrEqual(1);
    const placed = all.features.find((f) => f.id === mine.unlocated)!;
    expect(placed.properties.placedAtGrid).toBe(true);
    const grid01 = await stack.prisma.org.findUniqueOrThrow({ where: { id: 'BA-XA-C01-G01' } });
    expect(
      booleanPointInPolygon(placed.geometry as Point, grid01.boundary as unknown as Polygon | MultiPolygon),
    ).toBe(true);
    expect(all.features.find((f) => f.id === mine.xa)!.properties.placedAtGrid).toBe(false);
    const xa = all.features.find((f) => f.id === mine.xa)!;
    const [lng, lat] = xa.geometry.coordinates as number[];
    expect(lng).toBeCloseTo(pointIn('BA-XA-C01-G01').longitude, 9);
    expect(lat).toBeCloseTo(pointIn('BA-XA-C01-G01').latitude, 9);
    expect(xa.properties).toMatchObject({
      category: 'environment',
      level: 'GRID',
      status: 'OPEN',
      deadline: 'onTime',
    });
    expect(ids(await points(gs01))).toContain(mine.xx);
    expect(ids(await points(gs01))).not.toContain(mine.xa);

    // Deadline colours from the open steps' yellow and red times (a second or two after reporting).
    const colourOf = async (id: string) =>
      (await points(xaSup)).features.find((f) => f.id === id)!.properties.deadline;
    await eventually(async () => ((await colourOf(mine.yellow)) === 'yellow' ? true : undefined));
    await eventually(async () => ((await colourOf(mine.red)) === 'red' ? true : undefined));
    const reds = ids(await points(xaSup, { deadline: 'red' }));
    expect(reds).toContain(mine.red);
    expect(reds).not.toContain(mine.yellow);

    // Filters: category, state, level, time range.
    const env = await points(xaSup, { category: 'environment' });
    expect(ids(env)).toContain(mine.xa);
    expect(env.features.every((f) => f.properties.category === 'environment')).toBe(true);
    expect(ids(await points(xaSup, { state: 'ARCHIVED' }))).not.toContain(mine.xa);
    expect(ids(await points(xaSup, { level: 'STREET' }))).not.toContain(mine.xa);
    expect(ids(await points(xaSup, { level: 'GRID' }))).toContain(mine.xa);
    const since = stack.since.toISOString();
    expect(ids(await points(xaSup, { from: since }))).toContain(mine.xa);
    expect(ids(await points(xaSup, { to: since }))).not.toContain(mine.xa);
    const reversed = await xaSup
      .get('/api/map/cases')
      .query({ from: '2026-12-02', to: '2026-12-01' })
      .expect(400);
    expect(reversed.body.error.fields[0].field).toBe('to');
    await xaSup.get('/api/map/cases').query({ state: 'LOST' }).expect(400);
    // A date JavaScript holds and PostgreSQL does not (the year 275760): refused, not a 500.
    await xaSup.get('/api/map/cases').query({ from: '8640000000000000' }).expect(400);
    await xaSup.get('/api/map/cases').query({ unit: 'BA-XX' }).expect(404);
  });

  it('counts open and overdue cases per grid, and lists a grid’s open cases on click', async () => {
    const stats = (await xaSup.get('/api/map/grid-stats').expect(200)).body;
    expect(stats.items).toHaveLength(8);
    const g01 = stats.items.find((i: { gridId: string }) => i.gridId === 'BA-XA-C01-G01');
    expect(g01.open).toBeGreaterThanOrEqual(4);
    expect(g01.yellow).toBeGreaterThanOrEqual(1);
    expect(g01.red).toBeGreaterThanOrEqual(1);
    // No key-person register on this branch: the extension point answers null, not a made-up 0.
    expect(g01.keyPersons).toBeNull();

    const grid = (await xaSup.get('/api/map/grids/BA-XA-C01-G01/cases').expect(200)).body;
    expect(grid.grid.name).toBe('海旺社区第1网格');
    expect(grid.items.map((c: Case) => c.id)).toEqual(
      expect.arrayContaining([mine.xa, mine.yellow, mine.red, mine.unlocated]),
    );
    expect(grid.red).toBe(grid.items.filter((c: Case) => c.deadline === 'red').length);
    expect(grid.red).toBeGreaterThanOrEqual(1);
    await xaSup.get('/api/map/grids/BA-XX-C01-G01/cases').expect(404);
    await (await stack.loginAs('grid.hw02')).get('/api/map/grids/BA-XA-C01-G01/cases').expect(404);
    await xaSup.get('/api/map/grids/BA-XA/cases').expect(404);
  });

  it('sums a street’s day, overdue work, ranking and trend for its 大屏, and nothing of a sibling street', async () => {
    const busy = await testBuilding(stack.prisma, { lat: 22.5561, lng: 113.8851 }, '大屏');
    for (const description of ['外墙脱落', '楼道堵塞'])
      await hw01
        .post('/api/events')
        .send({ category: 'environment', urgency: 'NORMAL', buildingId: busy.id, description })
        .expect(201);
    const summary = (await xaSup.get('/api/screen/summary').expect(200)).body;
    expect(summary.unit).toMatchObject({ id: 'BA-XA', type: 'STREET' });
    expect(summary.today.total).toBeGreaterThanOrEqual(6);
    expect(summary.today.byCategory.map((c: { category: string }) => c.category)).toEqual(
      expect.arrayContaining(['environment', 'urban-management', 'safety-hazard']),
    );
    expect(summary.overdue.red).toBeGreaterThanOrEqual(1);
    expect(summary.overdue.yellow).toBeGreaterThanOrEqual(1);
    expect(summary.ranking.map((r: { unitId: string }) => r.unitId).sort()).toEqual([
      'BA-XA-C01',
      'BA-XA-C02',
    ]);
    const haiwang = summary.ranking.find((r: { unitId: string }) => r.unitId === 'BA-XA-C01');
    expect(haiwang.red).toBeGreaterThanOrEqual(1);
    // 块数据: the buildings reported at, the busiest first, open cases counted.
    expect(summary.buildings.map((b: { id: string }) => b.id)).toContain(busy.id);
    expect(summary.buildings.find((b: { id: string }) => b.id === busy.id)).toMatchObject({
      address: busy.address,
      reported30: 2,
      open: 2,
    });
    const counts = summary.buildings.map((b: { reported30: number }) => b.reported30);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    expect(summary.trend.days).toHaveLength(30);
    expect(summary.trend.reported.at(-1)).toBeGreaterThanOrEqual(6);

    // The district sees all three streets; the sibling street's own screen does not count XA's cases.
    const lead = await stack.loginAs('district.lead');
    const district = (await lead.get('/api/screen/summary').expect(200)).body;
    expect(district.ranking.map((r: { unitId: string }) => r.unitId).sort()).toEqual([
      'BA-FY',
      'BA-XA',
      'BA-XX',
    ]);
    // Ranked by the 办结率 the ranking names: a street that received nothing has no rate and
    // comes last, not first as it did when the fewest overdue led.
    type Row = { unitId: string; closedRate: number | null; reported30: number; archived30: number };
    const rows: Row[] = district.ranking;
    for (const r of rows) expect(r.closedRate).toBe(r.reported30 ? r.archived30 / r.reported30 : null);
    const rates = rows.map((r) => r.closedRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const xx = (await lead.get('/api/screen/summary').query({ unit: 'BA-XX' }).expect(200)).body;
    // Today's totals are exactly the street's own reports since the Asia/Shanghai midnight.
    const midnight = new Date(
      Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000,
    );
    for (const [street, answer] of [
      ['BA-XA', summary],
      ['BA-XX', xx],
    ] as const)
      expect(answer.today.total).toBe(
        await stack.prisma.event.count({
          where: { gridPath: { startsWith: `/BA/${street}/` }, createdAt: { gte: midnight } },
        }),
      );
    expect(xx.ranking.map((r: { unitId: string }) => r.unitId).sort()).toEqual(['BA-XX-C01', 'BA-XX-C02']);
    await xaSup.get('/api/screen/summary').query({ unit: 'BA-XX' }).expect(404);
    await (await stack.loginAs('xa.staff')).get('/api/screen/summary').expect(403);
  });
});
