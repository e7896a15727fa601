/**
 * 块数据 base through the real engine and the HTTP API (#27's first Done-when): community staff
 * import a small district (buildings, rooms, residents, businesses) and get 25-digit codes; a grid
 * member reports an event at a room; the building's page lists the event and the room's residents
 * (masked) for the community and is a 404 for another street; wrong check characters are 400s
 * naming the field; a grid member's resident and a QR self-declaration wait for the community's
 * approval in its inbox; search understands full-width digits and addresses without 街道/社区.
 */
import Redis from 'ioredis';
import type { Agent } from 'supertest';
import { addressCodeProblem, defaultAddressScheme } from '../../../../lib/address-code';
import { creditCodeCheckChar } from '../../../../lib/identity-numbers';
import { eventually, freshIdNumber, suiteStack } from '../../../../test/harness';
import { testProcessEnv } from '../../../../test/env';
import { freshPetitioner, registerPetition } from '../../../../test/petitions';

const petitionBody = () => ({
  channel: 'VISIT',
  receivedAt: new Date().toISOString(),
  petitioner: freshPetitioner(),
  matter: '楼道漏水久未维修',
  requests: '请求督促维修',
});

let usccSerial = 0;
/** A valid 统一社会信用代码 no earlier run used: 91 4403 00 + nine digits from the clock, and its check character. */
function freshUscc() {
  usccSerial += 1;
  const first17 = `91440300${String((Date.now() * 10 + usccSerial) % 1e9).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}
const wrongCheck = (v: string, alphabet: string) =>
  v.slice(0, 17) + alphabet[(alphabet.indexOf(v[17]) + 1) % alphabet.length];

const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('base-data: one code per building and room, people and cases tied to it', () => {
  const stack = suiteStack({ workers: true, env: { BASE_DECLARE_MAX_PER_ADDRESS: '2' } });
  const { prisma } = stack;
  const agents: Record<string, Agent> = {};
  const road = `测试${Date.now() % 100000}路`;
  const residentId = freshIdNumber();
  const uscc = freshUscc();
  let buildingId: string;
  /** The second building: no grid given and no point to locate one from. */
  let gridless: string;
  let roomId: string;
  let caseNo: string;

  beforeAll(async () => {
    for (const name of ['haiwang.staff', 'grid.hw01', 'gushu.staff'])
      agents[name] = await stack.loginAs(name);
    // The declarations an earlier run of this suite counted against 127.0.0.1.
    const redis = new Redis(testProcessEnv().REDIS_URL!);
    await redis.del('base-declare:127.0.0.1', 'base-declare:::ffff:127.0.0.1');
    redis.disconnect();
  });

  it('draws the area’s buildings with their open cases on the map, and none of another street', async () => {
    const mapRoad = `图层${Date.now() % 100000}路`;
    const imported = await agents['haiwang.staff']
      .post('/api/base/import')
      .send({
        buildings: [
          {
            orgId: 'BA-XA-C01',
            gridId: 'BA-XA-C01-G01',
            road: mapRoad,
            name: '9栋',
            lng: 113.8851,
            lat: 22.5561,
          },
        ],
      })
      .expect(200);
    const [id] = imported.body.buildingIds as string[];
    await agents['grid.hw01']
      .post('/api/events')
      .send({ category: 'environment', urgency: 'NORMAL', buildingId: id, description: '外墙脱落' })
      .expect(201);
    const layer = async (agent: Agent, bbox?: string) =>
      (
        await agent
          .get('/api/base/map')
          .query(bbox ? { bbox } : {})
          .expect(200)
      ).body as {
        items: { id: string; open: number; events: number; lng: number }[];
      };
    expect((await layer(agents['haiwang.staff'])).items.find((b) => b.id === id)).toMatchObject({
      open: 1,
      events: 1,
      lng: 113.8851,
    });
    expect(
      (await layer(agents['haiwang.staff'], '113.88,22.55,113.89,22.56')).items.map((b) => b.id),
    ).toContain(id);
    expect(
      (await layer(agents['haiwang.staff'], '113.0,22.0,113.1,22.1')).items.map((b) => b.id),
    ).not.toContain(id);
    expect((await layer(agents['gushu.staff'])).items.map((b) => b.id)).not.toContain(id);
    const bad = await agents['haiwang.staff']
      .get('/api/base/map')
      .query({ bbox: '114,23,113,22' })
      .expect(400);
    expect(bad.body.error.fields[0].field).toBe('bbox');
  });

  it('imports the base from a spreadsheet, naming each problem by its row and column', async () => {
    const sheetRoad = `表格${Date.now() % 100000}路`;
    const person = freshIdNumber();
    const company = freshUscc();
    const header =
      '社区编码,网格编码,道路,门牌号,楼栋,单元,楼层,房号,房屋用途,姓名,性别,身份证号,人口类型,标签,单位名称,统一社会信用代码';
    const rows = (id: string) => [
      `BA-XA-C01,BA-XA-C01-G01,${sheetRoad},8号,1栋,1单元,3,301,出租,王五,男,${id},流动,独居老人、重点人群,,`,
      `BA-XA-C01,BA-XA-C01-G01,${sheetRoad},8号,1栋,1单元,3,302,自住,,,,,,,`,
      `BA-XA-C01,BA-XA-C01-G01,${sheetRoad},8号,1栋,,,,,,,,,,${sheetRoad}便利店,${company}`,
    ];
    const send = (lines: string[], dryRun: boolean) =>
      agents['haiwang.staff'].post('/api/base/import/file').send({
        fileName: 'base.csv',
        content: Buffer.from([header, ...lines].join('\n')).toString('base64'),
        dryRun,
      });
    const buildings = () => prisma.building.count({ where: { road: sheetRoad } });

    // A wrong check character on row 2 (the first under the header) is named by row and column; nothing is written.
    const bad = await send(rows(wrongCheck(person, '0123456789X')), false).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['rows.2.idNumber']);
    expect(await buildings()).toBe(0);

    const dry = (await send(rows(person), true).expect(200)).body;
    expect(dry).toMatchObject({ dryRun: true, buildings: 1, rooms: 2, residents: 1, businesses: 1 });
    expect(await buildings()).toBe(0);
    // The import reports its stages to the importer's progress poll (the page's bar).
    const progressId = `base-import-${Date.now()}`;
    const done = (
      await agents['haiwang.staff']
        .post('/api/base/import/file')
        .send({
          fileName: 'base.csv',
          content: Buffer.from([header, ...rows(person)].join('\n')).toString('base64'),
          progressId,
        })
        .expect(200)
    ).body;
    expect(done).toMatchObject({ dryRun: false, buildings: 1, rooms: 2, residents: 1, businesses: 1 });
    const progress = await agents['haiwang.staff'].get(`/api/progress/${progressId}`).expect(200);
    expect(progress.body).toMatchObject({ stage: 'write', total: 5 });
    // Nobody else reads it.
    const other = await agents['grid.hw01'].get(`/api/progress/${progressId}`).expect(200);
    expect(other.body.stage).toBeNull();
    const badId = await agents['haiwang.staff']
      .post('/api/base/import/file')
      .send({ fileName: 'base.csv', content: Buffer.from(header).toString('base64'), progressId: 'x' })
      .expect(400);
    expect(badId.body.error.fields[0].field).toBe('progressId');
    const [building] = await prisma.building.findMany({
      where: { road: sheetRoad },
      include: { rooms: true },
    });
    expect(building.rooms.map((r) => [r.roomNo, r.use]).sort()).toEqual([
      ['301', 'RENTAL'],
      ['302', 'RESIDENTIAL'],
    ]);
    expect(await prisma.business.findUnique({ where: { uscc: company } })).toMatchObject({
      name: `${sheetRoad}便利店`,
      buildingId: building.id,
    });

    // Not a spreadsheet, a sheet without 楼栋, and a grid member (who cannot import) are refused.
    const notAFile = await agents['haiwang.staff']
      .post('/api/base/import/file')
      .send({ fileName: 'x.xlsx', content: Buffer.from('not a workbook').toString('base64') })
      .expect(400);
    expect(notAFile.body.error.fields[0].field).toBe('content');
    const noName = await agents['haiwang.staff']
      .post('/api/base/import/file')
      .send({ fileName: 'x.csv', content: Buffer.from('社区编码,房号\nBA-XA-C01,1').toString('base64') })
      .expect(400);
    expect(noName.body.error.fields[0].field).toBe('columns.name');
    await agents['grid.hw01']
      .post('/api/base/import/file')
      .send({ fileName: 'x.csv', content: Buffer.from(header).toString('base64') })
      .expect(403);
    const template = await agents['haiwang.staff'].get('/api/base/import/template').expect(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  }, 60_000);

  it('imports a small district with codes assigned; a dry run writes nothing', async () => {
    const body = {
      buildings: [
        {
          orgId: 'BA-XA-C01',
          gridId: 'BA-XA-C01-G01',
          road,
          doorNo: '23号',
          name: '3栋',
          floors: 6,
          rooms: [
            {
              unitNo: '1',
              floor: 3,
              roomNo: '301',
              use: 'RENTAL',
              residents: [
                {
                  name: '测试住户甲',
                  gender: 'F',
                  idNumber: residentId,
                  kind: 'FLOATING',
                  tags: ['独居老人'],
                },
              ],
            },
            { unitNo: '1', floor: 3, roomNo: '302', residents: [] },
          ],
          businesses: [{ name: '测试便利店', uscc, legalRep: '王某', kind: '个体工商户', roomNo: '302' }],
        },
        { orgId: 'BA-XA-C01', road, doorNo: '25号', name: '1栋', rooms: [{ roomNo: '101', residents: [] }] },
      ],
    };
    const dry = await agents['haiwang.staff']
      .post('/api/base/import')
      .send({ ...body, dryRun: true })
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, buildings: 2, rooms: 3, residents: 1, businesses: 1 });
    expect(await prisma.building.count({ where: { road } })).toBe(0);

    const done = await agents['haiwang.staff'].post('/api/base/import').send(body).expect(200);
    expect(done.body.buildingIds).toHaveLength(2);
    buildingId = done.body.buildingIds[0];
    gridless = done.body.buildingIds[1];
    const building = await prisma.building.findUniqueOrThrow({
      where: { id: buildingId },
      include: { rooms: true },
    });
    const scheme = defaultAddressScheme();
    expect(building.code).toMatch(/^440306\d{19}$/);
    expect(addressCodeProblem(scheme, building.code)).toBeNull();
    for (const r of building.rooms) {
      expect(addressCodeProblem(scheme, r.code)).toBeNull();
      expect(r.code.slice(0, 18)).toBe(building.code.slice(0, 18));
    }
    expect(building.address).toBe(`宝安区新安街道海旺社区${road}23号3栋`);
    roomId = building.rooms.find((r) => r.roomNo === '301')!.id;
    // The ID number is kept encrypted; the import is in the building's history.
    const resident = await prisma.resident.findFirstOrThrow({ where: { roomId } });
    expect(resident.idNumberEnc).not.toContain(residentId);
    expect(resident.gridPath).toBe('/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/');
    expect(await prisma.baseChange.count({ where: { buildingId, source: 'IMPORT' } })).toBe(1);
  });

  it('refuses wrong check characters with a 400 naming the field', async () => {
    const staff = agents['haiwang.staff'];
    const badId = await staff
      .post('/api/base/residents')
      .send({ roomId, name: '测试住户乙', idNumber: wrongCheck(freshIdNumber(), '0123456789X') })
      .expect(400);
    expect(badId.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['idNumber']);
    const badUscc = await staff
      .post('/api/base/businesses')
      .send({
        name: '测试公司',
        uscc: wrongCheck(freshUscc(), '0123456789ABCDEFGHJKLMNPQRTUWXY'),
        buildingId,
      })
      .expect(400);
    expect(badUscc.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['uscc']);
    const inImport = await staff
      .post('/api/base/import')
      .send({
        buildings: [
          {
            orgId: 'BA-XA-C01',
            name: '9栋',
            rooms: [
              {
                roomNo: '1',
                residents: [{ name: '某', idNumber: wrongCheck(freshIdNumber(), '0123456789X') }],
              },
            ],
          },
        ],
      })
      .expect(400);
    expect(inImport.body.error.fields[0].field).toBe('buildings.0.rooms.0.residents.0.idNumber');
    const taken = await staff
      .post('/api/base/businesses')
      .send({ name: '重复', uscc, buildingId })
      .expect(400);
    expect(taken.body.error.fields[0].field).toBe('uscc');
    await staff
      .post('/api/base/residents')
      .send({ roomId, name: '测试住户甲', idNumber: residentId, extra: 1 })
      .expect(400);
  });

  it('links an event reported at a room; the building page lists it and the residents, 404 for another street', async () => {
    const reported = await agents['grid.hw01']
      .post('/api/events')
      .send({ category: 'environment', urgency: 'NORMAL', roomId, description: '楼道堆放杂物' })
      .expect(201);
    caseNo = reported.body.caseNo;
    expect(reported.body).toMatchObject({ buildingId, roomId, gridId: 'BA-XA-C01-G01' });
    expect(reported.body.address).toContain(`${road}23号3栋1单元301`);
    // Another street's building is not the reporter's to name.
    await agents['gushu.staff']
      .post('/api/events')
      .send({ category: 'environment', urgency: 'NORMAL', buildingId, description: 'x' })
      .expect(400)
      .expect((r) => expect(r.body.error.fields[0].field).toBe('buildingId'));

    // A dispute registered about the building keeps it; another street's community may not name it.
    const dispute = {
      type: 'neighbour',
      summary: '楼上漏水纠纷',
      communityId: 'BA-XA-C01',
      buildingId,
      parties: [{ name: '甲方' }, { name: '乙方' }],
      risk: { level: 'LOW', reasons: [] },
    };
    const registered = await agents['haiwang.staff'].post('/api/disputes').send(dispute).expect(201);
    await agents['gushu.staff']
      .post('/api/disputes')
      .send({ ...dispute, communityId: 'BA-XX-C01' })
      .expect(400)
      .expect((r) => expect(r.body.error.fields[0].field).toBe('buildingId'));
    // The justice bureau registers for any community of the district: its picker finds the
    // building (the address search), the dispute keeps it, and the bureau reads no residents.
    const justice = await stack.loginAs('justice.staff');
    const found = await justice
      .get('/api/base/search')
      .query({ q: `${road}23号` })
      .expect(200);
    expect(found.body.buildings[0]?.id).toBe(buildingId);
    const byBureau = await justice
      .post('/api/disputes')
      .send({ ...dispute, summary: '司法局登记的漏水纠纷' })
      .expect(201);
    expect((await prisma.dispute.findUniqueOrThrow({ where: { id: byBureau.body.id } })).buildingId).toBe(
      buildingId,
    );
    const forBureau = await justice.get(`/api/base/buildings/${buildingId}`).expect(200);
    expect(forBureau.body.rooms.flatMap((r: { residents: unknown[] }) => r.residents)).toEqual([]);

    const page = await agents['haiwang.staff'].get(`/api/base/buildings/${buildingId}`).expect(200);
    expect(page.body.events.map((e: { caseNo: string }) => e.caseNo)).toEqual([caseNo]);
    const room = page.body.rooms.find((r: { id: string }) => r.id === roomId);
    expect(room.residents).toHaveLength(1);
    expect(room.residents[0].idNumber).toBe(`${residentId.slice(0, 6)}********${residentId.slice(-4)}`);
    expect(page.body.businesses.map((b: { uscc: string }) => b.uscc)).toEqual([uscc]);
    expect(page.body.mayChange).toBe(true);
    expect(page.body.disputes.map((d: { id: string }) => d.id).sort()).toEqual(
      [registered.body.id, byBureau.body.id].sort(),
    );
    await agents['gushu.staff'].get(`/api/base/buildings/${buildingId}`).expect(404);
    // A building in no grid yet is its community's, and no grid member's.
    await agents['haiwang.staff'].get(`/api/base/buildings/${gridless}`).expect(200);
    await agents['grid.hw01'].get(`/api/base/buildings/${gridless}`).expect(404);
    // The reads (the bureau's, the community's) and the other street's refused try are all in the audit log.
    const reads = await prisma.auditLog.findMany({
      where: { action: 'building.read', subjectId: buildingId },
    });
    expect(reads.map((r) => r.status ?? 200).sort()).toEqual([200, 200, 404]);

    // The full view shows the number and is audited.
    const residentRow = room.residents[0];
    const full = await agents['haiwang.staff'].get(`/api/base/residents/${residentRow.id}`).expect(200);
    expect(full.body.idNumber).toBe(residentId);
    expect(
      await prisma.auditLog.count({ where: { action: 'resident.read', subjectId: residentRow.id } }),
    ).toBe(1);
    await agents['gushu.staff'].get(`/api/base/residents/${residentRow.id}`).expect(404);
    expect(
      await prisma.auditLog.count({
        where: { action: 'resident.read', subjectId: residentRow.id, status: 404 },
      }),
    ).toBe(1);
  });

  it('links a petition to a building and room in the office’s area; the building page lists it for its readers', async () => {
    const office = await stack.loginAs('petition.staff');
    const petition = await registerPetition(office, { buildingId, roomId });
    expect(await prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      buildingId,
      roomId,
    });
    // A room alone names its building; a room of another building is refused naming roomId.
    const byRoom = await registerPetition(office, { roomId });
    expect((await prisma.petition.findUniqueOrThrow({ where: { id: byRoom.id } })).buildingId).toBe(
      buildingId,
    );
    const misfit = await office
      .post('/api/petitions')
      .send({ ...petitionBody(), buildingId: gridless, roomId })
      .expect(400);
    expect(misfit.body.error.fields[0].field).toBe('roomId');
    // A street's own 信访 office (its area is the street) may not name another street's building.
    await prisma.org.upsert({
      where: { id: 'BA-XX-D-PETITION' },
      update: {},
      create: {
        id: 'BA-XX-D-PETITION',
        name: '西乡街道信访办',
        type: 'DEPARTMENT',
        deptKind: 'petition',
        parentId: 'BA-XX',
        path: '/BA/BA-XX/BA-XX-D-PETITION/',
      },
    });
    const street = await stack.userAs(`xx.petition.${Date.now()}`, 'BA-XX-D-PETITION', ['STAFF']);
    const refused = await street.agent
      .post('/api/petitions')
      .send({ ...petitionBody(), buildingId })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('buildingId');
    const roomOnly = await street.agent
      .post('/api/petitions')
      .send({ ...petitionBody(), roomId })
      .expect(400);
    expect(roomOnly.body.error.fields[0].field).toBe('roomId');

    // The office (which names buildings of its level) and the district see them on the building
    // page; the community, which does not handle them, does not learn they exist.
    for (const reader of [office, await stack.loginAs('district.lead')]) {
      const page = await reader.get(`/api/base/buildings/${buildingId}`).expect(200);
      expect(page.body.petitions.map((p: { id: string }) => p.id).sort()).toEqual(
        [petition.id, byRoom.id].sort(),
      );
      expect(JSON.stringify(page.body.petitions)).not.toContain('张三丰');
    }
    // The office finds the buildings of its level to name them (the picker's search).
    const found = await office
      .get('/api/base/search')
      .query({ q: `${road}23号` })
      .expect(200);
    expect(found.body.buildings[0]?.id).toBe(buildingId);
    // The office reads the building, not the people living there.
    const forOffice = await office.get(`/api/base/buildings/${buildingId}`).expect(200);
    expect(forOffice.body.rooms.flatMap((r: { residents: unknown[] }) => r.residents)).toEqual([]);
    const forCommunity = await agents['haiwang.staff'].get(`/api/base/buildings/${buildingId}`).expect(200);
    expect(forCommunity.body.petitions).toEqual([]);
    for (const p of [petition, byRoom]) {
      const { processInstanceId } = await prisma.petition.findUniqueOrThrow({ where: { id: p.id } });
      if (processInstanceId)
        await stack.engine.deleteProcessInstance(processInstanceId).catch(() => undefined);
    }
  });

  it('exports the residents of one’s area to its staff only, masked unless allowed, audited with the row count', async () => {
    const exportOf = (agent: Agent, query: Record<string, string>) =>
      agent.get('/api/base/export/residents').query(query);
    const masked = `${residentId.slice(0, 6)}********${residentId.slice(-4)}`;
    const mine = await exportOf(agents['haiwang.staff'], { format: 'csv', buildingId }).expect(200);
    expect(mine.headers['content-type']).toContain('text/csv');
    const lines = mine.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('姓名,性别,身份证号,电话,人口类型,标签,地址');
    expect(lines.slice(1)).toEqual([
      `测试住户甲,女,${masked},,流动,独居老人,宝安区新安街道海旺社区${road}23号3栋1单元301`,
    ]);
    const audited = await eventually(() =>
      prisma.auditLog
        .findFirst({ where: { action: 'export.residents', status: 200 }, orderBy: { id: 'desc' } })
        .then((e) => e ?? undefined),
    );
    expect(audited.detail).toMatchObject({ rows: 1, filter: { format: 'csv', buildingId, full: false } });
    // The workbook too; another street's staff export their own area, not this one.
    const book = await exportOf(agents['haiwang.staff'], { buildingId }).buffer(true).expect(200);
    expect(book.headers['content-type']).toContain('spreadsheetml');
    const theirs = await exportOf(agents['gushu.staff'], { format: 'csv' }).expect(200);
    expect(theirs.text).not.toContain('测试住户甲');
    // Grid members, administrators and the identity in full without the right: 403, audited.
    const refusals = () => prisma.auditLog.count({ where: { action: 'export.residents', status: 403 } });
    const before = await refusals();
    await exportOf(agents['grid.hw01'], { format: 'csv' }).expect(403);
    await exportOf(await stack.loginAs('xa.admin'), { format: 'csv' }).expect(403);
    await exportOf(agents['haiwang.staff'], { format: 'csv', full: 'true' }).expect(403);
    expect(await refusals()).toBe(before + 3);
    // A street's staff who supervise export the identity in full.
    const full = await exportOf(await stack.loginAs('xa.supervisor'), {
      format: 'csv',
      buildingId,
      full: 'true',
    }).expect(200);
    expect(full.text).toContain(residentId);
    // The building page offers the export to those who may.
    for (const [who, may] of [
      ['haiwang.staff', true],
      ['grid.hw01', false],
    ] as const)
      expect((await agents[who].get(`/api/base/buildings/${buildingId}`).expect(200)).body.mayExport).toBe(
        may,
      );
  });

  it('finds the building by partial address, full-width digits, without 街道/社区, and by its code', async () => {
    const building = await prisma.building.findUniqueOrThrow({ where: { id: buildingId } });
    for (const q of [
      `${road}23号`,
      `新安${fullWidth(`${road}23`)}`,
      `新安街道海旺社区${road}23号3栋`,
      fullWidth(building.code),
    ]) {
      const found = await agents['haiwang.staff'].get('/api/base/search').query({ q }).expect(200);
      expect({ q, id: found.body.buildings[0]?.id }).toEqual({ q, id: buildingId });
    }
    const none = await agents['gushu.staff']
      .get('/api/base/search')
      .query({ q: `${road}23号` })
      .expect(200);
    expect(none.body.buildings).toEqual([]);
    const byId = await agents['haiwang.staff'].get('/api/base/search').query({ q: residentId }).expect(200);
    expect(byId.body.residents).toHaveLength(1);
  });

  it("makes a grid member's resident and a QR self-declaration fact only after the community approves", async () => {
    const idNumber = freshIdNumber();
    const proposed = await agents['grid.hw01']
      .post('/api/base/residents')
      .send({ roomId, name: '测试住户丙', idNumber, kind: 'HOUSEHOLD' })
      .expect(202);
    expect(proposed.body.status).toBe('PROPOSED');
    expect(await prisma.resident.count({ where: { roomId, name: '测试住户丙' } })).toBe(0);

    const building = await prisma.building.findUniqueOrThrow({ where: { id: buildingId } });
    const qr = await stack.http().get(`/api/public/buildings/${building.code}`).expect(200);
    expect(qr.body.rooms.map((r: { roomNo: string }) => r.roomNo)).toContain('302');
    const room302 = qr.body.rooms.find((r: { roomNo: string }) => r.roomNo === '302').id;
    const declared = await stack
      .http()
      .post(`/api/public/buildings/${building.code}/declarations`)
      .send({ roomId: room302, name: '测试申报人', idNumber: freshIdNumber() })
      .expect(202);

    const review = (changeId: string) =>
      eventually(async () => {
        const change = await prisma.baseChange.findUniqueOrThrow({ where: { id: changeId } });
        return change.processInstanceId
          ? prisma.inboxTask.findFirst({
              where: { processInstanceId: change.processInstanceId, elementId: 'review', state: 'OPEN' },
            })
          : undefined;
      }, 15_000).then((t) => t!);
    const task = await review(proposed.body.changeId);
    expect(task.candidateGroups).toEqual(['unit:BA-XA-C01']);
    // The inbox row says what change, where and by whom, as other loops' rows do.
    const inbox = await agents['haiwang.staff']
      .get('/api/inbox')
      .query({ process: 'base-data-review', pageSize: 100 })
      .expect(200);
    const row = inbox.body.items.find((r: { key: string }) => r.key === task.key);
    expect(row.caseCard).toMatchObject({
      path: `/base/buildings/${buildingId}`,
      facts: [
        { key: 'address', text: building.address },
        { key: 'proposedBy', text: '海旺第1网格员' },
      ],
    });
    expect(row.caseCard.title).toContain('新增实有人口：测试住户丙');
    expect(row.caseCard.title).not.toContain(idNumber);
    // The grid member may not review their own proposal; the community does.
    await agents['grid.hw01']
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { decision: 'approve' } })
      .expect(404);
    await agents['haiwang.staff']
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { decision: 'approve' } })
      .expect(200);
    const other = await review(declared.body.changeId);
    await agents['haiwang.staff']
      .post(`/api/tasks/${other.key}/complete`)
      .send({ variables: { decision: 'reject', reviewNote: '非本楼住户' } })
      .expect(200);
    await eventually(async () =>
      (await prisma.baseChange.findUniqueOrThrow({ where: { id: declared.body.changeId } })).status ===
      'REJECTED'
        ? true
        : undefined,
    );
    const made = await eventually(() =>
      prisma.resident.findFirst({ where: { roomId, name: '测试住户丙' } }).then((r) => r ?? undefined),
    );
    expect(made.gridPath).toBe('/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/');
    expect(
      (await prisma.baseChange.findUniqueOrThrow({ where: { id: proposed.body.changeId } })).status,
    ).toBe('APPROVED');
    expect(await prisma.resident.count({ where: { name: '测试申报人', buildingId } })).toBe(0);

    // Two declarations per address per window here: the third is refused.
    await stack
      .http()
      .post(`/api/public/buildings/${building.code}/declarations`)
      .send({ roomId: room302, name: '测试申报人', idNumber: freshIdNumber() })
      .expect(202);
    await stack
      .http()
      .post(`/api/public/buildings/${building.code}/declarations`)
      .send({ roomId: room302, name: '测试申报人', idNumber: freshIdNumber() })
      .expect(429);
  }, 30_000);
});

describe('base-data: the QR self-declaration while Redis is down', () => {
  const stack = suiteStack({
    env: { REDIS_URL: 'redis://127.0.0.1:1/0', BASE_DECLARE_MAX_PER_ADDRESS: '1' },
  });

  it('still takes a declaration and still limits the address (in memory), never a 500', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const imported = await staff
      .post('/api/base/import')
      .send({
        buildings: [
          {
            orgId: 'BA-XA-C01',
            road: `无缓存${Date.now() % 100000}路`,
            name: '1栋',
            rooms: [{ roomNo: '101', residents: [] }],
          },
        ],
      })
      .expect(200);
    const building = await stack.prisma.building.findUniqueOrThrow({
      where: { id: imported.body.buildingIds[0] },
      include: { rooms: true },
    });
    const declare = () =>
      stack
        .http()
        .post(`/api/public/buildings/${building.code}/declarations`)
        .send({ roomId: building.rooms[0].id, name: '测试申报人', idNumber: freshIdNumber() });
    await declare().expect(202);
    const refused = await declare().expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
