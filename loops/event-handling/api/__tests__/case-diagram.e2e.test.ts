/**
 * The case view's diagram, the inbox's deadline figures and offered actions, and the unit list,
 * on the real engine: a case escalated from the grid to the community, as a user would move it.
 */
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../test/harness';
import { escalateFromGrid, reportEvent, taskFor as taskOf } from '../../../../test/events';

type Task = { key: string; elementId: string; variables: { eventId: string } };

describe('case diagram, task actions and units', () => {
  const stack = suiteStack({ workers: true });

  const taskFor = (agent: Agent, eventId: string, elementId: string) =>
    taskOf<Task>(agent, eventId, elementId);

  it('marks the path taken on the version the case runs on, and only for readers of the case', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    await escalateFromGrid(member, id);

    const staff = await stack.loginAs('haiwang.staff');
    const atCommunity = await taskFor(staff, id, 'handle');
    const listed = (await staff.get('/api/inbox').query({ pageSize: 100 }).expect(200)).body.items.find(
      (t: Task) => t.key === atCommunity.key,
    );
    // handle: 5 working days yellow in the demo SLA table, so 4 or 5 full days are left.
    expect(listed).toMatchObject({ unitName: '海旺社区', deadlineState: 'onTime' });
    expect(listed.workingDaysLeft).toBeGreaterThanOrEqual(4);
    expect(new Date(listed.redAt).getTime()).toBeGreaterThan(new Date(listed.dueDate).getTime());
    const red = (await staff.get('/api/inbox').query({ overdue: 'red', pageSize: 100 }).expect(200)).body;
    expect(red.items.map((t: Task) => t.key)).not.toContain(atCommunity.key);
    const onTime = (await staff.get('/api/inbox').query({ overdue: 'onTime', pageSize: 100 }).expect(200))
      .body;
    expect(onTime.items.map((t: Task) => t.key)).toContain(atCommunity.key);

    const task = (await staff.get(`/api/tasks/${atCommunity.key}`).expect(200)).body;
    expect(task).toMatchObject({
      eventId: id,
      actions: ['complete', 'return', 'transfer', 'extension', 'claim', 'copy', 'cosign'],
    });

    const diagram = (await staff.get(`/api/events/${id}/diagram`).expect(200)).body;
    const event = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
    const version = await stack.prisma.processDefinition.findUniqueOrThrow({
      where: { id: event.processDefinitionId! },
    });
    expect(diagram).toMatchObject({ bpmnProcessId: 'event-handling', version: version.version });
    expect(diagram.xml).toBe(version.xml);
    expect(diagram.active).toEqual(['handle']);
    expect(diagram.completed).toEqual(
      expect.arrayContaining([
        'start',
        'to-dispatch',
        'dispatch',
        'assign',
        'outcome',
        'to-escalate',
        'escalate',
      ]),
    );
    expect(diagram.completed).not.toContain('verify');
    expect(diagram.completed).toContain('handle'); // the grid's 处置, done before the escalation
    expect(diagram.flows).toEqual(
      expect.arrayContaining([
        'flow-start',
        'flow-dispatch',
        'flow-assign',
        'flow-assigned',
        'flow-handle',
        'flow-handled',
        'flow-cannot-resolve',
        'flow-escalate',
        'flow-escalated',
      ]),
    );
    // The engine's history is the source: every element it recorded, and nothing else, is marked.
    const history = await stack.engine.activityHistory(event.processInstanceId!);
    expect(new Set([...diagram.completed, ...diagram.active])).toEqual(
      new Set(history.map((a) => a.activityId)),
    );
    expect(history.filter((a) => a.activityId === 'handle').map((a) => !!a.endTime)).toEqual([true, false]);
    // Only the way the case went: outcome → 上报上一级 → 分拨, not the 转办 flow that also joins them.
    expect(diagram.flows).not.toEqual(expect.arrayContaining(['flow-resolved']));
    expect(diagram.flows).not.toContain('flow-transfer');
    for (const never of ['flow-extension', 'flow-return', 'flow-overdue', 'flow-verified'])
      expect(diagram.flows).not.toContain(never);
    expect(diagram.completed).not.toContain('red-deadline');

    // A grid of a sibling street reads nothing of it, not even that it exists.
    const elsewhere = await stack.loginAs('grid.gs01');
    await elsewhere.get(`/api/events/${id}/diagram`).expect(404);
    await elsewhere.get(`/api/events/${id}`).expect(404);
  });

  it('answers bad transfer and extension input with 400 naming each field, and moves nothing', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const open = await eventually(async () => {
      const res = await staff
        .get('/api/inbox')
        .query({ process: 'event-handling', pageSize: 100 })
        .expect(200);
      return (res.body.items as Task[]).find((t) => t.elementId === 'handle');
    });
    const fields = (res: { body: { error: { fields: { field: string }[] } } }) =>
      res.body.error.fields.map((f) => f.field).sort();
    expect(fields(await staff.post(`/api/tasks/${open.key}/transfer`).send({}).expect(400))).toEqual([
      'reason',
      'unitId',
    ]);
    expect(
      fields(await staff.post(`/api/tasks/${open.key}/extension`).send({ days: 0, reason: ' ' }).expect(400)),
    ).toEqual(['days', 'reason']);
    const unknown = await staff
      .post(`/api/tasks/${open.key}/transfer`)
      .send({ unitId: 'NOPE', reason: '转交' })
      .expect(400);
    expect(fields(unknown)).toEqual(['unitId']);
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: open.key } })).state).toBe('OPEN');
  });

  it('lists the units in the caller’s subtree and the departments, never a sibling’s', async () => {
    const ids = async (username: string) =>
      (
        (await (await stack.loginAs(username)).get('/api/orgs').expect(200)).body.items as { id: string }[]
      ).map((o) => o.id);
    const community = await ids('haiwang.staff');
    expect(community).toEqual(expect.arrayContaining(['BA-XA-C01', 'BA-XA-C01-G01', 'BA-D-JUSTICE']));
    expect(community).not.toContain('BA-XA');
    expect(community.some((id) => id.startsWith('BA-XX'))).toBe(false);
    expect(community.some((id) => id.startsWith('BA-XA-C02'))).toBe(false);
  });
});
