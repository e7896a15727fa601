/**
 * 案件 list: filters by status, category, level, urgency and date reported, sorting and paging done by the
 * database, category names on each row, each case's open steps with their unit and deadline state,
 * scope by the org tree, 400 naming each bad parameter in Chinese and English.
 */
import { createTestStack } from '../../../../test/harness';
import { reportEvent, taskFor } from '../../../../test/events';

type Row = {
  id: string;
  caseNo: string;
  urgency: string;
  category: { name: string };
  currentSteps: {
    name: string;
    unitId: string | null;
    unitName?: string | null;
    deadlineState: string | null;
  }[];
};

describe('案件 list', () => {
  // The inbox feed writes the open steps the list shows.
  const stack = createTestStack({ workers: true });
  afterAll(() => stack.close());

  it('filters, sorts and pages the cases of the caller’s area, with category names', async () => {
    const member = await stack.loginAs('grid.hw02');
    const report = async (category: string, urgency: string) =>
      (
        await reportEvent(member, {
          category,
          urgency,
          gridId: 'BA-XA-C01-G02',
          address: '海旺社区 9 栋',
          description: '巡查发现',
        })
      ).id;
    const urgent = await report('special-groups', 'URGENT');
    const normal = await report('special-groups', 'NORMAL');
    const other = await report('public-service', 'NORMAL');
    // The level is the engine's to change (escalation); here only the list's reading of it is tested,
    // once the feed has written the first steps (and the level they are at).
    const step = await taskFor(member, urgent, 'handle');
    await taskFor(member, other, 'handle');
    await stack.prisma.event.update({ where: { id: other }, data: { level: 'COMMUNITY' } });

    const staff = await stack.loginAs('haiwang.staff');
    const list = async (query: Record<string, string | number>) =>
      (
        await staff
          .get('/api/events')
          .query({ pageSize: 100, ...query })
          .expect(200)
      ).body as {
        total: number;
        items: Row[];
      };
    const ids = (body: { items: Row[] }) => body.items.map((r) => r.id);

    const groups = await list({ category: 'special-groups', sort: 'urgency', order: 'asc' });
    expect(ids(groups)).toEqual(expect.arrayContaining([urgent, normal]));
    expect(ids(groups)).not.toContain(other);
    expect(ids(groups).indexOf(urgent)).toBeLessThan(ids(groups).indexOf(normal));
    expect(groups.items.find((r) => r.id === urgent)?.category.name).toBe('特殊人群');

    expect(ids(await list({ category: 'special-groups', urgency: 'URGENT' }))).toEqual(
      expect.arrayContaining([urgent]),
    );
    expect(ids(await list({ urgency: 'URGENT' }))).not.toContain(normal);
    const atCommunity = await list({ level: 'COMMUNITY' });
    expect(ids(atCommunity)).toContain(other);
    expect(ids(atCommunity)).not.toContain(urgent);
    expect(ids(await list({ status: 'ARCHIVED' }))).not.toEqual(expect.arrayContaining([urgent]));
    expect(ids(await list({ status: 'OPEN', category: 'special-groups' }))).toContain(urgent);

    const byCaseNo = await list({ category: 'special-groups', sort: 'caseNo', order: 'desc' });
    const caseNos = byCaseNo.items.map((r) => r.caseNo);
    expect(caseNos).toEqual([...caseNos].sort().reverse());
    const page2 = (
      await staff
        .get('/api/events')
        .query({ category: 'special-groups', pageSize: 1, page: 2, sort: 'caseNo', order: 'desc' })
        .expect(200)
    ).body;
    expect(page2.items.map((r: Row) => r.caseNo)).toEqual([caseNos[1]]);
    expect(page2.total).toBe(byCaseNo.total);

    // A date range: the three were reported a moment ago; `to` is exclusive, the count the total.
    const reportedAt = (
      await stack.prisma.event.findUniqueOrThrow({ where: { id: urgent }, select: { createdAt: true } })
    ).createdAt;
    const since = await list({ from: new Date(reportedAt.getTime() - 60_000).toISOString() });
    expect(ids(since)).toEqual(expect.arrayContaining([urgent, normal, other]));
    expect(since.total).toBe(since.items.length);
    expect(ids(await list({ to: reportedAt.toISOString() }))).not.toContain(urgent);
    expect(ids(await list({ from: new Date(Date.now() + 60_000).toISOString() }))).toEqual([]);
    // A range of whole days, as the page asks for one: midnight to the next midnight.
    await stack.prisma.event.update({
      where: { id: normal },
      data: { createdAt: new Date('2019-11-20T23:30:00+08:00') },
    });
    const day = await list({ from: '2019-11-20T00:00:00+08:00', to: '2019-11-21T00:00:00+08:00' });
    expect(ids(day)).toEqual([normal]);
    expect(day.total).toBe(1);

    // Each case's open steps: the step, the unit holding it by name, its deadline state by the inbox's rule.
    const stepsOf = async () =>
      (await list({ urgency: 'URGENT', category: 'special-groups' })).items.find((r) => r.id === urgent)!
        .currentSteps;
    const grid = await stack.prisma.org.findUniqueOrThrow({ where: { id: 'BA-XA-C01-G02' } });
    expect(await stepsOf()).toEqual([
      { name: '处置', unitId: grid.id, unitName: grid.name, deadlineState: 'onTime' },
    ]);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await stack.prisma.inboxTask.update({ where: { key: step.key }, data: { dueDate: hourAgo } });
    expect((await stepsOf())[0].deadlineState).toBe('yellow');
    await stack.prisma.inboxTask.update({ where: { key: step.key }, data: { redAt: hourAgo } });
    expect((await stepsOf())[0].deadlineState).toBe('red');

    // A grid of a sibling street lists none of them.
    const sibling = await stack.loginAs('grid.gs01');
    const theirs = (await sibling.get('/api/events').query({ pageSize: 100 }).expect(200)).body;
    expect(ids(theirs)).not.toEqual(expect.arrayContaining([urgent]));
    expect(ids(theirs)).not.toContain(other);

    const bad = await staff
      .get('/api/events')
      .query({ level: 'CITY', status: 'DONE', sort: 'address', from: '2026-13-01' })
      .expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'from',
      'level',
      'sort',
      'status',
    ]);
    // A malformed day of a range is named, in both languages.
    const badDay = await staff.get('/api/events').query({ to: '2020-03-32' }).expect(400);
    expect(badDay.body.error.fields).toEqual([
      { field: 'to', message: { 'zh-CN': expect.any(String), en: expect.any(String) } },
    ]);
    expect(badDay.body.error.fields[0].message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });
});
