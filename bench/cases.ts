/**
 * The case pages at a million events (`npm run bench -- data`, after the shared data set): adds
 * events to the data set of `bench/data.ts` up to BENCH_CASE_EVENTS (1,000,000) with addresses and
 * descriptions as people write them, then times through the real service code the case view (its
 * timeline by case), a district's and a street's case search, a street's case list, a grid's and a
 * street's map, and prints p50/p95 as ratios against a primary-key lookup, with the EXPLAIN ANALYZE
 * plans of the queries underneath (index scans, not sequential ones).
 */
import { Prisma } from '@prisma/client';
import type { Db } from '../lib/db';
import type { ProcessEngine } from '../lib/engine/process-engine';
import { subtreeRange } from '../lib/org-tree';
import { createEventsService } from '../loops/event-handling/api/events.service';
import { createMapService } from '../api/src/modules/map/map.service';
import { explain, printRatios, supervisorOf, time, type Timing } from './data';

const EVENTS = Number(process.env.BENCH_CASE_EVENTS ?? 1_000_000);

/** Up to EVENTS events in all; the new ones with varied addresses and descriptions, a few open. */
async function addEvents(db: Db) {
  const have = await db.event.count();
  if (have >= EVENTS) return;
  await db.$executeRawUnsafe(`
    INSERT INTO "Event" (id, "caseNo", "categoryCode", urgency, source, "gridId", "gridPath", address,
      description, "reporterName", status, "createdAt", "updatedAt")
    SELECT 'ex' || n, 'SJ-X-' || lpad(n::text, 7, '0'), 'bench', 'NORMAL', 'grid', g.id, g.path,
      (ARRAY['新安', '西乡', '福永', '沙井', '松岗', '石岩', '航城', '福海', '新桥', '燕罗'])[1 + n % 10] || '街道' ||
        (ARRAY['宝民', '创业', '建安', '裕安', '前进', '海秀', '新湖', '兴华'])[1 + (n / 10) % 8] || '路' ||
        (1 + n % 997) || '号' || (1 + n % 31) || '栋',
      (ARRAY['占道经营', '垃圾堆放', '噪音扰民', '违章搭建', '路灯损坏', '井盖缺失', '油烟污染', '邻里纠纷'])[1 + n % 8] ||
        '，居民反映第' || n || '次',
      (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵'])[1 + n % 8] || (ARRAY['伟', '芳', '娜', '敏', '静', '强'])[1 + n % 6],
      CASE WHEN n % 50 = 0 THEN 'OPEN' ELSE 'ARCHIVED' END::"EventStatus",
      now() - (n % 365) * interval '1 day', now()
    FROM generate_series(1, ${EVENTS - have}) n
    JOIN "Org" g ON g.id = 'BA-G' || lpad((1 + n % 5000)::text, 4, '0')`);
  await db.$executeRawUnsafe('VACUUM ANALYZE "Event"');
}

export async function benchCases(db: Db, pk: Timing) {
  const started = Date.now();
  await addEvents(db);
  console.log(
    `\ncase pages: ${await db.event.count()} events (added in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const district = await supervisorOf(db, 'BA');
  const street = await supervisorOf(db, 'BA-S01');
  // Reads only: no engine is called.
  const events = createEventsService(db, {} as ProcessEngine, { reopenWindowHours: 72 });
  const map = createMapService(db);
  const list = { page: 1, pageSize: 20, sort: 'createdAt', order: 'desc' } as const;
  // An event with a timeline (a verified, visited case of the shared data set).
  const { eventId } = await db.timelineEntry.findFirstOrThrow({
    where: { eventId: { startsWith: 'ev' } },
    select: { eventId: true },
  });
  const street01 = subtreeRange('/BA/BA-S01/');

  console.log(`timings over ${time.runs} runs each (service code, Prisma, one connection pool):`);
  const results = [
    await time('case view (GET /api/events/:id)', () => events.caseView(eventId, district)),
    await time('district search "宝民路12号" page 1 + count', () =>
      events.list({ ...list, q: '宝民路12号' }, district),
    ),
    await time('street search "噪音" page 1 + count', () => events.list({ ...list, q: '噪音' }, street)),
    await time('district search by case number page 1 + count', () =>
      events.list({ ...list, q: 'SJ-X-0123456' }, district),
    ),
    await time('street case list page 1 + count', () => events.list(list, street)),
    await time('grid map (GET /api/map/grids/:id/cases)', () => map.gridCases('BA-G0011', street)),
    await time('street map, open cases (GET /api/map/cases)', () => map.cases({ state: 'OPEN' }, street)),
  ];
  await explain(
    db,
    'case view: the timeline of one case',
    Prisma.sql`SELECT * FROM "TimelineEntry" WHERE "eventId" = ${eventId} ORDER BY at, id`,
  );
  await explain(
    db,
    'street search: address, description, reporter or case number within the street',
    Prisma.sql`SELECT id FROM "Event" WHERE "gridPath" LIKE '/BA/BA-S01/%'
      AND ("caseNo" ILIKE '%噪音%' OR address ILIKE '%噪音%' OR "reporterName" ILIKE '%噪音%' OR description ILIKE '%噪音%')
      ORDER BY "createdAt" DESC LIMIT 20`,
  );
  await explain(
    db,
    "a street's map: its open cases by grid path",
    Prisma.sql`SELECT id FROM "Event" WHERE "gridPath" >= ${street01.gte} AND "gridPath" < ${street01.lt}
      AND status = 'OPEN' ORDER BY "createdAt" DESC LIMIT 5000`,
  );
  printRatios([...results, pk], pk);
}
