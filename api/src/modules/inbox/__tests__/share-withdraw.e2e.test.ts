/**
 * 抄送, 加签 and 撤回 through the HTTP API on the real engine: a copy is read-only for its
 * recipient and marked read when opened; a task with a co-signer waiting cannot be completed until
 * they sign; a grid member takes back the 本级无法解决 they just sent up while the community has not
 * claimed it, and not once it has.
 */
import { eventually, suiteStack } from '../../../../../test/harness';
import { escalateFromGrid, reportEvent, taskFor, type InboxRow } from '../../../../../test/events';

type Failure = {
  body: { error: { code: string; message?: { 'zh-CN': string }; fields?: { field: string }[] } };
};
const fields = (res: Failure) => (res.body.error.fields ?? []).map((f) => f.field);

describe('抄送, 加签 and 撤回', () => {
  const stack = suiteStack({ workers: true });
  const userId = async (username: string) =>
    (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  /** A case at the community's 处置, claimed by its staff member. */
  async function atCommunity(description: string) {
    const reporter = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(reporter, { description });
    await escalateFromGrid(reporter, id);
    const staff = await stack.loginAs('haiwang.staff');
    const task = await taskFor(staff, id, 'handle');
    return { id, staff, reporter, task };
  }

  it('抄送: recipients in scope read the task and its case, once marked read; nobody else', async () => {
    const { id, staff, task } = await atCommunity('抄送测试');
    const [hw02, xa, gs01] = await Promise.all(['grid.hw02', 'xa.staff', 'grid.gs01'].map(userId));

    // Another community's member is neither below nor above 海旺社区: refused, naming the field.
    const outside = await staff
      .post(`/api/tasks/${task.key}/copy`)
      .send({ userIds: [gs01] })
      .expect(400);
    expect(fields(outside)).toEqual(['userIds']);
    expect(fields(await staff.post(`/api/tasks/${task.key}/copy`).send({ userIds: [] }).expect(400))).toEqual(
      ['userIds'],
    );
    // 三员分立: a street's system administrator does not read cases, even when above.
    const admin = await userId('xa.admin');
    const notReader = await staff
      .post(`/api/tasks/${task.key}/copy`)
      .send({ userIds: [admin] })
      .expect(400);
    expect(notReader.body.error.fields[0].message['zh-CN']).toContain('管理员');
    expect(await stack.prisma.taskShare.count({ where: { taskKey: task.key } })).toBe(0);
    // Whom 抄送 may name: colleagues below, and the case workers above.
    const names = async (above: string) =>
      (
        (await staff.get('/api/colleagues').query({ above }).expect(200)).body.items as {
          displayName: string;
        }[]
      ).map((u) => u.displayName);
    expect(await names('true')).toEqual(expect.arrayContaining(['新安街道工作人员', '海旺第2网格员']));
    expect(await names('true')).not.toContain('固戍第1网格员');
    expect(await names('false')).not.toContain('新安街道工作人员');

    // Down to a grid member, up to the street.
    const sent = await staff
      .post(`/api/tasks/${task.key}/copy`)
      .send({ userIds: [hw02, xa], note: '请知悉' })
      .expect(200);
    expect(sent.body).toEqual({ created: 2, unchanged: 0 });
    // The same people again change nothing, and say so.
    expect(
      (
        await staff
          .post(`/api/tasks/${task.key}/copy`)
          .send({ userIds: [hw02] })
          .expect(200)
      ).body,
    ).toEqual({ created: 0, unchanged: 1 });

    const member = await stack.loginAs('grid.hw02');
    const unread = (await member.get('/api/inbox/shared').query({ kind: 'COPY', state: 'open' }).expect(200))
      .body;
    expect(unread.items).toEqual([
      expect.objectContaining({ taskKey: task.key, fromName: '海旺社区专干', note: '请知悉', doneAt: null }),
    ]);
    const view = (await member.get(`/api/tasks/${task.key}`).expect(200)).body;
    expect(view).toMatchObject({ actions: [], readOnlyReason: 'copied' });
    expect(view.shares.map((s: { toName: string }) => s.toName).sort()).toEqual(
      ['新安街道工作人员', '海旺第2网格员'].sort(),
    );
    await member.get(`/api/events/${id}`).expect(200);
    expect(
      (await member.get('/api/inbox/shared').query({ kind: 'COPY', state: 'open' }).expect(200)).body.total,
    ).toBe(0);
    // Read-only: the copy gives no work.
    await member
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved' } })
      .expect(404);
    await member.post(`/api/tasks/${task.key}/claim`).expect(404);
    await member
      .post(`/api/tasks/${task.key}/copy`)
      .send({ userIds: [xa] })
      .expect(403);

    // Someone it was not copied to sees nothing.
    const stranger = await stack.loginAs('grid.gs01');
    await stranger.get(`/api/tasks/${task.key}`).expect(404);
    await stranger.get(`/api/events/${id}`).expect(404);

    const timeline = await stack.prisma.timelineEntry.findMany({ where: { eventId: id, action: 'copied' } });
    expect(timeline).toHaveLength(1);
  });

  it('加签: the task waits for every co-signer, each signs once, the asker reads the opinions', async () => {
    const { staff, task } = await atCommunity('加签测试');
    const [hw02, xa] = await Promise.all(['grid.hw02', 'xa.staff'].map(userId));

    // Co-signers come from one's own unit or below, never oneself.
    expect(
      fields(
        await staff
          .post(`/api/tasks/${task.key}/cosign`)
          .send({ userIds: [xa] })
          .expect(400),
      ),
    ).toEqual(['userIds']);
    const self = await userId('haiwang.staff');
    expect(
      fields(
        await staff
          .post(`/api/tasks/${task.key}/cosign`)
          .send({ userIds: [self] })
          .expect(400),
      ),
    ).toEqual(['userIds']);

    // A co-signer who is away is taken back while they have not signed; once, then nothing to take.
    await staff
      .post(`/api/tasks/${task.key}/cosign`)
      .send({ userIds: [await userId('grid.hw01')] })
      .expect(200);
    expect((await staff.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toContain('cancelCosign');
    expect((await staff.post(`/api/tasks/${task.key}/cosign/cancel`).expect(200)).body).toEqual({
      cancelled: 1,
    });
    expect((await staff.post(`/api/tasks/${task.key}/cosign/cancel`).expect(200)).body).toEqual({
      cancelled: 0,
    });
    await (await stack.loginAs('grid.hw01')).get(`/api/tasks/${task.key}`).expect(404);

    // Asking claims the task for the asker.
    await staff
      .post(`/api/tasks/${task.key}/cosign`)
      .send({ userIds: [hw02], note: '请会签' })
      .expect(200);
    expect(await stack.engine.task(task.key)).toMatchObject({ assignee: self });
    const early = await staff
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(409);
    expect(early.body.error.code).toBe('error.cosignPending');
    expect(early.body.error.message?.['zh-CN']).toContain('海旺第2网格员');

    const member = await stack.loginAs('grid.hw02');
    expect(
      (await member.get('/api/inbox/shared').query({ kind: 'COSIGN', state: 'open' }).expect(200)).body.items,
    ).toEqual([expect.objectContaining({ taskKey: task.key, taskName: expect.any(String) })]);
    expect((await member.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toEqual(['sign']);
    expect(
      fields(await member.post(`/api/tasks/${task.key}/sign`).send({ opinion: ' ' }).expect(400)),
    ).toEqual(['opinion']);
    await (
      await stack.loginAs('grid.gs01')
    )
      .post(`/api/tasks/${task.key}/sign`)
      .send({ opinion: '同意' })
      .expect(404);
    await member.post(`/api/tasks/${task.key}/sign`).send({ opinion: '同意，已现场核实' }).expect(200);
    const again = await member.post(`/api/tasks/${task.key}/sign`).send({ opinion: '再签' }).expect(409);
    expect(again.body.error.code).toBe('error.cosignDone');

    const mine = (await staff.get(`/api/tasks/${task.key}`).expect(200)).body;
    expect(mine.shares).toEqual([
      expect.objectContaining({ kind: 'COSIGN', toName: '海旺第2网格员', opinion: '同意，已现场核实' }),
    ]);
    expect(mine.actions).toContain('complete');
    await staff
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    // A task that has ended takes no signature.
    await member.post(`/api/tasks/${task.key}/sign`).send({ opinion: '迟到' }).expect(409);
  });

  it('撤回: taken back while the next step is unclaimed, not through automatic work, not after a claim', async () => {
    // The grid's only member reports and resolves: 选定核查单位 (a worker) sends 核查 to the community.
    const reporter = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(reporter, { description: '撤回测试' });
    const handled = await taskFor(reporter, id, 'handle');
    await reporter
      .post(`/api/tasks/${handled.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    const staff = await stack.loginAs('haiwang.staff');
    const verify = await taskFor<InboxRow & { processInstanceId: string }>(staff, id, 'verify');

    // A worker ran after 处置: its writes cannot be taken back with the token.
    expect((await reporter.get(`/api/tasks/${handled.key}`).expect(200)).body.actions).not.toContain(
      'withdraw',
    );
    const automated = await reporter.post(`/api/tasks/${handled.key}/withdraw`).expect(409);
    expect(automated.body.error.code).toBe('error.withdrawAfterAutomation');
    expect(automated.body.error.message?.['zh-CN']).toContain('选定核查单位');
    // Only the person who completed a step (the community does not even see the grid's), and an
    // open step has nothing to take back.
    await staff.post(`/api/tasks/${handled.key}/withdraw`).expect(404);
    await staff.post(`/api/tasks/${verify.key}/withdraw`).expect(409);

    // 核查 leads straight to 回访评价: taken back before anyone claims it.
    await staff
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);
    const visit = await taskFor<InboxRow & { processInstanceId: string }>(staff, id, 'visit');
    expect((await staff.get(`/api/tasks/${verify.key}`).expect(200)).body.actions).toContain('withdraw');
    const taken = await staff.post(`/api/tasks/${verify.key}/withdraw`).expect(200);
    expect(taken.body.withdrawnAt).toEqual(expect.any(String));
    const self = await userId('haiwang.staff');
    const open = await stack.engine.tasks({ processInstanceId: visit.processInstanceId });
    expect(open).toEqual([expect.objectContaining({ taskDefinitionKey: 'verify', assignee: self })]);
    expect(open[0].id).not.toBe(verify.key);
    const again = await staff.post(`/api/tasks/${verify.key}/withdraw`).expect(409);
    expect(again.body.error.code).toBe('error.withdrawnAlready');
    expect(await stack.prisma.timelineEntry.count({ where: { eventId: id, action: 'withdrawn' } })).toBe(1);

    // Verified again (once the feed has the new step); this time 回访 is claimed first.
    await eventually(() =>
      stack.prisma.inboxTask.findUnique({ where: { key: open[0].id! } }).then((t) => t ?? undefined),
    );
    await staff
      .post(`/api/tasks/${open[0].id}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);
    const visitAgain = await eventually(async () => {
      const [row] = await stack.engine.tasks({
        processInstanceId: visit.processInstanceId,
        taskDefinitionKey: 'visit',
      });
      return row?.id ? row : undefined;
    });
    await eventually(async () =>
      (await staff.post(`/api/tasks/${visitAgain.id}/claim`)).status === 200 ? true : undefined,
    );
    const late = await staff.post(`/api/tasks/${open[0].id}/withdraw`).expect(409);
    expect(late.body.error.code).toBe('error.withdrawClaimed');
    expect(late.body.error.message?.['zh-CN']).toContain('海旺社区专干');
    expect((await stack.engine.task(visitAgain.id!)).assignee).toBe(self);
  });
});
