/**
 * The mechanism the product stands on, through the real broker: a user task reaches the
 * Postgres inbox through the projection worker, the API lists it only for the unit in its
 * candidate group, completing it through the API completes it in the engine, the service
 * task's worker runs and the instance ends.
 */
import { createTestStack, eventually } from '../../../../../test/harness';

const GRID = 'BA-XA-C01-G01';

describe('inbox spike on the real broker', () => {
  const stack = createTestStack({ workers: true });
  afterAll(() => stack.close());

  const start = () =>
    stack.camunda.createProcessInstanceWithResult({
      bpmnProcessId: 'inbox-spike',
      variables: { unitCode: GRID, reviewDueDate: new Date(Date.now() + 3600_000).toISOString() },
      requestTimeout: 45_000,
    });

  it('projects the user task, completes it through the API, and the instance ends after the worker', async () => {
    const finished = start();
    const owner = await stack.loginAs('grid.hw01');
    const task = await eventually(async () => {
      const res = await owner.get('/api/inbox').query({ process: 'inbox-spike' }).expect(200);
      return res.body.items.find((t: { variables: { unitCode: string } }) => t.variables.unitCode === GRID);
    });
    expect(task).toMatchObject({
      bpmnProcessId: 'inbox-spike',
      elementId: 'review',
      name: '受理审核',
      candidateGroups: [`unit:${GRID}`],
      orgPath: `/BA/BA-XA/BA-XA-C01/${GRID}/`,
      state: 'OPEN',
    });
    expect(task.formKey).toEqual(expect.any(String));
    expect(new Date(task.dueDate).getTime()).toBeGreaterThan(Date.now());

    // Another grid's member neither sees it nor can act on it; the supervisor above sees it.
    const neighbour = await stack.loginAs('grid.hw02');
    const theirs = await neighbour.get('/api/inbox').expect(200);
    expect(theirs.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);
    await neighbour.get(`/api/tasks/${task.key}`).expect(404);
    await neighbour.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(404);
    const otherStreet = await stack.loginAs('grid.gs01');
    await otherStreet.post(`/api/tasks/${task.key}/claim`).expect(404);
    const supervisor = await stack.loginAs('xa.supervisor');
    await supervisor.get(`/api/tasks/${task.key}`).expect(200);
    await supervisor.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(403);

    const done = await owner
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { opinion: '情况属实，同意受理', approved: true } })
      .expect(200);
    expect(done.body.state).toBe('COMPLETED');

    const result = await finished;
    expect(result.variables).toMatchObject({ opinion: '情况属实，同意受理', approved: true, archived: true });

    const todo = await owner.get('/api/inbox').query({ process: 'inbox-spike' }).expect(200);
    expect(todo.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);
    const history = await owner.get('/api/inbox').query({ view: 'done' }).expect(200);
    expect(history.body.items.map((t: { key: string }) => t.key)).toContain(task.key);
    const again = await owner.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(409);
    expect(again.body.error.code).toBe('error.taskNotOpen');
  });

  it('pages and sorts the inbox, and validates its query', async () => {
    const instances = [3, 1, 2].map((hours) =>
      stack.camunda.createProcessInstance({
        bpmnProcessId: 'inbox-spike',
        variables: {
          unitCode: 'BA-XA-C01-G03',
          reviewDueDate: new Date(Date.now() + hours * 3600_000).toISOString(),
        },
      }),
    );
    const keys = (await Promise.all(instances)).map((i) => i.processInstanceKey);
    const staff = await stack.loginAs('haiwang.staff');
    // The community staff member answers for unit BA-XA-C01, not for its grids.
    expect((await staff.get('/api/inbox').query({ process: 'inbox-spike' }).expect(200)).body.total).toBe(0);

    await eventually(async () => {
      const n = await stack.prisma.inboxTask.count({ where: { processInstanceKey: { in: keys } } });
      return n === 3 ? n : undefined;
    });
    await stack.prisma.user.update({ where: { username: 'grid.hw01' }, data: { orgId: 'BA-XA-C01-G03' } });
    try {
      const member = await stack.loginAs('grid.hw01');
      const page1 = await member
        .get('/api/inbox')
        .query({ process: 'inbox-spike', pageSize: 2, sort: 'dueDate', order: 'desc' })
        .expect(200);
      expect(page1.body.total).toBe(3);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await member
        .get('/api/inbox')
        .query({ process: 'inbox-spike', pageSize: 2, page: 2, sort: 'dueDate', order: 'desc' })
        .expect(200);
      const due = [...page1.body.items, ...page2.body.items].map((t: { dueDate: string }) =>
        Date.parse(t.dueDate),
      );
      expect(due).toEqual([...due].sort((a, b) => b - a));

      const bad = await member.get('/api/inbox').query({ pageSize: 1000, sort: 'name' }).expect(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'pageSize',
        'sort',
      ]);
    } finally {
      await stack.prisma.user.update({ where: { username: 'grid.hw01' }, data: { orgId: GRID } });
    }
  });

  it('claims with one winner, and a task the engine no longer has is closed, not completed', async () => {
    const { processInstanceKey } = await stack.camunda.createProcessInstance({
      bpmnProcessId: 'inbox-spike',
      variables: { unitCode: GRID, reviewDueDate: new Date(Date.now() + 3600_000).toISOString() },
    });
    const task = await eventually(() =>
      stack.prisma.inboxTask.findFirst({ where: { processInstanceKey } }).then((t) => t ?? undefined),
    );
    const owner = await stack.loginAs('grid.hw01');
    await owner.post(`/api/tasks/${task.key}/claim`).expect(200);
    expect(
      (await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } })).assignee,
    ).not.toBeNull();

    await stack.camunda.cancelProcessInstance(processInstanceKey);
    const res = await owner.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(409);
    expect(res.body.error.code).toBe('error.taskGone');
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } })).state).toBe(
      'CANCELED',
    );
  });
});
