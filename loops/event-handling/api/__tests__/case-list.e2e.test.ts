/**
 * 案件 list: filters by status, category, level, urgency and date reported, sorting and paging done by the
 * database, category names on each row, scope by the org tree, 400 naming each bad parameter.
 */
import { createTestStack } from '../../../../test/harness';
import { reportEvent } from '../../../../test/events';

type Row = { id: string; caseNo: string; urgency: string; category: { name: string } };

describe('案件 list', () => {
  const stack = createTestStack();
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
    // The level is the engine's to change (escalation); here only the list's reading of it is tested.
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
  });
});
