/**
 * The tools around the loop, on the real stack (engine, workers, queues): photos and videos of a
 * report (limits and scope), 我上报的, search, Excel exports read back, the 办理单 PDF read back,
 * rankings with ties and a unit with no work, batch 催办 and the digest of notices it produces.
 */
import ExcelJS from 'exceljs';
import type { Agent } from 'supertest';
import { eventually, suiteStack } from '../../../../../test/harness';
import { reportEvent, taskFor } from '../../../../../test/events';
import { pdfText } from '../../../../../test/pdf-text';
import { emptyCounts } from '../../../../../loops/assessment/scoring';

const DIGEST_MS = 4000;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** Collects a binary response body as a Buffer (supertest's parser signature). */
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('field reporting, search, export, print, rankings and 督办 tools', () => {
  const stack = suiteStack({
    workers: true,
    env: { ATTACHMENT_MAX_IMAGE_BYTES: '4096', NOTICE_DIGEST_MS: String(DIGEST_MS) },
  });
  const token = `工具${Date.now().toString(36)}`;
  let hw01: Agent;
  const upload = (agent: Agent, body: Buffer, type: string, name = 'photo.jpg') =>
    agent.post('/api/attachments').query({ name }).set('Content-Type', type).send(body);

  beforeAll(async () => {
    hw01 = await stack.loginAs('grid.hw01');
  });

  it('takes a photo within the limits, refuses the rest at the edge, and scopes it like its case', async () => {
    await upload(hw01, Buffer.alloc(5000, 0xff), 'image/jpeg').expect(413);
    const lying = await upload(hw01, PNG_HEAD, 'image/jpeg').expect(415);
    expect(lying.body.error.fields[0].field).toBe('file');
    await upload(hw01, Buffer.from('#!/bin/sh\n'), 'text/plain').expect(415);
    await hw01
      .post('/api/attachments')
      .query({ name: 'x.jpg' })
      .set('Content-Type', 'image/jpeg')
      .expect(400);
    const photo = (await upload(hw01, JPEG, 'image/jpeg').expect(201)).body;
    expect(photo).toMatchObject({ contentType: 'image/jpeg', size: JPEG.length });

    // Before a report names it, only its uploader reads it.
    const hw02 = await stack.loginAs('grid.hw02');
    await hw02.get(`/api/attachments/${photo.id}`).expect(404);
    await hw01.get(`/api/attachments/${photo.id}`).expect(200);

    // Someone else's upload cannot be attached.
    const theirs = (await upload(hw02, JPEG, 'image/jpeg').expect(201)).body;
    const stolen = await hw01
      .post('/api/events')
      .send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: token,
        description: token,
        attachmentIds: [theirs.id],
      })
      .expect(400);
    expect(stolen.body.error.fields[0].field).toBe('attachmentIds');

    const event = await reportEvent(hw01, {
      address: `海旺社区 ${token} 号`,
      description: `井盖缺失 ${token}`,
      latitude: 22.5547,
      longitude: 113.8843,
      attachmentIds: [photo.id],
    });
    const view = (await hw01.get(`/api/events/${event.id}`).expect(200)).body;
    expect(view.files).toEqual([expect.objectContaining({ id: photo.id, contentType: 'image/jpeg' })]);
    expect(view.event).toMatchObject({ latitude: 22.5547, longitude: 113.8843 });
    // Now the case's readers see it; other areas and the sibling grid do not.
    const got = await (
      await stack.loginAs('haiwang.staff')
    )
      .get(`/api/attachments/${photo.id}`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(Buffer.compare(got.body as Buffer, JPEG)).toBe(0);
    await (await stack.loginAs('grid.gs01')).get(`/api/attachments/${photo.id}`).expect(404);
    await hw02.get(`/api/attachments/${photo.id}`).expect(404);
    // A photo goes with one case only.
    await hw01
      .post('/api/events')
      .send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: token,
        description: token,
        attachmentIds: [photo.id],
      })
      .expect(400);

    // 我上报的: the reporter's own reports, with where they stand.
    const mine = (await hw01.get('/api/events').query({ mine: 'true', pageSize: 100 }).expect(200)).body;
    const row = mine.items.find((e: { id: string }) => e.id === event.id);
    expect(row).toMatchObject({ caseNo: event.caseNo, status: 'OPEN' });
    expect(mine.items.every((e: { reporterId: string }) => e.reporterId === row.reporterId)).toBe(true);
    await eventually(async () => {
      const again = (await hw01.get('/api/events').query({ mine: 'true', q: event.caseNo }).expect(200)).body;
      return again.items[0]?.currentSteps.length ? again : undefined;
    });
  });

  it('searches by case number, address, reporter or text within the caller’s area, paged', async () => {
    const event = await reportEvent(hw01, { address: `搜索 ${token} 路`, description: '路灯不亮' });
    const community = await stack.loginAs('haiwang.staff');
    const byNo = (await community.get('/api/events').query({ q: event.caseNo }).expect(200)).body;
    expect(byNo.items.map((e: { id: string }) => e.id)).toEqual([event.id]);
    const byAddress = (
      await community
        .get('/api/events')
        .query({ q: `搜索 ${token}` })
        .expect(200)
    ).body;
    expect(byAddress.total).toBe(1);
    const byReporter = (
      await community.get('/api/events').query({ q: '海旺第1网格员', pageSize: 1 }).expect(200)
    ).body;
    expect(byReporter.total).toBeGreaterThan(1);
    expect(byReporter.items).toHaveLength(1);
    // Another street finds nothing, even by the exact number.
    const other = await stack.loginAs('grid.gs01');
    expect((await other.get('/api/events').query({ q: event.caseNo }).expect(200)).body.total).toBe(0);
    await community.get('/api/events').query({ q: '' }).expect(400);
  });

  const workbook = async (agent: Agent, url: string, query: Record<string, string>) => {
    const res = await agent
      .get(url)
      .query(query)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  it('exports cases, overdue work and rankings as .xlsx, scoped like the lists', async () => {
    const supervisor = await stack.loginAs('xa.supervisor');
    const rows = await workbook(supervisor, '/api/exports/cases.xlsx', { q: token });
    expect(rows[0]).toEqual(expect.arrayContaining(['案件编号', '地址', '上报人']));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.slice(1).every((r) => r.join(' ').includes(token))).toBe(true);
    const elsewhere = await workbook(await stack.loginAs('grid.gs01'), '/api/exports/cases.xlsx', {
      q: token,
    });
    expect(elsewhere).toHaveLength(1);
    const overdue = await workbook(supervisor, '/api/exports/overdue.xlsx', {});
    expect(overdue[0]).toEqual(expect.arrayContaining(['承办单位', '已收督办/催办']));
    await hw01.get('/api/exports/overdue.xlsx').expect(403);
    await supervisor.get('/api/exports/overdue.xlsx').query({ unit: 'BA-XX' }).expect(404);
  });

  it('audits every export with its filter and row count, a refused one with its status', async () => {
    const supervisor = await stack.loginAs('xa.supervisor');
    const before = (await stack.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const rows = await workbook(supervisor, '/api/exports/cases.xlsx', { q: token });
    await supervisor.get('/api/exports/overdue.xlsx').query({ unit: 'BA-XX', level: 'red' }).expect(404);
    const user = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'xa.supervisor' } });
    const entries = await eventually(async () => {
      const found = await stack.prisma.auditLog.findMany({
        where: { userId: user.id, action: 'export.xlsx', id: { gt: before } },
        orderBy: { id: 'asc' },
      });
      const cases = found.filter((e) => (e.detail as { filter?: { q?: string } }).filter?.q === token);
      return cases.length && cases[0].status !== null ? found : undefined;
    });
    const cases = entries.filter((e) => (e.detail as { filter?: { q?: string } }).filter?.q === token);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subjectId: 'cases.xlsx', status: 200 });
    expect((cases[0].detail as { rows: number }).rows).toBe(rows.length - 1);
    expect(
      entries.filter(
        (e) =>
          e.subjectId === 'overdue.xlsx' &&
          e.status === 404 &&
          e.actorPath === '/BA/BA-XA/' &&
          (e.detail as { filter: { level: string } }).filter.level === 'red',
      ),
    ).toHaveLength(1);
  });

  it('prints a case as a PDF 办理单 whose text names the case and its timeline, audited with its row count, a refused one too', async () => {
    const event = await reportEvent(hw01, { address: `打印 ${token}`, description: '占道经营' });
    const staffAgent = await stack.loginAs('haiwang.staff');
    // 处置 resolved: the sheet says what was decided in words, never as the form's value.
    const handle = await taskFor(hw01, event.id, 'handle');
    await hw01
      .post(`/api/tasks/${handle.key}/complete`)
      .send({ variables: { outcome: 'resolved', result: '已劝离' } })
      .expect(200);
    // Printed once the case waits at 核查, so the sheet's rows are the view's.
    const view = await eventually(async () => {
      const r = await staffAgent.get(`/api/events/${event.id}`).expect(200);
      return r.body.currentSteps.some((s: { elementId: string }) => s.elementId === 'verify') ? r : undefined;
    });
    const before = (await stack.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const res = await staffAgent
      .get(`/api/events/${event.id}/sheet.pdf`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('事件办理单');
    expect(text).toContain(event.caseNo);
    expect(text).toContain('办理过程');
    expect(text).toContain('占道经营');
    expect(text).toContain('已解决；已劝离');
    expect(text).not.toContain('resolved');
    await (await stack.loginAs('grid.gs01')).get(`/api/events/${event.id}/sheet.pdf`).expect(404);
    const [staff, outsider] = await Promise.all(
      ['haiwang.staff', 'grid.gs01'].map((username) =>
        stack.prisma.user.findUniqueOrThrow({ where: { username } }),
      ),
    );
    const entries = await eventually(async () => {
      const found = await stack.prisma.auditLog.findMany({
        where: { action: 'export.pdf', subjectId: event.id, id: { gt: before } },
        orderBy: { id: 'asc' },
      });
      return found.length === 2 && found.every((e) => e.status !== null) ? found : undefined;
    });
    expect(entries.map((e) => [e.userId, e.status])).toEqual([
      [staff.id, 200],
      [outsider.id, 404],
    ]);
    expect(entries[0]).toMatchObject({ subjectType: 'Event' });
    expect(entries[0].detail).toEqual({
      filter: { id: event.id, caseNo: event.caseNo },
      rows: view.body.currentSteps.length + view.body.timeline.length,
    });
  });

  describe('rankings', () => {
    const PREV = '2002-01';
    const NOW = '2002-02';
    afterAll(() => stack.prisma.assessmentRun.deleteMany({ where: { periodKey: { in: [PREV, NOW] } } }));

    it('colours by score rules (ties share a colour), ranks only units with work and shows the change', async () => {
      const weights = { COMMUNITY: { responseWeight: 30, onTimeWeight: 35, satisfactionWeight: 35 } };
      const communities = [
        ['BA-XA-C01', '海旺社区', '/BA/BA-XA/BA-XA-C01/'],
        ['BA-XA-C02', '翻身社区', '/BA/BA-XA/BA-XA-C02/'],
        ['BA-XX-C01', '固戍社区', '/BA/BA-XX/BA-XX-C01/'],
        ['BA-XX-C02', '鹤洲社区', '/BA/BA-XX/BA-XX-C02/'],
      ] as const;
      const work = { ...emptyCounts(), responseTotal: 4, responseOnTime: 4, solvedTotal: 4, solvedOnTime: 4 };
      for (const [periodKey, month, scores] of [
        [PREV, '01', [90, 80, 40, 100]],
        [NOW, '02', [95, 95, 50, 100]],
      ] as const) {
        const run = await stack.prisma.assessmentRun.create({
          data: {
            periodKey,
            periodStart: new Date(`2002-${month}-01T00:00:00+08:00`),
            periodEnd: new Date(`2002-${month}-28T00:00:00+08:00`),
            status: 'CLOSED',
            computedAt: new Date(),
            weights,
          },
        });
        for (const [i, [unitId, unitName, unitPath]] of communities.entries())
          await stack.prisma.assessmentScore.create({
            data: {
              runId: run.id,
              level: 'COMMUNITY',
              unitId,
              unitName,
              unitPath,
              // 鹤洲 had nothing to do: the formula's 100 says nothing about its work.
              ...(unitId === 'BA-XX-C02' ? emptyCounts() : work),
              score: scores[i],
              rank: 1,
            },
          });
      }
      const lead = await stack.loginAs('district.lead');
      const ranking = (
        await lead.get('/api/assessment/rankings').query({ period: NOW, level: 'COMMUNITY' }).expect(200)
      ).body;
      expect(ranking.rules).toEqual({ redMin: 90, blackBelow: 60 });
      expect(ranking.weights).toMatchObject({ responseWeight: 30 });
      expect(ranking.previousPeriod).toBe(PREV);
      expect(
        ranking.items.map((s: { unitId: string; rank: number; band: string; change: number }) => [
          s.unitId,
          s.rank,
          s.band,
          s.change,
        ]),
      ).toEqual([
        ['BA-XA-C01', 1, 'red', 5],
        ['BA-XA-C02', 1, 'red', 15],
        ['BA-XX-C01', 3, 'black', 10],
      ]);
      expect(ranking.noWork).toEqual([
        expect.objectContaining({ unitId: 'BA-XX-C02', rank: null, band: null }),
      ]);

      // A street sees its own communities only, and no departments level at all.
      const street = await stack.loginAs('xa.supervisor');
      const own = (
        await street.get('/api/assessment/rankings').query({ period: NOW, level: 'COMMUNITY' }).expect(200)
      ).body;
      expect(own.items.map((s: { unitId: string }) => s.unitId)).toEqual(['BA-XA-C01', 'BA-XA-C02']);
      const runs = (await street.get('/api/assessment/runs').expect(200)).body;
      expect(runs.levels).not.toContain('DEPARTMENT');

      const sheet = await workbook(lead, '/api/exports/rankings.xlsx', { period: NOW, level: 'COMMUNITY' });
      expect(sheet.slice(1).map((r) => [r[0], r[1], r[3] ?? ''])).toEqual([
        ['1', '海旺社区', '红榜'],
        ['1', '翻身社区', '红榜'],
        ['3', '固戍社区', '黑榜'],
        ['不参与排名', '鹤洲社区', ''],
      ]);
    });
  });

  it('reminds many cases at once, one result each, and tells the handler in one digest linking each case', async () => {
    const mineA = await reportEvent(hw01, { address: `催办 ${token} A` });
    const mineB = await reportEvent(hw01, { address: `催办 ${token} B` });
    const far = await reportEvent(await stack.loginAs('grid.gs01'), {
      gridId: 'BA-XX-C01-G01',
      address: `催办 ${token} C`,
    });
    await eventually(async () =>
      (await stack.prisma.inboxTask.count({
        where: { variables: { path: ['eventId'], string_contains: mineB.id }, state: 'OPEN' },
      })) > 0
        ? true
        : undefined,
    );
    const supervisor = await stack.loginAs('xa.supervisor');
    await hw01.get('/api/notifications').expect(200);
    // Start right after a period begins, so both reminders fall into one period.
    await new Promise((r) => setTimeout(r, DIGEST_MS - (Date.now() % DIGEST_MS) + 50));
    const batch = (
      await supervisor
        .post('/api/supervision/cards/batch')
        .send({
          cases: [mineA.id, mineB.id, far.id].map((caseId) => ({ caseKind: 'EVENT', caseId })),
          reason: '请加快办理',
        })
        .expect(200)
    ).body;
    expect(batch.issued).toBe(2);
    expect(batch.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 404]);
    await (
      await stack.loginAs('haiwang.staff')
    )
      .post('/api/supervision/cards/batch')
      .send({ cases: [{ caseKind: 'EVENT', caseId: mineA.id }], reason: '无权' })
      .expect(403);

    type Note = { title: Record<string, string>; items: { eventId: string; kind: string; caseNo: string }[] };
    const digest = await eventually(async () => {
      const notes = (await hw01.get('/api/notifications').query({ pageSize: 50 }).expect(200)).body
        .items as Note[];
      return notes.find((n) => n.items.some((i) => i.eventId === mineA.id));
    }, 20_000);
    expect(digest.items.map((i) => i.eventId).sort()).toEqual([mineA.id, mineB.id].sort());
    expect(digest.items.every((i) => i.kind === 'REMIND' && i.caseNo)).toBe(true);
    expect(digest.title['zh-CN']).toContain('2 条');

    // The overdue rows say how many cards each case already has (none is overdue here: the cards list does).
    const cards = (await supervisor.get('/api/supervision/cards').query({ pageSize: 5 }).expect(200)).body;
    expect(cards.items[0].unitName).toBe('海旺社区第1网格');
  });
});
