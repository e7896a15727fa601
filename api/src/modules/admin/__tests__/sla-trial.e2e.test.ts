/**
 * 试算 of an SLA table on real tasks: events of a category of the suite's own are reported and
 * dispatched through the API; their 处置 tasks are given start times 2–30 hours ago; a draft that
 * gives the category 12/24 hours (half of 24/48) is replayed, and the tasks that turn yellow and
 * red are exactly those the test computes from the tasks' own durations. Nothing live changes.
 */
import type { Agent } from 'supertest';
import { reportEvent, taskFor } from '../../../../../test/events';
import { suiteStack } from '../../../../../test/harness';

const CATEGORY = `sla-trial-${Date.now().toString(36)}`;
const HOUR = 3_600_000;
const AGES = [30, 20, 10, 2];

describe('试算: a draft SLA table on the period’s real tasks', () => {
  const stack = suiteStack({ workers: true });
  const { prisma } = stack;
  let admin: Agent;
  const cases: { caseNo: string; key: string; startedAt: Date }[] = [];

  beforeAll(async () => {
    await prisma.eventCategory.create({ data: { code: CATEGORY, name: 'SLA 试算测试类别' } });
    admin = await stack.loginAs('admin');
    const member = await stack.loginAs('grid.hw01');
    for (const age of AGES) {
      const event = await reportEvent(member, { category: CATEGORY, description: `已 ${age} 小时` });
      const { key } = await taskFor(member, event.id, 'handle');
      // The task's real start, moved back: the replay reads the times the tasks have.
      const startedAt = new Date(Date.now() - age * HOUR);
      await prisma.inboxTask.update({ where: { key }, data: { createdAt: startedAt } });
      cases.push({ caseNo: event.caseNo, key, startedAt });
    }
  }, 120_000);

  const table = async () =>
    ((await admin.get('/api/admin/sla-rules').expect(200)).body.items as Record<string, unknown>[]).map(
      ({ step, level, category, urgency, unit, yellow, red }) => ({
        step,
        level,
        category,
        urgency,
        unit,
        yellow,
        red,
      }),
    );

  it('turns exactly the tasks past half the hours yellow or red', async () => {
    const live = await table();
    const before = await prisma.inboxTask.findMany({ where: { key: { in: cases.map((c) => c.key) } } });
    const draft = [
      ...live,
      {
        step: 'handle',
        level: 'GRID',
        category: CATEGORY,
        urgency: 'NORMAL',
        unit: 'hours',
        yellow: 12,
        red: 24,
      },
    ];
    const trial = (
      await admin
        .post('/api/admin/sla-rules/trials')
        .send({ rules: draft, from: new Date(Date.now() - 3 * 24 * HOUR).toISOString() })
        .expect(200)
    ).body;

    // Computed here from each task's own start: open, so its duration runs to now.
    const now = Date.now();
    const expected = new Map(
      cases.map((c) => {
        const hours = (now - c.startedAt.getTime()) / HOUR;
        return [c.caseNo, hours >= 24 ? 'red' : hours >= 12 ? 'yellow' : 'onTime'];
      }),
    );
    const ours = (
      trial.changedTasks as { caseNo: string; from: string; to: string; unitName: string }[]
    ).filter((t) => expected.has(t.caseNo));
    expect(Object.fromEntries(ours.map((t) => [t.caseNo, t.to]))).toEqual(
      Object.fromEntries([...expected].filter(([, colour]) => colour !== 'onTime')),
    );
    expect(ours.every((t) => t.from === 'onTime' && t.unitName === '海旺社区第1网格')).toBe(true);
    const row = trial.byUnit.find((r: { category: string }) => r.category === CATEGORY);
    expect(row).toMatchObject({
      unitId: 'BA-XA-C01-G01',
      tasks: AGES.length,
      redBefore: 0,
      redAfter: 1,
      yellowAfter: 1,
    });

    // Nothing live changed: the table and the tasks' deadlines are as they were.
    expect(await table()).toEqual(live);
    const after = await prisma.inboxTask.findMany({ where: { key: { in: cases.map((c) => c.key) } } });
    expect(after.map((t) => [t.key, t.dueDate, t.redAt])).toEqual(
      before.map((t) => [t.key, t.dueDate, t.redAt]),
    );
    const audit = await prisma.auditLog.findFirst({
      where: { action: 'sla.trial' },
      orderBy: { at: 'desc' },
    });
    expect(audit?.detail).toMatchObject({ changed: trial.changed, rules: draft.length });
  }, 120_000);

  it('says what to fix, and is the district administrator’s alone', async () => {
    const bad = await admin
      .post('/api/admin/sla-rules/trials')
      .send({
        rules: [
          {
            step: 'handle',
            level: 'GRID',
            category: null,
            urgency: 'NORMAL',
            unit: 'hours',
            yellow: 24,
            red: 12,
          },
        ],
      })
      .expect(400);
    expect(bad.body.error.fields[0].field).toBe('rules.0.red');
    // Working days are whole days: half a day would stop every deadline counted by the calendar.
    const half = {
      step: 'handle',
      level: 'GRID',
      category: null,
      urgency: 'NORMAL',
      unit: 'workingDays',
      yellow: 2.5,
      red: 5,
    };
    const refused = await admin
      .post('/api/admin/sla-rules/trials')
      .send({ rules: [half] })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('rules.0.yellow');
    const saved = await admin
      .post('/api/admin/sla-rules')
      .send({ ...half, category: CATEGORY })
      .expect(400);
    expect(saved.body.error.fields[0].field).toBe('yellow');
    const rules = await table();
    await (await stack.loginAs('xa.admin')).post('/api/admin/sla-rules/trials').send({ rules }).expect(403);
    await (
      await stack.loginAs('xa.supervisor')
    )
      .post('/api/admin/sla-rules/trials')
      .send({ rules })
      .expect(403);
  });
});
