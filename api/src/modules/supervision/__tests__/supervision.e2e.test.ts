/**
 * Supervision on the real stack (engine, workers, PostgreSQL, BullMQ on Redis): overdue views
 * scoped to the supervisor's subtree, 督办/催办 cards, the automatic yellow/red cards of the
 * overdue scan, in-app notifications, group-robot webhooks to a local receiver, bull-board.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Agent } from 'supertest';
import {
  cspViolations,
  launchBrowser,
  login,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openPage,
  openMenu,
} from '../../../../../test/browser';
import { LOOPBACK_ROBOTS, ROOT, testProcessEnv } from '../../../../../test/env';
import { createSecretBox } from '../../../../../lib/secret-box';
import { loadApiConfig } from '../../../config';
import { createTestStack, eventually } from '../../../../../test/harness';
import { reportEvent, taskFor as taskOf } from '../../../../../test/events';
import { registerPetition } from '../../../../../test/petitions';

type Hit = { path: string; accepted: boolean; body: { msgtype: string; markdown: Record<string, string> } };
type Task = { key: string; elementId: string; orgId: string; variables: { eventId: string } };

const DING_SECRET = 'SEC-test-robot-secret';

describe('supervision', () => {
  const hits: Hit[] = [];
  let receiver: Server;
  let stack: ReturnType<typeof createTestStack>;

  beforeAll(async () => {
    // A local stand-in for the WeCom and DingTalk group robots: answers as they do, or fails.
    // The DingTalk one is secured by 加签, as a district would set it: it checks the signature
    // of the timestamp with the robot's secret and answers errcode 310000 when it does not match.
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://robot');
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', DING_SECRET)
          .update(`${timestamp}\n${DING_SECRET}`)
          .digest('base64');
        const signed =
          url.searchParams.get('sign') === expected && Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
        const answer =
          url.pathname === '/broken'
            ? { status: 500, errcode: 0 }
            : url.pathname === '/ding-c01' && !signed
              ? { status: 200, errcode: 310000 }
              : { status: 200, errcode: 0 };
        hits.push({
          path: url.pathname,
          accepted: answer.status === 200 && answer.errcode === 0,
          body: JSON.parse(raw) as Hit['body'],
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ errcode: answer.errcode, errmsg: answer.errcode ? 'sign not match' : 'ok' }),
        );
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = createTestStack({
      workers: true,
      env: {
        WEB_DIR: path.join(ROOT, 'web', 'dist'),
        OVERDUE_SCAN_INTERVAL_MS: '1000',
        WEBHOOK_ATTEMPTS: '3',
        WEBHOOK_BACKOFF_MS: '200',
        // The stand-in robots listen on 127.0.0.1: allowed here only, by the test-only override.
        ...LOOPBACK_ROBOTS,
      },
    });
    // The group robots as an admin keeps them: in the database, URL and secret sealed.
    const box = createSecretBox(loadApiConfig(testProcessEnv()).SECRETS_KEY);
    await stack.prisma.groupRobot.deleteMany({ where: { name: { startsWith: 'supervision-test' } } });
    await stack.prisma.groupRobot.createMany({
      data: (
        [
          ['BA-XA', 'wecom', `${base}/wecom-xa`, null],
          ['BA-XA-C01', 'dingtalk', `${base}/ding-c01?access_token=t-c01`, DING_SECRET],
          ['BA-XX', 'wecom', `${base}/wecom-xx`, null],
          ['BA-XA-C01-G02', 'wecom', `${base}/broken`, null],
        ] as const
      ).map(([unitId, format, url, secret]) => ({
        name: `supervision-test ${unitId}`,
        unitId,
        format,
        urlSealed: box.seal(url),
        urlHost: new URL(url).host,
        secretSealed: secret && box.seal(secret),
      })),
    });
    // A supervisor of the sibling street 西乡, with the demo password.
    const demo = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'xa.supervisor' } });
    await stack.prisma.user.upsert({
      where: { username: 'xx.supervisor' },
      create: {
        username: 'xx.supervisor',
        displayName: '西乡街道督办员',
        orgId: 'BA-XX',
        roles: ['SUPERVISOR'],
        passwordHash: demo.passwordHash,
      },
      update: {},
    });
    // A second member in each grid whose 核查 goes overdue here: four eyes keeps 核查 from the
    // member who reported and handled the case, and with a colleague there it stays in the grid.
    for (const gridId of ['BA-XA-C01-G01', 'BA-XA-C01-G02', 'BA-XX-C01-G01'])
      await stack.prisma.user.create({
        data: {
          username: `sv.${gridId}`,
          displayName: `${gridId} 第二网格员`,
          orgId: gridId,
          roles: ['GRID_MEMBER'],
          passwordHash: demo.passwordHash,
        },
      });
    // Handling petition clues at grid level turns red (and escalates) in about two seconds.
    await stack.prisma.slaRule.create({
      data: {
        step: 'handle',
        level: 'GRID',
        urgency: 'NORMAL',
        category: 'petition-clue',
        unit: 'hours',
        yellow: 0.0003,
        red: 0.0006,
      },
    });
    // Verification of public-service events at grid level falls due in about a second, red in two.
    await stack.prisma.slaRule.create({
      data: {
        step: 'verify',
        level: 'GRID',
        urgency: 'NORMAL',
        category: 'public-service',
        unit: 'hours',
        yellow: 0.0003,
        red: 0.0006,
      },
    });
  });

  afterAll(async () => {
    await stack.prisma.groupRobot.deleteMany({ where: { name: { startsWith: 'supervision-test' } } });
    await stack.prisma.slaRule.deleteMany({
      where: { category: { in: ['public-service', 'petition-clue'] } },
    });
    await stack.close();
    receiver.closeAllConnections();
    receiver.close();
  });

  const report = (agent: Agent, gridId: string, category = 'environment') =>
    reportEvent(agent, { category, gridId, address: '测试地址', description: '督办测试事件' });

  const taskFor = (agent: Agent, eventId: string, elementId: string) =>
    taskOf<Task>(agent, eventId, elementId);

  /** A case whose 核查 step is past its red time (the short SLA rule above). */
  const overdueCase = async (member: Agent, gridId: string) => {
    const event = await report(member, gridId, 'public-service');
    const handle = await taskFor(member, event.id, 'handle');
    await member
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已处理' } })
      .expect(200);
    const verify = await taskFor(member, event.id, 'verify');
    return { event, verify };
  };

  it('raises yellow and red cards on its own when a task passes its deadlines, once each', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { event, verify } = await overdueCase(member, 'BA-XA-C01-G01');
    const row = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } });
    expect(row.redAt!.getTime()).toBeGreaterThan(row.dueDate!.getTime());

    const cards = await eventually(async () => {
      const found = await stack.prisma.supervisionCard.findMany({ where: { taskKey: verify.key } });
      return found.length === 2 ? found : undefined;
    });
    expect(cards.map((c) => c.kind).sort()).toEqual(['RED', 'YELLOW']);
    expect(cards.every((c) => c.auto && c.unitId === 'BA-XA-C01-G01' && c.eventId === event.id)).toBe(true);
    // The handler is told (the task's unit: the grid member), in one digest per period, each
    // notice a line linking to the task; and the task rises in the inbox.
    const lines = await eventually(async () => {
      const res = await member.get('/api/notifications').expect(200);
      const mine = (res.body.items as { items: { taskKey: string; kind: string }[] }[])
        .flatMap((n) => n.items)
        .filter((i) => i.taskKey === verify.key);
      return mine.length === 2 ? mine : undefined;
    });
    expect(lines.map((n) => n.kind).sort()).toEqual(['RED', 'YELLOW']);
    expect((await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: verify.key } })).priority).toBe(5);
    const timeline = (await member.get(`/api/events/${event.id}`).expect(200)).body.timeline as {
      action: string;
    }[];
    expect(timeline.filter((e) => e.action === 'supervised')).toHaveLength(2);

    // Later scans find nothing new for this task.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await stack.prisma.supervisionCard.count({ where: { taskKey: verify.key } })).toBe(2);
  });

  it('raises the red card of a 处置 step that the red timer escalated before a scan saw it open', async () => {
    const member = await stack.loginAs('grid.hw01');
    const event = await report(member, 'BA-XA-C01-G01', 'petition-clue');
    const handle = await taskFor(member, event.id, 'handle');
    await eventually(async () => {
      const row = await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key: handle.key } });
      return row.state === 'CANCELED' ? row : undefined;
    });
    // Whether or not a scan caught it open in the instant before the timer, the scans that run
    // once the step is closed must (re)raise the card: remove it to see them do so.
    await stack.prisma.supervisionCard.deleteMany({ where: { taskKey: handle.key, kind: 'RED' } });
    const red = await eventually(
      async () =>
        (await stack.prisma.supervisionCard.findFirst({ where: { taskKey: handle.key, kind: 'RED' } })) ??
        undefined,
    );
    expect(red).toMatchObject({ auto: true, unitId: 'BA-XA-C01-G01', eventId: event.id });
  });

  it('delivers a red card to the handler in the app and to the group robots above the unit', async () => {
    const member = await stack.loginAs('grid.hw01');
    const event = await report(member, 'BA-XA-C01-G01');
    const handle = await taskFor(member, event.id, 'handle');
    const supervisor = await stack.loginAs('xa.supervisor');

    const card = await supervisor
      .post('/api/supervision/cards')
      .send({ caseKind: 'EVENT', caseId: event.id, kind: 'RED', reason: '群众反映强烈，限今日办结' })
      .expect(201);
    expect(card.body).toMatchObject({
      kind: 'RED',
      auto: false,
      unitId: 'BA-XA-C01-G01',
      taskKey: handle.key,
    });

    // One line of the member's digest (other cards of the same period may share it).
    const note = await eventually(async () => {
      const res = await member.get('/api/notifications').query({ unread: 'true' }).expect(200);
      return (
        res.body.items as {
          id: string;
          items: { eventId: string | null; kind: string }[];
          body: Record<string, string>;
        }[]
      ).find((n) => n.items.some((i) => i.eventId === event.id && i.kind === 'RED'));
    });
    expect(note.body['zh-CN']).toContain('红牌督办');
    expect(note.body['zh-CN']).toContain(event.caseNo);

    const robots = await eventually(async () => {
      const mine = hits.filter((h) => h.accepted && JSON.stringify(h.body).includes(event.caseNo));
      return mine.length >= 2 ? mine : undefined;
    });
    const wecom = robots.find((h) => h.path === '/wecom-xa')!;
    expect(wecom.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('红牌') },
    });
    // Signed with the robot's secret, so the 加签 robot accepted it.
    const ding = robots.find((h) => h.path === '/ding-c01' && h.accepted)!;
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '红牌督办' } });
    expect(robots.some((h) => h.path === '/wecom-xx')).toBe(false);

    // The case records it, and the handler's task now sorts first by priority.
    const view = await supervisor.get(`/api/events/${event.id}`).expect(200);
    expect(view.body.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'supervised', unitId: 'BA-XA-C01-G01' })]),
    );
    expect((await member.get(`/api/tasks/${handle.key}`).expect(200)).body.priority).toBe(5);

    const before = (await member.get('/api/notifications').expect(200)).body.unread as number;
    await member.post(`/api/notifications/${note.id}/read`).expect(200);
    expect((await member.get('/api/notifications').expect(200)).body.unread).toBe(before - 1);
    // Someone else's notification does not exist for the caller.
    await (await stack.loginAs('grid.hw02')).post(`/api/notifications/${note.id}/read`).expect(404);
  });

  it("raises the priority of the case's task in the engine with a 督办 card, never lowers it, and the inbox follows", async () => {
    const member = await stack.loginAs('grid.hw01');
    const supervisor = await stack.loginAs('xa.supervisor');
    /** The task's priority as the engine holds it, as the inbox row holds it, and as the API shows it. */
    const priorities = async (key: string) => [
      (await stack.engine.task(key)).priority,
      (await stack.prisma.inboxTask.findUniqueOrThrow({ where: { key } })).priority,
      (await member.get(`/api/tasks/${key}`).expect(200)).body.priority,
    ];
    const card = (eventId: string, kind: string) =>
      supervisor
        .post('/api/supervision/cards')
        .send({ caseKind: 'EVENT', caseId: eventId, kind, reason: '请加快办理' })
        .expect(201);

    const normal = await report(member, 'BA-XA-C01-G01');
    const handle = await taskFor(member, normal.id, 'handle');
    expect(await priorities(handle.key)).toEqual([1, 1, 1]);
    await card(normal.id, 'NORMAL');
    expect(await priorities(handle.key)).toEqual([3, 3, 3]);
    // A 催办 (2) after a 督办 (3) leaves the task where it is; a yellow card raises it to 4.
    await card(normal.id, 'REMIND');
    expect(await priorities(handle.key)).toEqual([3, 3, 3]);
    await card(normal.id, 'YELLOW');
    expect(await priorities(handle.key)).toEqual([4, 4, 4]);

    // Urgent work starts at 2 in the engine; a 催办 does not move it, a 督办 does.
    const urgent = await reportEvent(member, {
      gridId: 'BA-XA-C01-G01',
      urgency: 'URGENT',
      description: '督办测试紧急事件',
    });
    const urgentHandle = await taskFor(member, urgent.id, 'handle');
    expect(await priorities(urgentHandle.key)).toEqual([2, 2, 2]);
    await card(urgent.id, 'REMIND');
    expect(await priorities(urgentHandle.key)).toEqual([2, 2, 2]);
    await card(urgent.id, 'NORMAL');
    expect(await priorities(urgentHandle.key)).toEqual([3, 3, 3]);
    // The other case's task was not touched.
    expect(await priorities(handle.key)).toEqual([4, 4, 4]);
  });

  it('retries a failing robot with back-off and leaves the delivery visibly failed', async () => {
    const member = await stack.loginAs('grid.hw02');
    const event = await report(member, 'BA-XA-C01-G02');
    await taskFor(member, event.id, 'handle');
    const supervisor = await stack.loginAs('xa.supervisor');
    await supervisor
      .post('/api/supervision/cards')
      .send({ caseKind: 'EVENT', caseId: event.id, kind: 'REMIND', reason: '请尽快处置' })
      .expect(201);

    const broken = await stack.prisma.groupRobot.findFirstOrThrow({
      where: { name: 'supervision-test BA-XA-C01-G02' },
    });
    const failed = await eventually(async () => {
      const jobs = await stack.queues.webhook.getFailed();
      return jobs.find((j) => j.data.robotId === broken.id && j.attemptsMade === 3);
    });
    expect(failed.failedReason).toContain('HTTP 500');
    expect(
      hits.filter((h) => h.path === '/broken' && JSON.stringify(h.body).includes(event.caseNo)),
    ).toHaveLength(3);
    // The other robots got it once each.
    expect(
      hits.filter((h) => h.path === '/wecom-xa' && JSON.stringify(h.body).includes(event.caseNo)),
    ).toHaveLength(1);
  });

  it('shows a street supervisor the overdue work of their street and nothing of a sibling street', async () => {
    const xa = await overdueCase(await stack.loginAs('grid.hw01'), 'BA-XA-C01-G01');
    const xx = await overdueCase(await stack.loginAs('grid.gs01'), 'BA-XX-C01-G01');
    const supervisorA = await stack.loginAs('xa.supervisor');
    const supervisorB = await stack.loginAs('xx.supervisor');

    // Red about two seconds after the step started.
    const tasksA = await eventually(async () => {
      const res = await supervisorA
        .get('/api/supervision/overdue/tasks')
        .query({ level: 'red', pageSize: 100 });
      return res.body.items.some((t: { key: string }) => t.key === xa.verify.key) ? res.body : undefined;
    });
    const heat = (await supervisorA.get('/api/supervision/overdue').expect(200)).body;
    expect(heat.unit.id).toBe('BA-XA');
    expect(heat.byUnit.map((u: { unitId: string }) => u.unitId)).toEqual(['BA-XA-C01']);
    expect(heat.totals.red).toBeGreaterThanOrEqual(2);
    const keysA = tasksA.items.map((t: { key: string }) => t.key);
    expect(keysA).toContain(xa.verify.key);
    expect(keysA).not.toContain(xx.verify.key);
    expect(tasksA.items.find((t: { key: string }) => t.key === xa.verify.key)).toMatchObject({
      overdue: 'red',
      caseKind: 'EVENT',
      caseId: xa.event.id,
      caseNo: xa.event.caseNo,
    });
    // Drill down: the community, then the grid.
    const grid = (await supervisorA.get('/api/supervision/overdue').query({ unit: 'BA-XA-C01' }).expect(200))
      .body;
    expect(grid.byUnit.map((u: { unitId: string }) => u.unitId)).toContain('BA-XA-C01-G01');

    // Street B is out of reach: its unit, its tasks, its cards and its cases.
    await supervisorA.get('/api/supervision/overdue').query({ unit: 'BA-XX' }).expect(404);
    await supervisorA.get('/api/supervision/overdue/tasks').query({ unit: 'BA-XX-C01' }).expect(404);
    await supervisorA.get('/api/supervision/cards').query({ unit: 'BA-XX' }).expect(404);
    await supervisorA
      .post('/api/supervision/cards')
      .send({ caseKind: 'EVENT', caseId: xx.event.id, kind: 'NORMAL', reason: '越权督办' })
      .expect(404);
    const cardsA = (await supervisorA.get('/api/supervision/cards').query({ pageSize: 100 }).expect(200))
      .body;
    expect(cardsA.items.every((c: { unitPath: string }) => c.unitPath.startsWith('/BA/BA-XA/'))).toBe(true);

    // And the other way round, once street B's task is overdue too: it started after street A's,
    // and with sign-ins as fast as in the test stack it can still be within its time here.
    const tasksB = await eventually(async () => {
      const res = await supervisorB
        .get('/api/supervision/overdue/tasks')
        .query({ pageSize: 100 })
        .expect(200);
      return res.body.items.length ? res.body : undefined;
    });
    expect(tasksB.items.map((t: { key: string }) => t.key)).toEqual([xx.verify.key]);
    const heatB = (await supervisorB.get('/api/supervision/overdue').expect(200)).body;
    expect(heatB.byUnit.map((u: { unitId: string }) => u.unitId)).toEqual(['BA-XX-C01']);

    // Staff are not supervisors; bad input names the field.
    await (await stack.loginAs('xa.staff')).get('/api/supervision/overdue').expect(403);
    const bad = await supervisorA.post('/api/supervision/cards').send({ kind: 'PURPLE' }).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'caseId',
      'caseKind',
      'kind',
      'reason',
    ]);
  });

  it('supervises a dispute and a petition as it does an event: cards in scope, 404 outside, overdue rows with their case numbers', async () => {
    const staff = await stack.loginAs('haiwang.staff');
    const supervisorA = await stack.loginAs('xa.supervisor');
    const supervisorB = await stack.loginAs('xx.supervisor');
    const lead = await stack.loginAs('district.lead');
    /** The open inbox row of a case of any loop, once the feed has it, with its case reference. */
    const openRow = (caseKind: 'DISPUTE' | 'PETITION', caseId: string) =>
      eventually(
        async () =>
          (await stack.prisma.inboxTask.findFirst({ where: { caseKind, caseId, state: 'OPEN' } })) ??
          undefined,
      );
    const card = (agent: Agent, caseKind: string, caseId: string) =>
      agent.post('/api/supervision/cards').send({ caseKind, caseId, kind: 'NORMAL', reason: '请加快办理' });

    // 三调联动: a dispute of 海旺社区, mediated by the community.
    const dispute = (
      await staff
        .post('/api/disputes')
        .send({
          type: 'neighbour',
          amount: 2000,
          summary: '督办测试：邻里漏水纠纷',
          communityId: 'BA-XA-C01',
          parties: [
            { name: '张三', phone: '13812345678', address: '海旺社区 3 栋 501' },
            { name: '李四', phone: '13987654321', address: '海旺社区 3 栋 401' },
          ],
          risk: { level: 'LOW', reasons: ['双方情绪平稳'] },
        })
        .expect(201)
    ).body as { id: string; caseNo: string };
    const mediate = await openRow('DISPUTE', dispute.id);
    expect(mediate).toMatchObject({ elementId: 'mediate', caseNo: dispute.caseNo, orgId: 'BA-XA-C01' });

    // The sibling street's supervisor does not see it exists; the street's presses the community.
    await card(supervisorB, 'DISPUTE', dispute.id).expect(404);
    await card(supervisorA, 'EVENT', dispute.id).expect(404);
    const onDispute = (await card(supervisorA, 'DISPUTE', dispute.id).expect(201)).body;
    expect(onDispute).toMatchObject({
      caseKind: 'DISPUTE',
      caseId: dispute.id,
      caseNo: dispute.caseNo,
      unitId: 'BA-XA-C01',
      taskKey: mediate.key,
      eventId: null,
    });
    // The mediation step rises in the engine and the inbox; the case page lists the card.
    await eventually(async () => ((await stack.engine.task(mediate.key)).priority === 3 ? true : undefined));
    const page = (await supervisorA.get(`/api/disputes/${dispute.id}`).expect(200)).body;
    expect(page.cards).toEqual([
      expect.objectContaining({ id: onDispute.id, kind: 'NORMAL', auto: false, unitId: 'BA-XA-C01' }),
    ]);

    // 信访: registered at the district's 信访局; a street supervisor is outside its handling chain.
    const petition = await registerPetition(await stack.loginAs('petition.staff'));
    const decide = await openRow('PETITION', petition.id);
    expect(decide).toMatchObject({ elementId: 'decide', caseNo: petition.caseNo, orgId: 'BA-D-PETITION' });
    await card(supervisorA, 'PETITION', petition.id).expect(404);
    const onPetition = (await card(lead, 'PETITION', petition.id).expect(201)).body;
    expect(onPetition).toMatchObject({
      caseKind: 'PETITION',
      caseNo: petition.caseNo,
      unitId: 'BA-D-PETITION',
      taskKey: decide.key,
    });
    const petitionPage = (await lead.get(`/api/petitions/${petition.id}`).expect(200)).body;
    expect(petitionPage.cards.map((c: { id: string }) => c.id)).toEqual([onPetition.id]);

    // Overdue: mediation's limits are statutory days long, so the row's yellow time is moved into
    // the past (the overdue list and the scan read the projection's times, whatever set them).
    await stack.prisma.inboxTask.update({
      where: { key: mediate.key },
      data: { dueDate: new Date(Date.now() - 3600_000) },
    });
    const rows = (
      await supervisorA
        .get('/api/supervision/overdue/tasks')
        .query({ unit: 'BA-XA-C01', pageSize: 100 })
        .expect(200)
    ).body.items as { key: string }[];
    expect(rows.find((r) => r.key === mediate.key)).toMatchObject({
      caseKind: 'DISPUTE',
      caseId: dispute.id,
      caseNo: dispute.caseNo,
      overdue: 'yellow',
      cards: expect.objectContaining({ NORMAL: 1 }),
    });
    // The scan cards it like any event's step, with its case number in the notice.
    const yellow = await eventually(
      async () =>
        (await stack.prisma.supervisionCard.findFirst({
          where: { taskKey: mediate.key, kind: 'YELLOW', auto: true },
        })) ?? undefined,
    );
    expect(yellow).toMatchObject({ caseKind: 'DISPUTE', caseId: dispute.id, caseNo: dispute.caseNo });
  });

  it('opens bull-board to admins only', async () => {
    await stack.http().get('/admin/queues').expect(403);
    await (await stack.loginAs('xa.supervisor')).get('/admin/queues').expect(403);
    await (await stack.loginAs('xa.supervisor')).get('/admin/queues/api/queues').expect(403);
    const admin = await stack.loginAs('admin');
    await admin.get('/admin/queues').expect(200);
    const queues = (await admin.get('/admin/queues/api/queues').expect(200)).body.queues as {
      name: string;
    }[];
    expect(queues.map((q) => q.name).sort()).toEqual([
      'audit-retention',
      'engine-outbox',
      'field-work',
      'imports',
      'notifications',
      'opinion-poll',
      'overdue-scan',
      'patient-target-reminders',
      'webhooks',
    ]);
  });

  it(
    'gives supervisors the 督办 page with the heat map, and handlers the bell, in a browser',
    async () => {
      const member = await stack.loginAs('grid.hw02');
      const { event } = await overdueCase(member, 'BA-XA-C01-G02');
      const browser = await launchBrowser();
      try {
        const base = stack.baseUrl();
        const page = await openPage(browser, base);
        await login(page, 'xa.supervisor');
        await openMenu(page, '督办');
        await page.getByTestId('overdue-heatmap').locator('canvas').first().waitFor();
        const row = page.getByRole('row', { name: new RegExp(event.caseNo) }).first();
        await row.waitFor();
        await screenshot(page, 'supervision');
        await row.getByRole('button', { name: '督办/催办' }).click();
        await page.getByLabel('原因（必填）').fill('请今日内完成核查');
        const [issued] = await Promise.all([
          page.waitForResponse(
            (r) => r.url().endsWith('/api/supervision/cards') && r.request().method() === 'POST',
          ),
          page
            .getByRole('dialog')
            .getByRole('button', { name: /确\s*定|OK/ })
            .click(),
        ]);
        expect([issued.status(), await issued.text()]).toEqual([201, expect.any(String)]);
        await page.getByText('已督办，承办人已收到通知').waitFor();

        const phone = await openPage(browser, base, { width: 390, height: 844 });
        await login(phone, 'grid.hw02');
        await phone.getByTestId('bell').click();
        await phone.getByTestId('notification').filter({ hasText: '请今日内完成核查' }).waitFor();
        await phone.waitForTimeout(400); // the drawer's slide-in, for the screenshot
        await screenshot(phone, 'notifications-phone');
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('ran without a Content-Security-Policy refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
