/**
 * `event-handling` through the HTTP API and the real engine, as staff would drive it:
 * report, handle, escalate, verify, visit, archive.
 */
import type { Agent } from 'supertest';
import { createCalendar } from '../../../../lib/calendar';
import { createTestStack, eventually, suiteStack } from '../../../../test/harness';
import { taskFor as taskOf } from '../../../../test/events';

const GRID = 'BA-XA-C01-G01';
type Task = {
  key: string;
  elementId: string;
  orgId: string;
  dueDate: string;
  variables: { eventId: string };
};

describe('event handling closed loop', () => {
  const stack = suiteStack({ workers: true });

  const report = (agent: Agent, body: Record<string, unknown> = {}) =>
    agent.post('/api/events').send({
      category: 'environment',
      urgency: 'NORMAL',
      gridId: GRID,
      address: '海旺社区 3 栋门口',
      description: '垃圾堆放未清理',
      ...body,
    });

  /** Waits for the event's open task at `elementId` in the agent's 待办 and returns it. */
  const taskFor = (agent: Agent, eventId: string, elementId: string, query?: Record<string, string>) =>
    taskOf<Task>(agent, eventId, elementId, query);

  const complete = (agent: Agent, task: Task, variables: Record<string, unknown>) =>
    agent.post(`/api/tasks/${task.key}/complete`).send({ variables }).expect(200);

  /** Grid, community and street each mark "cannot resolve here", so the case reaches the district. */
  const escalateToDistrict = async (member: Agent, id: string) => {
    const levels = [member, await stack.loginAs('haiwang.staff'), await stack.loginAs('xa.staff')];
    for (const agent of levels) {
      await complete(agent, await taskFor(agent, id, 'handle'), {
        outcome: 'cannotResolve',
        reason: '需上级',
      });
    }
  };

  const archived = (eventId: string) =>
    eventually(async () => {
      const event = await stack.prisma.event.findUniqueOrThrow({ where: { id: eventId } });
      return event.status === 'ARCHIVED' ? event : undefined;
    });

  const actions = async (agent: Agent, eventId: string) =>
    ((await agent.get(`/api/events/${eventId}`).expect(200)).body.timeline as { action: string }[]).map(
      (e) => e.action,
    );

  it('is resolved at the grid, fails verification once, then passes and is archived', async () => {
    const member = await stack.loginAs('grid.hw01');
    const res = await report(member).expect(201);
    expect(res.body.caseNo).toMatch(/^SJ-\d{4}-\d{6}$/);
    const id = res.body.id;

    const handle = await taskFor(member, id, 'handle');
    expect(handle.orgId).toBe(GRID);
    await complete(member, handle, { outcome: 'resolved', result: '已联系物业清理' });
    // Four eyes: the grid's only member reported and handled it, so its community verifies.
    const community = await stack.loginAs('haiwang.staff');
    const verify = await taskFor(community, id, 'verify');
    expect(verify.orgId).toBe('BA-XA-C01');
    // Every step has a deadline: the diagram's, or the SLA table's for the step (2 working days here).
    expect([1, 2]).toContain(createCalendar().workingDaysBetween(new Date(), new Date(verify.dueDate)));
    await complete(community, verify, {
      verified: false,
      verifyComment: '仍有垃圾',
    });
    const again = await taskFor(member, id, 'handle');
    expect(again.key).not.toBe(handle.key);
    await complete(member, again, { outcome: 'resolved', result: '已彻底清理' });
    await complete(community, await taskFor(community, id, 'verify'), { verified: true });
    await complete(community, await taskFor(community, id, 'visit'), { satisfaction: 'satisfied' });
    await archived(id);

    expect(await actions(member, id)).toEqual([
      'reported',
      'dispatched',
      'completed:handle',
      'verifierRaised',
      'completed:verify',
      'completed:handle',
      'verifierRaised',
      'completed:verify',
      'completed:visit',
      'archived',
    ]);
  });

  it('makes one case of a draft sent twice (clientRef), per reporter, even when both sends race', async () => {
    const member = await stack.loginAs('grid.hw01');
    const clientRef = '0f8b1f2e-7c1d-4a51-9d6e-3b2a4c5d6e7f';
    const description = `离线草稿 ${Date.now()}`;
    const first = await report(member, { clientRef, description }).expect(201);
    expect(first.body.replayed).toBe(false);
    const again = await report(member, { clientRef, description }).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, caseNo: first.body.caseNo, replayed: true });
    expect(await stack.prisma.event.count({ where: { description } })).toBe(1);

    // Another reporter's phone may hold the same id: theirs is their own case.
    const other = await report(await stack.loginAs('grid.hw02'), {
      clientRef,
      description,
      gridId: 'BA-XA-C01-G02',
    }).expect(201);
    expect(other.body.id).not.toBe(first.body.id);

    const racing = '5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
    const both = await Promise.all([
      report(member, { clientRef: racing, description: `${description} 并发` }),
      report(member, { clientRef: racing, description: `${description} 并发` }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.body.id)).size).toBe(1);
    expect(await stack.prisma.event.count({ where: { description: `${description} 并发` } })).toBe(1);

    const bad = await report(member, { clientRef: 'not-a-uuid' }).expect(400);
    expect(bad.body.error.fields[0]).toMatchObject({ field: 'clientRef' });
  });

  it('keeps 核查 and 回访 from whoever reported or handled the case (four eyes)', async () => {
    // A grid of this test's own with three members: one reports, one handles, the third verifies
    // and visits.
    const grid = 'BA-XA-C01-G4E';
    await stack.prisma.org.create({
      data: {
        id: grid,
        name: '四眼网格',
        type: 'GRID',
        parentId: 'BA-XA-C01',
        path: `/BA/BA-XA/BA-XA-C01/${grid}/`,
      },
    });
    const reporter = await stack.userAs('fe.reporter', grid, ['GRID_MEMBER']);
    const handler = await stack.userAs('fe.handler', grid, ['GRID_MEMBER']);
    const third = await stack.userAs('fe.third', grid, ['GRID_MEMBER']);
    const id = (await report(reporter.agent, { gridId: grid, description: '楼道堆物' }).expect(201)).body.id;
    const handle = await taskFor(handler.agent, id, 'handle');
    await complete(handler.agent, handle, { outcome: 'resolved', result: '已清理' });

    const verify = await taskFor(third.agent, id, 'verify');
    expect(verify.orgId).toBe(grid);
    for (const [who, code] of [
      [handler, 'error.fourEyes'],
      [reporter, 'error.fourEyesReporter'],
    ] as const) {
      const claim = await who.agent.post(`/api/tasks/${verify.key}/claim`).expect(403);
      expect(claim.body.error.code).toBe(code);
      const done = await who.agent
        .post(`/api/tasks/${verify.key}/complete`)
        .send({ variables: { verified: true } })
        .expect(403);
      expect(done.body.error.code).toBe(code);
    }
    const seen = (await handler.agent.get(`/api/tasks/${verify.key}`).expect(200)).body;
    expect(seen).toMatchObject({ actions: [], readOnlyReason: 'fourEyes', barredBy: '处置' });
    // Nor can the third member hand it to the handler.
    await third.agent.post(`/api/tasks/${verify.key}/claim`).expect(200);
    const delegation = await third.agent
      .post(`/api/tasks/${verify.key}/delegate`)
      .send({ userId: handler.id, reason: '请核查' })
      .expect(400);
    expect(delegation.body.error.fields[0].field).toBe('userId');

    await complete(third.agent, verify, { verified: true });
    const visit = await taskFor(third.agent, id, 'visit');
    await handler.agent.post(`/api/tasks/${visit.key}/claim`).expect(403);
    await complete(third.agent, visit, { satisfaction: 'satisfied' });
    await archived(id);
    expect(await actions(third.agent, id)).not.toContain('verifierRaised');
  });

  it('escalates twice on "cannot resolve here" and is resolved by the street', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { category: 'environment', description: '工地夜间噪音' }).expect(201))
      .body.id;

    await complete(member, await taskFor(member, id, 'handle'), {
      outcome: 'cannotResolve',
      reason: '需社区协调',
    });
    const community = await stack.loginAs('haiwang.staff');
    const atCommunity = await taskFor(community, id, 'handle');
    expect(atCommunity.orgId).toBe('BA-XA-C01');
    // The grid no longer holds the task once it moved up.
    const gridInbox = await member
      .get('/api/inbox')
      .query({ process: 'event-handling', pageSize: 100 })
      .expect(200);
    expect(
      (gridInbox.body.items as Task[]).some((t) => t.variables.eventId === id && t.elementId === 'handle'),
    ).toBe(false);

    await complete(community, atCommunity, { outcome: 'cannotResolve', reason: '涉及多个社区' });
    const street = await stack.loginAs('xa.staff');
    const atStreet = await taskFor(street, id, 'handle');
    expect(atStreet.orgId).toBe('BA-XA');
    await complete(street, atStreet, { outcome: 'resolved', result: '街道组织调解，双方达成一致' });

    // The grid's only member reported it; the community, which only passed it up, verifies.
    await complete(community, await taskFor(community, id, 'verify'), { verified: true });
    await complete(community, await taskFor(community, id, 'visit'), { satisfaction: 'basic' });
    const event = await archived(id);
    expect(event.level).toBe('STREET');
    expect(event.handlerUnitId).toBe('BA-XA');

    const view = (await street.get(`/api/events/${id}`).expect(200)).body;
    const escalations = view.timeline.filter((e: { action: string }) => e.action === 'escalated');
    expect(escalations.map((e: { detail: unknown }) => e.detail)).toEqual([
      { from: 'GRID', to: 'COMMUNITY', reason: '需社区协调' },
      { from: 'COMMUNITY', to: 'STREET', reason: '涉及多个社区' },
    ]);
  });

  it('turns a step its worker cannot do into an incident, and goes on once an admin fixed it and retried', async () => {
    // No SLA rule for urgent 处置 at grid level: the assign worker cannot set deadlines.
    const removed = await stack.prisma.slaRule.findMany({
      where: { step: 'handle', level: 'GRID', urgency: 'URGENT' },
    });
    await stack.prisma.slaRule.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
    let restored = false;
    const restore = async () => {
      if (restored) return;
      restored = true;
      await stack.prisma.slaRule.createMany({ data: removed.map(({ id: _id, ...rule }) => rule) });
    };
    try {
      const member = await stack.loginAs('grid.hw01');
      const id = (await report(member, { urgency: 'URGENT', description: '燃气泄漏' }).expect(201)).body.id;
      const { processInstanceId } = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
      const [incident] = await eventually(async () => {
        const found = await stack.engine.incidents(processInstanceId!);
        return found.length ? found : undefined;
      });
      expect(incident).toMatchObject({ activityId: 'assign', incidentType: 'failedExternalTask' });
      expect(incident.incidentMessage).toMatch(/no SLA rule for handle\/GRID\/URGENT/);

      await restore();
      const [failed] = await stack.engine.externalTasks(processInstanceId!);
      await stack.engine.retryExternal(failed.id!);
      const handle = await taskFor(member, id, 'handle');
      expect(handle.orgId).toBe(GRID);
      expect(await stack.engine.incidents(processInstanceId!)).toEqual([]);
    } finally {
      await restore();
    }
  });

  it('moves up by itself when the red deadline passes (deadlines shortened through the SLA table)', async () => {
    // 0.0005 h = 1.8 s yellow, 0.001 h = 3.6 s red, for this category at grid level only.
    const rule = await stack.prisma.slaRule.create({
      data: {
        step: 'handle',
        level: 'GRID',
        category: 'other',
        urgency: 'NORMAL',
        unit: 'hours',
        yellow: 0.0005,
        red: 0.001,
      },
    });
    try {
      const member = await stack.loginAs('grid.hw01');
      const id = (await report(member, { category: 'other' }).expect(201)).body.id;
      const atGrid = await taskFor(member, id, 'handle');
      const community = await stack.loginAs('haiwang.staff');
      const atCommunity = await taskFor(community, id, 'handle');
      expect(atCommunity.orgId).toBe('BA-XA-C01');

      const stale = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: atGrid.key } });
      expect(stale.state).toBe('CANCELED');
      const view = (await community.get(`/api/events/${id}`).expect(200)).body;
      expect(view.timeline.map((e: { action: string }) => e.action)).toContain('escalated-overdue');
      expect(view.currentSteps).toEqual([
        expect.objectContaining({ taskKey: atCommunity.key, unitId: 'BA-XA-C01' }),
      ]);
      // The community's deadline comes from the default rule again: days, not seconds.
      expect(Date.parse(atCommunity.dueDate) - Date.now()).toBeGreaterThan(24 * 3600_000);
    } finally {
      await stack.prisma.slaRule.delete({ where: { id: rule.id } });
    }
  });

  it('is returned as a wrong dispatch, re-dispatched by the community, and handled by the right grid', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { description: '隔壁网格的路灯损坏' }).expect(201)).body.id;
    const handle = await taskFor(member, id, 'handle');

    const noReason = await member.post(`/api/tasks/${handle.key}/return`).send({}).expect(400);
    expect(noReason.body.error.fields[0].field).toBe('reason');
    await member.post(`/api/tasks/${handle.key}/transfer`).send({ unitId: 'NOPE', reason: 'x' }).expect(400);
    await member.post(`/api/tasks/${handle.key}/return`).send({ reason: '位置属于第2网格' }).expect(200);

    const community = await stack.loginAs('haiwang.staff');
    const redispatch = await taskFor(community, id, 'redispatch');
    // 承办单位 is picked by name among the units the community may name, never typed as a code.
    const { variables } = (await community.get(`/api/tasks/${redispatch.key}/form`).expect(200)).body;
    expect(variables.unitOptions).toContainEqual({ label: '海旺社区第2网格', value: 'BA-XA-C01-G02' });
    expect(variables.unitOptions).not.toContainEqual(expect.objectContaining({ value: 'BA-XA' }));
    await complete(community, redispatch, {
      handlerOverride: 'BA-XA-C01-G02',
      redispatchComment: '改派第2网格',
    });
    const neighbour = await stack.loginAs('grid.hw02');
    const atRightGrid = await taskFor(neighbour, id, 'handle');
    expect(atRightGrid.orgId).toBe('BA-XA-C01-G02');
    await complete(neighbour, atRightGrid, { outcome: 'resolved', result: '已报修' });
    // Verification belongs to the reporting grid, whose only member reported it: its community verifies.
    await complete(community, await taskFor(community, id, 'verify'), { verified: true });
    await complete(community, await taskFor(community, id, 'visit'), { satisfaction: 'satisfied' });
    expect((await archived(id)).handlerUnitId).toBe('BA-XA-C01-G02');

    const timeline = (await community.get(`/api/events/${id}`).expect(200)).body.timeline;
    expect(timeline.find((e: { action: string }) => e.action === 'completed:handle').detail).toMatchObject({
      outcome: 'return',
      reason: '位置属于第2网格',
    });
  });

  it('gets more time when the level above approves an extension', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { description: '违建拆除需协调' }).expect(201)).body.id;
    const handle = await taskFor(member, id, 'handle');
    await member.post(`/api/tasks/${handle.key}/extension`).send({ days: 0, reason: 'x' }).expect(400);
    await member
      .post(`/api/tasks/${handle.key}/extension`)
      .send({ days: 3, reason: '需等待业主回复' })
      .expect(200);

    const community = await stack.loginAs('haiwang.staff');
    await complete(community, await taskFor(community, id, 'approve-extension'), { extensionApproved: true });
    const extended = await taskFor(member, id, 'handle');
    expect(extended.key).not.toBe(handle.key);
    const expected = createCalendar().addWorkingDays(new Date(handle.dueDate), 3);
    expect(new Date(extended.dueDate).toISOString()).toBe(expected.toISOString());
    const actions = (await member.get(`/api/events/${id}`).expect(200)).body.timeline.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['completed:approve-extension', 'extended']));
  });

  it('is reopened by its reporter after archiving and handled again by the same unit', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { description: '路面坑洼' }).expect(201)).body.id;
    const early = await member.post(`/api/events/${id}/reopen`).send({ reason: '还没修' }).expect(409);
    expect(early.body.error.code).toBe('error.reopenNotReady');
    await complete(member, await taskFor(member, id, 'handle'), { outcome: 'resolved' });
    const community = await stack.loginAs('haiwang.staff');
    await complete(community, await taskFor(community, id, 'verify'), { verified: true });
    await complete(community, await taskFor(community, id, 'visit'), { satisfaction: 'dissatisfied' });
    await archived(id);

    await (
      await stack.loginAs('grid.hw02')
    )
      .post(`/api/events/${id}/reopen`)
      .send({ reason: 'x' })
      .expect(404);
    await (
      await stack.loginAs('xa.staff')
    )
      .post(`/api/events/${id}/reopen`)
      .send({ reason: 'x' })
      .expect(403);
    await member.post(`/api/events/${id}/reopen`).send({}).expect(400);
    await member.post(`/api/events/${id}/reopen`).send({ reason: '雨后又出现坑洼' }).expect(202);
    const twice = await member.post(`/api/events/${id}/reopen`).send({ reason: '再次申请' }).expect(409);
    expect(twice.body.error.code).toBe('error.alreadyReopened');

    const again = await taskFor(member, id, 'handle');
    expect(again.orgId).toBe(GRID);
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
    expect(event).toMatchObject({ status: 'OPEN', reopenCount: 1 });
    const reopened = (await member.get(`/api/events/${id}`).expect(200)).body.timeline.filter(
      (e: { action: string }) => e.action === 'reopened',
    );
    expect(reopened).toEqual([
      expect.objectContaining({ unitId: GRID, detail: { reason: '雨后又出现坑洼', againstUnit: GRID } }),
    ]);
  });

  it('refuses a reopen once the window has closed, and the engine has stopped waiting', async () => {
    const shortWindow = createTestStack({ env: { EVENT_REOPEN_WINDOW_HOURS: '0.0005' } });
    try {
      const member = await shortWindow.loginAs('grid.hw01');
      const id = (await report(member, { description: '井盖松动' }).expect(201)).body.id;
      await complete(member, await taskFor(member, id, 'handle'), { outcome: 'resolved' });
      const community = await shortWindow.loginAs('haiwang.staff');
      await complete(community, await taskFor(community, id, 'verify'), { verified: true });
      await complete(community, await taskFor(community, id, 'visit'), { satisfaction: 'satisfied' });
      await archived(id);
      const { processInstanceId } = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
      // The 重办期满 timer (1.8 s after archiving) ends the instance.
      await eventually(async () =>
        (await stack.engine.historicProcessInstance(processInstanceId!)).state === 'COMPLETED'
          ? true
          : undefined,
      );
      const late = await member.post(`/api/events/${id}/reopen`).send({ reason: '又坏了' }).expect(409);
      expect(late.body.error.code).toBe('error.reopenClosed');
    } finally {
      await shortWindow.close();
    }
  });

  it('reaches the district, whose decision table hands special groups down to the justice bureau', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (
      await report(member, { category: 'special-groups', description: '社区矫正对象失联' }).expect(201)
    ).body.id;
    await escalateToDistrict(member, id);

    const justice = await stack.loginAs('justice.staff');
    const atJustice = await taskFor(justice, id, 'handle');
    expect(atJustice.orgId).toBe('BA-D-JUSTICE');
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
    expect(event).toMatchObject({ level: 'DISTRICT', handlerUnitId: 'BA-D-JUSTICE' });
    // The department reads the case it handles, though it sits outside the grid's chain.
    await justice.get(`/api/events/${id}`).expect(200);
  });

  it('is handed down (交办) by the district to a community with a transfer', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { description: '小区外墙脱落' }).expect(201)).body.id;
    await escalateToDistrict(member, id);
    const community = await stack.loginAs('haiwang.staff');

    const district = await stack.loginAs('district.lead');
    const atDistrict = await taskFor(district, id, 'handle');
    expect(atDistrict.orgId).toBe('BA');
    await district
      .post(`/api/tasks/${atDistrict.key}/transfer`)
      .send({ unitId: 'BA-XA-C01', reason: '交办社区牵头处置' })
      .expect(200);
    const handedDown = await taskFor(community, id, 'handle');
    expect(handedDown.orgId).toBe('BA-XA-C01');
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id } })).handlerUnitId).toBe('BA-XA-C01');
  });

  it('takes events from an external channel by its API key', async () => {
    const body = {
      category: 'public-security',
      urgency: 'URGENT',
      gridId: 'BA-XX-C01-G01',
      address: '固戍地铁站 A 口',
      description: '有人打架',
    };
    const created = await stack
      .http()
      .post('/api/events')
      .set('X-Channel-Key', 'demo-channel-12345')
      .send({ ...body, reporterName: '市民王先生' })
      .expect(201);
    expect(created.body).toMatchObject({
      source: '12345',
      reporterName: '市民王先生',
      reporterId: null,
      urgency: 'URGENT',
    });
    const gridMember = await stack.loginAs('grid.gs01');
    const handle = await taskFor(gridMember, created.body.id, 'handle');
    // Urgent work is due in hours, not working days.
    expect(Date.parse(handle.dueDate) - Date.now()).toBeLessThan(3600_000 + 60_000);

    const anonymous = await stack
      .http()
      .post('/api/events')
      .set('X-Channel-Key', 'demo-channel-wechat')
      .send(body)
      .expect(400);
    expect(anonymous.body.error.fields[0].field).toBe('reporterName');
    const wrong = await stack
      .http()
      .post('/api/events')
      .set('X-Channel-Key', 'stolen')
      .send(body)
      .expect(401);
    expect(wrong.body.error.code).toBe('error.badChannelKey');
    // Who reports is settled before the body is read: no field errors for a caller who may not report.
    const wrongAndInvalid = await stack
      .http()
      .post('/api/events')
      .set('X-Channel-Key', 'stolen')
      .send({})
      .expect(401);
    expect(wrongAndInvalid.body.error.code).toBe('error.badChannelKey');
    await (await stack.loginAs('admin')).post('/api/events').send({}).expect(403);
  });

  it('counts working days around a holiday that an admin adds to the calendar', async () => {
    const admin = await stack.loginAs('admin');
    const plain = createCalendar();
    // The next two working days become holidays, so they fall in the middle of the 5-day deadline.
    const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const days: string[] = [];
    for (let d = plain.addWorkingDays(new Date(), 1); days.length < 2; d = plain.addWorkingDays(d, 1))
      days.push(shanghaiDate(d));
    await (
      await stack.loginAs('grid.hw01')
    )
      .put(`/api/calendar-overrides/${days[0]}`)
      .send({ working: false })
      .expect(403);
    await admin.put('/api/calendar-overrides/2026-02-30').send({ working: false }).expect(400);
    for (const date of days)
      await admin
        .put(`/api/calendar-overrides/${date}`)
        .send({ working: false, note: '区级调休' })
        .expect(200);
    try {
      const member = await stack.loginAs('grid.hw01');
      const id = (await report(member, { description: '消防通道堵塞' }).expect(201)).body.id;
      const handle = await taskFor(member, id, 'handle');
      const dispatched = (
        await stack.prisma.timelineEntry.findFirstOrThrow({ where: { eventId: id, action: 'dispatched' } })
      ).at;
      const due = Date.parse(handle.dueDate);
      // The deadline was computed a moment before the timeline entry was written.
      const withHolidays = createCalendar(days.map((date) => ({ date, working: false })));
      expect(Math.abs(withHolidays.addWorkingDays(dispatched, 5).getTime() - due)).toBeLessThan(60_000);
      expect(due - plain.addWorkingDays(dispatched, 5).getTime()).toBeGreaterThan(47 * 3600_000);
    } finally {
      for (const date of days) await admin.delete(`/api/calendar-overrides/${date}`).expect(204);
    }
  });

  it('filters the inbox by category and unit and sorts urgent work first', async () => {
    const hw01 = await stack.loginAs('grid.hw01');
    const hw02 = await stack.loginAs('grid.hw02');
    const urgent = (await report(hw01, { category: 'safety-hazard', urgency: 'URGENT' }).expect(201)).body.id;
    const normal = (await report(hw02, { gridId: 'BA-XA-C01-G02', category: 'safety-hazard' }).expect(201))
      .body.id;
    const supervisor = await stack.loginAs('xa.supervisor');
    // 辖区: the supervisor follows the grids' work, which is not theirs to act on.
    await taskFor(supervisor, urgent, 'handle', { scope: 'area' });
    await taskFor(supervisor, normal, 'handle', { scope: 'area' });
    const own = await supervisor.get('/api/inbox').query({ pageSize: 100 }).expect(200);
    expect(own.body.items.map((t: Task) => t.variables.eventId)).not.toContain(urgent);

    const list = (query: Record<string, string>) =>
      supervisor
        .get('/api/inbox')
        .query({ process: 'event-handling', pageSize: 100, scope: 'area', ...query })
        .expect(200)
        .then((r) => (r.body.items as Task[]).map((t) => t.variables.eventId));
    const hazards = await list({ category: 'safety-hazard', sort: 'priority', order: 'desc' });
    expect(hazards.indexOf(urgent)).toBeGreaterThanOrEqual(0);
    expect(hazards.indexOf(urgent)).toBeLessThan(hazards.indexOf(normal));
    const secondGrid = await list({ unit: 'BA-XA-C01-G02' });
    expect(secondGrid).toContain(normal);
    expect(secondGrid).not.toContain(urgent);
    expect(await list({ category: 'environment', unit: 'BA-XA-C01-G02' })).not.toContain(normal);
  });

  it('rejects invalid intake naming every field, and writes nothing', async () => {
    const member = await stack.loginAs('grid.hw01');
    const categories = (await member.get('/api/event-categories').expect(200)).body.items;
    expect(categories).toContainEqual(expect.objectContaining({ code: 'dispute', name: '矛盾纠纷' }));
    const before = await stack.prisma.event.count();
    const bad = await member
      .post('/api/events')
      .send({ urgency: 'SOON', address: '', latitude: 200 })
      .expect(400);
    expect(
      Object.fromEntries(
        bad.body.error.fields.map((f: { field: string; message: { en: string } }) => [f.field, f.message.en]),
      ),
    ).toEqual({
      category: 'Required',
      urgency: 'Invalid value',
      address: 'Required',
      latitude: 'Invalid value',
      description: 'Required',
    });
    const unknown = await report(member, { category: 'no-such-category' }).expect(400);
    expect(unknown.body.error.fields).toEqual([
      {
        field: 'category',
        message: { 'zh-CN': '事件类别不存在或已停用', en: 'Unknown or inactive event category' },
      },
    ]);
    // Neither a grid nor a location to find one by.
    const noGrid = await report(member, { gridId: undefined }).expect(400);
    expect(noGrid.body.error.fields[0].field).toBe('gridId');
    const notGrid = await report(member, { gridId: 'BA-XA' }).expect(400);
    expect(notGrid.body.error.fields[0].field).toBe('gridId');
    const elsewhere = await report(await stack.loginAs('grid.gs01')).expect(400);
    expect(elsewhere.body.error.fields[0]).toEqual({
      field: 'gridId',
      message: { 'zh-CN': '只能上报本辖区内的事件', en: 'You can only report events within your own area' },
    });
    await stack.http().post('/api/events').send({}).expect(401);
    expect(await stack.prisma.event.count()).toBe(before);
  });

  it('keeps a grid out of another grid’s cases and work', async () => {
    const member = await stack.loginAs('grid.hw01');
    const id = (await report(member, { description: '井盖缺失' }).expect(201)).body.id;
    const handle = await taskFor(member, id, 'handle');

    const neighbour = await stack.loginAs('grid.hw02');
    await neighbour.get(`/api/events/${id}`).expect(404);
    await neighbour.get(`/api/tasks/${handle.key}`).expect(404);
    await neighbour
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved' } })
      .expect(404);
    const list = await neighbour.get('/api/events').expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(id);

    const otherStreet = await stack.loginAs('grid.gs01');
    await otherStreet.get(`/api/events/${id}`).expect(404);
    const supervisor = await stack.loginAs('xa.supervisor');
    const seen = await supervisor.get(`/api/events/${id}`).expect(200);
    expect(seen.body.currentSteps).toEqual([expect.objectContaining({ taskKey: handle.key, unitId: GRID })]);
  });
});
