/**
 * Issue 28 through the HTTP API and the real engine: a 民调 draw with a fixed seed gives the same
 * cases twice (and its replay agrees), 不满意 reopens the case through its reopen path; events that
 * trip an early-warning rule give one warning and one 研判 task, none below the threshold and none
 * again in the same window; a patrol's hostile input is refused with 400s naming the field and
 * nothing written.
 */
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../test/harness';
import { taskFor } from '../../../../test/events';
import { otherDistrictCode, testBuilding } from '../../../../test/buildings';
import recordSurvey from '../../workers/record.worker';

jest.setTimeout(60_000);

type InboxItem = { key: string; elementId: string; variables: Record<string, unknown> };

/** The smallest upload the attachments route takes as a photo (a JPEG's magic bytes). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);

describe('民调, 预警 and 巡查', () => {
  const stack = suiteStack({ workers: true });
  let district: Agent;
  let suffix: string;
  beforeAll(async () => {
    district = await stack.loginAs('district.lead');
    suffix = Date.now().toString(36);
  });

  /** Events written straight to the database (no cycle): what the draw and the rules count. */
  async function events(
    n: number,
    fields: {
      gridId: string;
      categoryCode: string;
      archivedAt?: Date;
      createdAt?: Date;
      buildingId?: string;
      address?: string;
    },
  ) {
    const grid = await stack.prisma.org.findUniqueOrThrow({ where: { id: fields.gridId } });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const e = await stack.prisma.event.create({
        data: {
          caseNo: `T28-${suffix}-${fields.gridId}-${fields.categoryCode}-${ids.length}-${Math.random().toString(36).slice(2, 7)}`,
          categoryCode: fields.categoryCode,
          urgency: 'NORMAL',
          source: 'grid',
          gridId: grid.id,
          gridPath: grid.path,
          handlerUnitId: grid.id,
          address: fields.address ?? '海旺社区 8 栋',
          buildingId: fields.buildingId,
          description: '测试',
          status: fields.archivedAt ? 'ARCHIVED' : 'OPEN',
          ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
        },
      });
      if (fields.archivedAt)
        await stack.prisma.timelineEntry.create({
          data: {
            eventId: e.id,
            action: 'archived',
            at: fields.archivedAt,
            dedupKey: `archive:test:${e.id}`,
            detail: { satisfaction: 'satisfied' },
          },
        });
      ids.push(e.id);
    }
    return ids;
  }

  /** The 研判 tasks of a warning in the caller's inbox, once there are any. */
  const reviewsOf = (agent: Agent, warningId: string) =>
    eventually(async () => {
      const res = await agent
        .get('/api/inbox')
        .query({ process: 'early-warning-review', pageSize: 100 })
        .expect(200);
      const mine = (res.body.items as InboxItem[]).filter((t) => t.variables.warningId === warningId);
      return mine.length ? mine : undefined;
    });

  it('draws the same cases twice from a fixed seed, stratified by unit and category', async () => {
    const at = new Date('2026-03-15T04:00:00Z');
    await events(6, { gridId: 'BA-XA-C01-G01', categoryCode: 'environment', archivedAt: at });
    await events(2, { gridId: 'BA-XA-C01-G01', categoryCode: 'public-security', archivedAt: at });
    await events(3, { gridId: 'BA-XA-C01-G02', categoryCode: 'environment', archivedAt: at });
    const body = { period: '2026-03', seed: 'fixed-seed-28', share: 0.5, minPerUnit: 2 };
    const first = (await district.post('/api/sampling/preview').send(body).expect(200)).body;
    const second = (await district.post('/api/sampling/preview').send(body).expect(200)).body;
    expect(first.archived).toBe(11);
    expect(second.cases).toEqual(first.cases);
    // G01: 8 cases → 4 (3 environment, 1 security); G02: 3 → 2.
    const of = (unit: string, cat?: string) =>
      first.cases.filter(
        (c: { unitId: string; categoryCode: string }) =>
          c.unitId === unit && (!cat || c.categoryCode === cat),
      ).length;
    expect([
      of('BA-XA-C01-G01', 'environment'),
      of('BA-XA-C01-G01', 'public-security'),
      of('BA-XA-C01-G02'),
    ]).toEqual([3, 1, 2]);
    // Another seed draws other cases (the 6 environment cases of G01 give 20 ways to pick 3).
    const other = (
      await district
        .post('/api/sampling/preview')
        .send({ ...body, seed: 'other-seed' })
        .expect(200)
    ).body;
    expect(other.cases.map((c: { eventId: string }) => c.eventId)).not.toEqual(
      first.cases.map((c: { eventId: string }) => c.eventId),
    );

    // The draw keeps the seed and gives the preview's cases; drawn again from its seed, the same.
    const draw = (await district.post('/api/sampling/draws').send(body).expect(201)).body;
    expect(draw.seed).toBe('fixed-seed-28');
    expect(draw.cases.map((c: { eventId: string }) => c.eventId).sort()).toEqual(
      first.cases.map((c: { eventId: string }) => c.eventId).sort(),
    );
    const replay = (await district.post(`/api/sampling/draws/${draw.id}/replay`).expect(200)).body;
    expect(replay).toMatchObject({ same: true, missing: [], extra: [] });
    const again = await district.post('/api/sampling/draws').send(body).expect(409);
    expect(again.body.error.code).toBe('error.alreadyDrawn');
    // Hostile: an unknown field and a share out of range are named.
    const bad = await district
      .post('/api/sampling/draws')
      .send({ period: '2026-02', share: 2, extra: 1 })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'share']);
    // A grid member draws nothing.
    await (
      await stack.loginAs('grid.hw01')
    )
      .post('/api/sampling/draws')
      .send({ period: '2026-01' })
      .expect(403);
    // Each sampled case is a call in the district centre's 待办, on the event's card.
    await eventually(async () => {
      const res = await district
        .get('/api/inbox')
        .query({ process: 'satisfaction-survey', pageSize: 100 })
        .expect(200);
      const calls = (res.body.items as InboxItem[]).filter((t) =>
        draw.cases.some((c: { eventId: string }) => c.eventId === t.variables.eventId),
      );
      return calls.length === draw.cases.length ? calls : undefined;
    });
  });

  /** An event of 海旺 handled, verified and visited (满意), archived in `month` alone, then drawn. */
  const drawnAlone = async (month: string, description: string) => {
    const member = await stack.loginAs('grid.hw01');
    const community = await stack.loginAs('haiwang.staff');
    const { id } = (
      await member
        .post('/api/events')
        .send({
          category: 'environment',
          urgency: 'NORMAL',
          gridId: 'BA-XA-C01-G01',
          address: '海旺社区 9 栋',
          description,
        })
        .expect(201)
    ).body as { id: string };
    const done = async (agent: Agent, elementId: string, variables: Record<string, unknown>) =>
      agent
        .post(`/api/tasks/${(await taskFor(agent, id, elementId)).key}/complete`)
        .send({ variables })
        .expect(200);
    await done(member, 'handle', { outcome: 'resolved' });
    await done(community, 'verify', { verified: true });
    await done(community, 'visit', { satisfaction: 'satisfied' });
    await eventually(async () =>
      (await stack.prisma.event.findUniqueOrThrow({ where: { id } })).status === 'ARCHIVED'
        ? true
        : undefined,
    );
    // Archived in a month of its own, so the draw takes it whatever other suites archive.
    await stack.prisma.timelineEntry.updateMany({
      where: { eventId: id, action: 'archived' },
      data: { at: new Date(`${month}-10T02:00:00Z`) },
    });
    const draw = (
      await district.post('/api/sampling/draws').send({ period: month, seed: 'reopen', share: 1 }).expect(201)
    ).body;
    expect(draw.cases.map((c: { eventId: string }) => c.eventId)).toEqual([id]);
    const call = await eventually(async () => {
      const res = await district
        .get('/api/inbox')
        .query({ process: 'satisfaction-survey', pageSize: 100 })
        .expect(200);
      return (res.body.items as InboxItem[]).find((t) => t.variables.eventId === id);
    });
    return { id, call, member };
  };

  it('makes a new case of a 不满意 whose case can no longer be reopened, naming the old one', async () => {
    const { id, call } = await drawnAlone('2026-05', '路灯不亮');
    const old = await stack.prisma.event.update({
      where: { id },
      data: { reopenUntil: new Date(Date.now() - 60_000) },
    });
    await district
      .post(`/api/tasks/${call.key}/complete`)
      .send({ variables: { surveyResult: 'dissatisfied', surveyReason: '还是不亮' } })
      .expect(200);
    const sample = await eventually(async () => {
      const s = await stack.prisma.sampledCase.findFirstOrThrow({ where: { eventId: id } });
      return s.result ? s : undefined;
    });
    expect(sample).toMatchObject({ reopened: false, reopenRefused: 'error.reopenClosed' });
    const followUp = await stack.prisma.event.findUniqueOrThrow({ where: { id: sample.followUpEventId! } });
    expect(followUp).toMatchObject({
      gridId: old.gridId,
      categoryCode: old.categoryCode,
      address: old.address,
    });
    expect(followUp.description).toContain(old.caseNo);
    expect(followUp.description).toContain('还是不亮');
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id } })).status).toBe('ARCHIVED');
  });

  it('reopens a case the survey finds 不满意, and counts the answer apart from the handler’s 回访', async () => {
    const { id, call, member } = await drawnAlone('2026-04', '井盖破损');
    // The form's fields only: the survey cannot set the case's variables.
    await district
      .post(`/api/tasks/${call.key}/complete`)
      .send({ variables: { surveyResult: 'dissatisfied', eventId: 'x' } })
      .expect(400);
    await district
      .post(`/api/tasks/${call.key}/complete`)
      .send({ variables: { surveyResult: 'dissatisfied', surveyReason: '井盖仍松动' } })
      .expect(200);
    const sample = await eventually(async () => {
      const s = await stack.prisma.sampledCase.findFirstOrThrow({ where: { eventId: id } });
      return s.result ? s : undefined;
    });
    expect(sample).toMatchObject({
      result: 'dissatisfied',
      reopened: true,
      reopenRefused: null,
      handlerSatisfaction: 'satisfied',
    });
    // Back to the unit that handled it, through the event's own 重办.
    await taskFor(member, id, 'handle');
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
    expect(event).toMatchObject({ status: 'OPEN', reopenCount: 1 });
    // A crash after the reopen, before the answer was recorded: the step's retry finds the reopen
    // its own (not 'alreadyReopened') and asks for none again.
    await stack.prisma.sampledCase.update({
      where: { id: sample.id },
      data: { result: null, reopened: false },
    });
    const retry = recordSurvey.handler({ db: stack.prisma, engine: stack.engine } as never);
    await retry({
      id: 'retry',
      topic: recordSurvey.topic,
      processInstanceId: sample.processInstanceId!,
      processDefinitionKey: 'satisfaction-survey',
      activityId: 'record-survey',
      retries: null,
      variables: { sampleId: sample.id, surveyResult: 'dissatisfied', surveyReason: '井盖仍松动' },
    });
    expect(await stack.prisma.sampledCase.findUniqueOrThrow({ where: { id: sample.id } })).toMatchObject({
      result: 'dissatisfied',
      reopened: true,
      reopenRefused: null,
    });
    expect(
      await stack.prisma.timelineEntry.count({ where: { eventId: id, action: 'reopen-requested' } }),
    ).toBe(1);
    const rates = (await district.get('/api/sampling/satisfaction').query({ period: '2026-04' }).expect(200))
      .body;
    expect(rates.items).toEqual([
      expect.objectContaining({
        unitId: 'BA-XA-C01-G01',
        sampled: 1,
        dissatisfied: 1,
        reopened: 1,
        surveyRate: 0,
        handlerRate: 100,
      }),
    ]);
    // By community, as the rankings page compares it: the grid's case counts for 海旺社区.
    const byCommunity = (
      await district
        .get('/api/sampling/satisfaction')
        .query({ period: '2026-04', level: 'COMMUNITY' })
        .expect(200)
    ).body;
    expect(byCommunity.items).toEqual([
      expect.objectContaining({ unitId: 'BA-XA-C01', sampled: 1, surveyRate: 0 }),
    ]);
  });

  it('raises one warning and one 研判 task when a rule trips, none below it and none again in the window', async () => {
    const category = `warn-${suffix}`;
    await stack.prisma.eventCategory.create({ data: { code: category, name: '预警测试' } });
    const grid = 'BA-XA-C01-G02';
    const ours = async () =>
      stack.prisma.warning.findMany({
        where: { ruleKey: 'grid-category-7d', placeId: grid, categoryCode: category },
      });
    await events(4, { gridId: grid, categoryCode: category });
    await district.post('/api/warnings/evaluate').expect(200);
    expect(await ours()).toHaveLength(0);
    const fifth = await events(1, { gridId: grid, categoryCode: category });
    const { created } = (await district.post('/api/warnings/evaluate').expect(200)).body;
    const [warning] = await ours();
    expect(created).toContain(warning.id);
    expect(warning).toMatchObject({ count: 5, threshold: 5, unitId: 'BA-XA-C01', status: 'OPEN' });
    await district.post('/api/warnings/evaluate').expect(200);
    expect(await ours()).toHaveLength(1);

    // The community's 研判, once; it reads the warning and the five cases behind it.
    const community = await stack.loginAs('haiwang.staff');
    const reviews = await reviewsOf(community, warning.id);
    expect(reviews).toHaveLength(1);
    expect((reviews[0] as unknown as { caseCard: unknown }).caseCard).toMatchObject({
      kind: 'WARNING',
      title: expect.stringContaining('5 件'),
    });
    const read = (await community.get(`/api/warnings/${warning.id}`).expect(200)).body;
    expect(read.events.map((e: { id: string }) => e.id)).toContain(fifth[0]);
    await (await stack.loginAs('grid.gs01')).get(`/api/warnings/${warning.id}`).expect(404);
    // The map layer (一图感知, 大屏): open, at its grid (the cases have no position: the grid's
    // centre), named; not another community's, and gone once 研判 decided it.
    const layer = async (agent: Agent, query: Record<string, string> = {}) =>
      (await agent.get('/api/warnings/map').query(query).expect(200)).body as {
        items: { id: string; placeName: string; lng: number | null; lat: number | null; count: number }[];
      };
    expect((await layer(community)).items.find((w) => w.id === warning.id)).toMatchObject({
      placeName: '海旺社区第2网格',
      count: 5,
      lng: expect.any(Number),
      lat: expect.any(Number),
    });
    expect((await layer(district, { unit: 'BA-XA-C01' })).items.map((w) => w.id)).toContain(warning.id);
    expect((await layer(district, { unit: 'BA-XX' })).items.map((w) => w.id)).not.toContain(warning.id);
    expect((await layer(await stack.loginAs('gushu.staff'))).items.map((w) => w.id)).not.toContain(
      warning.id,
    );
    await community.get('/api/warnings/map').query({ unit: 'BA-XX-C01' }).expect(404);
    await community
      .post(`/api/tasks/${reviews[0].key}/complete`)
      .send({ variables: { reviewDecision: 'dismiss', reviewReason: '同一处垃圾点重复上报，已统一清运' } })
      .expect(200);
    await eventually(async () => {
      const w = await stack.prisma.warning.findUniqueOrThrow({ where: { id: warning.id } });
      return w.status === 'DISMISSED' ? w : undefined;
    });
    expect((await layer(community)).items.map((w) => w.id)).not.toContain(warning.id);

    // 立案: a warning of another category opens a case in its grid, reported by whoever decided.
    const other = `warn2-${suffix}`;
    await stack.prisma.eventCategory.create({ data: { code: other, name: '预警测试二' } });
    await events(5, { gridId: grid, categoryCode: other });
    await district.post('/api/warnings/evaluate').expect(200);
    const [second] = await stack.prisma.warning.findMany({ where: { placeId: grid, categoryCode: other } });
    const review = await eventually(async () => {
      const res = await community
        .get('/api/inbox')
        .query({ process: 'early-warning-review', pageSize: 100 })
        .expect(200);
      return (res.body.items as InboxItem[]).find((t) => t.variables.warningId === second.id);
    });
    await community
      .post(`/api/tasks/${review.key}/complete`)
      .send({ variables: { reviewDecision: 'openCase', reviewReason: '同类投诉集中，需现场排查' } })
      .expect(200);
    const opened = await eventually(async () => {
      const w = await stack.prisma.warning.findUniqueOrThrow({ where: { id: second.id } });
      return w.status === 'CASE_OPENED' ? w : undefined;
    });
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id: opened.eventId! } });
    expect(event).toMatchObject({ gridId: grid, categoryCode: other, source: 'warning' });
    await taskFor(await stack.loginAs('grid.hw02'), event.id, 'handle');
  });

  it('warns once of a community whose week is above k × its 8-week average', async () => {
    const surge = async () =>
      stack.prisma.warning.findMany({ where: { ruleKey: 'unit-surge-week', placeId: 'BA-XX-C01' } });
    // One event a week for the 8 weeks before, then 10 this week over its four grids (never 5 of
    // one category in one grid, so only the surge rule can trip).
    for (let week = 1; week <= 8; week++)
      await events(1, {
        gridId: 'BA-XX-C01-G01',
        categoryCode: 'environment',
        createdAt: new Date(Date.now() - week * 7 * 86_400_000),
      });
    for (let i = 0; i < 9; i++)
      await events(1, { gridId: `BA-XX-C01-G0${(i % 4) + 1}`, categoryCode: 'environment' });
    await district.post('/api/warnings/evaluate').expect(200);
    expect(await surge()).toHaveLength(0);
    await events(1, { gridId: 'BA-XX-C01-G04', categoryCode: 'public-security' });
    await district.post('/api/warnings/evaluate').expect(200);
    await district.post('/api/warnings/evaluate').expect(200);
    const [warning, ...more] = await surge();
    expect(more).toHaveLength(0);
    expect(warning).toMatchObject({ count: 10, threshold: 2, unitId: 'BA-XX', kind: 'unit-surge' });
    // The street's list has it; a community of another street does not.
    const street = (
      await (await stack.loginAs('xa.staff')).get('/api/warnings').query({ pageSize: 100 }).expect(200)
    ).body;
    expect(street.items.map((w: { id: string }) => w.id)).not.toContain(warning.id);
  });

  it('warns once of one building in 3 cases within 30 days', async () => {
    const building = await testBuilding(stack.prisma, { lat: 22.56, lng: 113.88 }, '预警');
    const at = { gridId: 'BA-XA-C01-G03', buildingId: building.id, address: building.address };
    const ours = () =>
      stack.prisma.warning.findMany({ where: { ruleKey: 'same-address-30d', subject: building.code } });
    await events(1, { ...at, categoryCode: 'environment' });
    await events(1, { ...at, categoryCode: 'public-security' });
    await district.post('/api/warnings/evaluate').expect(200);
    expect(await ours()).toHaveLength(0);
    await events(1, { ...at, categoryCode: 'environment' });
    await district.post('/api/warnings/evaluate').expect(200);
    await district.post('/api/warnings/evaluate').expect(200);
    const found = await ours();
    expect(found).toEqual([
      expect.objectContaining({ count: 3, placeId: 'BA-XA-C01-G03', unitId: 'BA-XA-C01' }),
    ]);
  });

  it('warns once of one petitioner in 3 petitions within 30 days, for the office that registered them', async () => {
    const office = await stack.prisma.org.findUniqueOrThrow({ where: { id: 'BA-D-PETITION' } });
    const linked = await events(1, { gridId: 'BA-XA-C01-G04', categoryCode: 'environment' });
    let n = 0;
    /** Petitions written straight to the database, as registration keys them (petitionerKey). */
    const petitions = (petitionerKey: string, count: number, eventId?: string) =>
      stack.prisma.petition.createManyAndReturn({
        data: Array.from({ length: count }, () => ({
          caseNo: `XF-T28-${suffix}-${(n += 1)}`,
          channel: 'VISIT' as const,
          receivedAt: new Date(),
          petitionerName: '张三',
          petitionerKey,
          matter: `事项 ${n}`,
          matterKey: `事项${n}`,
          requests: '请求处理',
          eventId,
          registeredById: 'petition.staff',
          officeUnitId: office.id,
          officePath: office.path,
          decisionDueAt: new Date(Date.now() + 15 * 86_400_000),
        })),
      });
    const [person, other] = [`person-${suffix}`, `other-${suffix}`];
    const ours = (subject: string) =>
      stack.prisma.warning.findMany({ where: { ruleKey: 'same-person-30d', subject } });
    const first = await petitions(person, 2, linked[0]);
    await petitions(other, 2);
    await district.post('/api/warnings/evaluate').expect(200);
    expect(await ours(person)).toHaveLength(0);
    const third = await petitions(person, 1);
    await district.post('/api/warnings/evaluate').expect(200);
    await district.post('/api/warnings/evaluate').expect(200);
    const [warning, ...more] = await ours(person);
    expect(more).toHaveLength(0);
    expect(warning).toMatchObject({ kind: 'same-person', count: 3, threshold: 3, unitId: office.id });
    expect(warning.petitionIds.sort()).toEqual([...first, ...third].map((p) => p.id).sort());
    expect(await ours(other)).toHaveLength(0);

    // The office's 研判, once; its card names the office, not the hashed identity.
    const staff = await stack.loginAs('petition.staff');
    const reviews = await reviewsOf(staff, warning.id);
    expect(reviews).toHaveLength(1);
    expect(JSON.stringify((reviews[0] as unknown as { caseCard: unknown }).caseCard)).not.toContain(person);
    // The case behind it is the event one of the petitions is linked to.
    const read = (await staff.get(`/api/warnings/${warning.id}`).expect(200)).body;
    expect(read.events.map((e: { id: string }) => e.id)).toEqual(linked);

    // Petitions that name no event leave no grid to open a case in: 立案 is refused naming the
    // decision (no incident in the engine), 排除 is taken.
    const loner = `loner-${suffix}`;
    await petitions(loner, 3);
    await district.post('/api/warnings/evaluate').expect(200);
    const [unplaced] = await ours(loner);
    const [review] = await reviewsOf(staff, unplaced.id);
    const refused = await staff
      .post(`/api/tasks/${review.key}/complete`)
      .send({ variables: { reviewDecision: 'openCase', reviewReason: '需立案' } })
      .expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'variables.reviewDecision',
    ]);
    await staff
      .post(`/api/tasks/${review.key}/complete`)
      .send({ variables: { reviewDecision: 'dismiss', reviewReason: '同一人重复反映同一诉求，已合并办理' } })
      .expect(200);
    await eventually(async () =>
      (await stack.prisma.warning.findUniqueOrThrow({ where: { id: unplaced.id } })).status === 'DISMISSED'
        ? true
        : undefined,
    );
  });

  it('patrols: positions, a QR check-in, a note, the street sees the track; hostile input is refused and nothing half-written', async () => {
    const building = await testBuilding(stack.prisma, { lat: 22.5531, lng: 113.8832 });
    const { code } = building;
    const member = await stack.loginAs('grid.hw01');
    const open = await stack.prisma.patrol.findFirst({
      where: {
        userId: (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'grid.hw01' } })).id,
        endedAt: null,
      },
    });
    if (open) await stack.prisma.patrol.update({ where: { id: open.id }, data: { endedAt: new Date() } });
    const patrol = (await member.post('/api/patrols').expect(201)).body;
    await member.post('/api/patrols').expect(409);
    const at = Date.now();
    const tracked = (
      await member
        .post(`/api/patrols/${patrol.id}/points`)
        .send({
          points: [
            { latitude: 22.553, longitude: 113.883, at: at - 60_000 },
            { latitude: 22.5531, longitude: 113.8832, at },
          ],
        })
        .expect(200)
    ).body;
    expect(tracked.pointCount).toBe(2);
    expect(tracked.distanceM).toBeGreaterThan(15);

    // Hostile: each refused with the field named, and no point written.
    const fields = async (body: unknown) =>
      (
        await member
          .post(`/api/patrols/${patrol.id}/points`)
          .send(body as object)
          .expect(400)
      ).body.error.fields.map((f: { field: string }) => f.field);
    expect(
      await fields({
        points: [
          { latitude: 22.5, longitude: 113.9, at },
          { latitude: 91, longitude: 113.9, at },
        ],
      }),
    ).toEqual(['points.1.latitude']);
    expect(await fields({ points: [{ latitude: 22.5, longitude: -180.5, at }] })).toEqual([
      'points.0.longitude',
    ]);
    const many = Array.from({ length: 10_000 }, (_, i) => ({ latitude: 22.5, longitude: 113.9, at: at + i }));
    expect(await fields({ points: many })).toEqual(['points']);
    expect((await stack.prisma.patrol.findUniqueOrThrow({ where: { id: patrol.id } })).pointCount).toBe(2);
    expect(await stack.prisma.patrolPoint.count({ where: { patrolId: patrol.id } })).toBe(2);

    const other = otherDistrictCode();
    const foreign = await member
      .post(`/api/patrols/${patrol.id}/check-ins`)
      .send({ code: other })
      .expect(400);
    expect(foreign.body.error.fields).toEqual([expect.objectContaining({ field: 'code' })]);
    expect(JSON.stringify(foreign.body.error.fields[0])).toContain('不是本区的楼栋编码');
    const typo = await member
      .post(`/api/patrols/${patrol.id}/check-ins`)
      .send({ code: `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}` })
      .expect(400);
    expect(typo.body.error.fields[0].field).toBe('code');
    const far = await member
      .post(`/api/patrols/${patrol.id}/check-ins`)
      .send({ latitude: 22.6, longitude: 113.9 })
      .expect(400);
    expect(far.body.error.fields[0].field).toBe('latitude');
    expect(await stack.prisma.patrolCheckIn.count({ where: { patrolId: patrol.id } })).toBe(0);

    const checkIn = (await member.post(`/api/patrols/${patrol.id}/check-ins`).send({ code }).expect(201))
      .body;
    expect(checkIn).toMatchObject({ buildingId: building.id, method: 'qr' });
    // Near enough by position: the same building, once.
    await member
      .post(`/api/patrols/${patrol.id}/check-ins`)
      .send({ latitude: 22.55312, longitude: 113.88321 })
      .expect(201);
    expect(await stack.prisma.patrolCheckIn.count({ where: { patrolId: patrol.id } })).toBe(1);
    await member.post(`/api/patrols/${patrol.id}/notes`).send({ text: '消防通道堆放杂物' }).expect(201);
    // A photo is the member's own upload, claimed by the note (the purge of unclaimed uploads leaves
    // it); another's upload is refused naming attachmentIds, and that note is not written.
    const photo = async (agent: typeof member) =>
      (
        await agent
          .post('/api/attachments')
          .query({ name: 'patrol.jpg' })
          .set('Content-Type', 'image/jpeg')
          .send(JPEG)
          .expect(201)
      ).body.id as string;
    const own = await photo(member);
    const others = await photo(await stack.loginAs('grid.hw02'));
    const refused = await member
      .post(`/api/patrols/${patrol.id}/notes`)
      .send({ text: '别人的照片', attachmentIds: [own, others] })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('attachmentIds');
    expect(await stack.prisma.patrolNote.count({ where: { text: '别人的照片' } })).toBe(0);
    const note = (
      await member
        .post(`/api/patrols/${patrol.id}/notes`)
        .send({ text: '占道经营', attachmentIds: [own] })
        .expect(201)
    ).body;
    expect(await stack.prisma.attachment.findUnique({ where: { id: own } })).toMatchObject({
      patrolNoteId: note.id,
    });
    // Somebody else's patrol is not theirs to write to.
    await (await stack.loginAs('grid.hw02')).post(`/api/patrols/${patrol.id}/end`).expect(404);
    await member.post(`/api/patrols/${patrol.id}/end`).expect(200);
    await member
      .post(`/api/patrols/${patrol.id}/points`)
      .send({ points: [{ latitude: 22.5, longitude: 113.9, at }] })
      .expect(409);

    // The street sees today's track and check-in, and the members who have not patrolled.
    const day = (await (await stack.loginAs('xa.staff')).get('/api/patrols').expect(200)).body;
    const seen = day.patrols.find((p: { id: string }) => p.id === patrol.id);
    expect(seen.points).toHaveLength(2);
    expect(seen.checkIns).toEqual([expect.objectContaining({ buildingCode: code })]);
    expect(day.notPatrolled.map((m: { orgId: string }) => m.orgId)).toContain('BA-XA-C01-G02');
    // Someone else's track is personal: the street's read of it is audited, the member's own is not.
    const reads = await stack.prisma.auditLog.findMany({
      where: { action: 'patrol.read', subjectId: patrol.id },
    });
    expect(reads.map((r) => r.userId)).toEqual([
      (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'xa.staff' } })).id,
    ]);
    // Another street's staff does not.
    const gushu = (await (await stack.loginAs('gushu.staff')).get('/api/patrols').expect(200)).body;
    expect(gushu.patrols.find((p: { id: string }) => p.id === patrol.id)).toBeUndefined();

    // 巡查定额: the street sets the grid's week (a check-in at one building); the figures show it
    // met, and the month's coverage counts the building checked in at.
    const street = await stack.loginAs('xa.staff');
    const quota = { minutes: 0, checkIns: 1, buildings: 1 };
    const quotaOf = (agent: typeof street, grid: string, body: object) =>
      agent.put(`/api/patrols/quotas/${grid}`).send(body);
    expect((await quotaOf(street, 'BA-XA-C01-G01', quota).expect(200)).body.changed).toBe(true);
    expect((await quotaOf(street, 'BA-XA-C01-G01', quota).expect(200)).body.changed).toBe(false);
    // A far year (the fuzz suite found 0652 a 500) is a 400 naming the date.
    const farYear = await street.get('/api/patrols/figures').query({ date: '0652-02-06' }).expect(400);
    expect(farYear.body.error.fields[0].field).toBe('date');
    const figures = (await street.get('/api/patrols/figures').expect(200)).body;
    const g01 = figures.grids.find((g: { gridId: string }) => g.gridId === 'BA-XA-C01-G01');
    expect(g01).toMatchObject({ quota, met: true });
    expect(g01.checkIns).toBeGreaterThanOrEqual(1);
    expect(g01.buildingsCovered).toBeGreaterThanOrEqual(1);
    expect(g01.buildingsTotal).toBeGreaterThanOrEqual(g01.buildingsCovered);
    expect(figures.grids.find((g: { gridId: string }) => g.gridId === 'BA-XA-C01-G02')).toMatchObject({
      quota: null,
      met: null,
    });
    // Out of range → 400 naming the field; another street's grid → 404; the member and the district → 403.
    const bad = await quotaOf(street, 'BA-XA-C01-G01', { ...quota, minutes: -1 }).expect(400);
    expect(bad.body.error.fields[0].field).toBe('minutes');
    await quotaOf(await stack.loginAs('gushu.staff'), 'BA-XA-C01-G01', quota).expect(404);
    await quotaOf(member, 'BA-XA-C01-G01', quota).expect(403);
    await quotaOf(await stack.loginAs('district.lead'), 'BA-XA-C01-G01', quota).expect(403);
    expect(
      await stack.prisma.auditLog.count({ where: { action: 'patrol.quota', subjectId: 'BA-XA-C01-G01' } }),
    ).toBe(1);

    // A daily quota: today's patrol meets it, a day without one does not; the same figures made
    // daily are a change; a day holds at most 1,440 minutes.
    const daily = { ...quota, period: 'DAY' };
    expect((await quotaOf(street, 'BA-XA-C01-G01', daily).expect(200)).body).toMatchObject({
      period: 'DAY',
      changed: true,
    });
    const gridOn = async (date?: string) =>
      (
        await street
          .get('/api/patrols/figures')
          .query(date ? { date } : {})
          .expect(200)
      ).body.grids.find((g: { gridId: string }) => g.gridId === 'BA-XA-C01-G01');
    expect(await gridOn()).toMatchObject({ period: 'DAY', quota, met: true });
    expect(await gridOn('2000-01-03')).toMatchObject({ period: 'DAY', checkIns: 0, met: false });
    const tooLong = await quotaOf(street, 'BA-XA-C01-G01', { ...daily, minutes: 1441 }).expect(400);
    expect(tooLong.body.error.fields[0].field).toBe('minutes');
    await quotaOf(street, 'BA-XA-C01-G01', { ...quota, minutes: 1441 }).expect(200);
  });
});
