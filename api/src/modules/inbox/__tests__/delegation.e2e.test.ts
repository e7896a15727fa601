/**
 * 委派 (delegate and get back) through the HTTP API on the real engine: a community's staff member
 * hands the 处置 of a case to a grid member below, who works it and gives it back; the delegator
 * completes it and the engine moves on. Also the process names the inbox shows and the colleagues
 * a delegator may name.
 */
import type { Agent } from 'supertest';
import { suiteStack } from '../../../../../test/harness';
import { escalateFromGrid, reportEvent, taskFor as taskOf } from '../../../../../test/events';

type Task = { key: string; elementId: string; variables: { eventId: string } };
type Fields = { body: { error: { code: string; fields?: { field: string }[] } } };

const fields = (res: Fields) => (res.body.error.fields ?? []).map((f) => f.field);

describe('委派: delegate a task and get it back', () => {
  const stack = suiteStack({ workers: true });

  const taskFor = (agent: Agent, eventId: string, elementId: string) =>
    taskOf<Task>(agent, eventId, elementId);

  const userId = async (username: string) =>
    (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  it('names the deployed processes by their diagrams, for signed-in users only', async () => {
    await stack.http().get('/api/process-names').expect(401);
    const member = await stack.loginAs('grid.hw01');
    const { items } = (await member.get('/api/process-names').expect(200)).body;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bpmnProcessId: 'event-handling', name: '网格事件处置' }),
        expect.objectContaining({ bpmnProcessId: 'assessment', name: '考评' }),
      ]),
    );
    // One row per process: its latest version.
    const ids = items.map((p: { bpmnProcessId: string }) => p.bpmnProcessId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers only colleagues of the own unit and the units below', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const names = (
      (await staff.get('/api/colleagues').expect(200)).body.items as { displayName: string }[]
    ).map((u) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(['海旺第1网格员', '海旺第2网格员']));
    expect(names).not.toContain('海旺社区专干');
    expect(names).not.toContain('新安街道工作人员');
    expect(names).not.toContain('固戍第1网格员');
  });

  it('is delegated by the assignee within their subtree, given back, and completed by the delegator', async () => {
    const reporter = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(reporter, { address: '海旺社区 5 栋', description: '楼道堆物' });
    await escalateFromGrid(reporter, id);

    const staff = await stack.loginAs('haiwang.staff');
    const task = await taskFor(staff, id, 'handle');
    const delegate = await stack.loginAs('grid.hw02');
    const hw02 = await userId('grid.hw02');

    // Only the current assignee delegates: not before claiming, and a sibling street sees nothing.
    await staff.post(`/api/tasks/${task.key}/delegate`).send({ userId: hw02 }).expect(403);
    const sibling = await stack.loginAs('grid.gs01');
    await sibling.post(`/api/tasks/${task.key}/delegate`).send({ userId: hw02 }).expect(404);
    await staff.post(`/api/tasks/${task.key}/claim`).expect(200);
    expect((await staff.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toContain('delegate');

    // A bad, unknown or out-of-scope colleague is a 400 naming the field, and nothing moves.
    expect(fields(await staff.post(`/api/tasks/${task.key}/delegate`).send({}).expect(400))).toEqual([
      'userId',
    ]);
    for (const target of [
      'nobody',
      await userId('xa.staff'),
      await userId('grid.gs01'),
      await userId('haiwang.staff'),
    ]) {
      const res = await staff.post(`/api/tasks/${task.key}/delegate`).send({ userId: target }).expect(400);
      expect(fields(res)).toEqual(['userId']);
    }
    const unchanged = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } });
    expect(unchanged).toMatchObject({ assignee: await userId('haiwang.staff'), delegatedById: null });

    const delegated = await staff
      .post(`/api/tasks/${task.key}/delegate`)
      .send({ userId: hw02, reason: '请现场核实' })
      .expect(200);
    expect(delegated.body).toMatchObject({ assignee: hw02, delegatedById: await userId('haiwang.staff') });
    // The engine's own delegation: the delegator owns the task, the delegate is its assignee.
    expect(await stack.engine.task(task.key)).toMatchObject({
      assignee: hw02,
      owner: await userId('haiwang.staff'),
      delegationState: 'PENDING',
    });

    // The delegate has it in 待办 and may only give it back; the delegator may not complete meanwhile.
    const theirs = await taskFor(delegate, id, 'handle');
    const view = (await delegate.get(`/api/tasks/${theirs.key}`).expect(200)).body;
    expect(view).toMatchObject({ actions: ['resolve'], delegatedByName: '海旺社区专干' });
    // The delegate works in another grid, yet reads the case while the task is theirs.
    await delegate.get(`/api/events/${id}`).expect(200);
    const early = await delegate
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved' } })
      .expect(409);
    expect(early.body.error.code).toBe('error.taskDelegated');
    await staff
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved' } })
      .expect(409);
    await delegate.post(`/api/tasks/${task.key}/unclaim`).expect(403);
    await delegate
      .post(`/api/tasks/${task.key}/delegate`)
      .send({ userId: await userId('grid.hw01') })
      .expect(403);
    await staff.post(`/api/tasks/${task.key}/resolve`).send({ result: '收回' }).expect(403);

    expect(
      fields(await delegate.post(`/api/tasks/${task.key}/resolve`).send({ result: ' ' }).expect(400)),
    ).toEqual(['result']);
    const back = await delegate
      .post(`/api/tasks/${task.key}/resolve`)
      .send({ result: '已现场核实，物业已清理' })
      .expect(200);
    expect(back.body).toMatchObject({ assignee: await userId('haiwang.staff'), delegatedById: null });
    expect(await stack.engine.task(task.key)).toMatchObject({
      assignee: await userId('haiwang.staff'),
      delegationState: 'RESOLVED',
    });
    await delegate.get(`/api/events/${id}`).expect(404);
    expect((await staff.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toContain('complete');

    // The delegator may also take it back before it is given back; the delegate then sees nothing.
    const hw01 = await userId('grid.hw01');
    await staff.post(`/api/tasks/${task.key}/delegate`).send({ userId: hw01 }).expect(200);
    await delegate.post(`/api/tasks/${task.key}/recall`).expect(404);
    await reporter.post(`/api/tasks/${task.key}/recall`).expect(403);
    expect((await staff.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toEqual(['recall']);
    const recalled = await staff.post(`/api/tasks/${task.key}/recall`).expect(200);
    expect(recalled.body).toMatchObject({ assignee: await userId('haiwang.staff'), delegatedById: null });
    await reporter.post(`/api/tasks/${task.key}/resolve`).send({ result: '迟到的交回' }).expect(404);

    await staff
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    // Four eyes: neither the reporter (the grid's only member) nor the community's handler
    // verifies; the street does.
    await taskFor(await stack.loginAs('xa.staff'), id, 'verify');

    // The case timeline records both hand-overs, and names units and people, not ids.
    const caseView = (await staff.get(`/api/events/${id}`).expect(200)).body;
    const actions = caseView.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'escalated',
        'delegated',
        'delegation-resolved',
        'delegation-recalled',
        'completed:handle',
      ]),
    );
    expect(actions.indexOf('delegated')).toBeLessThan(actions.indexOf('delegation-resolved'));
    expect(caseView.timeline.find((e: { action: string }) => e.action === 'delegated').detail).toMatchObject({
      to: '海旺第2网格员',
      reason: '请现场核实',
    });
    expect(caseView.units).toMatchObject({ 'BA-XA-C01': '海旺社区', 'BA-XA-C01-G01': '海旺社区第1网格' });
    expect(caseView.people).toMatchObject({ [hw02]: '海旺第2网格员' });
    await sibling.get(`/api/events/${id}`).expect(404);
  });
});
