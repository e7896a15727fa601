/**
 * Three-way mediation (三调联动) through the HTTP API on the real engine, one test per path of
 * issue 13's "done when": people's mediation with an agreement, the 司法确认 reminder and a
 * return visit; failed at the community and settled by the department; all three stages failed
 * (the judicial one at the court's liaison) and closed with the options told; a 矛盾纠纷 event
 * handed over, its type and parties corrected (audited, re-routed) and closed with its dispute; the
 * family fast track (24-hour contact, 4 visits); an extension only with every party's consent;
 * high risk alerting the police and the street; 404 outside the dispute's units.
 * Timers wait for dates the workers count with lib/calendar.ts (days, not seconds); the tests check
 * those dates and then fire the timer's job through the engine, as the date arriving would.
 */
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../test/harness';
import { reportEvent } from '../../../../test/events';
import { createCalendar } from '../../../../lib/calendar';
import { pdfText } from '../../../../test/pdf-text';

jest.setTimeout(120_000);

type Task = {
  key: string;
  elementId: string;
  orgId: string | null;
  dueDate: string | null;
  redAt: string | null;
  priority: number;
  assignee: string | null;
  variables: { disputeId?: string };
};
type Fields = { body: { error: { code: string; fields?: { field: string }[] } } };
const fields = (res: Fields) => (res.body.error.fields ?? []).map((f) => f.field);

const calendar = createCalendar();
const statutory = (from: Date | string, days: number) => calendar.addStatutoryDays(new Date(from), days);

describe('三调联动 dispute mediation', () => {
  const stack = suiteStack({ workers: true });

  const userId = async (username: string) =>
    (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
  /**
   * A second staff member of 海旺社区, who does the return visits: four eyes (the loop's manifest)
   * bar whoever mediated the case from rating its agreement.
   */
  const visitor = () => stack.userAs('haiwang.visitor', 'BA-XA-C01', ['STAFF'], '海旺社区回访员');
  let visits: Agent;
  beforeAll(async () => {
    visits = (await visitor()).agent;
  });

  /** The open dispute-mediation task at `elementId` of a dispute, once it is in the agent's 待办. */
  const taskFor = (agent: Agent, disputeId: string, elementId: string) =>
    eventually(async () => {
      const res = await agent
        .get('/api/inbox')
        .query({ process: 'dispute-mediation', pageSize: 100 })
        .expect(200);
      return (res.body.items as Task[]).find(
        (t) => t.variables.disputeId === disputeId && t.elementId === elementId,
      );
    });

  const complete = (agent: Agent, task: Task, variables: Record<string, unknown>) =>
    agent.post(`/api/tasks/${task.key}/complete`).send({ variables }).expect(200);

  const register = async (agent: Agent, fields: Record<string, unknown> = {}) =>
    (
      await agent
        .post('/api/disputes')
        .send({
          type: 'neighbour',
          amount: 2000,
          summary: '楼上漏水致楼下天花板受损，双方就赔偿争执',
          communityId: 'BA-XA-C01',
          parties: [
            { name: '张三', phone: '13812345678', address: '海旺社区 3 栋 501' },
            { name: '李四', phone: '13987654321', address: '海旺社区 3 栋 401' },
          ],
          risk: { level: 'LOW', reasons: ['双方情绪平稳'] },
          ...fields,
        })
        .expect(201)
    ).body as { id: string; caseNo: string; processInstanceId: string };

  const disputeWhen = (id: string, probe: (d: { stage: string }) => boolean) =>
    eventually(async () => {
      const d = await stack.prisma.dispute.findUniqueOrThrow({
        where: { id },
        include: { visits: { orderBy: { seq: 'asc' } }, consents: true, parties: true },
      });
      return probe(d) ? d : undefined;
    });

  /** The instance's one timer job at `activityId`, once the engine has it. */
  const timerJob = (processInstanceId: string, activityId: string) =>
    eventually(async () => {
      const [job] = (await stack.engine.jobs({ processInstanceId, activityId, timers: true })) ?? [];
      return job?.id && job.dueDate ? { id: job.id, dueDate: job.dueDate } : undefined;
    });

  /** Records an agreement signed today through the API. */
  const agree = (agent: Agent, id: string) =>
    agent.post(`/api/disputes/${id}/agreement`).send({
      terms: '李四赔偿张三维修费 1500 元，7 日内付清',
      signedAt: new Date().toISOString(),
      signatures: ['张三', '李四'],
    });

  it('is registered by the justice bureau in any community, by community staff in their own only', async () => {
    const names = async (agent: Agent) =>
      ((await agent.get('/api/dispute-communities').expect(200)).body.items as { name: string }[]).map(
        (c) => c.name,
      );
    const justice = await stack.loginAs('justice.staff');
    expect(await names(justice)).toEqual(expect.arrayContaining(['海旺社区', '固戍社区', '凤凰社区']));
    const community = await stack.loginAs('haiwang.staff');
    expect(await names(community)).toEqual(['海旺社区']);
    const { id } = await register(justice, { communityId: 'BA-XX-C01' });
    const row = await stack.prisma.dispute.findUniqueOrThrow({ where: { id } });
    expect(row.communityId).toBe('BA-XX-C01');
    // The bureau follows what it registered; the community's own staff of another street do not.
    await justice.get(`/api/disputes/${id}`).expect(200);
    await community.get(`/api/disputes/${id}`).expect(404);
    const refused = await community
      .post('/api/disputes')
      .send({
        type: 'neighbour',
        summary: '邻里纠纷',
        communityId: 'BA-XX-C01',
        parties: [{ name: '甲' }, { name: '乙' }],
        risk: { level: 'LOW', reasons: [] },
      })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('communityId');
  });

  it('is settled by people’s mediation: agreement, 司法确认 reminder, return visit, archive', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const mediatorId = await userId('haiwang.staff');
    const { id, processInstanceId } = await register(staff, { mediatorId });

    const mediate = await taskFor(staff, id, 'mediate');
    expect(mediate).toMatchObject({ orgId: 'BA-XA-C01', assignee: mediatorId });
    const dispute = await stack.prisma.dispute.findUniqueOrThrow({ where: { id } });
    // The 30-day limit counted from registration as the law counts days; the inbox's red time is it.
    expect(dispute.stage).toBe('PEOPLE');
    expect(new Date(mediate.redAt!).toISOString()).toBe(dispute.stageRedAt!.toISOString());
    expect(dispute.stageRedAt!.toISOString()).toBe(statutory(dispute.createdAt, 30).dueAt.toISOString());
    // The 调解 row carries its dispute: the parties and the stage, opening the dispute's page.
    expect((mediate as unknown as { caseCard: unknown }).caseCard).toMatchObject({
      kind: 'DISPUTE',
      path: `/disputes/${id}`,
      facts: expect.arrayContaining([
        { key: 'parties', text: '张三、李四', at: null },
        { key: 'stage', text: 'PEOPLE', at: null },
      ]),
    });

    await staff
      .post(`/api/disputes/${id}/sessions`)
      .send({
        heldAt: new Date().toISOString(),
        attendees: ['张三', '李四', '调解员'],
        result: '初步达成赔偿意向',
      })
      .expect(201);
    const signed = (await agree(staff, id).expect(201)).body as { signedAt: string };
    await staff
      .post(`/api/disputes/${id}/agreement`)
      .send({ terms: '再次', signedAt: signed.signedAt, signatures: ['张三', '李四'] })
      .expect(409);

    const agreed = await disputeWhen(id, (d) => d.stage === 'AGREED');
    const window = statutory(signed.signedAt, 30);

    // The 人民调解协议书 to print and sign: parties, terms, signature lines, the seal's place.
    const paper = await staff
      .get(`/api/disputes/${id}/agreement.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const text = pdfText(paper.body as Buffer);
    for (const words of [
      '人民调解协议书',
      agreed.caseNo,
      '张三',
      '李四',
      '1500',
      '（人民调解委员会印）',
      '司法确认',
    ])
      expect(text).toContain(words);
    expect(text).toMatch(/二〇[〇一二三四五六七八九]{2}年/);
    // Outside the scope nothing; before an agreement, a 409 that says so.
    await (await stack.loginAs('grid.gs01')).get(`/api/disputes/${id}/agreement.pdf`).expect(404);
    expect(agreed.confirmDueAt!.toISOString()).toBe(window.dueAt.toISOString());

    // The reminder waits until 7 days before the window closes; firing it notifies the community.
    const reminder = await timerJob(processInstanceId, 'confirm-reminder');
    expect(new Date(reminder.dueDate).getTime()).toBe(window.dueAt.getTime() - 7 * 86_400_000);
    await stack.engine.executeJob(reminder.id);
    await eventually(async () =>
      (await staff.get('/api/notifications').expect(200)).body.items.find(
        (n: { title: { 'zh-CN': string }; body: { 'zh-CN': string } }) =>
          n.title['zh-CN'] === '司法确认提醒' && n.body['zh-CN'].includes(agreed.caseNo),
      ),
    );
    await stack.engine.executeJob((await timerJob(processInstanceId, 'confirm-closed')).id);

    // One return visit, 30 days after the agreement (the visits decision for other disputes), by
    // someone other than the mediator, who is refused it.
    const visit = await taskFor(visits, id, 'return-visit');
    const barred = await staff
      .post(`/api/tasks/${visit.key}/complete`)
      .send({ variables: { performance: 'fulfilled' } })
      .expect(403);
    expect(barred.body.error.message['zh-CN']).toContain('「调解」');
    expect(visit.dueDate && new Date(visit.dueDate).toISOString()).toBe(
      statutory(signed.signedAt, 30).dueAt.toISOString(),
    );
    await complete(visits, visit, { performance: 'fulfilled', visitNote: '已付清' });

    const archived = await disputeWhen(id, (d) => d.stage === 'ARCHIVED');
    expect(archived.visits).toEqual([expect.objectContaining({ seq: 1, result: 'fulfilled' })]);
    const view = (await staff.get(`/api/disputes/${id}`).expect(200)).body;
    expect(view).toMatchObject({
      stage: 'ARCHIVED',
      contactsMasked: false,
      agreement: { signatures: ['张三', '李四'] },
    });
    expect(view.sessions).toHaveLength(1);
    expect(view.parties[0].phone).toBe('13812345678');
  });

  it('fails at the community and is settled by the competent department', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const { id } = await register(staff, { type: 'neighbour' });
    const justice = await stack.loginAs('justice.staff');
    // Not the department's dispute yet.
    await justice.get(`/api/disputes/${id}`).expect(404);

    await complete(staff, await taskFor(staff, id, 'mediate'), { outcome: 'failed', reason: '双方分歧大' });
    const atDept = await taskFor(justice, id, 'mediate');
    expect(atDept.orgId).toBe('BA-D-JUSTICE');
    const dispute = await disputeWhen(id, (d) => d.stage === 'ADMINISTRATIVE');
    expect(dispute.stageRedAt!.toISOString()).toBe(atDept.redAt && new Date(atDept.redAt).toISOString());

    await justice.get(`/api/disputes/${id}`).expect(200);
    await agree(justice, id).expect(201);
    const agreed = await disputeWhen(id, (d) => d.stage === 'AGREED');
    expect(agreed.handlerUnitIds).toEqual(['BA-XA-C01', 'BA-D-JUSTICE']);
    expect((await stack.prisma.disputeAgreement.findUniqueOrThrow({ where: { disputeId: id } })).stage).toBe(
      'ADMINISTRATIVE',
    );
  });

  it('fails at all three stages and is closed with the parties told their options', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const justice = await stack.loginAs('justice.staff');
    const court = await stack.loginAs('court.staff');
    const { id } = await register(staff, { type: 'other', amount: undefined });

    await complete(staff, await taskFor(staff, id, 'mediate'), { outcome: 'failed' });
    await court.get(`/api/disputes/${id}`).expect(404);
    await complete(justice, await taskFor(justice, id, 'mediate'), { outcome: 'failed' });
    // 诉调对接: the judicial stage is the court's, as the route decision names it, not the 司法局's.
    const judicial = await disputeWhen(id, (d) => d.stage === 'JUDICIAL');
    expect(judicial.handlerUnitIds).toEqual(['BA-XA-C01', 'BA-D-JUSTICE', 'BA-D-COURT']);
    const atCourt = await taskFor(court, id, 'mediate');
    expect(atCourt.orgId).toBe('BA-D-COURT');
    expect(new Date(atCourt.redAt!).toISOString()).toBe(judicial.stageRedAt!.toISOString());
    await court.get(`/api/disputes/${id}`).expect(200);
    await complete(court, atCourt, { outcome: 'failed' });

    const close = await taskFor(staff, id, 'close');
    // Routing variables cannot be set by a completion.
    const bad = await staff
      .post(`/api/tasks/${close.key}/complete`)
      .send({ variables: { closureNote: 'x', stage: 'ARCHIVED' } })
      .expect(400);
    expect(fields(bad)).toContain('variables.stage');
    await complete(staff, close, {
      toldLitigation: true,
      toldArbitration: true,
      closureNote: '已告知可诉讼或仲裁',
    });
    const closed = await disputeWhen(id, (d) => d.stage === 'CLOSED');
    expect(closed).toMatchObject({
      closureOptions: ['litigation', 'arbitration'],
      closureNote: '已告知可诉讼或仲裁',
    });
  });

  it('takes over a 矛盾纠纷 event, which closes when the dispute does', async () => {
    const member = await stack.loginAs('grid.hw01');
    const event = await reportEvent(member, { category: 'dispute', description: '邻里因停车位争吵' });
    const dispute = await eventually(
      async () => (await stack.prisma.dispute.findUnique({ where: { eventId: event.id } })) ?? undefined,
    );
    expect(dispute).toMatchObject({ source: 'EVENT', communityId: 'BA-XA-C01', summary: '邻里因停车位争吵' });
    const staff = await stack.loginAs('haiwang.staff');
    const housing = await stack.loginAs('housing.staff');
    const court = await stack.loginAs('court.staff');
    // Handed over as "other" with the reporter as its only party; the community corrects both.
    await taskFor(staff, dispute.id, 'mediate');
    const before = await stack.prisma.disputeParty.findMany({ where: { disputeId: dispute.id } });
    expect({ type: dispute.typeCode, parties: before.length }).toEqual({ type: 'other', parties: 1 });
    const corrected = (
      await staff
        .put(`/api/disputes/${dispute.id}`)
        .send({
          type: 'property',
          parties: [
            { id: before[0].id, name: '业主陈某', phone: '13600001111' },
            { name: '物业公司', phone: '075512345678', address: '海旺社区物业服务中心' },
          ],
        })
        .expect(200)
    ).body;
    expect(corrected).toMatchObject({ typeCode: 'property', contactsMasked: false });
    const stored = await stack.prisma.dispute.findUniqueOrThrow({
      where: { id: dispute.id },
      include: { parties: true },
    });
    expect(stored.typeCode).toBe('property');
    expect(stored.parties.map((p) => [p.id === before[0].id, p.name, p.phone, p.address])).toEqual(
      expect.arrayContaining([
        [false, '物业公司', '075512345678', '海旺社区物业服务中心'],
        [true, '业主陈某', '13600001111', null],
      ]),
    );
    expect(stored.parties).toHaveLength(2);
    const entry = await stack.prisma.auditLog.findFirstOrThrow({
      where: { action: 'dispute.correct', subjectId: dispute.id },
    });
    expect(entry).toMatchObject({
      userId: await userId('haiwang.staff'),
      subjectType: 'Dispute',
      status: 200,
      detail: expect.objectContaining({
        from: { type: 'other', parties: 1 },
        to: { type: 'property', parties: 2 },
        addedParties: 1,
        removedParties: 0,
      }),
    });
    // Refused by field, with nothing stored: a masked number sent back, another dispute's party,
    // a type that does not exist; a street reads it but does not mediate it; other areas see nothing.
    const other = await stack.prisma.disputeParty.findFirstOrThrow({
      where: { disputeId: { not: dispute.id } },
    });
    for (const [body, field] of [
      [
        { type: 'property', parties: [{ name: 'a' }, { name: 'b', phone: '136****1111' }] },
        'parties.1.phone',
      ],
      [{ type: 'property', parties: [{ id: other.id, name: 'a' }, { name: 'b' }] }, 'parties.0.id'],
      [{ type: 'nonsense', parties: [{ name: 'a' }, { name: 'b' }] }, 'type'],
      [{ type: 'property', parties: [{ name: 'a' }] }, 'parties'],
    ] as const) {
      const res = await staff.put(`/api/disputes/${dispute.id}`).send(body).expect(400);
      expect(fields(res)).toEqual([field]);
    }
    const unknown = await staff
      .put(`/api/disputes/${dispute.id}`)
      .send({ type: 'nonsense', parties: [{ name: 'a' }, { name: 'b' }] })
      .expect(400);
    expect(unknown.body.error.fields[0].message).toEqual({
      'zh-CN': '纠纷类型不存在或已停用',
      en: 'Unknown or inactive dispute type',
    });
    expect(
      (await stack.prisma.disputeParty.findMany({ where: { disputeId: dispute.id } }))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['业主陈某', '物业公司']);
    await (
      await stack.loginAs('xa.supervisor')
    )
      .put(`/api/disputes/${dispute.id}`)
      .send({ type: 'other', parties: [{ name: 'a' }, { name: 'b' }] })
      .expect(403);
    await (await stack.loginAs('grid.gs01')).put(`/api/disputes/${dispute.id}`).send({}).expect(404);
    // The street still sees the corrected contacts masked.
    const masked = (
      await (await stack.loginAs('xa.supervisor')).get(`/api/disputes/${dispute.id}`).expect(200)
    ).body as { parties: { name: string; phone: string; address: string | null }[] };
    expect(masked.parties.find((p) => p.name === '物业公司')).toMatchObject({
      phone: '075****5678',
      address: '***',
    });

    // The new type re-routed administrative mediation: 物业 goes to 住建, not the 司法局.
    await complete(staff, await taskFor(staff, dispute.id, 'mediate'), { outcome: 'failed' });
    expect((await taskFor(housing, dispute.id, 'mediate')).orgId).toBe('BA-D-HOUSING');
    await complete(housing, await taskFor(housing, dispute.id, 'mediate'), { outcome: 'failed' });
    await disputeWhen(dispute.id, (d) => d.stage === 'JUDICIAL');
    // The event waits for the dispute meanwhile.
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe('OPEN');
    await complete(court, await taskFor(court, dispute.id, 'mediate'), { outcome: 'failed' });
    await complete(staff, await taskFor(staff, dispute.id, 'close'), {
      toldLitigation: true,
      closureNote: '告知诉讼',
    });

    const archived = await eventually(async () => {
      const e = await stack.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
      return e.status === 'ARCHIVED' ? e : undefined;
    });
    expect(archived.status).toBe('ARCHIVED');
    const actions = (await stack.prisma.timelineEntry.findMany({ where: { eventId: event.id } })).map(
      (t) => t.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['handed-to-mediation', 'archived']));
  });

  it('fast-tracks a family dispute: contact within 24 hours, 15 days, 4 return visits', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const { id, processInstanceId } = await register(staff, { type: 'family', amount: undefined });
    const contact = await taskFor(staff, id, 'first-contact');
    const registered = (await stack.prisma.dispute.findUniqueOrThrow({ where: { id } })).createdAt.getTime();
    expect(contact.priority).toBe(2);
    expect(Math.abs(new Date(contact.dueDate!).getTime() - (registered + 24 * 3_600_000))).toBeLessThan(
      60_000,
    );
    // No agreement before a mediation step is open.
    await agree(staff, id).expect(409);
    await complete(staff, contact, { contactNote: '已电话联系双方' });

    const mediate = await taskFor(staff, id, 'mediate');
    const d = await stack.prisma.dispute.findUniqueOrThrow({ where: { id } });
    expect(d.fastTrack).toBe(true);
    expect(new Date(mediate.redAt!).toISOString()).toBe(statutory(d.createdAt, 15).dueAt.toISOString());
    const signed = (await agree(staff, id).expect(201)).body as { signedAt: string };

    for (const [seq, days] of [
      [1, 7],
      [2, 15],
      [3, 30],
      [4, 60],
    ]) {
      const visit = await eventually(async () => {
        const t = await taskFor(visits, id, 'return-visit');
        const planned = await stack.prisma.disputeVisit.findUnique({
          where: { disputeId_seq: { disputeId: id, seq } },
        });
        return planned && !planned.doneAt ? { t, planned } : undefined;
      });
      expect(visit.planned.dueAt.toISOString()).toBe(statutory(signed.signedAt, days).dueAt.toISOString());
      await complete(visits, visit.t, { performance: 'fulfilled' });
      await disputeWhen(
        id,
        (x) =>
          (x as unknown as { visits: { doneAt: Date | null }[] }).visits.filter((v) => v.doneAt).length ===
          seq,
      );
    }
    await stack.engine.executeJob((await timerJob(processInstanceId, 'confirm-reminder')).id);
    await stack.engine.executeJob((await timerJob(processInstanceId, 'confirm-closed')).id);
    const archived = await disputeWhen(id, (x) => x.stage === 'ARCHIVED');
    expect(archived.visits.map((v) => v.seq)).toEqual([1, 2, 3, 4]);
  });

  it('extends the 30-day limit only with every party’s consent on record; the limit ends the stage', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const { id, processInstanceId } = await register(staff);
    await taskFor(staff, id, 'mediate');
    const before = (await stack.prisma.dispute.findUniqueOrThrow({ where: { id } })).stageRedAt!;
    const ask = { outcome: 'extend', extendDays: 10, reason: '需再次协商' };
    /** Asking without every party's consent changes nothing, so it is refused, naming who is missing. */
    const refused = async (missing: string[]) => {
      const task = await taskFor(staff, id, 'mediate');
      const res = await staff.post(`/api/tasks/${task.key}/complete`).send({ variables: ask }).expect(409);
      expect(res.body.error.code).toBe('error.consentsMissing');
      expect(res.body.error.missingConsents.map((p: { name: string }) => p.name).sort()).toEqual(
        missing.sort(),
      );
      for (const name of missing) expect(res.body.error.message['zh-CN']).toContain(name);
      expect((await taskFor(staff, id, 'mediate')).key).toBe(task.key);
    };
    const extend = async () => {
      const task = await taskFor(staff, id, 'mediate');
      await complete(staff, task, ask);
      // The next 调解 step, once the extend worker has run.
      return eventually(async () => {
        const next = await taskFor(staff, id, 'mediate');
        return next.key !== task.key ? next : undefined;
      });
    };

    const { parties } = await stack.prisma.dispute.findUniqueOrThrow({
      where: { id },
      include: { parties: true },
    });
    await refused(parties.map((p) => p.name));
    const other = await stack.prisma.dispute.findFirstOrThrow({
      where: { id: { not: id } },
      include: { parties: true },
    });
    const wrong = await staff
      .post(`/api/disputes/${id}/consents`)
      .send({ partyId: other.parties[0]?.id ?? 'x', days: 10 })
      .expect(400);
    expect(fields(wrong)).toEqual(['partyId']);
    await staff.post(`/api/disputes/${id}/consents`).send({ partyId: parties[0].id, days: 10 }).expect(201);
    await refused([parties[1].name]);
    expect((await stack.prisma.dispute.findUniqueOrThrow({ where: { id } })).stageRedAt).toEqual(before);

    await staff.post(`/api/disputes/${id}/consents`).send({ partyId: parties[1].id, days: 10 }).expect(201);
    const extended = await extend();
    const moved = statutory(before, 10).dueAt;
    expect(new Date(extended.redAt!).toISOString()).toBe(moved.toISOString());
    const d = await disputeWhen(id, (x) =>
      (x as unknown as { consents: { usedAt: Date | null }[] }).consents.every((c) => c.usedAt),
    );
    expect(d.stageRedAt!.toISOString()).toBe(moved.toISOString());

    // The limit arriving ends people's mediation: the department takes over.
    const limit = await timerJob(processInstanceId, 'limit');
    expect(new Date(limit.dueDate).toISOString()).toBe(moved.toISOString());
    await stack.engine.executeJob(limit.id);
    await disputeWhen(id, (x) => x.stage === 'ADMINISTRATIVE');
  });

  it('alerts the police and the street at once for high risk, at intake and on re-assessment', async () => {
    const police = await stack.prisma.user.upsert({
      where: { username: 'test.police' },
      create: {
        username: 'test.police',
        displayName: '社区民警',
        passwordHash: 'x',
        orgId: 'BA-D-POLICE',
        roles: ['STAFF'],
      },
      update: {},
    });
    const alerts = (userId: string, caseNo: string) =>
      stack.prisma.notification.findMany({
        where: { userId, body: { path: ['zh-CN'], string_contains: caseNo } },
      });
    const staff = await stack.loginAs('haiwang.staff');
    const high = await register(staff, { risk: { level: 'HIGH', reasons: ['扬言报复', '多人聚集'] } });
    const street = await userId('xa.staff');
    await eventually(async () => ((await alerts(police.id, high.caseNo)).length === 1 ? true : undefined));
    await eventually(async () => ((await alerts(street, high.caseNo)).length === 1 ? true : undefined));

    const low = await register(staff);
    await staff
      .post(`/api/disputes/${low.id}/risk`)
      .send({ level: 'MEDIUM', reasons: ['有争吵'] })
      .expect(201);
    await staff
      .post(`/api/disputes/${low.id}/risk`)
      .send({ level: 'HIGH', reasons: ['持械威胁'], escalated: true })
      .expect(201);
    await eventually(async () => ((await alerts(police.id, low.caseNo)).length === 1 ? true : undefined));
    const view = (await staff.get(`/api/disputes/${low.id}`).expect(200)).body;
    expect(view.risks.map((r: { level: string }) => r.level)).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(view).toMatchObject({ riskLevel: 'HIGH', escalated: true });
  });

  it('records 司法确认: the joint application within the window as 民法典 counts it, then the court’s ruling', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const { id } = await register(staff);
    await taskFor(staff, id, 'mediate');
    const unsettled = await register(staff);
    // Signed 40 days ago: its 30-day window has closed, its last day (rolled over a holiday) passed.
    const signedAt = new Date(Date.now() - 40 * 86_400_000);
    await staff
      .post(`/api/disputes/${id}/agreement`)
      .send({ terms: '李四赔偿张三 1500 元', signedAt: signedAt.toISOString(), signatures: ['张三', '李四'] })
      .expect(201);
    await disputeWhen(id, (d) => d.stage !== 'PEOPLE');
    const window = statutory(signedAt, 30);
    const day = (date: string, plus: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
    const signedOn = statutory(signedAt, 0).countedDate;
    const parties = (await stack.prisma.disputeParty.findMany({ where: { disputeId: id } })).map((p) => p.id);
    const apply = (agent: Agent, disputeId: string, body: Record<string, unknown>) =>
      agent.post(`/api/disputes/${disputeId}/confirmation`).send({
        appliedOn: window.dueDate,
        court: '深圳市宝安区人民法院',
        applicants: parties,
        ...body,
      });

    // Scope first: outsiders 404, readers who do not record it 403, whatever the body.
    await apply(await stack.loginAs('grid.gs01'), id, {}).expect(404);
    const street = await stack.loginAs('xa.supervisor');
    await apply(street, id, {}).expect(403);
    // The court's liaison reads settled disputes only: one still in mediation is not there for it.
    const court = await stack.loginAs('court.staff');
    await court.get(`/api/disputes/${unsettled.id}`).expect(404);
    await apply(staff, unsettled.id, {}).expect(409);

    const invalid = await apply(staff, id, { court: '', applicants: [parties[0]], appliedOn: '2026-02-30' });
    expect(invalid.status).toBe(400);
    expect(fields(invalid)).toEqual(expect.arrayContaining(['court', 'applicants', 'appliedOn']));
    expect(fields(await apply(staff, id, { applicants: [parties[0], 'nobody'] }).expect(400))).toEqual([
      'applicants.1',
    ]);
    expect(fields(await apply(staff, id, { appliedOn: day(signedOn, -1) }).expect(400))).toEqual([
      'appliedOn',
    ]);
    const late = await apply(staff, id, { appliedOn: day(window.dueDate, 1) }).expect(400);
    expect(fields(late)).toEqual(['appliedOn']);
    expect(JSON.stringify(late.body)).toContain(window.dueDate);

    // On the last day (after any roll-over) it is in time.
    const applied = (await apply(staff, id, {}).expect(201)).body;
    expect(applied).toMatchObject({
      appliedOn: window.dueDate,
      court: '深圳市宝安区人民法院',
      applicants: ['张三', '李四'],
      ruling: null,
    });
    await apply(staff, id, {}).expect(409);
    expect(
      await stack.prisma.auditLog.findFirst({
        where: { action: 'dispute.confirmation.apply', subjectId: id },
      }),
    ).not.toBeNull();

    // The court's liaison sees it (contacts masked) and records the ruling.
    const seen = (await court.get(`/api/disputes/${id}`).expect(200)).body;
    expect(seen).toMatchObject({
      canConfirm: true,
      contactsMasked: true,
      confirmation: { court: '深圳市宝安区人民法院' },
    });
    expect((await street.get(`/api/disputes/${id}`).expect(200)).body.canConfirm).toBe(false);
    const rule = (agent: Agent, disputeId: string, body: Record<string, unknown>) =>
      agent.post(`/api/disputes/${disputeId}/confirmation/ruling`).send({
        ruledOn: day(window.dueDate, 3),
        ruling: 'CONFIRMED',
        courtCaseNo: '（2026）粤0306民特123号',
        ...body,
      });
    await rule(street, id, {}).expect(403);
    await rule(await stack.loginAs('grid.gs01'), id, {}).expect(404);
    await rule(staff, unsettled.id, {}).expect(409);
    expect(fields(await rule(court, id, { ruling: 'MAYBE', courtCaseNo: '' }).expect(400))).toEqual(
      expect.arrayContaining(['ruling', 'courtCaseNo']),
    );
    expect(fields(await rule(court, id, { ruledOn: day(window.dueDate, -1) }).expect(400))).toEqual([
      'ruledOn',
    ]);
    expect((await rule(court, id, {}).expect(200)).body).toMatchObject({
      ruling: 'CONFIRMED',
      ruledOn: day(window.dueDate, 3),
      courtCaseNo: '（2026）粤0306民特123号',
    });
    await rule(staff, id, {}).expect(409);
    expect((await staff.get(`/api/disputes/${id}`).expect(200)).body.confirmation).toMatchObject({
      ruling: 'CONFIRMED',
      applicants: ['张三', '李四'],
    });
  });

  it('answers 404 outside the dispute’s units, masks contacts above, refuses bad input by field', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const { id } = await register(staff);
    for (const outsider of ['grid.gs01', 'grid.hw01', 'justice.staff', 'court.staff']) {
      const agent = await stack.loginAs(outsider);
      await agent.get(`/api/disputes/${id}`).expect(404);
      await agent.post(`/api/disputes/${id}/sessions`).send({}).expect(404);
    }
    const street = await stack.loginAs('xa.supervisor');
    const view = (await street.get(`/api/disputes/${id}`).expect(200)).body;
    expect(view.contactsMasked).toBe(true);
    expect(view.parties[0].phone).toBe('138****5678');
    await street
      .post(`/api/disputes/${id}/sessions`)
      .send({ heldAt: new Date().toISOString(), attendees: ['x'], result: 'x' })
      .expect(403);
    const audit = await stack.prisma.auditLog.findFirst({ where: { action: 'dispute.read', subjectId: id } });
    expect(audit).not.toBeNull();

    // The street's overview counts its disputes per stage; another street's unit is 404.
    const overview = (await street.get('/api/disputes').query({ unit: 'BA-XA' }).expect(200)).body;
    expect(overview.byStage.PEOPLE).toBeGreaterThan(0);
    expect(overview.items.some((d: { id: string }) => d.id === id)).toBe(true);
    await street.get('/api/disputes').query({ unit: 'BA-XX' }).expect(404);
    const gs01 = await stack.loginAs('grid.gs01');
    expect((await gs01.get('/api/disputes').expect(200)).body.total).toBe(0);

    const bad = await staff
      .post('/api/disputes')
      .send({
        type: 'neighbour',
        summary: '',
        communityId: 'BA-XA-C01',
        parties: [{ name: '张三' }],
        risk: { level: 'X', reasons: [] },
      })
      .expect(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['summary', 'parties', 'risk.level']));
    const foreign = await staff
      .post('/api/disputes')
      .send({
        type: 'neighbour',
        summary: 's',
        communityId: 'BA-XX-C01',
        parties: [{ name: 'a' }, { name: 'b' }],
        risk: { level: 'LOW', reasons: [] },
      })
      .expect(400);
    expect(fields(foreign)).toEqual(['communityId']);
    await (await stack.loginAs('grid.hw01')).post('/api/disputes').send({}).expect(403);
  });

  it('counts the disputes ended above for 调解成功率 and 防激化率 in the assessment', async () => {
    // Relies on the tests above: one dispute archived with an agreement, others closed without.
    const ended = await stack.prisma.dispute.findMany({
      where: { createdAt: { gte: stack.since }, closedAt: { not: null }, communityId: 'BA-XA-C01' },
    });
    const lead = await stack.loginAs('district.lead');
    const period = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const asked = new Date();
    await lead.post('/api/assessment/runs').send({ period }).expect(202);
    try {
      await eventually(async () => {
        const run = await stack.prisma.assessmentRun.findUnique({ where: { periodKey: period } });
        return run?.computedAt && run.computedAt >= asked ? run : undefined;
      }, 60_000);
      const { items } = (
        await lead.get('/api/assessment/rankings').query({ period, level: 'COMMUNITY' }).expect(200)
      ).body as { items: { id: string; unitId: string; disputesEnded: number; disputesSettled: number }[] };
      const c01 = items.find((r) => r.unitId === 'BA-XA-C01')!;
      expect(c01.disputesEnded).toBeGreaterThanOrEqual(ended.length);
      const facts = (
        await lead
          .get(`/api/assessment/scores/${c01.id}/items`)
          .query({ indicator: 'mediation', pageSize: 100 })
          .expect(200)
      ).body.items as { hit: boolean; disputeId: string }[];
      for (const d of ended)
        expect(facts).toContainEqual(
          expect.objectContaining({ disputeId: d.id, hit: d.stage === 'ARCHIVED' }),
        );
      expect(ended.some((d) => d.stage === 'ARCHIVED') && ended.some((d) => d.stage === 'CLOSED')).toBe(true);
    } finally {
      // A current-month run would be the newest in other suites' trend charts.
      await stack.prisma.assessmentRun.deleteMany({ where: { periodKey: period } });
    }
  });
});
