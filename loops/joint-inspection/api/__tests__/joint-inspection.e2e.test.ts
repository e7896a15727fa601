/**
 * 信用+联合检查 on the real engine (issue 29): grades imported from a .csv and pushed by the credit
 * system's key (all or none); plans of two departments on one enterprise in overlapping months
 * merged into one inspection with both matters, a lead department and both departments' tasks,
 * the saved-visit count up by one; both record findings, a serious one lowers the grade; the
 * decision table holds an A-grade enterprise back from a second routine visit within the year.
 */
import { createHash } from 'node:crypto';
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../test/harness';
import { testBuilding } from '../../../../test/buildings';

jest.setTimeout(60_000);

type Row = { key: string; elementId: string; caseKind: string | null; caseId: string | null };

describe('joint inspections', () => {
  const stack = suiteStack({ workers: true });
  let district: Agent;
  let housing: Agent;
  let market: Agent;
  const biz = { id: '', uscc: '91440306MA5JI0001X', building: '' };
  const good = { id: '', uscc: '91440306MA5JI0002X' };

  beforeAll(async () => {
    const community = await stack.prisma.org.findUniqueOrThrow({ where: { id: 'BA-XA-C01' } });
    // At a building of the base: a finding sent for enforcement opens its case there.
    const building = await testBuilding(stack.prisma, { lat: 22.561, lng: 113.881 }, '联检');
    biz.id = (
      await stack.prisma.business.create({
        data: {
          name: '海旺联检测试餐饮有限公司',
          uscc: biz.uscc,
          orgPath: community.path,
          buildingId: building.id,
          gridPath: building.gridPath,
        },
      })
    ).id;
    biz.building = building.id;
    good.id = (
      await stack.prisma.business.create({
        data: { name: '海旺守信测试科技有限公司', uscc: good.uscc, orgPath: community.path },
      })
    ).id;
    [district, housing, market] = await Promise.all([
      stack.loginAs('district.lead'),
      stack.loginAs('housing.staff'),
      stack.userAs('market.inspector', 'BA-D-MARKET', ['STAFF'], '市场监管检查员').then((u) => u.agent),
    ]);
  });

  it('keeps grades from a file and from the credit system, all or none, with their history', async () => {
    const csv = `统一社会信用代码,信用等级,评定日期\n${biz.uscc},C,2026-11-01\n${good.uscc},A,2026-11-01\n`;
    const imported = await district
      .post('/api/credit-grades/import')
      .send({ fileName: '信用等级.csv', content: Buffer.from(csv).toString('base64') })
      .expect(200);
    expect(imported.body).toEqual({ received: 2, kept: 2 });
    // The same file again keeps nothing new.
    await district
      .post('/api/credit-grades/import')
      .send({ fileName: '信用等级.csv', content: Buffer.from(csv).toString('base64') })
      .expect(200, { received: 2, kept: 0 });
    // One wrong row (an unknown code, a grade E) refuses the whole file, naming the rows.
    const bad = `统一社会信用代码,信用等级,评定日期\n${biz.uscc},B,2026-11-20\n91440306NOSUCH0000,E,2026-11-20\n`;
    const refused = await district
      .post('/api/credit-grades/import')
      .send({ fileName: 'bad.csv', content: Buffer.from(bad).toString('base64') })
      .expect(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'row.3.uscc',
      'row.3.grade',
    ]);

    // The credit system pushes with an intake channel's key; a wrong key is a 401.
    const key = 'zzc_credit_test_key';
    await stack.prisma.channel.create({
      data: { id: 'credit', name: '信用平台', keyHash: createHash('sha256').update(key).digest('hex') },
    });
    const push = { grades: [{ uscc: biz.uscc, grade: 'C', gradedAt: '2026-12-01' }] };
    await stack.http().post('/api/credit-grades').set('X-Channel-Key', 'nope').send(push).expect(401);
    await stack.http().post('/api/credit-grades').send(push).expect(401);
    await stack
      .http()
      .post('/api/credit-grades')
      .set('X-Channel-Key', key)
      .send(push)
      .expect(200, { received: 1, kept: 1 });
    // A department other than the market regulator does not keep grades.
    await housing.post('/api/credit-grades').send(push).expect(403);
    const history = await district.get('/api/credit-grades').query({ businessId: biz.id }).expect(200);
    expect(
      history.body.items.map((g: { grade: string; source: string }) => `${g.grade}:${g.source}`),
    ).toEqual(['C:api', 'C:import']);
  });

  it('merges two departments’ overlapping plans into one inspection, saves a visit and lowers the grade on a serious finding', async () => {
    const before = (await district.get('/api/joint-inspections/stats').expect(200)).body;
    const fire = await housing
      .post('/api/inspection-plans')
      .send({
        businessId: biz.id,
        matter: '消防安全检查',
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
      })
      .expect(201);
    expect(fire.body).toMatchObject({ grade: 'C', intervalDays: 90, status: 'PLANNED' });
    await market
      .post('/api/inspection-plans')
      .send({
        businessId: biz.id,
        matter: '食品安全检查',
        periodStart: '2027-02-01',
        periodEnd: '2027-04-30',
      })
      .expect(201);
    // Districts merge; departments do not.
    await housing.post('/api/joint-inspections/merge').expect(403);
    const merged = await district.post('/api/joint-inspections/merge').expect(200);
    expect(merged.body.items).toHaveLength(1);
    const [inspection] = merged.body.items;
    expect(inspection).toMatchObject({
      grade: 'C',
      lead: { id: 'BA-D-HOUSING' },
      periodStart: '2027-02-01',
      periodEnd: '2027-03-31',
      status: 'OPEN',
    });
    expect(inspection.departments.map((d: { id: string }) => d.id)).toEqual(['BA-D-HOUSING', 'BA-D-MARKET']);
    expect(inspection.plans.map((p: { matter: string }) => p.matter).sort()).toEqual([
      '消防安全检查',
      '食品安全检查',
    ]);
    const after = (await district.get('/api/joint-inspections/stats').expect(200)).body;
    expect(after.saved).toBe(before.saved + 1);
    expect(after.byGrade).toEqual([{ grade: 'C', inspections: 1, plans: 2, saved: 1 }]);
    // Merging again makes nothing: the plans are in the inspection.
    expect((await district.post('/api/joint-inspections/merge').expect(200)).body.items).toEqual([]);

    // Each department has its own task of the inspection; an outsider cannot read it.
    const taskOf = (agent: Agent) =>
      eventually(async () => {
        const res = await agent
          .get('/api/inbox')
          .query({ process: 'joint-inspection', pageSize: 100 })
          .expect(200);
        return (res.body.items as Row[]).find(
          (t) => t.caseId === inspection.id && t.elementId === 'record-findings',
        );
      });
    const [housingTask, marketTask] = await Promise.all([taskOf(housing), taskOf(market)]);
    expect(housingTask.caseKind).toBe('JOINT_INSPECTION');
    expect(marketTask.key).not.toBe(housingTask.key);
    await (await stack.loginAs('justice.staff')).get(`/api/joint-inspections/${inspection.id}`).expect(404);
    await market.get(`/api/joint-inspections/${inspection.id}`).expect(200);

    // The form sets the result and findings only: not the department, not a field it lacks.
    for (const extra of [{ deptId: 'BA-D-JUSTICE' }, { inspectionId: 'other' }, { fine: 5000 }]) {
      const refused = await housing
        .post(`/api/tasks/${housingTask.key}/complete`)
        .send({ variables: { result: 'PASS', findings: '消防通道畅通', ...extra } })
        .expect(400);
      expect(refused.body.error.fields[0].field).toBe(`variables.${Object.keys(extra)[0]}`);
    }
    await housing
      .post(`/api/tasks/${housingTask.key}/complete`)
      .send({ variables: { result: 'PASS', findings: '消防通道畅通' } })
      .expect(200);
    await market
      .post(`/api/tasks/${marketTask.key}/complete`)
      .send({ variables: { result: 'SERIOUS', findings: '后厨使用过期原料', openCase: true } })
      .expect(200);
    const done = await eventually(async () => {
      const res = await district.get(`/api/joint-inspections/${inspection.id}`).expect(200);
      return res.body.status === 'DONE' ? res.body : undefined;
    });
    expect(
      done.findings
        .map((f: { deptId: string; result: string; text: string }) => [f.deptId, f.result, f.text])
        .sort(),
    ).toEqual([
      ['BA-D-HOUSING', 'PASS', '消防通道畅通'],
      ['BA-D-MARKET', 'SERIOUS', '后厨使用过期原料'],
    ]);
    // The market regulator sent its finding for enforcement: a case at the enterprise's building,
    // reported in the inspector's name, naming the inspection; the finding names the case.
    const findings = done.findings as { deptId: string; openCase: boolean; eventId: string | null }[];
    expect(findings.find((f) => f.deptId === 'BA-D-HOUSING')).toMatchObject({
      openCase: false,
      eventId: null,
    });
    const sent = findings.find((f) => f.deptId === 'BA-D-MARKET')!;
    expect(sent).toMatchObject({ openCase: true, eventId: expect.any(String) });
    const event = await stack.prisma.event.findUniqueOrThrow({
      where: { id: sent.eventId! },
      include: { timeline: true },
    });
    expect(event).toMatchObject({
      buildingId: biz.building,
      gridId: 'BA-XA-C01-G01',
      categoryCode: 'safety-hazard',
      reporterName: '市场监管检查员',
    });
    expect(event.description).toContain(inspection.caseNo);
    expect(event.timeline.find((e) => e.action === 'inspection-finding')?.detail).toMatchObject({
      inspectionId: inspection.id,
      deptId: 'BA-D-MARKET',
    });
    // It runs the event loop like any case: 处置 at the building's grid.
    await eventually(
      async () =>
        (await stack.prisma.inboxTask.findFirst({
          where: { elementId: 'handle', state: 'OPEN', variables: { path: ['eventId'], equals: event.id } },
        })) ?? undefined,
    );
    const history = await district.get('/api/credit-grades').query({ businessId: biz.id }).expect(200);
    expect(history.body.items[0]).toMatchObject({ grade: 'D', source: 'inspection' });
  });

  it('merges on the schedule as by the button, and a second scheduled run changes nothing', async () => {
    const scheduler = await stack.queues.fieldWork.getJobScheduler('inspection-merge');
    expect(scheduler).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
    const shop = (
      await stack.prisma.business.create({
        data: { name: '海旺排期测试商店', uscc: '91440306MA5JI0003X', orgPath: '/BA/BA-XA/BA-XA-C01/' },
      })
    ).id;
    for (const [agent, matter] of [
      [housing, '燃气安全检查'],
      [market, '价格检查'],
    ] as const)
      await agent
        .post('/api/inspection-plans')
        .send({ businessId: shop, matter, periodStart: '2027-05-01', periodEnd: '2027-06-30' })
        .expect(201);
    /** Runs the scheduler's job now, as its time would, and waits for what it answered. */
    const run = async () => {
      const job = await stack.queues.fieldWork.add('inspection-merge', {});
      return eventually(async () => {
        const done = await stack.queues.fieldWork.getJob(job.id!);
        if (done?.failedReason) throw new Error(done.failedReason);
        return done?.finishedOn ? (done.returnvalue as { merged: number }) : undefined;
      });
    };
    expect(await run()).toEqual({ merged: 1 });
    const [made, ...more] = await stack.prisma.jointInspection.findMany({ where: { businessId: shop } });
    expect(more).toEqual([]);
    expect(made).toMatchObject({ createdById: 'schedule', deptIds: ['BA-D-HOUSING', 'BA-D-MARKET'] });
    expect(await run()).toEqual({ merged: 0 });
    expect(await stack.prisma.jointInspection.count({ where: { businessId: shop } })).toBe(1);
    // The button still merges (nothing left to merge here).
    expect((await district.post('/api/joint-inspections/merge').expect(200)).body.items).toEqual([]);
  });

  it('takes an enterprise’s self-check from its link instead of a visit', async () => {
    const { body: plan } = await housing
      .post('/api/inspection-plans')
      .send({
        businessId: biz.id,
        matter: '燃气安全自查',
        periodStart: '2027-05-01',
        periodEnd: '2027-05-31',
      })
      .expect(201);
    // Only the filing department sends the link.
    await market.post(`/api/inspection-plans/${plan.id}/self-check`).expect(404);
    const { body: link } = await housing.post(`/api/inspection-plans/${plan.id}/self-check`).expect(201);
    expect(link.path).toBe(`/self-check/${link.token}`);
    const anonymous = stack.http;
    const view = await anonymous().get(`/api/self-checks/${link.token}`).expect(200);
    expect(view.body).toMatchObject({
      enterprise: '海旺联检测试餐饮有限公司',
      department: '区住房和建设局',
      matter: '燃气安全自查',
      submittedAt: null,
    });
    await anonymous()
      .get(`/api/self-checks/${'x'.repeat(43)}`)
      .expect(404);
    const answer = { checkedItems: '燃气管道、报警器已检查，均正常', contactName: '王经理', truthful: true };
    await anonymous()
      .post(`/api/self-checks/${link.token}`)
      .send({ ...answer, truthful: false })
      .expect(400);
    await anonymous().post(`/api/self-checks/${link.token}`).send(answer).expect(200, { submitted: true });
    await anonymous().post(`/api/self-checks/${link.token}`).send(answer).expect(409);
    expect((await stack.prisma.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe(
      'SELF_CHECKED',
    );
    // The planner leaves it out: the self-check stands for the visit.
    expect((await district.post('/api/joint-inspections/merge').expect(200)).body.items).toEqual([]);
    expect((await district.get('/api/joint-inspections/stats').expect(200)).body.selfChecked).toBe(1);
  });

  it('holds an A-grade enterprise back from a second routine visit within the year, unless on a complaint', async () => {
    await housing
      .post('/api/inspection-plans')
      .send({ businessId: good.id, matter: '燃气安全', periodStart: '2027-01-10', periodEnd: '2027-01-31' })
      .expect(201);
    await district.post('/api/joint-inspections/merge').expect(200);
    const soon = await market
      .post('/api/inspection-plans')
      .send({ businessId: good.id, matter: '价格检查', periodStart: '2027-06-01', periodEnd: '2027-06-30' })
      .expect(400);
    expect(soon.body.error.fields[0]).toMatchObject({ field: 'periodStart' });
    expect(soon.body.error.fields[0].message['zh-CN']).toContain('2028-01-10');
    await market
      .post('/api/inspection-plans')
      .send({
        businessId: good.id,
        matter: '价格投诉核查',
        periodStart: '2027-06-01',
        periodEnd: '2027-06-30',
        complaint: true,
      })
      .expect(201);
    // A grid member files nothing; an unknown field is named.
    await (
      await stack.loginAs('grid.hw01')
    )
      .post('/api/inspection-plans')
      .send({ businessId: good.id, matter: 'x', periodStart: '2027-06-01', periodEnd: '2027-06-30' })
      .expect(403);
    const unknown = await market
      .post('/api/inspection-plans')
      .send({
        businessId: good.id,
        matter: 'x',
        periodStart: '2027-06-01',
        periodEnd: '2027-05-30',
        color: 1,
      })
      .expect(400);
    expect(unknown.body.error.fields.map((f: { field: string }) => f.field)).toContain('color');
  });
});
