/**
 * Four eyes by rule (issue 25 item 1) through the HTTP API on the real engine: the loop's manifest
 * says who may not do a step (lib/separation.ts). The mediator of a dispute is refused its 履行回访
 * with 403 and the step's name; a community whose one staff member mediated has the visit offered
 * to the street; a barred colleague cannot co-sign; a supervisor's 准予例外 lets the mediator do it,
 * audited, and 考评 counts it against the community; a completion taken back (撤回) counts nowhere.
 */
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../../test/harness';
import { reportEvent, taskFor as eventTaskFor } from '../../../../../test/events';
import { communityWithStaff, settledDispute, type Staff } from '../../../../../test/four-eyes';

jest.setTimeout(180_000);

type Task = { key: string; elementId: string; orgId: string | null; variables: { disputeId?: string } };
type Failure = {
  body: { error: { code: string; message?: { 'zh-CN': string }; fields?: { field: string }[] } };
};
const fields = (res: Failure) => (res.body.error.fields ?? []).map((f) => f.field);

describe('four eyes by rule', () => {
  const stack = suiteStack({ workers: true });
  const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  // A current-month run would be the newest in other suites' trend charts.
  afterAll(() => stack.prisma.assessmentRun.deleteMany({ where: { periodKey: thisMonth } }));

  const community = (name: string, staff: string[]) => communityWithStaff(stack, name, staff);
  const settled = (staff: Staff, communityId: string) => settledDispute(stack, staff, communityId);
  const disputeTask = (agent: Agent, disputeId: string, elementId: string) =>
    eventually(async () => {
      const res = await agent
        .get('/api/inbox')
        .query({ process: 'dispute-mediation', pageSize: 100 })
        .expect(200);
      return (res.body.items as Task[]).find(
        (t) => t.variables.disputeId === disputeId && t.elementId === elementId,
      );
    });

  /** Runs 考评 for the current month and waits for the snapshot computed after `since`. */
  async function assessNow(since: Date) {
    const lead = await stack.loginAs('district.lead');
    const period = thisMonth;
    await lead.post('/api/assessment/runs').send({ period }).expect(202);
    await eventually(async () => {
      const row = await stack.prisma.assessmentRun.findUnique({ where: { periodKey: period } });
      return row?.computedAt && row.computedAt > since ? row : undefined;
    }, 90_000);
    return { lead, period };
  }

  const pair = community('A', ['调解员', '回访员']);
  const alone = community('B', ['专干']);

  it('refuses the mediator the return visit (403, naming 调解); a barred colleague cannot co-sign', async () => {
    const {
      id: unit,
      people: [mediator, visitor],
    } = await pair;
    const { visit } = await settled(mediator, unit);
    // Someone else works at the community: the visit stays there.
    expect(visit.orgId).toBe(unit);

    const refused = (await mediator.agent.post(`/api/tasks/${visit.key}/claim`).expect(403)) as Failure;
    expect(refused.body.error.code).toBe('error.fourEyes');
    expect(refused.body.error.message?.['zh-CN']).toBe(
      '四眼原则：您办理过本案的「调解」，本环节须由他人办理',
    );
    await mediator.agent
      .post(`/api/tasks/${visit.key}/complete`)
      .send({ variables: { performance: 'fulfilled', visitNote: '自评' } })
      .expect(403);
    const drawer = (await mediator.agent.get(`/api/tasks/${visit.key}`).expect(200)).body;
    expect(drawer).toMatchObject({
      actions: [],
      readOnlyReason: 'fourEyes',
      barredBy: '调解',
      separation: null,
    });

    // 加签: the mediator may not vouch for the visit of their own mediation either.
    const cosign = await visitor.agent
      .post(`/api/tasks/${visit.key}/cosign`)
      .send({ userIds: [mediator.id] })
      .expect(400);
    expect(fields(cosign)).toEqual(['userIds']);
    expect((await stack.engine.task(visit.key)).assignee).toBeNull();
  });

  it('offers the visit to the street when the community’s only staff member mediated', async () => {
    const {
      people: [only],
    } = await alone;
    const { id, visit } = await settled(only, (await alone).id);
    const moved = await eventually(() =>
      stack.prisma.inboxTask
        .findUnique({ where: { key: visit.key } })
        .then((t) => (t?.orgId === 'BA-XA' ? t : undefined)),
    );
    expect(moved.candidateGroups).toEqual(['unit:BA-XA']);
    const street = await stack.loginAs('xa.staff');
    expect(await disputeTask(street, id, 'return-visit')).toMatchObject({ key: visit.key, orgId: 'BA-XA' });
    await only.agent.get(`/api/tasks/${visit.key}`).expect(404);
  });

  it('lets the mediator do it on a supervisor’s 准予例外: audited, on record, counted in 考评', async () => {
    const {
      id: unit,
      people: [mediator, visitor],
    } = await pair;
    const { id, visit } = await settled(mediator, unit);
    const supervisor = await stack.loginAs('xa.supervisor');
    const supervisorId = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'xa.supervisor' } }))
      .id;

    // Offered to the supervisor, with whom the rule bars and why; not to the members of the unit.
    const offered = (await supervisor.get(`/api/tasks/${visit.key}`).expect(200)).body;
    expect(offered.actions).toEqual(['permit']);
    expect(offered.separation).toEqual([
      { userId: mediator.id, name: 'A调解员', step: '调解', permitted: false },
    ]);
    await visitor.agent
      .post(`/api/tasks/${visit.key}/permit`)
      .send({ userId: mediator.id, reason: '同意' })
      .expect(403);
    // Checked at the edge: a reason, a barred person, never oneself.
    expect(
      fields(
        await supervisor.post(`/api/tasks/${visit.key}/permit`).send({ userId: mediator.id }).expect(400),
      ),
    ).toEqual(['reason']);
    expect(
      fields(
        await supervisor
          .post(`/api/tasks/${visit.key}/permit`)
          .send({ userId: visitor.id, reason: '同意' })
          .expect(400),
      ),
    ).toEqual(['userId']);
    expect(
      fields(
        await supervisor
          .post(`/api/tasks/${visit.key}/permit`)
          .send({ userId: supervisorId, reason: '同意' })
          .expect(400),
      ),
    ).toEqual(['userId']);

    const reason = '回访员病假，当事人要求尽快回访';
    expect(
      (
        await supervisor
          .post(`/api/tasks/${visit.key}/permit`)
          .send({ userId: mediator.id, reason })
          .expect(200)
      ).body,
    ).toEqual({ created: 1 });
    const audited = await stack.prisma.auditLog.findFirstOrThrow({
      where: { action: 'task.separation.permit', subjectId: visit.key },
    });
    expect(audited).toMatchObject({
      userId: supervisorId,
      detail: expect.objectContaining({ reason, person: 'A调解员' }),
    });
    expect((await supervisor.get(`/api/tasks/${visit.key}`).expect(200)).body.separation).toEqual([
      expect.objectContaining({ userId: mediator.id, permitted: true }),
    ]);

    // Now the mediator may: the completion uses the exception, the finding 考评 counts.
    expect((await mediator.agent.get(`/api/tasks/${visit.key}`).expect(200)).body.actions).toContain(
      'complete',
    );
    await mediator.agent
      .post(`/api/tasks/${visit.key}/complete`)
      .send({ variables: { performance: 'fulfilled', visitNote: '已履行' } })
      .expect(200);
    expect(
      await stack.prisma.separationOverride.findUniqueOrThrow({
        where: { taskKey_userId: { taskKey: visit.key, userId: mediator.id } },
      }),
    ).toMatchObject({ grantedById: supervisorId, reason, usedAt: expect.any(Date) });

    const { lead, period } = await assessNow(new Date());
    const { items, noWork } = (
      await lead.get('/api/assessment/rankings').query({ period, level: 'COMMUNITY' }).expect(200)
    ).body as { items: { id: string; unitId: string; separationOverrides: number }[]; noWork: never[] };
    const score = [...items, ...noWork].find((s) => s.unitId === unit)!;
    expect(score.separationOverrides).toBe(1);
    const behind = (
      await lead
        .get(`/api/assessment/scores/${score.id}/items`)
        .query({ indicator: 'separationOverride' })
        .expect(200)
    ).body.items as { disputeId: string | null; task: { key: string } | null }[];
    expect(behind).toEqual([
      expect.objectContaining({ disputeId: id, task: expect.objectContaining({ key: visit.key }) }),
    ]);
  });

  it('counts a completion taken back (撤回) nowhere in 考评; the step done again counts', async () => {
    const reporter = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(reporter, { description: '四眼测试：撤回不计入考评' });
    const handled = await eventTaskFor(reporter, id, 'handle');
    await reporter
      .post(`/api/tasks/${handled.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    // The grid's one member reported and handled it: its community verifies.
    const checker = await stack.loginAs('haiwang.staff');
    const verify = await eventTaskFor(checker, id, 'verify');
    await checker
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);
    await eventTaskFor(checker, id, 'visit');
    await checker.post(`/api/tasks/${verify.key}/withdraw`).expect(200);
    const again = await eventually(() =>
      stack.prisma.inboxTask
        .findFirst({ where: { caseId: id, elementId: 'verify', state: 'OPEN' } })
        .then((t) => t ?? undefined),
    );
    await checker
      .post(`/api/tasks/${again.key}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);

    await assessNow(new Date());
    const counted = async (taskKey: string) =>
      stack.prisma.assessmentItem.count({ where: { taskKey, score: { run: { status: 'OPEN' } } } });
    expect(await counted(verify.key)).toBe(0);
    expect(await counted(again.key)).toBeGreaterThan(0);
  });
});
