/**
 * Sends every cell of the authorisation matrix (test/authz/matrix.ts): every route × every demo
 * role × the scope of the record it names, against the real engine, and compares the statuses.
 * With AUTHZ_DISCOVER=1 it prints the statuses it saw as matrix rows instead of failing.
 */
import { writeFileSync } from 'node:fs';
import type { Agent, Test } from 'supertest';
import request from 'supertest';
import { createTestStack } from '../harness';
import { escalateFromGrid, pointIn, reportEvent, taskFor } from '../events';
import { petitionTask, petitionWhen, registerPetition } from '../petitions';
import { MATRIX, ROLES, type Role, type Row, type Target } from '../authz/matrix';
import { emptyCounts } from '../../loops/assessment/scoring';
import { creditCodeCheckChar } from '../../lib/identity-numbers';

jest.setTimeout(600_000);

type Case = { eventId: string; taskKey: string };
const UNITS: Partial<Record<Target, string | undefined>> = {
  'unit:own': undefined,
  'unit:C01': 'BA-XA-C01',
  'unit:XX': 'BA-XX',
  'unit:JUSTICE': 'BA-D-JUSTICE',
  'unit:none': 'NO-SUCH-UNIT',
};
/** Routes whose 2xx changes the target: the next cell gets a fresh case. */
const CONSUMING = /\/(complete|return|transfer|extension|delegate|recall|resolve)$/;
/** The grid a `grid:` target names: in a report's body, a map route's path, a point's grid. */
const GRIDS: Partial<Record<Target, string>> = { 'grid:G01': 'BA-XA-C01-G01', 'grid:XX': 'BA-XX-C01-G01' };
const FAR_DAY = '2099-01-01';
const FAR_YEAR = 2098;
const PAST_MONTH = '2001-01';
const PAST_YEAR = '2001';
/** The key person's file the patient rows name (its team is set in beforeAll). */
const PATIENT = {
  name: '权限矩阵患者',
  idNumber: '440306199001011244',
  address: '权限矩阵 2 号',
  gridId: 'BA-XA-C01-G01',
  riskLevel: 0,
};

/** A 统一社会信用代码 no earlier run used (the database may be kept): nine digits from the clock. */
function matrixUscc() {
  const first17 = `91440300${String(Date.now() % 1e9).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A point inside a demo grid, as the grid-at query takes it. */
function locationOf(gridId: string) {
  const { latitude, longitude } = pointIn(gridId);
  return { lat: String(latitude), lng: String(longitude) };
}

describe('authorisation matrix', () => {
  const stack = createTestStack({ workers: true });
  const since = new Date();
  const agents = new Map<string, Agent>();
  /** A matrix column's user, or a demo user that only makes fixtures (gushu.staff). */
  const agent = async (role: Role | 'gushu.staff') => {
    if (role === 'anonymous') return request.agent(stack.server);
    if (!agents.has(role)) agents.set(role, await stack.loginAs(role));
    return agents.get(role)!;
  };
  const cases = new Map<string, Promise<Case>>();
  const fixtures: {
    defKey?: string;
    decisionKey?: string;
    noteId?: string;
    petitionId?: string;
    noticeId?: string;
    fileId?: string;
    patientId?: string;
    /** The 块数据 records of `building@G01`, by the path segment that names their kind. */
    base?: { code: string; buildings: string; rooms: string; residents: string; businesses: string };
    scores: Record<string, string>;
    disputes: Record<string, string>;
  } = { scores: {}, disputes: {} };

  /** A case where the target says, created through the API as its users would. */
  async function makeCase(target: string): Promise<Case> {
    const hw01 = await agent('grid.hw01');
    const description = `权限矩阵 ${target}`;
    if (target === 'G02' || target === 'XX') {
      const [who, gridId] =
        target === 'G02'
          ? (['grid.hw02', 'BA-XA-C01-G02'] as const)
          : (['grid.gs01', 'BA-XX-C01-G01'] as const);
      const member = await agent(who);
      const { id } = await reportEvent(member, { gridId, description });
      return { eventId: id, taskKey: (await taskFor(member, id, 'handle')).key };
    }
    const { id } = await reportEvent(hw01, { description });
    if (target === 'G01') return { eventId: id, taskKey: (await taskFor(hw01, id, 'handle')).key };
    if (target === 'JUSTICE') {
      const atGrid = await taskFor(hw01, id, 'handle');
      await hw01
        .post(`/api/tasks/${atGrid.key}/transfer`)
        .send({ unitId: 'BA-D-JUSTICE', reason: '涉法' })
        .expect(200);
      return { eventId: id, taskKey: (await taskFor(await agent('justice.staff'), id, 'handle')).key };
    }
    await escalateFromGrid(hw01, id);
    const community = await agent('haiwang.staff');
    const atCommunity = await taskFor(community, id, 'handle');
    if (target === 'C01') return { eventId: id, taskKey: atCommunity.key };
    await community
      .post(`/api/tasks/${atCommunity.key}/complete`)
      .send({ variables: { outcome: 'cannotResolve', reason: '需街道协调' } })
      .expect(200);
    return { eventId: id, taskKey: (await taskFor(await agent('xa.staff'), id, 'handle')).key };
  }
  const caseAt = (target: string) => {
    if (!cases.has(target)) cases.set(target, makeCase(target));
    return cases.get(target)!;
  };

  /** The request of one cell. */
  async function send(a: Agent, r: Row, role: Role): Promise<Test> {
    const [method, path] = r.route.split(' ');
    const unit = r.target && r.target in UNITS ? UNITS[r.target] : undefined;
    const kase = r.target && /^[A-Z0-9]+$/.test(r.target) ? await caseAt(r.target) : undefined;
    if (r.target === 'file@G01') return a.get(path.replace(':id', fixtures.fileId!));
    const url = path
      .replace(
        ':key',
        kase?.taskKey ??
          (r.route.includes('decisions')
            ? fixtures.decisionKey!
            : // 发起 names a process by its id: a built-in loop, which is started on its own page.
              r.route.includes('/start')
              ? 'event-handling'
              : fixtures.defKey!),
      )
      .replace(':group', 'no-such-group')
      .replace(':decisionId', 'event-dispatch')
      .replace(
        ':id',
        kase?.eventId ??
          GRIDS[r.target!] ??
          // 民调, 预警 and 巡查 name a record that does not exist: no cell changes one.
          (/^\/api\/(sampling|warnings|patrols)\//.test(path) ? 'no-such-record' : undefined) ??
          (r.target === 'petition'
            ? fixtures.petitionId!
            : r.target === 'note@hw01'
              ? fixtures.noteId!
              : r.target === 'patient@G01'
                ? fixtures.patientId!
                : r.target === 'building@G01'
                  ? fixtures.base![path.split('/')[3] as 'buildings']
                  : r.route.startsWith('POST /api/users/')
                    ? 'cnosuchuser0000000000000000'
                    : (fixtures.scores[r.target!] ?? fixtures.disputes[r.target!])),
      )
      .replace(':code', fixtures.base?.code ?? '')
      .replace(':date', FAR_DAY)
      .replace(':token', 'x'.repeat(43))
      .replace(':noticeId', fixtures.noticeId ?? '')
      .replace(':year', String(FAR_YEAR))
      .replace(':streetId', 'BA-XA')
      // A quota names a grid that does not exist: no cell changes one.
      .replace(':gridId', GRIDS[r.target!] ?? (path.startsWith('/api/patrols/') ? 'no-such-record' : ''));
    // Admin routes name a record that does not exist (the probe), so no cell changes anything.
    const adminUrl = path.startsWith('/api/admin/')
      ? path
          .replace(':id', path.includes('sla-rules') ? '999999999' : 'no-such-record')
          .replace(':code', 'no-such-record')
          .replace(':username', 'no-such-user')
          .replace(':kind', 'users')
      : undefined;
    const reason = '权限矩阵';
    const bodies: Record<string, object> = {
      'POST /api/auth/login': { username: role === 'anonymous' ? 'nobody' : role, password: 'Zhizhi@2026' },
      'POST /api/tasks/:key/complete': { variables: {} },
      'POST /api/tasks/:key/return': { reason },
      'POST /api/tasks/:key/transfer': { unitId: 'NO-SUCH-UNIT', reason },
      'POST /api/tasks/:key/extension': { days: 2, reason },
      'POST /api/tasks/:key/delegate': { userId: 'no-such-user' },
      'POST /api/tasks/:key/resolve': { result: reason },
      'POST /api/tasks/:key/copy': { userIds: ['no-such-user'] },
      'POST /api/tasks/:key/cosign': { userIds: ['no-such-user'] },
      'POST /api/tasks/:key/permit': { userId: 'no-such-user', reason },
      'POST /api/tasks/:key/sign': { opinion: reason },
      'POST /api/events': {
        category: 'environment',
        urgency: 'NORMAL',
        gridId: GRIDS[r.target!],
        address: '权限矩阵 1 号',
        description: '权限矩阵上报',
      },
      'POST /api/events/:id/reopen': { reason },
      'PUT /api/calendar-overrides/:date': { working: true, note: reason },
      'POST /api/processes/deployments': { xml: '<not-a-diagram/>' },
      'POST /api/processes/decisions': { xml: '<not-a-diagram/>' },
      'POST /api/processes/decisions/trials': { xml: '<not-a-diagram/>' },
      'POST /api/processes/:key/start': { variables: {} },
      'PUT /api/processes/group-mappings/:group': { orgId: 'NO-SUCH-UNIT' },
      'POST /api/supervision/cards': {
        caseKind: 'EVENT',
        caseId: kase?.eventId ?? '',
        kind: 'REMIND',
        reason,
      },
      'POST /api/assessment/runs': { period: PAST_MONTH },
      // Reads only: the closed past month tried with other colour limits.
      'POST /api/assessment/trials': { period: PAST_MONTH, redMin: 90 },
      'POST /api/admin/orgs/:id/move': { parentId: 'BA-XA' },
      'PUT /api/admin/sla-rules/:id': { unit: 'hours', yellow: 1, red: 2 },
      ...Object.fromEntries(
        ['', '/:id/sessions', '/:id/consents', '/:id/agreement', '/:id/risk'].map((p) => [
          `POST /api/disputes${p}`,
          {},
        ]),
      ),
      'PUT /api/calendar-years/:year': {
        source: reason,
        holidays: [{ date: `${FAR_YEAR}-10-01`, name: '国庆' }],
        workdays: [],
      },
      'POST /api/petitions/duplicate-check': { petitioner: { name: reason }, matter: reason },
      ...(r.probe === 'empty body' ? { [r.route]: {} } : {}),
      ...(r.probe === 'unknown field' ? { [r.route]: { matrix: reason } } : {}),
      'POST /api/supervision/cards/batch': {
        cases: [{ caseKind: 'EVENT', caseId: kase?.eventId ?? '' }],
        reason,
      },
      'POST /api/patients': { ...PATIENT, idNumber: '123' },
      'PUT /api/patients/:id/team': { members: [] },
      'PUT /api/patients/:id/designated': { userId: 'no-such-user' },
      'POST /api/patients/:id/move': { gridId: 'BA-XA-C01-G02', team: [] },
      'POST /api/patients/:id/follow-ups': {},
      'POST /api/patients/:id/risk-reports': { riskLevel: 1, description: reason },
      'POST /api/patients/:id/close': { reason: 'bored' },
      'PUT /api/patient-targets/:streetId': {
        period: PAST_YEAR,
        followUpRate: 2,
        guardianAgreementRate: 1,
        emergencyOnTimeRate: 1,
      },
      'POST /api/patient-targets/reminders': { period: PAST_YEAR },
      'POST /api/patrols/:id/points': { points: [{ latitude: 22.55, longitude: 113.88, at: Date.now() }] },
      'POST /api/patrols/:id/check-ins': { code: '1' },
      'POST /api/patrols/:id/notes': { text: reason },
    };
    const query: Record<string, string> = {
      ...(unit ? { unit } : {}),
      ...(r.route === 'GET /api/assessment/rankings' || r.route === 'GET /api/exports/rankings.xlsx'
        ? { period: PAST_MONTH, level: 'COMMUNITY' }
        : {}),
      ...(r.route === 'POST /api/attachments' ? { name: 'matrix.jpg' } : {}),
      ...(r.route === 'GET /api/assessment/trend' ? { level: 'COMMUNITY' } : {}),
      ...(r.route.endsWith('/items') ? { indicator: 'response' } : {}),
      ...(r.route === 'GET /api/map/grid-at' ? locationOf(GRIDS[r.target!]!) : {}),
      ...(r.route === 'GET /api/patient-targets' ? { period: PAST_YEAR } : {}),
      ...(r.route === 'GET /api/base/search' ? { q: reason } : {}),
      ...(r.route === 'GET /api/opinion/stats'
        ? { from: '2020-01-01T00:00:00+08:00', to: '2020-02-01T00:00:00+08:00' }
        : {}),
      ...(r.route === 'GET /api/credit-grades' ? { businessId: 'no-such-business' } : {}),
      ...(r.route === 'GET /api/sampling/satisfaction' ? { period: PAST_MONTH } : {}),
    };
    if (r.route === 'POST /api/auth/logout' && role !== 'anonymous') a = await stack.loginAs(role);
    const target = adminUrl ?? url;
    const req =
      method === 'GET'
        ? a.get(target)
        : method === 'PUT'
          ? a.put(target)
          : method === 'DELETE'
            ? a.delete(target)
            : a.post(target);
    req.query(query);
    const body = bodies[r.route];
    return body ? req.send(body) : req;
  }

  beforeAll(async () => {
    // A petition 交办 to 海旺社区, registered and decided by the 信访 office as it would.
    const office = await stack.loginAs('petition.staff');
    // A building of 海旺社区 in grid G01 with a room, a resident and a business (块数据).
    const imported = await (
      await agent('haiwang.staff')
    )
      .post('/api/base/import')
      .send({
        buildings: [
          {
            orgId: 'BA-XA-C01',
            gridId: 'BA-XA-C01-G01',
            name: `权限矩阵${Date.now()}栋`,
            rooms: [{ roomNo: '101', residents: [{ name: '权限矩阵住户', idNumber: PATIENT.idNumber }] }],
            businesses: [{ name: '权限矩阵单位', uscc: matrixUscc(), roomNo: '101' }],
          },
        ],
      })
      .expect(200);
    const building = await stack.prisma.building.findUniqueOrThrow({
      where: { id: imported.body.buildingIds[0] },
      include: { rooms: true, residents: true, businesses: true },
    });
    fixtures.base = {
      code: building.code,
      buildings: building.id,
      rooms: building.rooms[0].id,
      residents: building.residents[0].id,
      businesses: building.businesses[0].id,
    };
    const petition = await registerPetition(office, { matter: '权限矩阵信访' });
    await petitionTask(office, petition.id, 'decide');
    await office
      .post(`/api/petitions/${petition.id}/decision`)
      .send({ decision: 'assign', decisionReason: '权限矩阵', targetUnitId: 'BA-XA-C01' })
      .expect(200);
    await petitionTask(await agent('haiwang.staff'), petition.id, 'handle');
    fixtures.petitionId = petition.id;
    const decided = await petitionWhen(office, petition.id, (p) => (p.notices as unknown[]).length > 0);
    fixtures.noticeId = (decided.notices as { id: string }[])[0].id;
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: 'event-handling' },
      orderBy: { version: 'desc' },
    });
    fixtures.defKey = definition.id;
    const designer = await agent('designer');
    const decisions = (await designer.get('/api/processes/decisions').expect(200)).body;
    fixtures.decisionKey = JSON.stringify(decisions).match(/"key":"([^"]+)"/)![1];
    const hw01 = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'grid.hw01' } });
    const hw01Agent = await agent('grid.hw01');
    fixtures.noteId = String(
      (
        await stack.prisma.notification.create({
          data: {
            userId: hw01.id,
            kind: 'REMIND',
            title: { 'zh-CN': '权限矩阵', en: 'Matrix' },
            body: { 'zh-CN': '权限矩阵', en: 'Matrix' },
            dedupKey: `authz-matrix-${Date.now()}`,
          },
        })
      ).id,
    );
    const photo = await hw01Agent
      .post('/api/attachments')
      .query({ name: 'matrix.jpg' })
      .set('Content-Type', 'image/jpeg')
      .send(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]))
      .expect(201);
    await reportEvent(hw01Agent, { description: '权限矩阵 附件', attachmentIds: [photo.body.id] });
    fixtures.fileId = photo.body.id;
    const ids = Object.fromEntries(
      (
        await stack.prisma.user.findMany({
          where: { username: { in: ['grid.hw01', 'haiwang.staff'] } },
          select: { id: true, username: true },
        })
      ).map((u) => [u.username, u.id]),
    );
    await stack.prisma.person.deleteMany({ where: { name: PATIENT.name } });
    const patient = await (
      await agent('haiwang.staff')
    )
      .post('/api/patients')
      .send({
        ...PATIENT,
        team: [
          { roleCode: 'grid-member', userId: ids['grid.hw01'], designated: true },
          { roleCode: 'cadre', userId: ids['haiwang.staff'] },
        ],
      })
      .expect(201);
    fixtures.patientId = patient.body.id;
    const run = await stack.prisma.assessmentRun.upsert({
      where: { periodKey: PAST_MONTH },
      create: {
        periodKey: PAST_MONTH,
        periodStart: new Date('2001-01-01T00:00:00+08:00'),
        periodEnd: new Date('2001-02-01T00:00:00+08:00'),
        status: 'CLOSED',
        computedAt: new Date(),
      },
      update: {},
    });
    // Disputes registered through the API as their communities' staff would.
    for (const [target, who, communityId] of [
      ['dispute@C01', 'haiwang.staff', 'BA-XA-C01'],
      ['dispute@XX', 'gushu.staff', 'BA-XX-C01'],
    ] as const) {
      const res = await (
        await agent(who)
      )
        .post('/api/disputes')
        .send({
          type: 'neighbour',
          summary: '权限矩阵纠纷',
          communityId,
          parties: [{ name: '甲' }, { name: '乙' }],
          risk: { level: 'LOW', reasons: [] },
        })
        .expect(201);
      fixtures.disputes[target] = res.body.id;
    }
    const zero = { ...emptyCounts(), score: 100, rank: 1 };
    for (const [target, unitId, unitName, level, unitPath] of [
      ['score@C01', 'BA-XA-C01', '海旺社区', 'COMMUNITY', '/BA/BA-XA/BA-XA-C01/'],
      ['score@XX', 'BA-XX', '西乡街道', 'STREET', '/BA/BA-XX/'],
    ] as const) {
      const score = await stack.prisma.assessmentScore.create({
        data: { runId: run.id, unitId, unitName, level, unitPath, ...zero },
      });
      fixtures.scores[target] = String(score.id);
    }
  });

  afterAll(async () => {
    await stack.prisma.assessmentRun.deleteMany({ where: { periodKey: PAST_MONTH } });
    await stack.prisma.calendarOverride.deleteMany({
      where: { date: { in: [FAR_DAY, `${FAR_YEAR}-10-01`] } },
    });
    await stack.prisma.calendarYear.deleteMany({ where: { year: FAR_YEAR } });
    const petition = await stack.prisma.petition.findUnique({ where: { id: fixtures.petitionId ?? '' } });
    if (petition?.processInstanceId)
      await stack.engine.deleteProcessInstance(petition.processInstanceId).catch(() => undefined);
    await stack.cancelCasesSince(since);
    await stack.close();
  });

  it('answers every cell as the matrix says', async () => {
    const seen: number[][] = [];
    const mismatches: string[] = [];
    for (const r of MATRIX) {
      const statuses: number[] = [];
      for (const [i, [role]] of ROLES.entries()) {
        const res = await send(await agent(role), r, role);
        statuses.push(res.status);
        if (res.status !== r.expect[i])
          mismatches.push(`${r.route} ${r.target ?? ''} as ${role}: ${res.status}, expected ${r.expect[i]}`);
        if (res.status < 300 && r.route.endsWith('/claim'))
          await send(await agent(role), { ...r, route: r.route.replace('claim', 'unclaim') }, role);
        if (res.status < 300 && CONSUMING.test(r.route) && r.target) cases.delete(r.target);
      }
      seen.push(statuses);
    }
    if (process.env.AUTHZ_DISCOVER)
      writeFileSync(
        '/tmp/authz-discovered.json',
        JSON.stringify(MATRIX.map((r, i) => ({ route: r.route, target: r.target, statuses: seen[i] }))),
      );
    expect(mismatches).toEqual([]);
  });
});
