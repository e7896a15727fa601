/**
 * The five defects found by driving the API as ordinary users would, each reproduced: after the
 * fix every one is a 4xx naming the field, nothing is written, the case is where it was, and the
 * workers are still serving.
 */
import type { Db } from '../../../../../lib/db';
import { createTestStack, eventually, freshIdNumber, suiteStack } from '../../../../../test/harness';
import { reportEvent, taskFor } from '../../../../../test/events';
import { registerPetition } from '../../../../../test/petitions';
import type { Agent } from 'supertest';

const fields = (res: { body: { error: { fields?: { field: string }[] } } }) =>
  (res.body.error.fields ?? []).map((f) => f.field);

describe('hostile input', () => {
  const stack = suiteStack({ workers: true });

  it('refuses unsafe numbers and fields no form has, and the workers keep serving (finding 1)', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    const handle = await taskFor(member, id, 'handle');
    const unknown = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已处理', meterReading: 1e16 } })
      .expect(400);
    expect(fields(unknown)).toEqual(['variables.meterReading']);
    const huge = await member
      .post(`/api/tasks/${handle.key}/extension`)
      .send({ days: 2 ** 53 + 2, reason: '等' })
      .expect(400);
    expect([...new Set(fields(huge))]).toEqual(['days']);
    expect((await stack.engine.task(handle.key)).id).toBe(handle.key);
    // The next case still flows: nothing died.
    const next = await reportEvent(member, { description: '之后的事件' });
    await taskFor(member, next.id, 'handle');
  });

  it('refuses NUL, control characters and lone surrogates wherever text comes in (finding 2)', async () => {
    const anonymous = stack.http();
    const login = await anonymous
      .post('/api/auth/login')
      .send({ username: 'a\u0000', password: 'x' })
      .expect(400);
    expect(fields(login)).toEqual(['username']);
    const member = await stack.loginAs('grid.hw01');
    expect(fields(await member.get('/api/inbox').query({ category: '\u0000' }).expect(400))).toEqual([
      'category',
    ]);
    await member.get('/api/events/%00').expect(400);
    const report = await member
      .post('/api/events')
      .send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: 'x\ud800',
        description: 'ok',
      })
      .expect(400);
    expect(fields(report)).toEqual(['address']);
    const supervisor = await stack.loginAs('xa.supervisor');
    const { id } = await reportEvent(member);
    const card = await supervisor
      .post('/api/supervision/cards')
      .send({ caseKind: 'EVENT', caseId: id, kind: 'NORMAL', reason: '请\u0007尽快' })
      .expect(400);
    expect(fields(card)).toEqual(['reason']);
    // In task variables: refused before the engine hears of it, the task stays open.
    const handle = await taskFor(member, id, 'handle');
    const bad = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '好\u0000' } })
      .expect(400);
    expect(fields(bad)).toEqual(['variables.result']);
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } })).state).toBe(
      'OPEN',
    );
    await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已处理' } })
      .expect(200);
    await taskFor(await stack.loginAs('haiwang.staff'), id, 'verify');
  });

  it('never lets a completion set what routes or identifies a case (finding 3)', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    const handle = await taskFor(member, id, 'handle');
    const reroute = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', gridId: 'BA-XX-C01-G01' } })
      .expect(400);
    expect(fields(reroute)).toEqual(['variables.gridId']);
    await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved' } })
      .expect(200);
    // Four eyes: the grid's only member reported and handled it, so its community verifies.
    const community = await stack.loginAs('haiwang.staff');
    const verify = await taskFor(community, id, 'verify');
    expect(verify.orgId).toBe('BA-XA-C01');
    await community
      .post(`/api/tasks/${verify.key}/complete`)
      .send({ variables: { verified: true } })
      .expect(200);
    const visit = await taskFor(community, id, 'visit');
    const other = await reportEvent(member, { description: '另一案件' });
    const hijack = await community
      .post(`/api/tasks/${visit.key}/complete`)
      .send({ variables: { satisfaction: 'satisfied', eventId: other.id } })
      .expect(400);
    expect(fields(hijack)).toEqual(['variables.eventId']);
    expect((await stack.prisma.event.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('OPEN');
  });

  it('transfers only to a unit the caller may name (finding 4)', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    const handle = await taskFor(member, id, 'handle');
    const offered = (await member.get('/api/orgs').expect(200)).body.items.map((o: { id: string }) => o.id);
    expect(offered).not.toContain('BA-XX');
    const action = await member
      .post(`/api/tasks/${handle.key}/transfer`)
      .send({ unitId: 'BA-XX', reason: '转给西乡' })
      .expect(400);
    expect(fields(action)).toEqual(['unitId']);
    // The form has no transfer: 转办 is the action alone, with its unit checked above.
    const viaForm = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'transfer', handlerOverride: 'BA-XX', reason: '转给西乡' } })
      .expect(400);
    expect(fields(viaForm)).toEqual(['variables.outcome', 'variables.handlerOverride']);
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } })).state).toBe(
      'OPEN',
    );
    // A department is a unit a grid may hand work to.
    await member
      .post(`/api/tasks/${handle.key}/transfer`)
      .send({ unitId: 'BA-D-JUSTICE', reason: '涉法' })
      .expect(200);
    expect((await taskFor(await stack.loginAs('justice.staff'), id, 'handle')).orgId).toBe('BA-D-JUSTICE');
  });

  it('does not count a completion without its outcome, or a body that is not JSON (finding 5)', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member);
    const handle = await taskFor(member, id, 'handle');
    const empty = await member.post(`/api/tasks/${handle.key}/complete`).send({ variables: {} }).expect(400);
    expect(fields(empty)).toEqual(['variables.outcome']);
    const text = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .set('Content-Type', 'text/plain')
      .send('{"variables":{"outcome":"resolved"}}')
      .expect(415);
    expect(text.body.error.code).toBe('error.unsupportedMediaType');
    const needsReason = await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'cannotResolve' } })
      .expect(400);
    expect(fields(needsReason)).toEqual(['variables.reason']);
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } })).state).toBe(
      'OPEN',
    );
  });

  /**
   * The three newer loops' steps under the same hostile bodies as 处置 above, one table row per
   * loop: who completes which step, a valid completion to start from, the step's required field,
   * a number field, a text field, and the variables that identify or route the case there.
   */
  type Loop = {
    name: string;
    actor: string;
    /** Starts a case; resolves to the instance and its first user task once the inbox has it. */
    start: (stackAgent: (u: string) => Promise<Agent>) => Promise<{ instanceId: string; key: string }>;
    valid: Record<string, unknown>;
    required: string;
    numberField: string;
    textField: string;
    routing: Record<string, unknown>;
  };
  const firstTask = async (processInstanceId: string, elementId: string) =>
    eventually(async () => {
      const row = await stack.prisma.inboxTask.findFirst({
        where: { processInstanceId, elementId, state: 'OPEN' },
      });
      return row ? { instanceId: processInstanceId, key: row.key } : undefined;
    });
  const LOOPS: Loop[] = [
    {
      name: 'patient-care 随访',
      actor: 'grid.hw01',
      start: async (as) => {
        const users = Object.fromEntries(
          (await stack.prisma.user.findMany({ where: { username: { in: ['grid.hw01', 'hw.police'] } } })).map(
            (u) => [u.username, u.id],
          ),
        );
        const idNumber = freshIdNumber();
        const { id } = (
          await (
            await as('haiwang.staff')
          )
            .post('/api/patients')
            .send({
              name: '加固测试患者',
              idNumber,
              address: '海旺社区 3 栋 501',
              gridId: 'BA-XA-C01-G01',
              riskLevel: 0,
              team: [
                { roleCode: 'grid-member', userId: users['grid.hw01'], designated: true },
                { roleCode: 'police', userId: users['hw.police'] },
              ],
            })
            .expect(201)
        ).body as { id: string };
        const person = await stack.prisma.person.findUniqueOrThrow({ where: { id } });
        return firstTask(person.processInstanceId!, 'follow-up');
      },
      valid: { riskLevel: 0, followUpMethod: 'home' },
      required: 'riskLevel',
      numberField: 'riskLevel',
      textField: 'notes',
      routing: {
        personId: 'other-person',
        gridId: 'BA-XX-C01-G01',
        followUpUserId: 'someone',
        followUpDueAt: '2030-01-01T00:00:00Z',
      },
    },
    {
      name: 'dispute-mediation 调解',
      actor: 'haiwang.staff',
      start: async (as) => {
        const { processInstanceId } = (
          await (
            await as('haiwang.staff')
          )
            .post('/api/disputes')
            .send({
              type: 'neighbour',
              amount: 2000,
              summary: '加固测试：邻里纠纷',
              communityId: 'BA-XA-C01',
              parties: [
                { name: '张三', phone: '13812345678' },
                { name: '李四', phone: '13987654321' },
              ],
              risk: { level: 'LOW', reasons: ['双方情绪平稳'] },
            })
            .expect(201)
        ).body as { processInstanceId: string };
        return firstTask(processInstanceId, 'mediate');
      },
      valid: { outcome: 'extend', extendDays: 5, reason: '双方同意' },
      required: 'outcome',
      numberField: 'extendDays',
      textField: 'reason',
      routing: {
        disputeId: 'other-dispute',
        mediateUnitId: 'BA-XX-C01',
        caseNo: 'TJ-2026-999999',
        stage: 'JUDICIAL',
        mediateRedAt: '2030-01-01T00:00:00Z',
      },
    },
    {
      name: 'petition 受理审查',
      actor: 'petition.staff',
      start: async (as) => {
        const { id } = await registerPetition(await as('petition.staff'));
        const petition = await eventually(async () => {
          const p = await stack.prisma.petition.findUniqueOrThrow({ where: { id } });
          return p.processInstanceId ? p : undefined;
        });
        return firstTask(petition.processInstanceId!, 'decide');
      },
      valid: { decision: 'accept', decisionReason: '属本机关职责' },
      required: 'decision',
      numberField: 'decisionReason',
      textField: 'decisionReason',
      routing: {
        petitionId: 'other-petition',
        officeUnitId: 'BA-XX',
        handlerUnitId: 'BA-XX',
        decisionDueAt: '2030-01-01T00:00:00Z',
      },
    },
  ];

  it.each(LOOPS)(
    '$name: hostile completions are refused by field name, the step stays open and the engine unchanged',
    async (loop) => {
      const { instanceId, key } = await loop.start((u) => stack.loginAs(u));
      const agent = await stack.loginAs(loop.actor);
      const engineVariables = async () =>
        Object.fromEntries(
          (await stack.engine.variablesOf([instanceId])).map((v) => [
            `${v.activityInstanceId}:${v.name}`,
            v.value,
          ]),
        );
      const before = await engineVariables();
      const complete = (variables: Record<string, unknown>) =>
        agent.post(`/api/tasks/${key}/complete`).send({ variables: { ...loop.valid, ...variables } });
      const probes: [string, Record<string, unknown>, string][] = [
        ['an unknown field', { meterReading: 1 }, 'meterReading'],
        ...Object.entries(loop.routing).map(([name, value]): [string, Record<string, unknown>, string] => [
          `routing ${name}`,
          { [name]: value },
          name,
        ]),
        ['1e16', { [loop.numberField]: 1e16 }, loop.numberField],
        ['2^53+1', { [loop.numberField]: 2 ** 53 + 1 }, loop.numberField],
        ['a fraction', { [loop.numberField]: 2.5 }, loop.numberField],
        ['NUL', { [loop.textField]: '已\u0000处理' }, loop.textField],
        ['a lone surrogate', { [loop.textField]: '已\ud800处理' }, loop.textField],
      ];
      const answers = [];
      for (const [what, variables] of probes) {
        const res = await complete(variables);
        // An unsafe number may be named twice (its range and its safety): the field is what counts.
        answers.push([what, res.status, res.status === 400 ? [...new Set(fields(res))] : res.body]);
      }
      expect(answers).toEqual(probes.map(([what, , field]) => [what, 400, [`variables.${field}`]]));
      // An empty body names the step's required field; a body that is not JSON is 415.
      const empty = await agent.post(`/api/tasks/${key}/complete`).send({}).expect(400);
      expect(fields(empty)).toContain(`variables.${loop.required}`);
      await agent
        .post(`/api/tasks/${key}/complete`)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ variables: loop.valid }))
        .expect(415);

      expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key } })).state).toBe('OPEN');
      expect((await stack.engine.task(key)).id).toBe(key);
      expect(await engineVariables()).toEqual(before);
    },
  );

  it('leaves no half-done completion: the engine moved on, so a local failure still ends with the next step', async () => {
    // Zhizhi's timeline write fails right after the engine accepted the completion.
    const failing = createTestStack({
      apiDb: (db) =>
        db.$extends({
          query: {
            timelineEntry: {
              createMany: ({ args, query }) =>
                JSON.stringify(args).includes('completed:handle')
                  ? Promise.reject(new Error('disk full'))
                  : query(args),
            },
          },
        }) as unknown as Db,
    });
    try {
      const member = await failing.loginAs('grid.hw01');
      const { id } = await reportEvent(member);
      const handle = await taskFor(member, id, 'handle');
      const res = await member
        .post(`/api/tasks/${handle.key}/complete`)
        .send({ variables: { outcome: 'resolved', result: '已处理' } });
      expect(res.status).toBeGreaterThanOrEqual(500);
      // The feed closes 处置 and brings 核查 (the community's) regardless: the case is not stuck.
      await taskFor(await failing.loginAs('haiwang.staff'), id, 'verify');
      const row = await eventually(async () => {
        const r = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } });
        return r.state === 'COMPLETED' ? r : undefined;
      });
      expect(row.state).toBe('COMPLETED');
    } finally {
      await failing.close();
    }
  });
});
