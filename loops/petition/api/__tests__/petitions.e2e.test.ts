/**
 * Petitions (信访) through the real engine and the HTTP API, each path of issue 14's "done when":
 * accepted → handled → satisfied; 交办 with an approved extension (the notice generated), then
 * 复查 and 复核 and a repeat refused at registration; 不予受理 with the reason; 转送; the statutory
 * clocks (a decision limit ending in the 2026 National Day holiday moves to 2026-10-08; the
 * review-window timer's date is addStatutoryDays'); outsiders get 404, reads are audited and the
 * identity is masked for those who do not work the case; the PDFs open and name the case number.
 */
import type { Agent } from 'supertest';
import { createCalendar } from '../../../../lib/calendar';
import { eventually, suiteStack } from '../../../../test/harness';
import { pdfText as textOf } from '../../../../test/pdf-text';
import { freshPetitioner, petitionTask, petitionWhen, registerPetition } from '../../../../test/petitions';

jest.setTimeout(120_000);

const pdfText = async (agent: Agent, petitionId: string, noticeId: string) => {
  const res = await agent
    .get(`/api/petitions/${petitionId}/notices/${noticeId}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .expect('Content-Type', 'application/pdf');
  return textOf(res.body as Buffer);
};

type Notice = { id: string; kind: string };
const noticeOf = (p: Record<string, unknown>, kind: string) =>
  (p.notices as Notice[]).find((n) => n.kind === kind);

describe('petitions on the real engine', () => {
  const stack = suiteStack({ workers: true });
  let office: Agent;
  const cancel: string[] = [];
  // Cases the assessment test at the end finds counted: { accepted, assigned, first, repeat } ids.
  const counted: Record<string, string> = {};

  /** A second member of the office, who records the evaluation of a matter the office handled itself (four eyes). */
  let evaluator: Agent;
  beforeAll(async () => {
    office = await stack.loginAs('petition.staff');
    evaluator = (await stack.userAs('petition.evaluator', 'BA-D-PETITION', ['STAFF'], '区信访局回访员'))
      .agent;
  });
  afterAll(async () => {
    for (const id of cancel) await stack.engine.deleteProcessInstance(id).catch(() => undefined);
  });

  const track = async (id: string) => {
    const p = await stack.prisma.petition.findUniqueOrThrow({ where: { id } });
    cancel.push(p.processInstanceId!);
    return p;
  };

  it('accepts, handles and records satisfaction; the inbox carries unit and due; the review timer comes from the calendar', async () => {
    const petitioner = freshPetitioner();
    const { id, caseNo } = await registerPetition(office, { petitioner });
    counted.accepted = id;
    expect(caseNo).toMatch(/^XF-\d{4}-\d{6}$/);
    const { processInstanceId } = await track(id);

    const decide = await petitionTask(office, id, 'decide');
    expect(decide).toMatchObject({ orgId: 'BA-D-PETITION' });
    expect(decide.dueDate).not.toBeNull();
    // The row names the petitioner and the 受理 clock, and opens the petition.
    expect((decide as unknown as { caseCard: unknown }).caseCard).toMatchObject({
      kind: 'PETITION',
      path: `/petitions/${id}`,
      facts: [{ key: 'petitioner', text: petitioner.name }, { key: 'decisionDue' }],
    });
    await office
      .post(`/api/petitions/${id}/decision`)
      .send({ decision: 'accept', decisionReason: '属本机关职责范围' })
      .expect(200);
    // Accepted by the office, it handles the matter within 60 days.
    const handle = await petitionTask(office, id, 'handle');
    const accepted = await petitionWhen(office, id, (p) => p.status === 'HANDLING');
    expect(handle.orgId).toBe('BA-D-PETITION');
    expect(new Date(handle.dueDate!).toISOString()).toBe(
      new Date(accepted.handleDueAt as string).toISOString(),
    );
    expect(accepted.handleDueAt).toBe(
      createCalendar()
        .addStatutoryDays(new Date(accepted.decidedAt as string), 60)
        .dueAt.toISOString(),
    );
    // The 受理告知书 as an office sends it: to the petitioner, about the matter, numbered, signed with
    // the authority's full name above the seal's place, dated in Chinese.
    const paper = await pdfText(office, id, noticeOf(accepted, 'ACCEPT')!.id);
    expect(paper).toContain(caseNo);
    expect(paper).toContain(`${petitioner.name}：`);
    const { matter } = await stack.prisma.petition.findUniqueOrThrow({ where: { id } });
    expect(paper).toContain(matter);
    expect(paper).toMatch(/深宝信访〔\d{4}〕\d+号/);
    expect(paper).toContain('深圳市宝安区信访局');
    expect(paper).toContain('（印章）');
    expect(paper).toMatch(
      /二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日/,
    );

    await office
      .post(`/api/petitions/${id}/reply`)
      .send({ replyText: '已协调物业，加装电梯方案公示。' })
      .expect(200);
    // Whoever handled it does not record how satisfied the petitioner is (the loop's four eyes).
    await petitionTask(evaluator, id, 'satisfaction');
    const barred = await office
      .post(`/api/petitions/${id}/satisfaction`)
      .send({ satisfaction: 'satisfied' })
      .expect(403);
    expect(barred.body.error.code).toBe('error.fourEyes');
    await evaluator.post(`/api/petitions/${id}/satisfaction`).send({ satisfaction: 'satisfied' }).expect(200);
    const replied = await petitionWhen(office, id, (p) => p.satisfaction === 'satisfied');
    expect(replied.status).toBe('REPLIED');
    const opinion = await pdfText(office, id, noticeOf(replied, 'OPINION')!.id);
    expect(opinion).toContain(caseNo);
    expect(opinion).toContain('处理意见书');

    // The window for 复查 is a real timer whose date is 30 statutory days from the reply.
    const expected = createCalendar().addStatutoryDays(new Date(replied.repliedAt as string), 30).dueAt;
    const [timer] = await eventually(async () => {
      const jobs = await stack.engine.jobs({ processInstanceId: processInstanceId!, timers: true });
      return jobs.length ? jobs : undefined;
    });
    expect(Date.parse(timer.dueDate!)).toBe(expected.getTime());
  });

  it('moves a decision limit that ends in the National Day holiday to the next working day', async () => {
    // Received 2026-09-16: day 15 is 2026-10-01, inside the holiday; the limit is 2026-10-08. (A
    // received date is at most a year old, so from 2027-09 on this case is the calendar unit test's.)
    if (Date.now() - Date.parse('2026-09-16') > 360 * 86_400_000) return;
    const petitioner = freshPetitioner();
    const { id, decisionDue } = await registerPetition(office, {
      petitioner,
      receivedAt: '2026-09-16T10:00:00+08:00',
      channel: 'LETTER',
    });
    await track(id);
    expect(decisionDue).toMatchObject({ countedDate: '2026-10-01', dueDate: '2026-10-08', rolledOver: true });
    const decide = await petitionTask(office, id, 'decide');
    expect(new Date(decide.dueDate!).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    const variables = await stack.engine.processVariables(
      (await stack.prisma.petition.findUniqueOrThrow({ where: { id } })).processInstanceId!,
    );
    expect(new Date(String(variables.decisionDueAt)).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    // Overdue now, the task is in the supervisors' overdue list like any other, with no identity.
    const lead = await stack.loginAs('district.lead');
    const overdue = await lead
      .get('/api/supervision/overdue/tasks')
      .query({ unit: 'BA-D-PETITION', pageSize: 100 })
      .expect(200);
    expect(overdue.body.items.map((t: { key: string }) => t.key)).toContain(decide.key);
    // Its row names the petition (number and id for its page), as an event's row names the event.
    const row = overdue.body.items.find((t: { key: string }) => t.key === decide.key);
    expect(row).toMatchObject({ caseKind: 'PETITION', caseId: id, caseNo: expect.stringMatching(/^XF-/) });
    // The office's list finds it among the overdue ones, not among the others.
    const ids = async (query: Record<string, string>) =>
      (
        await office
          .get('/api/petitions')
          .query({ pageSize: 100, ...query })
          .expect(200)
      ).body.items.map((p: { id: string }) => p.id);
    expect(await ids({ overdue: 'true' })).toContain(id);
    expect(await ids({ overdue: 'false' })).not.toContain(id);
    const listed = JSON.stringify(overdue.body);
    expect(listed).not.toContain(petitioner.name);
    expect(listed).not.toContain(petitioner.idNo);
    const read = await office.get(`/api/petitions/${id}`).expect(200);
    expect(read.body.clocks[0]).toMatchObject({
      name: 'decision',
      countedDate: '2026-10-01',
      dueDate: '2026-10-08',
      rolledOver: true,
    });
  });

  it('交办 with an approved extension, then 复查 and 复核, and refuses the same matter again', async () => {
    const petitioner = freshPetitioner();
    const matter = '楼上住户长期噪音扰民';
    const { id, caseNo } = await registerPetition(office, { petitioner, matter });
    counted.assigned = id;
    await track(id);
    await petitionTask(office, id, 'decide');
    // 交办 goes to a street or community; a department is refused naming the field.
    const bad = await office
      .post(`/api/petitions/${id}/decision`)
      .send({ decision: 'assign', decisionReason: '属地处理', targetUnitId: 'BA-D-HOUSING' })
      .expect(400);
    expect(bad.body.error.fields[0].field).toBe('targetUnitId');
    await office
      .post(`/api/petitions/${id}/decision`)
      .send({ decision: 'assign', decisionReason: '属地处理', targetUnitId: 'BA-XA-C01' })
      .expect(200);

    const community = await stack.loginAs('haiwang.staff');
    const street = await stack.loginAs('xa.staff');
    const handle = await petitionTask(community, id, 'handle');
    expect(handle.orgId).toBe('BA-XA-C01');
    const before = await petitionWhen(community, id, (p) => p.status === 'HANDLING');
    // The handler reads the identity; the street above reads it masked; every read is audited.
    expect(before.petitioner).toMatchObject({ name: petitioner.name, idNo: petitioner.idNo, masked: false });
    const masked = await street.get(`/api/petitions/${id}`).expect(200);
    expect(masked.body.petitioner).toMatchObject({ name: '张**', masked: true });
    expect(masked.body.petitioner.idNo).toBe(
      `${petitioner.idNo.slice(0, 3)}***********${petitioner.idNo.slice(-4)}`,
    );

    await community
      .post(`/api/petitions/${id}/extension-request`)
      .send({ days: 31, reason: '需鉴定' })
      .expect(400);
    await community
      .post(`/api/petitions/${id}/extension-request`)
      .send({ days: 20, reason: '需噪声检测鉴定' })
      .expect(200);
    // Approved by the level above (the street), not by the handler itself.
    await petitionTask(street, id, 'approve-extension');
    await community.post(`/api/petitions/${id}/extension-approval`).send({ approved: true }).expect(409);
    await street
      .post(`/api/petitions/${id}/extension-approval`)
      .send({ approved: true, comment: '同意' })
      .expect(200);
    const extended = await petitionWhen(community, id, (p) => p.extensionDays === 20);
    expect(extended.handleDueAt).toBe(
      createCalendar()
        .addStatutoryDays(new Date(before.handleDueAt as string), 20)
        .dueAt.toISOString(),
    );
    const extensionText = await pdfText(community, id, noticeOf(extended, 'EXTENSION')!.id);
    expect(extensionText).toContain(caseNo);
    expect(extensionText).toContain('延期');
    const again = await petitionTask(community, id, 'handle');
    expect(new Date(again.dueDate!).toISOString()).toBe(extended.handleDueAt);

    await community.post(`/api/petitions/${id}/reply`).send({ replyText: '已约谈楼上住户。' }).expect(200);
    await petitionTask(office, id, 'satisfaction');
    await office.post(`/api/petitions/${id}/satisfaction`).send({ satisfaction: 'unsatisfied' }).expect(200);
    await petitionWhen(office, id, (p) => p.satisfaction === 'unsatisfied');

    // 复查 by the level above the handler (the street), then 复核 one more level up (the district).
    await eventually(async () =>
      (await office.post(`/api/petitions/${id}/review-requests`)).status === 201 ? true : undefined,
    );
    await petitionTask(street, id, 'review');
    await street
      .post(`/api/petitions/${id}/review`)
      .send({ reviewResult: 'upheld', reviewOpinion: '处理得当' })
      .expect(200);
    const reviewed = await petitionWhen(office, id, (p) => p.status === 'REPLIED' && p.reviewLevel === 1);
    expect(reviewed).toMatchObject({ reviewLevel: 1, reviewUnitId: 'BA-XA', status: 'REPLIED' });
    expect(await pdfText(office, id, noticeOf(reviewed, 'REVIEW_OPINION')!.id)).toContain(caseNo);

    await eventually(async () =>
      (await office.post(`/api/petitions/${id}/review-requests`)).status === 201 ? true : undefined,
    );
    const district = await stack.loginAs('district.lead');
    await petitionTask(district, id, 'review');
    await district
      .post(`/api/petitions/${id}/review`)
      .send({ reviewResult: 'upheld', reviewOpinion: '维持' })
      .expect(200);
    const final = await petitionWhen(office, id, (p) => p.status === 'CLOSED');
    expect(final).toMatchObject({ reviewLevel: 2, reviewUnitId: 'BA' });
    expect(final.finalAt).toBeTruthy();
    expect(await pdfText(office, id, noticeOf(final, 'RECHECK_OPINION')!.id)).toContain(caseNo);
    await office.post(`/api/petitions/${id}/review-requests`).expect(409);

    // The same petitioner on the same matter (spelt with other spaces) is refused, the reason shown.
    const check = await office
      .post('/api/petitions/duplicate-check')
      .send({ petitioner, matter: ` ${matter}。` })
      .expect(200);
    expect(check.body.refused).toMatchObject({ caseNo });
    const repeat = await office
      .post('/api/petitions')
      .send({
        channel: 'VISIT',
        receivedAt: new Date().toISOString(),
        petitioner,
        matter: ` ${matter}。`,
        requests: '再次反映',
        duplicateAcknowledged: true,
      })
      .expect(409);
    expect(repeat.body.error.code).toBe('error.petitionFinal');
    expect(repeat.body.error.message['zh-CN']).toContain(caseNo);
    expect(repeat.body.error.message['zh-CN']).toContain('不予受理');
  });

  it('不予受理 with the reason ends the case with its notice; 转送 hands it to the competent department', async () => {
    const { id, caseNo } = await registerPetition(office, { matter: '对法院判决不服' });
    await track(id);
    await petitionTask(office, id, 'decide');
    await office
      .post(`/api/petitions/${id}/decision`)
      .send({ decision: 'reject', decisionReason: '' })
      .expect(400);
    await office
      .post(`/api/petitions/${id}/decision`)
      .send({ decision: 'reject', decisionReason: '已进入诉讼程序，应通过法定途径解决' })
      .expect(200);
    const rejected = await petitionWhen(office, id, (p) => p.status === 'NOT_ACCEPTED');
    expect(rejected.decisionReason).toBe('已进入诉讼程序，应通过法定途径解决');
    const text = await pdfText(office, id, noticeOf(rejected, 'NOT_ACCEPT')!.id);
    expect(text).toContain(caseNo);
    expect(text).toContain('法定途径');
    await eventually(async () => {
      const history = (await stack.engine.historicProcessInstance(rejected.processInstanceId as string)) as {
        state?: string;
      };
      return history.state === 'COMPLETED' ? true : undefined;
    });

    const forwarded = await registerPetition(office, { matter: '小区违规装修' });
    await track(forwarded.id);
    await petitionTask(office, forwarded.id, 'decide');
    await office
      .post(`/api/petitions/${forwarded.id}/decision`)
      .send({ decision: 'forward', decisionReason: '属住建部门职责', targetUnitId: 'BA-XA' })
      .expect(400);
    await office
      .post(`/api/petitions/${forwarded.id}/decision`)
      .send({ decision: 'forward', decisionReason: '属住建部门职责', targetUnitId: 'BA-D-HOUSING' })
      .expect(200);
    const housing = await stack.loginAs('housing.staff');
    const task = await petitionTask(housing, forwarded.id, 'handle');
    expect(task.orgId).toBe('BA-D-HOUSING');
    const p = await petitionWhen(housing, forwarded.id, (x) => !!noticeOf(x, 'FORWARD'));
    expect(await pdfText(housing, forwarded.id, noticeOf(p, 'FORWARD')!.id)).toContain(forwarded.caseNo);
  });

  it('受理 names its handling unit (a department, street or community), whose 办理 step it becomes', async () => {
    const accepted = await registerPetition(office, { matter: '道路改造占用人行道' });
    await track(accepted.id);
    const decide = await petitionTask(office, accepted.id, 'decide');
    const decision = (targetUnitId: string) =>
      office
        .post(`/api/petitions/${accepted.id}/decision`)
        .send({ decision: 'accept', decisionReason: '属本级职责范围', targetUnitId });
    // A grid handles no petition: 400 naming the field, here and in the inbox's form.
    const refused = await decision('BA-XA-C01-G01').expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['targetUnitId']);
    const inbox = await office
      .post(`/api/tasks/${decide.key}/complete`)
      .send({ variables: { decision: 'accept', decisionReason: 'x', targetUnitId: 'BA-XA-C01-G01' } })
      .expect(400);
    expect(JSON.stringify(inbox.body)).toContain('targetUnitId');
    await decision('BA-D-HOUSING').expect(200);
    const housing = await stack.loginAs('housing.staff');
    expect((await petitionTask(housing, accepted.id, 'handle')).orgId).toBe('BA-D-HOUSING');
    const p = await petitionWhen(housing, accepted.id, (x) => !!noticeOf(x, 'ACCEPT'));
    expect(p).toMatchObject({ status: 'HANDLING', decision: 'accept' });
    expect(await pdfText(housing, accepted.id, noticeOf(p, 'ACCEPT')!.id)).toContain('承办');
  });

  it('shows a possible duplicate before saving, answers 404 outside the chain and audits every read', async () => {
    const petitioner = freshPetitioner();
    const { id } = await registerPetition(office, { petitioner, matter: '拖欠工资' });
    counted.first = id;
    await track(id);
    // The list by status and overdue clock: a fresh registration waits for its decision, in time.
    type Row = { id: string; status: string; dueAt: string; overdue: boolean };
    const list = async (query: Record<string, string>) =>
      (
        await office
          .get('/api/petitions')
          .query({ pageSize: 100, ...query })
          .expect(200)
      ).body.items as Row[];
    expect((await list({ status: 'REGISTERED', overdue: 'false' })).find((p) => p.id === id)).toMatchObject({
      status: 'REGISTERED',
      overdue: false,
      dueAt: expect.any(String),
    });
    expect((await list({ status: 'CLOSED' })).map((p) => p.id)).not.toContain(id);
    expect((await list({ overdue: 'true' })).map((p) => p.id)).not.toContain(id);
    const badStatus = await office.get('/api/petitions').query({ status: 'DONE' }).expect(400);
    expect(badStatus.body.error.fields[0].field).toBe('status');
    const check = await office
      .post('/api/petitions/duplicate-check')
      .send({ petitioner, matter: '拖欠 工资' })
      .expect(200);
    expect(check.body.duplicates.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(check.body.duplicates[0].petitionerName).toBe('张**');
    // A date JavaScript holds and PostgreSQL does not (found by the fuzz suite): 400, not 500.
    const far = await office
      .post('/api/petitions/duplicate-check')
      .send({ petitioner, matter: '拖欠工资', receivedAt: 715357960689799 })
      .expect(400);
    expect(far.body.error.fields[0].field).toBe('receivedAt');
    // One wrong digit of the ID number changes its check character: 400 naming the field, in both languages.
    const typo = `${petitioner.idNo.slice(0, 16)}${(Number(petitioner.idNo[16]) + 1) % 10}${petitioner.idNo[17]}`;
    for (const path of ['/api/petitions/duplicate-check', '/api/petitions']) {
      const wrong = await office
        .post(path)
        .send({
          channel: 'PHONE',
          receivedAt: new Date().toISOString(),
          petitioner: { ...petitioner, idNo: typo },
          matter: '拖欠工资',
          requests: '请求支付',
        })
        .expect(400);
      expect(wrong.body.error.fields).toContainEqual({
        field: 'petitioner.idNo',
        message: {
          'zh-CN': '身份证号校验位不符，请核对是否输错',
          en: expect.stringContaining('check character'),
        },
      });
    }
    const dup = await office
      .post('/api/petitions')
      .send({
        channel: 'PHONE',
        receivedAt: new Date().toISOString(),
        petitioner,
        matter: '拖欠工资',
        requests: '再次来电',
      })
      .expect(409);
    expect(dup.body.error.code).toBe('error.petitionPossibleDuplicate');
    const second = await registerPetition(office, {
      petitioner,
      matter: '拖欠工资',
      duplicateAcknowledged: true,
    });
    counted.repeat = second.id;
    await track(second.id);

    // Only the 信访 office registers.
    await (
      await stack.loginAs('xa.staff')
    )
      .post('/api/petitions/duplicate-check')
      .send({ petitioner, matter: 'x' })
      .expect(403);
    for (const outsider of ['grid.gs01', 'justice.staff', 'haiwang.staff', 'xa.supervisor']) {
      const agent = await stack.loginAs(outsider);
      await agent.get(`/api/petitions/${id}`).expect(404);
      await agent
        .post(`/api/petitions/${id}/decision`)
        .send({ decision: 'accept', decisionReason: 'x' })
        .expect(404);
      const list = await agent.get('/api/petitions').expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    }
    const lead = await stack.loginAs('district.lead');
    const read = await lead.get(`/api/petitions/${id}`).expect(200);
    expect(read.body.petitioner.masked).toBe(true);
    const leadUser = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'district.lead' } });
    const entries = await stack.prisma.auditLog.findMany({
      where: { action: 'petition.read', subjectType: 'Petition', subjectId: id, userId: leadUser.id },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0].address).toBeTruthy();
  });

  it('counts the petitions above for 及时受理率, 按期办结率, 群众满意率 and 重复信访率 in the assessment', async () => {
    // Relies on the tests above: one accepted and handled by the office (satisfied), one 交办 to
    // 海旺社区 (handled after an extension, unsatisfied), one registered again by its petitioner.
    const lead = await stack.loginAs('district.lead');
    const period = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const asked = new Date();
    await lead.post('/api/assessment/runs').send({ period }).expect(202);
    try {
      await eventually(async () => {
        const run = await stack.prisma.assessmentRun.findUnique({ where: { periodKey: period } });
        return run?.computedAt && run.computedAt >= asked ? run : undefined;
      }, 60_000);
      type Row = { id: string; unitId: string; score: number } & Record<string, number>;
      const rowOf = async (level: string, unitId: string) =>
        (
          (await lead.get('/api/assessment/rankings').query({ period, level }).expect(200)).body
            .items as Row[]
        ).find((r) => r.unitId === unitId)!;
      const facts = async (row: Row, indicator: string) =>
        (
          await lead
            .get(`/api/assessment/scores/${row.id}/items`)
            .query({ indicator, pageSize: 100 })
            .expect(200)
        ).body.items as { hit: boolean; petitionId: string }[];
      const fact = (petitionId: string, hit: boolean) => expect.objectContaining({ petitionId, hit });

      const office = await rowOf('DEPARTMENT', 'BA-D-PETITION');
      expect(office.petitionsDecisionDue).toBeGreaterThanOrEqual(office.petitionsDecidedInTime);
      expect(office.petitionsRepeated).toBeGreaterThanOrEqual(1);
      // Decided in time by the office, handled by it on time, and the petitioner satisfied.
      expect(await facts(office, 'petitionAccept')).toContainEqual(fact(counted.accepted, true));
      expect(await facts(office, 'petitionOnTime')).toContainEqual(fact(counted.accepted, true));
      expect(await facts(office, 'petitionSatisfaction')).toContainEqual(fact(counted.accepted, true));
      // The same petitioner's same matter registered again within the year is a repeat; the first is not.
      const repeats = await facts(office, 'petitionRepeat');
      expect(repeats).toContainEqual(fact(counted.repeat, true));
      expect(repeats).toContainEqual(fact(counted.first, false));

      // 交办 to the community: its handling (as extended) and the evaluation count for it and the street.
      for (const [level, unitId] of [
        ['COMMUNITY', 'BA-XA-C01'],
        ['STREET', 'BA-XA'],
      ]) {
        const row = await rowOf(level, unitId);
        expect(await facts(row, 'petitionOnTime')).toContainEqual(fact(counted.assigned, true));
        expect(await facts(row, 'petitionSatisfaction')).toContainEqual(fact(counted.assigned, false));
        expect(row.petitionsEvaluated).toBeGreaterThan(row.petitionsSatisfied);
      }
      // Weighted 0 by default (assessment-weights): the run's weights carry them, so scores stand.
      const runs = (await lead.get('/api/assessment/runs').expect(200)).body;
      expect(JSON.stringify(runs)).toContain('"petitionRepeatWeight":0');
    } finally {
      // A current-month run would be the newest in other suites' trend charts.
      await stack.prisma.assessmentRun.deleteMany({ where: { periodKey: period } });
    }
  });
});
