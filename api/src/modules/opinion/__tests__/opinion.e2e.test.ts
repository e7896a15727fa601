/**
 * 舆情 intake through the HTTP API (issue 29): a local feed (nothing reaches the internet) with
 * three items, one matching the district's rule, makes exactly one list item; made an event, the
 * case names the item back; polled again, nothing new. Hostile items (script, huge body, NUL,
 * invalid date, a javascript: link) are cleaned, never a 500; a webhook without a valid key is 401.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agent } from 'supertest';
import { suiteStack } from '../../../../../test/harness';
import { pollDueSources } from '../../../../../lib/opinion/opinion-intake';

jest.setTimeout(60_000);

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

const plainFeed = rss(`
  <item><title>海旺社区小区内垃圾堆积无人清理</title><link>https://news.example/a/1</link>
    <description>居民反映海旺社区某小区垃圾堆积已有一周。</description><pubDate>Sat, 05 Dec 2026 08:00:00 GMT</pubDate></item>
  <item><title>宝安区举办读书节</title><link>https://news.example/a/2</link><description>活动丰富。</description></item>
  <item><title>某地天气晴好</title><link>https://news.example/a/3</link><description>适合出行。</description></item>`);

const huge = '垃圾'.padEnd(300_000, '很长的正文');
const hostileFeed = rss(`
  <item><title><![CDATA[<script>alert(1)</script>翻身社区垃圾<b>成堆</b>]]></title><link>javascript:alert(1)</link>
    <description><![CDATA[<img src=x onerror=alert(1)>正文<script>document.cookie</script>]]></description><pubDate>not a date</pubDate></item>
  <item><title>垃圾 huge</title><link>https://news.example/h/1</link><description>${huge}</description><pubDate>Fri, 31 Dec 99999 00:00:00 GMT</pubDate></item>
  <item><title>垃圾&#0;带空字符&#x1;</title><link>https://news.example/h/2</link><description>a&#0;b</description></item>`);

describe('舆情 intake', () => {
  const stack = suiteStack({ env: { OPINION_FEED_ALLOW_LOOPBACK: 'true' } });
  let feedBody = plainFeed;
  let feed: Server;
  let feedUrl = '';
  let admin: Agent;
  let district: Agent;

  beforeAll(async () => {
    feed = createServer((req, res) => {
      // A redirect to a cloud's metadata address: the poller must not follow it there.
      if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(feedBody);
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
    [admin, district] = await Promise.all([stack.loginAs('admin'), stack.loginAs('district.lead')]);
  });
  afterAll(() => new Promise((r) => feed.close(r)));

  it('keeps the one matching item once, makes an event of it that names it back, and polls again to nothing', async () => {
    await district
      .post('/api/opinion/rules')
      .send({ name: '环境卫生', words: ['垃圾', '噪音'], exclusions: ['垃圾分类宣传'], requirePlace: true })
      .expect(201);
    // Unknown fields are refused, naming the field.
    const unknown = await district
      .post('/api/opinion/rules')
      .send({ name: 'x', words: ['y'], color: 'red' })
      .expect(400);
    expect(unknown.body.error.fields[0].field).toBe('color');

    const { body: made } = await admin
      .post('/api/opinion/sources')
      .send({ name: '本地新闻', kind: 'rss', url: feedUrl, intervalMinutes: 30 })
      .expect(201);
    expect(made.key).toBeNull();
    const first = await admin.post(`/api/opinion/sources/${made.source.id}/poll`).expect(200);
    expect(first.body).toMatchObject({ received: 3, created: 3, matched: 1, error: null });

    const list = await district.get('/api/opinion/items?status=NEW').expect(200);
    expect(list.body.total).toBe(1);
    const [item] = list.body.items;
    expect(item.matchedWords).toEqual(['垃圾']);
    expect(item.units).toEqual([{ id: 'BA-XA-C01', name: '海旺社区' }]);
    expect(item.titleParts).toEqual([
      { text: '海旺社区小区内', hit: false },
      { text: '垃圾', hit: true },
      { text: '堆积无人清理', hit: false },
    ]);
    // A grid member is no 舆情 watcher.
    await (await stack.loginAs('grid.hw01')).get('/api/opinion/items').expect(403);

    // An event the intake refuses (no such category) leaves the item to triage, nothing half-written.
    const refused = await district
      .post(`/api/opinion/items/${item.id}/event`)
      .send({ category: 'no-such-category', gridId: 'BA-XA-C01-G01', address: '海旺社区某小区' })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('category');
    expect(await stack.prisma.opinionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: 'NEW',
      eventId: null,
      triagedById: null,
    });

    const ev = await district
      .post(`/api/opinion/items/${item.id}/event`)
      .send({ category: 'environment', gridId: 'BA-XA-C01-G01', address: '海旺社区某小区' })
      .expect(201);
    expect(ev.body).toMatchObject({ status: 'EVENT', eventId: expect.any(String) });
    const view = await district.get(`/api/events/${ev.body.eventId}`).expect(200);
    expect(view.body.event.description).toContain('海旺社区小区内垃圾堆积无人清理');
    expect(view.body.event.description).toContain('https://news.example/a/1');
    expect(view.body.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'opinion.linked',
          detail: expect.objectContaining({ opinionItemId: item.id }),
        }),
      ]),
    );
    const after = await district.get('/api/opinion/items?status=EVENT').expect(200);
    expect(after.body.items[0]).toMatchObject({
      id: item.id,
      eventId: ev.body.eventId,
      caseNo: ev.body.caseNo,
    });
    // Triaged once: a second event or a dismissal of it is a 409.
    await district.post(`/api/opinion/items/${item.id}/dismiss`).send({ reason: '重复' }).expect(409);

    const again = await admin.post(`/api/opinion/sources/${made.source.id}/poll`).expect(200);
    expect(again.body).toMatchObject({ received: 3, created: 0, matched: 0 });
    expect(await stack.prisma.opinionItem.count()).toBe(3);
    // The workers' job polls a feed once its interval has passed, and only then.
    expect((await pollDueSources(stack.prisma, new Date(), { allowLoopback: true })).polled).toEqual([]);
    expect(
      (await pollDueSources(stack.prisma, new Date(Date.now() + 31 * 60_000), { allowLoopback: true }))
        .polled,
    ).toEqual([made.source.id]);
    expect(await stack.prisma.opinionItem.count()).toBe(3);

    const stats = await district
      .get('/api/opinion/stats')
      .query({
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      })
      .expect(200);
    expect(stats.body.words).toEqual([{ word: '垃圾', items: 1 }]);
    expect(stats.body.days.reduce((n: number, d: { items: number }) => n + d.items, 0)).toBe(1);
  });

  it('cleans hostile items: scripts, huge bodies, NUL, invalid dates and javascript: links', async () => {
    feedBody = hostileFeed;
    const { body: made } = await admin
      .post('/api/opinion/sources')
      .send({ name: '恶意源', kind: 'rss', url: feedUrl })
      .expect(201);
    const polled = await admin.post(`/api/opinion/sources/${made.source.id}/poll`).expect(200);
    expect(polled.body).toMatchObject({ received: 3, created: 3, error: null });
    const kept = await stack.prisma.opinionItem.findMany({ where: { sourceId: made.source.id } });
    for (const i of kept) {
      expect(`${i.title}${i.body}`).not.toMatch(/<|script>|onerror/);
      expect([...`${i.title}${i.body}`].some((c) => c.charCodeAt(0) < 0x09)).toBe(false);
      expect(i.body.length).toBeLessThanOrEqual(4000);
    }
    const scripted = kept.find((i) => i.title.includes('翻身社区'))!;
    expect(scripted).toMatchObject({
      link: null,
      publishedAt: null,
      title: '翻身社区垃圾 成堆',
      matched: true,
    });
    expect(kept.find((i) => i.title === '垃圾 huge')!.publishedAt).toBeNull();

    // A feed with a DOCTYPE (entity expansion) or that is no feed keeps nothing and says why.
    feedBody = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>`;
    const refused = await admin.post(`/api/opinion/sources/${made.source.id}/poll`).expect(200);
    expect(refused.body).toMatchObject({ created: 0, error: 'doctype' });
    feedBody = '<html><body>not a feed</body></html>';
    expect((await admin.post(`/api/opinion/sources/${made.source.id}/poll`).expect(200)).body.error).toBe(
      'notAFeed',
    );
    expect(await stack.prisma.opinionItem.count({ where: { sourceId: made.source.id } })).toBe(3);

    // Never the server's own host or a link-local address, not even by a redirect.
    for (const url of ['http://169.254.169.254/latest/meta-data/', feedUrl.replace('/feed.xml', '/moved')]) {
      const { body: inner } = await admin
        .post('/api/opinion/sources')
        .send({ name: '内部', kind: 'rss', url })
        .expect(201);
      expect((await admin.post(`/api/opinion/sources/${inner.source.id}/poll`).expect(200)).body.error).toBe(
        'refusedAddress',
      );
    }
  });

  it('takes a vendor push with its key only', async () => {
    const { body: made } = await admin
      .post('/api/opinion/sources')
      .send({ name: '监测厂商', kind: 'webhook' })
      .expect(201);
    expect(made.key).toMatch(/^zzo_/);
    const push = {
      items: [{ title: '固戍社区噪音扰民', link: 'https://vendor.example/1', body: '<b>夜间</b>施工' }],
    };
    await stack.http().post('/api/opinion/webhook').send(push).expect(401);
    await stack.http().post('/api/opinion/webhook').set('X-Channel-Key', 'zzo_wrong').send(push).expect(401);
    // A key's right is checked before the body: an invalid body with a bad key is still a 401.
    await stack
      .http()
      .post('/api/opinion/webhook')
      .set('X-Channel-Key', 'zzo_wrong')
      .send({ nope: 1 })
      .expect(401);
    const ok = await stack
      .http()
      .post('/api/opinion/webhook')
      .set('X-Channel-Key', made.key)
      .send(push)
      .expect(200);
    expect(ok.body).toEqual({ received: 1, created: 1, matched: 1 });
    await stack.http().post('/api/opinion/webhook').set('X-Channel-Key', made.key).send(push).expect(200);
    // NUL in a pushed item is refused whole (400 naming the field), nothing kept.
    const nul = await stack
      .http()
      .post('/api/opinion/webhook')
      .set('X-Channel-Key', made.key)
      .send({ items: [{ title: 'a\u0000b' }] })
      .expect(400);
    expect(nul.body.error.fields[0].field).toBe('items.0.title');
    expect(await stack.prisma.opinionItem.count({ where: { sourceId: made.source.id } })).toBe(1);

    const list = await district.get('/api/opinion/items?status=NEW').expect(200);
    const pushed = list.body.items.find((i: { title: string }) => i.title === '固戍社区噪音扰民');
    await district
      .post(`/api/opinion/items/${pushed.id}/dismiss`)
      .send({ reason: '已由社区处理' })
      .expect(200);
    const dismissed = await district.get('/api/opinion/items?status=DISMISSED').expect(200);
    expect(dismissed.body.items).toEqual([
      expect.objectContaining({ id: pushed.id, dismissReason: '已由社区处理' }),
    ]);
  });

  it('matches the last 30 days’ untriaged items again when the district changes its rules', async () => {
    const listed = async (status = 'NEW') =>
      (
        (await district.get('/api/opinion/items').query({ status, pageSize: 100 }).expect(200)).body
          .items as {
          id: string;
          title: string;
          matchedWords: string[];
        }[]
      ).map((i) => i.title);
    // The first feed's other two items were kept unmatched; one of them was fetched 40 days ago.
    await stack.prisma.opinionItem.updateMany({
      where: { title: '某地天气晴好' },
      data: { fetchedAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    expect(await listed()).not.toContain('宝安区举办读书节');
    const { body: rule } = await district
      .post('/api/opinion/rules')
      .send({ name: '活动与天气', words: ['读书节', '天气'], exclusions: [] })
      .expect(201);
    // A new rule: the recent item joins the list with its word; the old one stays out.
    expect(await listed()).toContain('宝安区举办读书节');
    expect(await listed()).not.toContain('某地天气晴好');
    const book = (
      await district.get('/api/opinion/items?status=NEW&pageSize=100').expect(200)
    ).body.items.find((i: { title: string }) => i.title === '宝安区举办读书节');
    expect(book.matchedWords).toEqual(['读书节']);
    // An exclusion that now applies takes it off the list again.
    await district
      .put(`/api/opinion/rules/${rule.id}`)
      .send({ exclusions: ['举办'] })
      .expect(200);
    expect(await listed()).not.toContain('宝安区举办读书节');

    // Without 垃圾 in the rule, the untriaged 垃圾 items leave; the one made an event stays as triaged.
    const [env] = (await district.get('/api/opinion/rules').expect(200)).body.items.filter(
      (r: { name: string }) => r.name === '环境卫生',
    );
    const untriaged = (await listed()).filter((t) => t.includes('垃圾'));
    expect(untriaged.length).toBeGreaterThan(0);
    await district
      .put(`/api/opinion/rules/${env.id}`)
      .send({ words: ['噪音'] })
      .expect(200);
    expect((await listed()).filter((t) => t.includes('垃圾'))).toEqual([]);
    expect(await listed('EVENT')).toEqual(['海旺社区小区内垃圾堆积无人清理']);
  });
});
