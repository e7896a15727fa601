/**
 * The mechanism the product stands on, through the real engine: a user task reaches the inbox
 * through the engine's task feed, the API lists it only for the unit in its candidate group,
 * claiming and completing through the API do so in the engine (read back from the engine), and
 * a task the engine ends by itself leaves the inbox with no special case anywhere.
 */
import { eventually, suiteStack } from '../../../../../test/harness';
import { reportEvent, taskFor } from '../../../../../test/events';

const GRID = 'BA-XA-C01-G01';

describe('inbox on the real engine', () => {
  const stack = suiteStack({ workers: true });

  it('shows every claim and unclaim as answered, whatever the feed applies after it', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    const task = await taskFor(member, id, 'handle');
    // A supervisor above reads the task and may not move it.
    const other = await stack.loginAs('xa.supervisor');
    // The feed consumer applies the engine's rows of each change a moment after the API answered:
    // a claim's row applied after the unclaim's answer used to show the claim again.
    for (let round = 0; round < 10; round += 1) {
      await member.post(`/api/tasks/${task.key}/claim`).expect(200);
      await member.post(`/api/tasks/${task.key}/unclaim`).expect(200);
      // Nobody holds it now: an unclaim by someone else is refused, as it would be later.
      await other.post(`/api/tasks/${task.key}/unclaim`).expect(403);
      expect((await member.get(`/api/tasks/${task.key}`).expect(200)).body.assignee).toBeNull();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(
      (await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } })).assignee,
    ).toBeNull();
    expect((await stack.engine.task(task.key)).assignee ?? null).toBeNull();
  });

  it('feeds the user task in, completes it through the API in the engine, and keeps it in 已办', async () => {
    const owner = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(owner);
    const task = await taskFor(owner, id, 'handle');
    expect(task).toMatchObject({
      bpmnProcessId: 'event-handling',
      elementId: 'handle',
      name: '处置',
      candidateGroups: [`unit:${GRID}`],
      orgPath: `/BA/BA-XA/BA-XA-C01/${GRID}/`,
      state: 'OPEN',
      priority: 1,
    });
    expect(new Date((task as unknown as { dueDate: string }).dueDate).getTime()).toBeGreaterThan(Date.now());
    const form = await owner.get(`/api/tasks/${task.key}/form`).expect(200);
    expect(form.body.formId).toBe('event-handling-handle');

    // Another grid's member neither sees it nor can act on it; the supervisor above sees it.
    const neighbour = await stack.loginAs('grid.hw02');
    const theirs = await neighbour.get('/api/inbox').expect(200);
    expect(theirs.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);
    await neighbour.get(`/api/tasks/${task.key}`).expect(404);
    await neighbour.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(404);
    await (await stack.loginAs('grid.gs01')).post(`/api/tasks/${task.key}/claim`).expect(404);
    const supervisor = await stack.loginAs('xa.supervisor');
    await supervisor.get(`/api/tasks/${task.key}`).expect(200);
    await supervisor.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(403);

    const done = await owner
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    expect(done.body.state).toBe('COMPLETED');
    // The engine recorded the completion, by the person (the API claims for them first).
    const engineTask = await stack.engine.historicTask(task.key);
    expect(engineTask).toMatchObject({ deleteReason: 'completed', assignee: done.body.completedById });

    const todo = await owner.get('/api/inbox').expect(200);
    expect(todo.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);
    // Newest first: earlier suites' completions by the same user fill the first page otherwise.
    const history = await owner
      .get('/api/inbox')
      .query({ view: 'done', sort: 'completedAt', order: 'desc' })
      .expect(200);
    expect(history.body.items.map((t: { key: string }) => t.key)).toContain(task.key);
    const again = await owner.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(409);
    expect(again.body.error.code).toBe('error.taskNotOpen');
    // The feed applied the engine's own end of the task too.
    const row = await eventually(async () => {
      const r = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } });
      return r.syncedAt && r.completedAt ? r : undefined;
    });
    expect(row.state).toBe('COMPLETED');
  });

  it('pages and sorts the inbox, and validates its query', async () => {
    const member = await stack.loginAs('grid.hw02');
    const ids = [];
    for (const description of ['一', '二', '三'])
      ids.push((await reportEvent(member, { gridId: 'BA-XA-C01-G02', description })).id);
    for (const id of ids) await taskFor(member, id, 'handle');
    const page1 = await member
      .get('/api/inbox')
      .query({ process: 'event-handling', pageSize: 2, sort: 'createdAt', order: 'desc' })
      .expect(200);
    expect(page1.body.total).toBeGreaterThanOrEqual(3);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await member
      .get('/api/inbox')
      .query({ process: 'event-handling', pageSize: 2, page: 2, sort: 'createdAt', order: 'desc' })
      .expect(200);
    const created = [...page1.body.items, ...page2.body.items].map((t: { createdAt: string }) =>
      Date.parse(t.createdAt),
    );
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(new Set([...page1.body.items, ...page2.body.items].map((t: { key: string }) => t.key)).size).toBe(
      created.length,
    );

    const bad = await member.get('/api/inbox').query({ pageSize: 1000, sort: 'name' }).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('claims in the engine (read back from it), and a task the engine ends itself leaves the inbox', async () => {
    const owner = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(owner, { description: '待取消' });
    const task = await taskFor(owner, id, 'handle');
    const claims = await Promise.all([
      owner.post(`/api/tasks/${task.key}/claim`),
      (await stack.loginAs('grid.hw01')).post(`/api/tasks/${task.key}/claim`),
    ]);
    expect(claims.map((r) => r.status).sort()).toEqual([200, 200]);
    const claimed = await stack.engine.task(task.key);
    expect(claimed.assignee).toEqual(expect.any(String));

    // Cancelled by an admin in the engine: the feed closes the row; completing it is refused.
    const { processInstanceId } = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
    await stack.engine.deleteProcessInstance(processInstanceId!);
    await eventually(async () => {
      const row = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: task.key } });
      return row.state === 'CANCELED' ? row : undefined;
    });
    const res = await owner.post(`/api/tasks/${task.key}/complete`).send({ variables: {} }).expect(409);
    expect(res.body.error.code).toBe('error.taskNotOpen');
  });

  it('offers each person the buttons they may use, says why when none, and rows that tell cases apart', async () => {
    const owner = await stack.loginAs('grid.hw01');
    const { id, caseNo } = await reportEvent(owner, { address: '海旺社区 21 栋', urgency: 'URGENT' });
    const task = await taskFor(owner, id, 'handle');
    expect((await owner.get(`/api/tasks/${task.key}`).expect(200)).body).toMatchObject({
      actions: ['complete', 'return', 'transfer', 'extension', 'claim', 'copy', 'cosign'],
      readOnlyReason: null,
    });
    // 三员分立: an administrator without a business role reads no case's task.
    await (await stack.loginAs('admin')).get(`/api/tasks/${task.key}`).expect(404);
    // The supervisor follows it (辖区), is not offered it as work, and is told why.
    const supervisor = await stack.loginAs('xa.supervisor');
    expect((await supervisor.get(`/api/tasks/${task.key}`).expect(200)).body).toMatchObject({
      actions: [],
      readOnlyReason: 'notYours',
    });
    const own = await supervisor.get('/api/inbox').query({ pageSize: 100 }).expect(200);
    expect(own.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);

    // The row carries the case (category, address, urgency); 我的 holds it once claimed.
    const row = (
      await owner.get('/api/inbox').query({ step: 'handle', pageSize: 100 }).expect(200)
    ).body.items.find((t: { key: string }) => t.key === task.key);
    expect(row).toMatchObject({
      eventId: id,
      caseCard: {
        kind: 'EVENT',
        urgent: true,
        path: `/cases/${id}`,
        title: expect.stringContaining('海旺社区 21 栋'),
      },
      cards: {},
    });
    expect(row.caseCard.facts).toContainEqual({ key: 'category', text: expect.any(String), at: null });
    const steps = (await owner.get('/api/inbox/steps').expect(200)).body.items;
    expect(steps).toContainEqual(expect.objectContaining({ elementId: 'handle', name: '处置' }));
    await owner.post(`/api/tasks/${task.key}/claim`).expect(200);
    const mine = (await owner.get('/api/inbox').query({ scope: 'mine', pageSize: 100 }).expect(200)).body
      .items;
    expect(mine.find((t: { key: string }) => t.key === task.key).assigneeName).toBe('海旺第1网格员');
    expect((await owner.get(`/api/tasks/${task.key}`).expect(200)).body.actions).toContain('unclaim');

    // 核查: the form asks 通过/不通过 afresh (the 处置 fields are not carried in), and 不通过 needs a reason.
    await owner
      .post(`/api/tasks/${task.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已清理' } })
      .expect(200);
    // Four eyes: the grid's only member reported and handled it, so the community verifies.
    const verifier = await stack.loginAs('haiwang.staff');
    const verify = await taskFor(verifier, id, 'verify');
    const form = (await verifier.get(`/api/tasks/${verify.key}/form`).expect(200)).body;
    expect(form.variables).toMatchObject({ caseNo, result: '已清理' });
    expect(form.variables).not.toHaveProperty('verified');
    const noChoice = await verifier
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: {} })
      .expect(400);
    expect(noChoice.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['variables.verified']);
    const noReason = await verifier
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: false } })
      .expect(400);
    expect(noReason.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'variables.verifyComment',
    ]);
    await verifier
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: false, verifyComment: '楼道仍有垃圾' } })
      .expect(200);
    // 已办 says what was decided.
    const done = (
      await verifier.get('/api/inbox').query({ view: 'done', sort: 'completedAt', order: 'desc' }).expect(200)
    ).body.items.find((t: { key: string }) => t.key === verify.key);
    expect(done.outcome).toMatchObject({ verified: false });
    // Ended: nothing to do but 撤回 while the rework it sent back is unclaimed.
    expect((await verifier.get(`/api/tasks/${verify.key}`).expect(200)).body).toMatchObject({
      actions: ['withdraw'],
      readOnlyReason: null,
    });
  });
});
