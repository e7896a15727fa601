/**
 * 一患者一档案一队伍 through the real engine and the HTTP API: a file opened by community staff
 * starts its `patient-care` cycle; the follow-up is due by the interval decision and recorded by
 * the designated member only; the team reads and is alerted, outsiders get 404 and every read is
 * audited; risk 4 starts the emergency path whose record turns overdue in supervision; the
 * decision changed in the designer changes the next due date; the designated member and the grid
 * change with the open task following; a grid report of risk ≥ 3 starts the emergency path; a
 * street below its target is reminded once; closing a file (结案) ends its cycle wherever it stands.
 */
import type { Agent } from 'supertest';
import { addIsoDuration } from '../../../../lib/iso-duration';
import { fileDecision, restoreFileDecision } from '../../../../test/designer';
import { eventually, freshIdNumber, suiteStack } from '../../../../test/harness';

const ID_NUMBER = '44030619800101124X';
const DAY = 86_400_000;

type Task = {
  key: string;
  event?: unknown;
  person?: { id: string; name: string } | null;
  elementId: string;
  assignee: string | null;
  dueDate: string | null;
  orgId: string | null;
};

describe('patient-care: one patient, one file, one team', () => {
  // The workers check the streets' targets every second here (hours in production).
  const stack = suiteStack({ workers: true, env: { PATIENT_TARGET_CHECK_INTERVAL_MS: '1000' } });
  const { prisma } = stack;
  const users: Record<string, string> = {};
  const agents: Record<string, Agent> = {};
  let personId: string;
  let processInstanceId: string;
  let decisionChanged = false;

  beforeAll(async () => {
    const names = [
      'haiwang.staff',
      'grid.hw01',
      'grid.hw02',
      'grid.gs01',
      'hw.police',
      'hw.doctor',
      'xa.staff',
      'xa.supervisor',
      'justice.staff',
      'district.lead',
      'designer',
    ];
    for (const u of await prisma.user.findMany({ where: { username: { in: names } } }))
      users[u.username] = u.id;
    for (const name of names) agents[name] = await stack.loginAs(name);
    // A file of this ID number left by an earlier run of this suite on a kept database.
    await prisma.person.deleteMany({ where: { name: { startsWith: '测试患者' } } });
  });
  afterAll(async () => {
    if (decisionChanged) await restoreFileDecision(agents.designer, 'patient-care-interval');
  });

  /** The open task of the person's cycle at an element, once the inbox feed has it. */
  const openTask = (elementId: string, where: (t: Task) => boolean = () => true) =>
    eventually(async () => {
      const t = await prisma.inboxTask.findFirst({ where: { processInstanceId, elementId, state: 'OPEN' } });
      return t && where(t as unknown as Task) ? (t as unknown as Task) : undefined;
    }, 20_000);

  const dueIn = (task: Task) => new Date(task.dueDate!).getTime() - Date.now();

  const team = () => [
    { roleCode: 'grid-member', userId: users['grid.hw01'], designated: true },
    { roleCode: 'police', userId: users['hw.police'] },
    { roleCode: 'psychiatrist', userId: users['hw.doctor'] },
    { roleCode: 'cadre', userId: users['haiwang.staff'] },
    { roleCode: 'guardian', name: '李母' },
  ];
  const file = (fields: Record<string, unknown> = {}) => ({
    name: '测试患者甲',
    gender: 'M',
    idNumber: ID_NUMBER,
    phone: '13800138000',
    address: '海旺社区 3 栋 501',
    gridId: 'BA-XA-C01-G01',
    diagnosis: '精神分裂症',
    guardianName: '李母',
    guardianPhone: '13900139000',
    riskLevel: 0,
    team: team(),
    ...fields,
  });

  it('opens a file: identifiers encrypted at rest, the cycle started, the follow-up due in 3 months for the designated member', async () => {
    // Bad input is a 400 naming the field; a grid member does not open files; another street's grid is not nameable.
    const bad = await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ idNumber: '123', riskLevel: 9 }))
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'idNumber',
      'riskLevel',
    ]);
    // GB 11643: a check character that does not match, a birth date that never was or is yet to come.
    for (const [idNumber, message] of [
      ['44030619800101123X', '身份证号校验位不符，请核对是否输错'],
      ['440306198002301230', '身份证号中的出生日期不存在或晚于今天'],
      ['440306209901011233', '身份证号中的出生日期不存在或晚于今天'],
      ['440306800101123', '身份证号应为 18 位，前 17 位为数字，末位为数字或 X'],
    ]) {
      const wrong = await agents['haiwang.staff'].post('/api/patients').send(file({ idNumber })).expect(400);
      expect(wrong.body.error.fields).toEqual([
        { field: 'idNumber', message: expect.objectContaining({ 'zh-CN': message }) },
      ]);
    }
    await agents['grid.hw01'].post('/api/patients').send(file()).expect(403);
    const outside = await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ gridId: 'BA-XX-C01-G01' }))
      .expect(400);
    expect(outside.body.error.fields[0].field).toBe('gridId');
    const twoDesignated = team().map((m) => ({ ...m, designated: !!m.userId }));
    const noOne = await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ team: twoDesignated }))
      .expect(400);
    expect(noOne.body.error.fields[0].field).toBe('team');
    // A member reads the file: someone of another street cannot be named onto its team.
    const stranger = team().map((m) => (m.roleCode === 'cadre' ? { ...m, userId: users['grid.gs01'] } : m));
    const refused = await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ team: stranger }))
      .expect(400);
    expect(refused.body.error.fields).toEqual([
      {
        field: 'team.3.userId',
        message: expect.objectContaining({ 'zh-CN': expect.stringContaining('上级单位') }),
      },
    ]);

    const res = await agents['haiwang.staff'].post('/api/patients').send(file()).expect(201);
    personId = res.body.id;
    await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ name: '测试患者乙' }))
      .expect(409);

    const row = await prisma.person.findUniqueOrThrow({ where: { id: personId } });
    processInstanceId = row.processInstanceId!;
    expect(row.idNumberEnc).not.toContain('1980');
    expect(row.phoneEnc).not.toContain('13800138000');
    expect(row.idNumberEnc).toMatch(/^v1:/);

    const task = await openTask('follow-up');
    expect(task.assignee).toBe(users['grid.hw01']);
    expect(task.orgId).toBe('BA-XA-C01-G01');
    const threeMonths = addIsoDuration(new Date(), 'P3M').getTime() - Date.now();
    expect(Math.abs(dueIn(task) - threeMonths)).toBeLessThan(DAY);
    // In the designated member's 待办 with its due date, like any other work.
    const inbox = await agents['grid.hw01'].get('/api/inbox').query({ process: 'patient-care' }).expect(200);
    expect(inbox.body.items.map((t: Task) => t.key)).toContain(task.key);
    // The row says whom the follow-up is for: the person, the risk, where, and opens the file.
    const card = inbox.body.items.find((t: Task) => t.key === task.key).caseCard;
    expect(card).toMatchObject({ kind: 'PERSON', id: personId, path: `/patients/${personId}` });
    expect(card.title).toContain(row.name);
    expect(card.facts).toEqual(
      expect.arrayContaining([
        { key: 'risk', text: String(row.riskLevel), at: null },
        { key: 'address', text: row.address, at: null },
      ]),
    );
  });

  it('建档 and 随档转移 pick from the grids one may put a file in, and the team candidates there, by name', async () => {
    type Grid = { id: string; name: string; communityName: string; streetName: string };
    const grids = async (who: string) =>
      (await agents[who].get('/api/patient-grids').expect(200)).body.items as Grid[];
    const own = await grids('haiwang.staff');
    expect(own.length).toBeGreaterThan(1);
    expect(own.every((g) => g.id.startsWith('BA-XA-C01-G'))).toBe(true);
    expect(own[0]).toMatchObject({ communityName: '海旺社区', streetName: expect.any(String) });
    // The street puts files in any of its communities' grids, never another street's.
    const street = await grids('xa.staff');
    expect(new Set(street.map((g) => g.communityName)).size).toBeGreaterThan(1);
    expect(street.every((g) => g.id.startsWith('BA-XA-'))).toBe(true);
    await agents['grid.hw01'].get('/api/patient-grids').expect(403);

    const candidates = (
      await agents['haiwang.staff'].get('/api/patient-grids/BA-XA-C01-G01/team-candidates').expect(200)
    ).body as { roles: { code: string }[]; users: { id: string; orgName: string }[] };
    expect(candidates.roles.map((r) => r.code)).toEqual(expect.arrayContaining(['grid-member', 'police']));
    expect(candidates.users.map((u) => u.id)).toEqual(
      expect.arrayContaining([users['grid.hw01'], users['hw.police'], users['haiwang.staff']]),
    );
    expect(candidates.users.map((u) => u.id)).not.toContain(users['grid.gs01']);
    for (const elsewhere of ['BA-XX-C01-G01', 'BA-XA-C01', 'nowhere'])
      await agents['haiwang.staff'].get(`/api/patient-grids/${elsewhere}/team-candidates`).expect(404);
    await agents['grid.hw01'].get('/api/patient-grids/BA-XA-C01-G01/team-candidates').expect(403);
  });

  it('the team and the chain above read the file (identity masked for roles that do not need it), everyone else 404, every read audited', async () => {
    const police = await agents['hw.police'].get(`/api/patients/${personId}`).expect(200);
    expect(police.body.idNumber).toBe(ID_NUMBER);
    expect(police.body.identityMasked).toBe(false);
    const cadre = await agents['haiwang.staff'].get(`/api/patients/${personId}`).expect(200);
    expect(cadre.body.idNumber).toBe('440306********124X');
    expect(cadre.body.phone).toBe('138****8000');
    const street = await agents['xa.staff'].get(`/api/patients/${personId}`).expect(200);
    expect(street.body.identityMasked).toBe(true);
    for (const outsider of ['grid.hw02', 'grid.gs01', 'justice.staff'])
      await agents[outsider].get(`/api/patients/${personId}`).expect(404);
    await stack.http().get(`/api/patients/${personId}`).expect(401);

    const reads = await prisma.auditLog.findMany({
      where: { action: 'patient.read', subjectType: 'Person', subjectId: personId },
    });
    // Granted reads have no status; each refused one is there once with its 404.
    expect(
      reads
        .filter((r) => r.status === null)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([users['hw.police'], users['haiwang.staff'], users['xa.staff']].sort());

    // The task drawer shows the person too: a read of the file, audited as one.
    const task = await openTask('follow-up');
    const drawer = await agents['grid.hw01'].get(`/api/tasks/${task.key}`).expect(200);
    expect(drawer.body.caseCard).toMatchObject({ kind: 'PERSON', id: personId });
    expect(
      await prisma.auditLog.count({
        where: { action: 'patient.read', subjectId: personId, userId: users['grid.hw01'] },
      }),
    ).toBe(1);
    expect(
      reads
        .filter((r) => r.status === 404)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([users['grid.hw02'], users['grid.gs01'], users['justice.staff']].sort());
    expect(reads.every((r) => r.address)).toBe(true);

    const list = await agents['xa.staff']
      .get('/api/patients')
      .query({ street: 'BA-XA', risk: 0 })
      .expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(personId);
    expect(JSON.stringify(list.body)).not.toContain(ID_NUMBER);
    const other = await agents['grid.gs01'].get('/api/patients').expect(200);
    expect(other.body.items.map((p: { id: string }) => p.id)).not.toContain(personId);
    await agents['grid.gs01'].get('/api/patients').query({ street: 'BA-XA' }).expect(400);
  });

  it('only the designated member records the follow-up; the other members, who read it, are refused and then alerted', async () => {
    const task = await openTask('follow-up');
    const visit = { riskLevel: 0, followUpMethod: 'home', condition: '病情稳定，规律服药' };
    const refused = await agents['hw.police']
      .post(`/api/patients/${personId}/follow-ups`)
      .send(visit)
      .expect(403);
    expect(refused.body.error.code).toBe('error.notDesignated');
    await agents['grid.hw02'].post(`/api/patients/${personId}/follow-ups`).send(visit).expect(404);
    await agents['hw.police'].post(`/api/tasks/${task.key}/complete`).send({ variables: visit }).expect(404);
    await agents['grid.hw01']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ ...visit, level: 'x' })
      .expect(400);

    await agents['grid.hw01'].post(`/api/patients/${personId}/follow-ups`).send(visit).expect(202);
    const record = await eventually(() =>
      prisma.followUp.findUnique({ where: { taskKey: task.key } }).then((r) => r ?? undefined),
    );
    expect(record.byId).toBe(users['grid.hw01']);
    expect(record.riskLevel).toBe(0);
    // Alerted in-app: every other member who is a user, not the one who recorded it.
    const alerted = await eventually(async () => {
      const n = await prisma.notification.findMany({
        where: { dedupKey: { startsWith: `patient-follow-up:${task.key}:` } },
      });
      return n.length === 3 ? n : undefined;
    });
    expect(alerted.map((n) => n.userId).sort()).toEqual(
      [users['hw.police'], users['hw.doctor'], users['haiwang.staff']].sort(),
    );
    const mine = await agents['hw.police'].get('/api/notifications').expect(200);
    expect(mine.body.items.some((n: { kind: string }) => n.kind === 'ALERT')).toBe(true);
    const next = await openTask('follow-up', (t) => t.key !== task.key);
    expect(Math.abs(dueIn(next) - (addIsoDuration(new Date(), 'P3M').getTime() - Date.now()))).toBeLessThan(
      DAY,
    );
  });

  it('the interval decision changed in the designer changes the next due date', async () => {
    const current = await openTask('follow-up');
    const monthly = fileDecision('patient-care-interval').replace(
      '<outputEntry id="r1-out"><text>"P3M"</text>',
      '<outputEntry id="r1-out"><text>"P1M"</text>',
    );
    expect(monthly).toContain('"P1M"');
    decisionChanged = true;
    await agents.designer.post('/api/processes/decisions').send({ xml: monthly }).expect(201);
    await agents['grid.hw01']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ riskLevel: 0, followUpMethod: 'phone' })
      .expect(202);
    const next = await openTask('follow-up', (t) => t.key !== current.key);
    const oneMonth = addIsoDuration(new Date(), 'P1M').getTime() - Date.now();
    expect(Math.abs(dueIn(next) - oneMonth)).toBeLessThan(DAY);
    await restoreFileDecision(agents.designer, 'patient-care-interval');
    decisionChanged = false;
  });

  it('changing the designated member hands the open follow-up over in the engine', async () => {
    const task = await openTask('follow-up');
    await agents['grid.hw01']
      .put(`/api/patients/${personId}/designated`)
      .send({ userId: users['hw.police'] })
      .expect(403);
    await agents['haiwang.staff']
      .put(`/api/patients/${personId}/designated`)
      .send({ userId: users['grid.gs01'] })
      .expect(400);
    await agents['haiwang.staff']
      .put(`/api/patients/${personId}/designated`)
      .send({ userId: users['hw.police'] })
      .expect(200);
    expect((await stack.engine.task(task.key)).assignee).toBe(users['hw.police']);
    await openTask('follow-up', (t) => t.key === task.key && t.assignee === users['hw.police']);
    await agents['grid.hw01']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ riskLevel: 0, followUpMethod: 'home' })
      .expect(403);
  });

  it('risk 4 starts the emergency path: police and team alerted, the 24-hour record turns overdue in supervision when missing, the doctor assesses, the cycle goes on at the new level', async () => {
    const followUp = await openTask('follow-up');
    await agents['hw.police']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ riskLevel: 4, followUpMethod: 'home', condition: '拒绝服药，有冲动行为' })
      .expect(202);
    const record = await openTask('emergency-record');
    expect(record.assignee).toBe(users['hw.police']);
    expect(record.orgId).toBe('BA-XA-C01-G01');
    const emergency = await prisma.emergencyRecord.findFirstOrThrow({ where: { personId } });
    expect(emergency.riskLevel).toBe(4);
    const alerts = await eventually(async () => {
      const n = await prisma.notification.findMany({
        where: { dedupKey: { startsWith: 'patient-emergency:' }, kind: 'ALERT' },
      });
      const ours = n.filter((x) => (x.body as { en: string }).en.includes('risk level 4'));
      return ours.length >= 4 ? ours : undefined;
    });
    expect(alerts.map((n) => n.userId)).toEqual(
      expect.arrayContaining([
        users['hw.police'],
        users['grid.hw01'],
        users['hw.doctor'],
        users['haiwang.staff'],
      ]),
    );
    expect(followUp.key).not.toBe(record.key);
    // The police can act on it: where (the address), by when in Beijing time, and it opens the file.
    const person = await prisma.person.findUniqueOrThrow({ where: { id: personId } });
    const police = alerts.find((n) => n.userId === users['hw.police'])!;
    expect((police.body as { 'zh-CN': string })['zh-CN']).toContain(person.address);
    expect((police.body as { 'zh-CN': string })['zh-CN']).toMatch(
      /北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前记录/,
    );
    expect(police.path).toBe(`/patients/${personId}`);

    // The window is seconds in tests: the missing record is overdue work at the grid, no special case.
    const overdue = await eventually(async () => {
      const res = await agents['xa.supervisor']
        .get('/api/supervision/overdue/tasks')
        .query({ pageSize: 100 })
        .expect(200);
      return res.body.items.find((t: Task) => t.key === record.key) as Task | undefined;
    });
    expect(overdue.orgId).toBe('BA-XA-C01-G01');
    // No case behind it: the row names the file it belongs to, for the supervisor to open.
    expect(overdue).toMatchObject({ caseKind: 'PERSON', caseId: personId, personName: '测试患者甲' });
    const counts = await agents['xa.supervisor'].get('/api/supervision/overdue').expect(200);
    expect(counts.body.totals.yellow + counts.body.totals.red).toBeGreaterThan(0);

    await agents['hw.police']
      .post(`/api/tasks/${record.key}/complete`)
      .send({ variables: { measures: '民警与家属送医，已住院观察' } })
      .expect(200);
    const closed = await eventually(async () => {
      const r = await prisma.emergencyRecord.findUniqueOrThrow({ where: { id: emergency.id } });
      return r.recordedAt ? r : undefined;
    });
    expect(closed.byId).toBe(users['hw.police']);
    expect(closed.recordedAt!.getTime()).toBeGreaterThan(closed.dueAt.getTime());

    const assessment = await openTask('assessment');
    expect(assessment.assignee).toBe(users['hw.doctor']);
    await agents['hw.doctor']
      .post(`/api/tasks/${assessment.key}/complete`)
      .send({ variables: { riskLevel: 2, opinion: '住院后病情缓解' } })
      .expect(200);
    const next = await openTask('follow-up', (t) => t.key !== followUp.key);
    expect(Math.abs(dueIn(next) - 14 * DAY)).toBeLessThan(DAY);
    expect(next.assignee).toBe(users['hw.police']);
    const levels = await prisma.riskLevelRecord.findMany({ where: { personId }, orderBy: { at: 'asc' } });
    expect(levels.map((l) => l.level)).toEqual([0, 0, 0, 4, 2]);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: personId } })).riskLevel).toBe(2);
  });

  it('a move to another grid re-forms the team: the old members lose access, the open task moves, the file records it', async () => {
    const task = await openTask('follow-up');
    await agents['grid.hw01'].get(`/api/patients/${personId}`).expect(200);
    const newTeam = [
      { roleCode: 'grid-member', userId: users['grid.hw02'], designated: true },
      { roleCode: 'police', userId: users['hw.police'] },
    ];
    await agents['grid.hw01']
      .post(`/api/patients/${personId}/move`)
      .send({ gridId: 'BA-XA-C01-G02', team: newTeam })
      .expect(403);
    await agents['haiwang.staff']
      .post(`/api/patients/${personId}/move`)
      .send({ gridId: 'BA-XX-C01-G01', team: newTeam })
      .expect(400);
    await agents['haiwang.staff']
      .post(`/api/patients/${personId}/move`)
      .send({ gridId: 'BA-XA-C01-G02', team: newTeam })
      .expect(200);

    await agents['grid.hw01'].get(`/api/patients/${personId}`).expect(404);
    await agents['hw.doctor'].get(`/api/patients/${personId}`).expect(200); // 海旺社区 is still above the new grid
    const now = await agents['grid.hw02'].get(`/api/patients/${personId}`).expect(200);
    expect(now.body.gridId).toBe('BA-XA-C01-G02');
    expect(now.body.canRecordFollowUp).toBe(true);
    expect(now.body.history.map((h: { action: string }) => h.action)).toContain('moved');
    const moved = await openTask('follow-up', (t) => t.key === task.key && t.orgId === 'BA-XA-C01-G02');
    expect(moved.assignee).toBe(users['grid.hw02']);
    await agents['grid.hw02']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ riskLevel: 1, followUpMethod: 'home' })
      .expect(202);
    await eventually(() =>
      prisma.followUp.findUnique({ where: { taskKey: task.key } }).then((r) => r ?? undefined),
    );
  });

  it('a grid report of risk ≥ 3 cancels the waiting follow-up and starts the emergency path at once', async () => {
    const waiting = await openTask('follow-up');
    const report = { riskLevel: 5, description: '网格事件：与邻居冲突，持刀' };
    await agents['grid.hw01'].post(`/api/patients/${personId}/risk-reports`).send(report).expect(404);
    await agents['grid.hw02']
      .post(`/api/patients/${personId}/risk-reports`)
      .send({ ...report, riskLevel: 2 })
      .expect(400);
    await agents['grid.hw02'].post(`/api/patients/${personId}/risk-reports`).send(report).expect(202);
    const emergency = await openTask('emergency-record');
    expect(emergency.orgId).toBe('BA-XA-C01-G02');
    await eventually(async () => {
      const t = await prisma.inboxTask.findUniqueOrThrow({ where: { key: waiting.key } });
      return t.state === 'CANCELED' ? t : undefined;
    });
    const records = await prisma.emergencyRecord.findMany({
      where: { personId },
      orderBy: { openedAt: 'desc' },
    });
    expect(records[0].riskLevel).toBe(5);
    // The report grades the file like any other grading: its level and its chart say 5.
    expect((await prisma.person.findUniqueOrThrow({ where: { id: personId } })).riskLevel).toBe(5);
    const levels = await prisma.riskLevelRecord.findMany({ where: { personId }, orderBy: { at: 'desc' } });
    expect(levels[0]).toMatchObject({ level: 5, source: 'report' });
    // While the emergency is under way the cycle waits for no report.
    await agents['grid.hw02'].post(`/api/patients/${personId}/risk-reports`).send(report).expect(409);
  });

  it('a file opened at risk 4 starts the emergency path at once, and a doctor re-grading at 3 starts it again: one rule for the level whatever sets it', async () => {
    const opened = await agents['haiwang.staff']
      .post('/api/patients')
      .send(file({ name: '测试患者丙', idNumber: freshIdNumber(), riskLevel: 4 }))
      .expect(201);
    const row = await prisma.person.findUniqueOrThrow({ where: { id: opened.body.id } });
    const taskOf = (elementId: string, not?: string) =>
      eventually(async () => {
        const t = await prisma.inboxTask.findFirst({
          where: { processInstanceId: row.processInstanceId!, elementId, state: 'OPEN' },
        });
        return t && t.key !== not ? t : undefined;
      }, 20_000);
    const first = await taskOf('emergency-record');
    expect(first.assignee).toBe(users['hw.police']);
    expect(await prisma.inboxTask.count({ where: { processInstanceId: row.processInstanceId! } })).toBe(1);
    const opening = await prisma.emergencyRecord.findFirstOrThrow({ where: { personId: row.id } });
    expect(opening.riskLevel).toBe(4);

    await agents['hw.police']
      .post(`/api/tasks/${first.key}/complete`)
      .send({ variables: { measures: '民警到场，家属陪同就医' } })
      .expect(200);
    const assessment = await taskOf('assessment');
    await agents['hw.doctor']
      .post(`/api/tasks/${assessment.key}/complete`)
      .send({ variables: { riskLevel: 3, opinion: '仍有冲动风险' } })
      .expect(200);
    const again = await taskOf('emergency-record', first.key);
    expect(again.assignee).toBe(users['hw.police']);
    const records = await prisma.emergencyRecord.findMany({
      where: { personId: row.id },
      orderBy: { openedAt: 'asc' },
    });
    expect(records.map((r) => r.riskLevel)).toEqual([4, 3]);
    const levels = await prisma.riskLevelRecord.findMany({
      where: { personId: row.id },
      orderBy: { at: 'asc' },
    });
    expect(levels.map((l) => [l.source, l.level])).toEqual([
      ['file', 4],
      ['assessment', 3],
    ]);
    await agents['haiwang.staff']
      .post(`/api/patients/${row.id}/close`)
      .send({ reason: 'movedAway' })
      .expect(200);
  });

  it('the district sets a street target; a street under it is reminded on schedule, once per period', async () => {
    const period = String(new Date().getFullYear());
    const target = { period, followUpRate: 0, guardianAgreementRate: 1, emergencyOnTimeRate: 0 };
    await agents['xa.staff'].put('/api/patient-targets/BA-XA').send(target).expect(403);
    await agents['district.lead'].put('/api/patient-targets/BA-XA-C01').send(target).expect(404);
    const set = await agents['district.lead'].put('/api/patient-targets/BA-XA').send(target).expect(200);
    expect(set.body.below).toEqual(['guardianAgreementRate']);
    const page = await agents['xa.staff'].get('/api/patient-targets').query({ period }).expect(200);
    expect(page.body.items.map((i: { street: { id: string } }) => i.street.id)).toEqual(['BA-XA']);
    expect(page.body.items[0].below).toEqual(['guardianAgreementRate']);

    // Nobody asks: the workers' scheduled check finds the street below target and tells it.
    const reminded = () =>
      prisma.notification.findMany({
        where: { dedupKey: { startsWith: `patient-target:BA-XA:${period}:` } },
      });
    const reminders = await eventually(async () => {
      const n = await reminded();
      return n.length >= 2 ? n : undefined;
    });
    expect(reminders.every((n) => n.kind === 'MESSAGE')).toBe(true);
    // The district may also ask now; the street is not told twice, nor by the next checks.
    await agents['xa.staff'].post('/api/patient-targets/reminders').send({ period }).expect(403);
    const asked = await agents['district.lead']
      .post('/api/patient-targets/reminders')
      .send({ period })
      .expect(200);
    expect(asked.body.reminded).toContain('BA-XA');
    await new Promise((r) => setTimeout(r, 3000));
    const after = await reminded();
    // One per street user (xa.staff, xa.supervisor), however often the check runs.
    expect(after.filter((n) => n.userId === users['xa.staff'])).toHaveLength(1);
    expect(after).toHaveLength(reminders.length);
  });

  /** The engine's word on an instance: ACTIVE, COMPLETED … */
  const instanceState = async (id: string) => (await stack.engine.historicProcessInstance(id)).state;
  const taskState = (key: string, state: string) =>
    eventually(async () => {
      const t = await prisma.inboxTask.findUniqueOrThrow({ where: { key } });
      return t.state === state ? t : undefined;
    });

  it('closing a file (结案) in the middle of an emergency ends the instance and its open task; the file stays readable and read-only, the close audited', async () => {
    const emergency = await openTask('emergency-record');
    const close = (agent: string, body: object) =>
      agents[agent].post(`/api/patients/${personId}/close`).send(body);
    // The designated grid member reads the file but does not close it; outsiders learn nothing.
    await close('grid.hw02', { reason: 'death' }).expect(403);
    await close('grid.gs01', { reason: 'death' }).expect(404);
    const bad = await close('haiwang.staff', { reason: 'bored' }).expect(400);
    expect(bad.body.error.fields[0].field).toBe('reason');
    // Recovered only from a stable level: this person is at 5.
    const unstable = await close('haiwang.staff', { reason: 'recovered' }).expect(400);
    expect(unstable.body.error.fields[0].field).toBe('reason');
    expect(await instanceState(processInstanceId)).toBe('ACTIVE');

    const res = await close('haiwang.staff', { reason: 'death', note: '家属告知，已核实死亡证明' }).expect(
      200,
    );
    expect(res.body.closedReason).toBe('death');
    expect(await instanceState(processInstanceId)).toBe('COMPLETED');
    await taskState(emergency.key, 'CANCELED');

    const row = await prisma.person.findUniqueOrThrow({ where: { id: personId } });
    expect(row.closedReason).toBe('death');
    expect(row.closedById).toBe(users['haiwang.staff']);
    expect(row.nextFollowUpDueAt).toBeNull();
    const file = await agents['grid.hw02'].get(`/api/patients/${personId}`).expect(200);
    expect(file.body.closedAt).toBeTruthy();
    expect(file.body.openTasks).toEqual([]);
    expect(file.body.history.map((h: { action: string }) => h.action)).toContain('closed');
    const audited = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'patient.close', subjectId: personId, status: 200 },
    });
    expect(audited.userId).toBe(users['haiwang.staff']);
    expect(audited.detail).toMatchObject({ reason: 'death' });

    // Read-only from now on: closing again, recording, reporting and re-forming are refused.
    expect((await close('haiwang.staff', { reason: 'death' }).expect(409)).body.error.code).toBe(
      'error.fileClosed',
    );
    await agents['grid.hw02']
      .post(`/api/patients/${personId}/follow-ups`)
      .send({ riskLevel: 0, followUpMethod: 'home' })
      .expect(409);
    await agents['grid.hw02']
      .post(`/api/patients/${personId}/risk-reports`)
      .send({ riskLevel: 5, description: '再次上报' })
      .expect(409);
    await agents['haiwang.staff']
      .put(`/api/patients/${personId}/designated`)
      .send({ userId: users['hw.police'] })
      .expect(409);
    // The list shows files in care; closed ones on request.
    const inCare = await agents['xa.staff'].get('/api/patients').expect(200);
    expect(inCare.body.items.map((p: { id: string }) => p.id)).not.toContain(personId);
    const closed = await agents['xa.staff'].get('/api/patients').query({ closed: 'true' }).expect(200);
    expect(closed.body.items.find((p: { id: string }) => p.id === personId).closedReason).toBe('death');
  });

  it('a stable file closed as recovered ends its waiting follow-up', async () => {
    const created = await agents['hw.doctor']
      .post('/api/patients')
      .send(file({ name: '测试患者丙', idNumber: '440306199202021238', riskLevel: 0 }))
      .expect(201);
    const row = await prisma.person.findUniqueOrThrow({ where: { id: created.body.id } });
    const followUp = await eventually(() =>
      prisma.inboxTask
        .findFirst({
          where: { processInstanceId: row.processInstanceId!, elementId: 'follow-up', state: 'OPEN' },
        })
        .then((t) => t ?? undefined),
    );
    await agents['hw.doctor'].post(`/api/patients/${row.id}/close`).send({ reason: 'recovered' }).expect(200);
    expect(await instanceState(row.processInstanceId!)).toBe('COMPLETED');
    await taskState(followUp.key, 'CANCELED');
  });
});
