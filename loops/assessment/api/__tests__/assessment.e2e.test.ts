/**
 * 考评 on the real stack: a seeded month of tasks, visits, verifications, reopens and cards
 * (inserted directly with known times), scored by the `assessment` process (the
 * `assessment-weights` decision in the engine, the workers), read back as 红黑榜 through the API.
 * Every expected figure is worked out by hand in the comments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agent } from 'supertest';
import {
  cspViolations,
  launchBrowser,
  login,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openMenu,
} from '../../../../test/browser';
import { ROOT } from '../../../../test/env';
import { PROCESSES_DIR } from '../../../../lib/processes';
import { monthKeyOf, monthPeriod, previousMonthPeriod } from '../../../../lib/assessment-period';
import { createTestStack, eventually } from '../../../../test/harness';
import { reportEvent, taskFor } from '../../../../test/events';
import { restoreFileDecision } from '../../../../test/designer';
import type { Counts } from '../../scoring';

const H = 3_600_000;
const DMN = path.join(PROCESSES_DIR, 'assessment-weights.dmn');

type Score = Counts & { id: string; unitId: string; score: number; rank: number | null };

describe('assessment scoring and rankings', () => {
  const stack = createTestStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  afterAll(async () => {
    // Leave the file's weights as the latest decision for whatever runs next on this engine.
    await restoreFileDecision(await stack.loginAs('designer'));
    await stack.close();
  });

  /**
   * One month's facts, all created on a Tuesday at 10:00 Shanghai (`base`), so "claimed within
   * 1 working day" means by Wednesday 10:00 (base + 24 h) for a task created at base.
   *
   * 海旺社区 BA-XA-C01 (its grid G01):
   *   a 处置   claimed +2h (in time)   due +72h, done +48h (on time)
   *   b 核查   created +1h, claimed +31h (late: limit +25h), due +49h, done +50h (late); 核查不通过 → rework
   *   c 回访   created +2h, completed +3h without a claim (the claim is the completion: in time), satisfied
   *   d 处置   created +3h, never claimed, open past its due date +27h: late on both
   *   one yellow card against G01; one 催办 (REMIND) card that does not count
   *   → response 2/4, on time 2/4, satisfaction 1/1, rework 1 (b) over 1 handled (a), yellow 1
   * 翻身社区 BA-XA-C02 (its own tasks and grid C02-G01):
   *   e 处置 at C02  claimed +1h, due +72h, done +24h
   *   f 回访 at C02-G01 for handler C02, claimed +2h, done +2h, 不满意
   *   a 重办 (reopened) against C02 at +48h; one red card against C02
   *   → response 2/2, on time 2/2, satisfaction 0/1, rework 1 over 1 handled, red 1
   * 固戍社区 BA-XX-C01 (grid G01): g 处置 claimed +1h, done +10h; h 回访 done +12h, 基本满意 → all full
   * 司法局 BA-D-JUSTICE: i 处置 claimed +26h (late), due +72h, done +96h (late); j claimed +2h, done +30h
   *   → response 1/2, on time 1/2, nothing to rate
   * And a task of 海旺 created the month after (late on everything), which must not count.
   */
  async function seedMonth(prefix: string, base: Date) {
    const at = (hours: number) => new Date(base.getTime() + hours * H);
    const eventFor = (id: string, gridId: string, gridPath: string) =>
      stack.prisma.event.create({
        data: {
          id: `${prefix}-${id}`,
          caseNo: `SJ-TEST-${prefix}-${id}`,
          categoryCode: 'environment',
          urgency: 'NORMAL',
          source: 'grid',
          gridId,
          gridPath,
          address: '测试地址',
          description: `考评测试 ${prefix} ${id}`,
          createdAt: base,
        },
      });
    const hw = await eventFor('E1', 'BA-XA-C01-G01', '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/');
    const fs = await eventFor('E2', 'BA-XA-C02-G01', '/BA/BA-XA/BA-XA-C02/BA-XA-C02-G01/');
    const gs = await eventFor('E3', 'BA-XX-C01-G01', '/BA/BA-XX/BA-XX-C01/BA-XX-C01-G01/');
    const sj = await eventFor('E4', 'BA-XX-C02-G01', '/BA/BA-XX/BA-XX-C02/BA-XX-C02-G01/');

    const task = (
      key: string,
      t: {
        elementId: string;
        orgId: string;
        orgPath: string;
        eventId: string;
        handlerUnitId?: string;
        created: number;
        claimed?: number;
        due: number;
        done?: number;
        canceled?: boolean;
        timeline?: Record<string, unknown>;
      },
    ) => ({
      key: `${prefix}-${key}`,
      processInstanceId: `${prefix}-pi`,
      processDefinitionId: `${prefix}-pd`,
      bpmnProcessId: 'event-handling',
      elementId: t.elementId,
      name: t.elementId,
      candidateGroups: [`unit:${t.orgId}`],
      orgId: t.orgId,
      orgPath: t.orgPath,
      variables: { eventId: t.eventId, handlerUnitId: t.handlerUnitId ?? t.orgId },
      createdAt: at(t.created),
      claimedAt: t.claimed === undefined ? null : at(t.claimed),
      dueDate: at(t.due),
      completedAt: t.done === undefined ? null : at(t.done),
      state: t.done === undefined ? ('OPEN' as const) : ('COMPLETED' as const),
    });
    const G01 = { orgId: 'BA-XA-C01-G01', orgPath: '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/', eventId: hw.id };
    const C02 = { orgId: 'BA-XA-C02', orgPath: '/BA/BA-XA/BA-XA-C02/', eventId: fs.id };
    const C02G = { orgId: 'BA-XA-C02-G01', orgPath: '/BA/BA-XA/BA-XA-C02/BA-XA-C02-G01/', eventId: fs.id };
    const XXG = { orgId: 'BA-XX-C01-G01', orgPath: '/BA/BA-XX/BA-XX-C01/BA-XX-C01-G01/', eventId: gs.id };
    const SJ = { orgId: 'BA-D-JUSTICE', orgPath: '/BA/BA-D-JUSTICE/', eventId: sj.id };
    const tasks = [
      task('a', { ...G01, elementId: 'handle', created: 0, claimed: 2, due: 72, done: 48 }),
      task('b', { ...G01, elementId: 'verify', created: 1, claimed: 31, due: 49, done: 50 }),
      task('c', { ...G01, elementId: 'visit', created: 2, claimed: 3, due: 50, done: 3 }),
      task('d', { ...G01, elementId: 'handle', created: 3, due: 27 }),
      task('e', { ...C02, elementId: 'handle', created: 0, claimed: 1, due: 72, done: 24 }),
      task('f', {
        ...C02G,
        elementId: 'visit',
        handlerUnitId: 'BA-XA-C02',
        created: 1,
        claimed: 2,
        due: 49,
        done: 2,
      }),
      task('g', { ...XXG, elementId: 'handle', created: 0, claimed: 1, due: 72, done: 10 }),
      task('h', { ...XXG, elementId: 'visit', created: 11, claimed: 12, due: 59, done: 12 }),
      task('i', { ...SJ, elementId: 'handle', created: 0, claimed: 26, due: 72, done: 96 }),
      task('j', { ...SJ, elementId: 'handle', created: 1, claimed: 2, due: 72, done: 30 }),
      // The month after: outside the period.
      task('late', {
        ...G01,
        elementId: 'handle',
        created: 24 * 40,
        claimed: 24 * 45,
        due: 24 * 41,
        done: 24 * 50,
      }),
    ];
    await stack.prisma.inboxTask.createMany({ data: tasks });
    const completion = (key: string, eventId: string, detail: Record<string, unknown>) => ({
      eventId,
      action: `completed:${key}`,
      dedupKey: `complete:${prefix}-${key}`,
      at: tasks.find((t) => t.key === `${prefix}-${key}`)!.completedAt!,
      detail: detail as never,
    });
    await stack.prisma.timelineEntry.createMany({
      data: [
        completion('b', hw.id, { verified: false }),
        completion('c', hw.id, { satisfaction: 'satisfied' }),
        completion('f', fs.id, { satisfaction: 'dissatisfied' }),
        completion('h', gs.id, { satisfaction: 'basic' }),
        { eventId: fs.id, action: 'reopened', unitId: 'BA-XA-C02', at: at(48), dedupKey: `reopen:${prefix}` },
      ],
    });
    const card = (kind: 'YELLOW' | 'RED' | 'REMIND', unitId: string, unitPath: string, eventId: string) => ({
      kind,
      unitId,
      unitPath,
      eventId,
      createdAt: at(30),
      dedupKey: `${prefix}-${kind}-${unitId}`,
    });
    await stack.prisma.supervisionCard.createMany({
      data: [
        card('YELLOW', G01.orgId, G01.orgPath, hw.id),
        card('REMIND', 'BA-XA-C01', '/BA/BA-XA/BA-XA-C01/', hw.id),
        card('RED', C02.orgId, C02.orgPath, fs.id),
      ],
    });
  }

  const lead = () => stack.loginAs('district.lead');
  /** The ranked units, best first, then those not ranked for having no work (rank null). */
  const ranking = async (agent: Agent, period: string, level: string) => {
    const { items, noWork } = (
      await agent.get('/api/assessment/rankings').query({ period, level }).expect(200)
    ).body as { items: Score[]; noWork: Score[] };
    return [...items, ...noWork];
  };
  const byUnit = (rows: Score[]) => Object.fromEntries(rows.map((r) => [r.unitId, [r.score, r.rank]]));

  /** Runs a month on demand and waits until its snapshot is stored. */
  async function runMonth(agent: Agent, period: string) {
    await agent.post('/api/assessment/runs').send({ period }).expect(202);
    return eventually(async () => {
      const runs = (await agent.get('/api/assessment/runs').expect(200)).body.items as {
        periodKey: string;
        status: string;
      }[];
      return runs.find((r) => r.periodKey === period && r.status === 'CLOSED');
    }, 30_000);
  }

  /** Waits until an instance has ended in the engine; its variables' last values from history. */
  async function endedWith(processInstanceId: string) {
    await eventually(async () => {
      const instance = await stack.engine.historicProcessInstance(processInstanceId);
      return instance.state === 'COMPLETED' ? instance : undefined;
    }, 30_000);
    return stack.engine.historicVariables(processInstanceId);
  }

  beforeAll(async () => {
    await seedMonth('A', new Date('2025-09-02T02:00:00Z')); // Tue 2 Sep 2025, 10:00 Shanghai
    await seedMonth('B', new Date('2025-11-04T02:00:00Z')); // Tue 4 Nov 2025, 10:00 Shanghai
    await seedPatrols();
  });

  /**
   * 巡查率: 海旺's grid G01 has a weekly quota of 60 minutes, 1 check-in, 1 building. September
   * 2025 began on a Monday, so four weeks ended in it (1–7, 8–14, 15–21, 22–28 Sep; 29 Sep–5 Oct
   * ends in October): the first walked 90 minutes with a check-in (met), the second 30 minutes with
   * one (short of minutes), the last two not at all → 1 of 4 weeks met.
   */
  async function seedPatrols() {
    const grid = { gridId: 'BA-XA-C01-G01', gridPath: '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/' };
    await stack.prisma.patrolQuota.create({
      data: { ...grid, minutes: 60, checkIns: 1, buildings: 1, setById: 'xa.staff' },
    });
    const walk = async (startedAt: string, minutes: number) =>
      stack.prisma.patrol.create({
        data: {
          ...grid,
          userId: 'grid.hw01',
          startedAt: new Date(startedAt),
          endedAt: new Date(Date.parse(startedAt) + minutes * 60_000),
          checkIns: { create: { buildingId: 'assessment-building', buildingCode: '0', method: 'qr' } },
        },
      });
    await walk('2025-09-02T01:00:00Z', 90);
    await walk('2025-09-09T01:00:00Z', 30);
  }

  let septemberStreets: Score[];

  it('scores a closed month with the default weights (30/35/35, rework 10, yellow −5, red −10)', async () => {
    const agent = await lead();
    await runMonth(agent, '2025-09');

    const communities = await ranking(agent, '2025-09', 'COMMUNITY');
    const c01 = communities.find((r) => r.unitId === 'BA-XA-C01')!;
    expect(c01).toMatchObject({
      responseOnTime: 2,
      responseTotal: 4,
      solvedOnTime: 2,
      solvedTotal: 4,
      satisfied: 1,
      visited: 1,
      reworked: 1,
      handled: 1,
      yellowCards: 1,
      redCards: 0,
    });
    // 海旺 C01: 30·2/4 + 35·2/4 + 35·1/1 = 67.5; − 10·(1/1) rework − 5 yellow = 52.5
    // 翻身 C02: 30 + 35 + 35·0 = 65; − 10 rework − 10 red = 45
    // 固戍 all full: 100, rank 1; the other three had no work: 100 by the formula, but not ranked
    expect(byUnit(communities)).toEqual({
      'BA-FY-C01': [100, null],
      'BA-FY-C02': [100, null],
      'BA-XX-C01': [100, 1],
      'BA-XX-C02': [100, null],
      'BA-XA-C01': [52.5, 2],
      'BA-XA-C02': [45, 3],
    });
    expect(communities.filter((r) => r.rank !== null).map((r) => r.unitId)).toEqual([
      'BA-XX-C01',
      'BA-XA-C01',
      'BA-XA-C02',
    ]);

    // 新安 BA-XA answers for both: response 4/6, on time 4/6, satisfaction 1/2, rework 2 over 2,
    // one yellow, one red: 20 + 23.333 + 17.5 = 60.833; − 10 − 5 − 10 = 35.83
    septemberStreets = await ranking(agent, '2025-09', 'STREET');
    expect(byUnit(septemberStreets)).toEqual({
      'BA-FY': [100, null],
      'BA-XX': [100, 1],
      'BA-XA': [35.83, 2],
    });

    // 司法局: response 1/2, on time 1/2, no visits: (30·½ + 35·½) / 65 · 100 = 50, the only one
    // ranked; the other eleven (the court among them) had no work (100 by the formula, not ranked)
    const departments = await ranking(agent, '2025-09', 'DEPARTMENT');
    expect(departments).toHaveLength(12);
    expect(byUnit(departments)['BA-D-JUSTICE']).toEqual([50, 1]);
    expect(departments.filter((d) => d.score === 100 && d.rank === null)).toHaveLength(11);
  });

  it('opens every figure onto the cases behind it', async () => {
    const agent = await lead();
    const c01 = (await ranking(agent, '2025-09', 'COMMUNITY')).find((r) => r.unitId === 'BA-XA-C01')!;
    const items = async (query: Record<string, string>) =>
      (await agent.get(`/api/assessment/scores/${c01.id}/items`).query(query).expect(200)).body;

    const missed = await items({ indicator: 'response', hit: 'false' });
    expect(missed.total).toBe(2);
    expect(missed.items.map((i: { task: { key: string } }) => i.task.key)).toEqual(['A-b', 'A-d']);
    expect(missed.items[0].event.caseNo).toBe('SJ-TEST-A-E1');
    expect((await items({ indicator: 'response' })).total).toBe(4);
    const rework = await items({ indicator: 'rework' });
    expect(rework.items.map((i: { task: { key: string } }) => i.task.key)).toEqual(['A-b']);
    const yellow = await items({ indicator: 'yellow' });
    expect(yellow.total).toBe(1);
    expect(yellow.items[0].cardId).toMatch(/^\d+$/);

    const bad = await agent
      .get(`/api/assessment/scores/${c01.id}/items`)
      .query({ indicator: 'nope' })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['indicator']);
  });

  it('counts 巡查率 with weight 0 by default: in the breakdown, nothing in the score', async () => {
    const agent = await lead();
    const communities = await ranking(agent, '2025-09', 'COMMUNITY');
    const c01 = communities.find((r) => r.unitId === 'BA-XA-C01')!;
    // The breakdown has the patrol weeks; the score is the 52.5 of the first test (weight 0).
    expect(c01).toMatchObject({ patrolWeeks: 4, patrolWeeksMet: 1, score: 52.5 });
    expect(communities.find((r) => r.unitId === 'BA-XA-C02')).toMatchObject({ patrolWeeks: 0 });
    expect((await ranking(agent, '2025-09', 'STREET')).find((r) => r.unitId === 'BA-XA')).toMatchObject({
      patrolWeeks: 4,
      patrolWeeksMet: 1,
      score: 35.83,
    });
    const weeks = (
      await agent.get(`/api/assessment/scores/${c01.id}/items`).query({ indicator: 'patrol' }).expect(200)
    ).body.items as { gridId: string; hit: boolean; at: string }[];
    expect(weeks.map((w) => [w.gridId, w.hit, w.at])).toEqual([
      ['BA-XA-C01-G01', true, '2025-08-31T16:00:00.000Z'],
      ['BA-XA-C01-G01', false, '2025-09-07T16:00:00.000Z'],
      ['BA-XA-C01-G01', false, '2025-09-14T16:00:00.000Z'],
      ['BA-XA-C01-G01', false, '2025-09-21T16:00:00.000Z'],
    ]);
    // Given weight 20 in a draft (试算): full 120; 15 + 17.5 + 35 + 20·¼ = 72.5; − 10 − 5 = 57.5.
    const xml = readFileSync(DMN, 'utf8').replace(
      '<outputEntry id="r1-patrol"><text>0</text>',
      '<outputEntry id="r1-patrol"><text>20</text>',
    );
    const trial = (await agent.post('/api/assessment/trials').send({ period: '2025-09', xml }).expect(200))
      .body as { units: { unitId: string; level: string; scoreBefore: number; scoreAfter: number }[] };
    expect(trial.units.find((u) => u.unitId === 'BA-XA-C01')).toMatchObject({
      scoreBefore: 52.5,
      scoreAfter: 57.5,
    });
  });

  it('shows a street its own subtree only, and only the district starts a run', async () => {
    const street = await stack.loginAs('xa.supervisor');
    expect((await ranking(street, '2025-09', 'STREET')).map((r) => r.unitId)).toEqual(['BA-XA']);
    expect((await ranking(street, '2025-09', 'COMMUNITY')).map((r) => r.unitId)).toEqual([
      'BA-XA-C01',
      'BA-XA-C02',
    ]);
    expect(await ranking(street, '2025-09', 'DEPARTMENT')).toEqual([]);
    const sibling = (await ranking(await lead(), '2025-09', 'COMMUNITY')).find(
      (r) => r.unitId === 'BA-XX-C01',
    )!;
    await street
      .get(`/api/assessment/scores/${sibling.id}/items`)
      .query({ indicator: 'response' })
      .expect(404);
    await street.post('/api/assessment/runs').send({ period: '2025-10' }).expect(403);
    await (
      await stack.loginAs('xa.staff')
    )
      .get('/api/assessment/rankings')
      .query({ period: '2025-09', level: 'STREET' })
      .expect(403);
    await stack.http().get('/api/assessment/runs').expect(401);
  });

  it('refuses bad periods with the field named', async () => {
    const agent = await lead();
    const bad = await agent.post('/api/assessment/runs').send({ period: '2025-13' }).expect(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'period' })]);
    const future = await agent.post('/api/assessment/runs').send({ period: '2999-01' }).expect(400);
    expect(future.body.error.fields[0].message.en).toBe('The period has not started yet');
    await agent.get('/api/assessment/rankings').query({ period: '1999-01', level: 'STREET' }).expect(404);
  });

  it('scores the next month with the weights a designer changed in the decision; the closed month stays', async () => {
    // The designer's edit: response weight 30 → 50, yellow card −5 → −20.
    const xml = readFileSync(DMN, 'utf8')
      .replace(
        '<outputEntry id="r1-response"><text>30</text>',
        '<outputEntry id="r1-response"><text>50</text>',
      )
      .replace('<outputEntry id="r1-yellow"><text>5</text>', '<outputEntry id="r1-yellow"><text>20</text>');
    expect(xml).toContain('<text>50</text>');
    // Deployed as the designer does it (流程设计 → 决策表), through the API.
    await (await stack.loginAs('designer')).post('/api/processes/decisions').send({ xml }).expect(201);

    const agent = await lead();
    await runMonth(agent, '2025-11');
    // Full weight is now 120. 海旺 C01: 50·½ + 35·½ + 35 = 77.5; − 10 − 20 = 47.5
    // 翻身 C02: 50 + 35 + 0 = 85; − 10 − 10 = 65 — now ahead of 海旺
    expect(byUnit(await ranking(agent, '2025-11', 'COMMUNITY'))).toEqual({
      'BA-FY-C01': [120, null],
      'BA-FY-C02': [120, null],
      'BA-XX-C01': [120, 1],
      'BA-XX-C02': [120, null],
      'BA-XA-C02': [65, 2],
      'BA-XA-C01': [47.5, 3],
    });
    // 新安: 50·4/6 + 35·4/6 + 35·½ = 74.167; − 10 − 20 − 10 = 34.17
    expect(byUnit(await ranking(agent, '2025-11', 'STREET'))).toEqual({
      'BA-FY': [120, null],
      'BA-XX': [120, 1],
      'BA-XA': [34.17, 2],
    });
    // 司法局: (50·½ + 35·½) / 85 · 120 = 60
    expect(byUnit(await ranking(agent, '2025-11', 'DEPARTMENT'))['BA-D-JUSTICE']).toEqual([60, 1]);

    // September is closed: a second run is refused and its snapshot is what it was.
    const refused = await agent.post('/api/assessment/runs').send({ period: '2025-09' }).expect(409);
    expect(refused.body.error.code).toBe('error.assessmentClosed');
    expect(await ranking(agent, '2025-09', 'STREET')).toEqual(septemberStreets);
    // Started in the engine past the API's check (a second schedule, a re-delivered job), the
    // process ends without touching the closed snapshot — with the new weights deployed.
    const before = await stack.prisma.assessmentRun.findUniqueOrThrow({ where: { periodKey: '2025-09' } });
    const again = await stack.engine.startByMessage('assessment-run', { ...monthPeriod('2025-09') });
    expect(await endedWith(again)).toMatchObject({ runId: before.id, closed: true });
    expect(await stack.prisma.assessmentRun.findUniqueOrThrow({ where: { periodKey: '2025-09' } })).toEqual(
      before,
    );
    expect(await ranking(agent, '2025-09', 'STREET')).toEqual(septemberStreets);

    const trend = (await agent.get('/api/assessment/trend').query({ level: 'STREET' }).expect(200)).body;
    const xa = trend.series.find((s: { unitId: string }) => s.unitId === 'BA-XA');
    const col = (p: string) => trend.periods.indexOf(p);
    expect([xa.scores[col('2025-09')], xa.scores[col('2025-11')]]).toEqual([35.83, 34.17]);
  });

  it(
    'shows the 红黑榜 in the browser: bars, table, and the cases behind a figure',
    async () => {
      const browser = await launchBrowser();
      try {
        const base = stack.baseUrl();
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        page.setDefaultTimeout(15_000);
        await page.goto(base);
        await login(page, 'district.lead');
        await openMenu(page, '考评排名');
        // November, chosen: the newest month shown first may be this month's, which the schedule's
        // timer can run at any moment while the suite runs.
        await page.getByTestId('period').click();
        await page.locator('.ant-select-item-option', { hasText: '2025-11' }).click();
        const row = page.getByTestId('ranking-table').getByRole('row', { name: /新安街道/ });
        await row.getByText('34.17').waitFor();
        await page.locator('canvas').first().waitFor();
        await page.waitForTimeout(1200); // the bars grow in an animation
        await screenshot(page, 'rankings');
        // 签收及时率 4/6 (the first of the two 4/6 figures; 按期办结率 is the other) opens onto its six tasks.
        await row
          .getByRole('button', { name: /66\.7% \(4\/6\)/ })
          .first()
          .click();
        const drill = page.getByTestId('drill-table');
        await drill.getByText('SJ-TEST-B-E1').first().waitFor();
        expect(await drill.locator('tbody tr.ant-table-row').count()).toBe(6);
        await screenshot(page, 'rankings-cases');

        // A street supervisor on a phone (the shell's header menu folds away below ~500 px, so the
        // page is opened at desktop width and the window narrowed): its own communities only.
        const phone = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        phone.setDefaultTimeout(15_000);
        await phone.goto(base);
        await login(phone, 'xa.supervisor');
        await openMenu(phone, '考评排名');
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.getByTestId('period').click();
        await phone.locator('.ant-select-item-option', { hasText: '2025-11' }).click();
        await phone.getByTestId('ranking-table').getByText('海旺社区').waitFor();
        expect(await phone.getByTestId('ranking-table').getByText('固戍社区').count()).toBe(0);
        await phone.waitForTimeout(1200);
        await screenshot(phone, 'rankings-phone');
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('records the first claim as the response time, and a completion without a claim as one', async () => {
    const member = await stack.loginAs('grid.hw02');
    const event = await reportEvent(member, { gridId: 'BA-XA-C01-G02', description: '考评签收测试' });
    const claimedAt = async (key: string) =>
      (await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key } })).claimedAt;

    // 处置: claimed, given back, claimed again, completed: the first claim is the response time.
    const handle = await taskFor(member, event.id, 'handle');
    await member.post(`/api/tasks/${handle.key}/claim`).expect(200);
    const first = await claimedAt(handle.key);
    expect(first).toBeInstanceOf(Date);
    await member.post(`/api/tasks/${handle.key}/unclaim`).expect(200);
    await member.post(`/api/tasks/${handle.key}/claim`).expect(200);
    await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已处理' } })
      .expect(200);
    expect(await claimedAt(handle.key)).toEqual(first);

    // 核查 (the community's: four eyes) completed straight away: the completion is the claim.
    const community = await stack.loginAs('haiwang.staff');
    const verify = await taskFor(community, event.id, 'verify');
    expect(await claimedAt(verify.key)).toBeNull();
    const sent = new Date();
    await community
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);
    const answered = new Date();
    const row = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } });
    expect(row.state).toBe('COMPLETED');
    expect(row.claimedAt!.getTime()).toBeGreaterThanOrEqual(sent.getTime());
    expect(row.claimedAt!.getTime()).toBeLessThanOrEqual(answered.getTime());
  });

  it('runs by itself on the timer start: the month before the fire time, a closed month left as it is', async () => {
    // The timer start's job, due on the engine's cron (default: the 1st of each month, 01:00 Shanghai).
    const timerJob = async () => {
      const jobs = await stack.engine.jobs({
        processDefinitionKey: 'assessment',
        activityId: 'schedule-start',
      });
      expect(jobs).toHaveLength(1);
      return jobs[0];
    };
    const job = await timerJob();
    const due = new Date(Date.parse(job.dueDate!) + 8 * H); // as a Shanghai wall clock
    expect([due.getUTCDate(), due.getUTCHours(), due.getUTCMinutes(), due.getUTCSeconds()]).toEqual([
      1, 1, 0, 0,
    ]);
    expect(Date.parse(job.dueDate!)).toBeGreaterThan(Date.now());

    /** Fires the timer now, as the job executor would at its due time; the instance it started. */
    const fire = async (jobId: string) => {
      const known = async () =>
        (
          await stack.engine.historicProcessInstances({
            processDefinitionKey: 'assessment',
            executedActivityIdIn: 'schedule-start',
          })
        ).map((p) => p.id!);
      const earlier = new Set(await known());
      await stack.engine.executeJob(jobId);
      const [started, ...more] = (await known()).filter((id) => !earlier.has(id));
      expect(more).toEqual([]);
      return started;
    };

    const first = await fire(job.id!);
    const vars = await endedWith(first);
    const firedAt = new Date((await stack.engine.historicProcessInstance(first)).startTime!);
    const period = previousMonthPeriod(firedAt);
    expect(period.periodKey).not.toBe(monthKeyOf(firedAt));
    expect(vars).toMatchObject({ ...period, closed: true });
    const run = await stack.prisma.assessmentRun.findUniqueOrThrow({
      where: { periodKey: period.periodKey },
    });
    expect(run).toMatchObject({
      id: vars.runId,
      status: 'CLOSED',
      processInstanceId: first,
      periodStart: new Date(period.periodStart),
      periodEnd: new Date(period.periodEnd),
    });
    const agent = await lead();
    expect(await ranking(agent, period.periodKey, 'STREET')).toHaveLength(3);
    expect(await ranking(agent, period.periodKey, 'DEPARTMENT')).toHaveLength(12);

    // The cycle goes on: a new timer job for the next 1st. Fired again at once (a second node, a
    // re-run), it scores the same closed month and leaves its snapshot as it was.
    const next = await timerJob();
    expect(next.id).not.toBe(job.id);
    const scores = await ranking(agent, period.periodKey, 'COMMUNITY');
    const second = await fire(next.id!);
    expect(await endedWith(second)).toMatchObject({
      periodKey: period.periodKey,
      runId: run.id,
      closed: true,
    });
    expect(
      await stack.prisma.assessmentRun.findUniqueOrThrow({ where: { periodKey: period.periodKey } }),
    ).toEqual(run);
    expect(await ranking(agent, period.periodKey, 'COMMUNITY')).toEqual(scores);
  });

  it('ran without a Content-Security-Policy refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
