/**
 * The audit log through the HTTP API: every write lands with who, what, on which record, from
 * which address and its outcome (refused ones too), never with field values; a write whose audit
 * entry cannot be written is refused (fail closed); admins search it, a street admin only its own
 * subtree's users; retention deletes only what is older than AUDIT_RETENTION_DAYS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pino from 'pino';
import type { Db } from '../../../../../lib/db';
import { createAttachmentStore } from '../../../../../lib/attachments/attachment-store';
import { DEMO_PASSWORD } from '../../../../../prisma/seed';
import { clearLoginFailures, createTestStack, eventually, suiteStack } from '../../../../../test/harness';
import { testPasswordHash } from '../../../../../test/env';
import { reportEvent } from '../../../../../test/events';
import { loadWorkersConfig } from '../../../../../workers/src/config';
import {
  deleteDeliveredNotices,
  deleteExpiredAuditEntries,
  deleteExpiredSessions,
  eraseImportFiles,
  purgeUnclaimedAttachments,
} from '../../../../../workers/src/queues/audit-retention.processor';

const DAY = 24 * 3600 * 1000;
/** An entry as text, to look for values that must not be in it. */
const dump = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

describe('audit log', () => {
  const stack = suiteStack();
  const run = Date.now().toString(36);
  const idOf = async (username: string) =>
    (await stack.prisma.user.findUniqueOrThrow({ where: { username } })).id;
  const entries = (where: Parameters<Db['auditLog']['findMany']>[0]) =>
    stack.prisma.auditLog.findMany({ ...where, orderBy: { id: 'desc' } });

  afterAll(async () => {
    await stack.prisma.user.deleteMany({ where: { username: { startsWith: `t${run}.` } } });
    await clearLoginFailures();
  });

  it('records a write with who, route, subject, address, status and the names of the fields sent, not their values', async () => {
    const member = await stack.loginAs('grid.hw01');
    const { id } = await reportEvent(member, { description: `审计上报 ${run}` });
    const [entry] = await entries({ where: { subjectId: id, action: 'POST /api/events' } });
    expect(entry).toMatchObject({
      userId: await idOf('grid.hw01'),
      subjectType: 'events',
      status: 201,
      address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect((entry.detail as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['category', 'gridId', 'description']),
    );
    expect(dump(entry)).not.toContain(run);
  });

  it('records a refused write with its status, and never a password', async () => {
    const member = await stack.loginAs('grid.hw02');
    const secret = `Wrong#${run}`;
    await member
      .post('/api/auth/password')
      .send({ currentPassword: secret, newPassword: `New#${run}Pass` })
      .expect(400);
    await member.put('/api/calendar-overrides/2099-01-02').send({ working: true }).expect(403);
    const mine = await entries({ where: { userId: await idOf('grid.hw02') }, take: 2 });
    expect(mine.map((e) => [e.action, e.status])).toEqual([
      ['PUT /api/calendar-overrides/:date', 403],
      ['POST /api/auth/password', 400],
    ]);
    expect(mine[0].subjectId).toBe('2099-01-02');
    expect((mine[1].detail as { fields: string[] }).fields).toEqual(['currentPassword', 'newPassword']);
    expect(dump(mine)).not.toContain(run);
    await clearLoginFailures();
  });

  it('keeps a domain entry as the one record of its request (a sign-in names the account, not the password)', async () => {
    const before = await stack.prisma.auditLog.count();
    await stack
      .http()
      .post('/api/auth/login')
      .send({ username: 'grid.hw01', password: DEMO_PASSWORD })
      .expect(200);
    await stack
      .http()
      .post('/api/auth/login')
      .send({ username: 'grid.hw01', password: `bad${run}` })
      .expect(401);
    expect(await stack.prisma.auditLog.count()).toBe(before + 2);
    const [refused, signedIn] = await entries({ where: { action: 'auth.login' }, take: 2 });
    expect(signedIn).toMatchObject({ userId: await idOf('grid.hw01'), status: 200, subjectType: 'User' });
    expect(refused).toMatchObject({ userId: null, status: 401, detail: { username: 'grid.hw01' } });
    expect(dump(refused)).not.toContain(`bad${run}`);
    await clearLoginFailures();
  });

  it('refuses a write whose audit entry cannot be written, and does nothing (fail closed)', async () => {
    const broken = createTestStack({
      apiDb: (db) =>
        db.$extends({
          query: { auditLog: { create: () => Promise.reject(new Error('audit disk full')) } },
        }) as unknown as Db,
    });
    try {
      // Signing in is a write too, so the session comes from the healthy API (same database).
      const signedIn = await stack
        .http()
        .post('/api/auth/login')
        .send({ username: 'grid.hw01', password: DEMO_PASSWORD });
      const cookie = signedIn.headers['set-cookie'] as unknown as string[];
      const events = await stack.prisma.event.count();
      const res = await broken.http().post('/api/events').set('Cookie', cookie).send({
        category: 'environment',
        urgency: 'NORMAL',
        gridId: 'BA-XA-C01-G01',
        address: '1 号',
        description: '审计',
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('error.auditUnavailable');
      expect(await stack.prisma.event.count()).toBe(events);
      // Reads do not need the audit log.
      await broken.http().get('/api/me').set('Cookie', cookie).expect(200);
    } finally {
      await broken.close();
    }
  });

  it("lets audit admins search newest first; a street's audit admin sees only entries by users of its street", async () => {
    const streetAdmin = await stack.prisma.user.create({
      data: {
        username: `t${run}.xa-admin`,
        displayName: '街道审计管理员',
        passwordHash: await testPasswordHash(DEMO_PASSWORD),
        orgId: 'BA-XA',
        roles: ['AUDIT_ADMIN'],
      },
    });
    const xx = await stack.loginAs('grid.gs01');
    const { id: xxCase } = await reportEvent(xx, { gridId: 'BA-XX-C01-G01' });
    const { id: xaCase } = await reportEvent(await stack.loginAs('grid.hw01'));

    const admin = await stack.loginAs('admin');
    const all = (
      await admin.get('/api/audit').query({ action: 'POST /api/events', pageSize: 10 }).expect(200)
    ).body;
    expect(all.items.slice(0, 2).map((e: { subjectId: string }) => e.subjectId)).toEqual([xaCase, xxCase]);
    expect(all.items[0]).toMatchObject({
      user: { username: 'grid.hw01' },
      status: 201,
      label: expect.stringContaining('上报'),
    });
    // The case by its number, not its id.
    const { caseNo } = await stack.prisma.event.findUniqueOrThrow({ where: { id: xaCase } });
    expect(all.items[0].subjectName).toBe(caseNo);
    const times = all.items.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byUser = (await admin.get('/api/audit').query({ user: 'grid.gs01', subjectId: xxCase }).expect(200))
      .body;
    expect(byUser.total).toBe(1);
    const range = (
      await admin
        .get('/api/audit')
        .query({
          subjectId: xaCase,
          from: new Date(Date.now() - DAY).toISOString(),
          to: new Date(Date.now() - DAY / 2).toISOString(),
        })
        .expect(200)
    ).body;
    expect(range.total).toBe(0);
    const byAddress = (
      await admin.get('/api/audit').query({ subjectId: xaCase, address: '10.99.' }).expect(200)
    ).body;
    expect(byAddress.total).toBe(0);

    const street = stack.agent();
    await street
      .post('/api/auth/login')
      .send({ username: streetAdmin.username, password: DEMO_PASSWORD })
      .expect(200);
    const seen = (await street.get('/api/audit').query({ pageSize: 100 }).expect(200)).body;
    const xaUsers = new Set(
      (await stack.prisma.user.findMany({ where: { org: { path: { startsWith: '/BA/BA-XA/' } } } })).map(
        (u) => u.id,
      ),
    );
    expect(seen.items.length).toBeGreaterThan(0);
    for (const e of seen.items) expect(xaUsers.has(e.user?.id)).toBe(true);
    expect((await street.get('/api/audit').query({ subjectId: xaCase }).expect(200)).body.total).toBe(1);
    expect((await street.get('/api/audit').query({ subjectId: xxCase }).expect(200)).body.total).toBe(0);
    expect((await street.get('/api/audit').query({ user: 'grid.gs01' }).expect(200)).body.total).toBe(0);
    await admin.get('/api/audit').query({ from: 'yesterday' }).expect(400);
    await (await stack.loginAs('xa.supervisor')).get('/api/audit').expect(403);
  });

  it('exports the entries a search finds as .xlsx, by name, and the export itself is audited', async () => {
    const { id: caseId } = await reportEvent(await stack.loginAs('grid.hw01'));
    const { caseNo } = await stack.prisma.event.findUniqueOrThrow({ where: { id: caseId } });
    const admin = await stack.loginAs('admin');
    const res = await admin
      .get('/api/audit/export.xlsx')
      .query({ subjectId: caseId })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.worksheets[0];
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0].slice(1, 8)).toEqual(['时间', '用户', '用户名', '单位', '操作', '对象类型', '对象']);
    const reported = rows.slice(1).find((r) => r[3] === 'grid.hw01');
    expect(reported).toBeDefined();
    expect(reported!.slice(2, 8)).toEqual([
      '海旺第1网格员',
      'grid.hw01',
      '海旺社区第1网格',
      expect.stringContaining('上报'),
      '事件',
      caseNo,
    ]);
    // 详情 in words, not JSON: the fields the report sent, by their zh-CN heading.
    expect(String(reported![10])).toMatch(/^(.*；)?提交字段: [^；]*category/);
    expect(String(reported![10])).not.toContain('{');
    await eventually(async () => {
      const [exported] = await entries({
        where: { action: 'export.xlsx', subjectId: 'audit.xlsx' },
        take: 1,
      });
      return exported?.status === 200 ? exported : undefined;
    });
    const [exported] = await entries({ where: { action: 'export.xlsx', subjectId: 'audit.xlsx' }, take: 1 });
    expect(exported).toMatchObject({
      userId: await idOf('admin'),
      detail: { filter: { subjectId: caseId }, rows: rows.length - 1 },
    });
    await admin.get('/api/audit/export.xlsx').query({ from: 'yesterday' }).expect(400);
    await (await stack.loginAs('xa.supervisor')).get('/api/audit/export.xlsx').expect(403);
  });

  it('retention deletes only entries older than AUDIT_RETENTION_DAYS, in batches', async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const subjectType = `retention-${run}`;
    await stack.prisma.auditLog.createMany({
      data: [181, 200, 365, 400, 179, 1].map((days) => ({
        action: 'test.retention',
        subjectType,
        subjectId: String(days),
        at: at(days),
      })),
    });
    const config = loadWorkersConfig({ AUDIT_RETENTION_DAYS: '180', AUDIT_RETENTION_BATCH: '2' });
    const { deleted } = await deleteExpiredAuditEntries(
      { db: stack.prisma, config, log: pino({ level: 'silent' }) },
      now,
    );
    expect(deleted).toBeGreaterThanOrEqual(4);
    const left = await stack.prisma.auditLog.findMany({ where: { subjectType } });
    expect(left.map((e) => e.subjectId).sort()).toEqual(['1', '179']);
  });

  it('the same daily job deletes waiting notices delivered before NOTICE_RETENTION_DAYS, never an undelivered one', async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const userId = await idOf('grid.hw01');
    const key = (name: string) => `retention-${run}-${name}`;
    // [name, created days ago, delivered days ago (null: still waiting for its digest)]
    const rows: [string, number, number | null][] = [
      ['delivered-31', 31, 31],
      ['delivered-45', 45, 44],
      ['delivered-90', 90, 90],
      ['delivered-29', 40, 29],
      ['waiting-60', 60, null],
    ];
    await stack.prisma.pendingNotice.createMany({
      data: rows.map(([name, created, delivered]) => ({
        userId,
        kind: 'REMIND' as const,
        text: { 'zh-CN': name, en: name },
        createdAt: at(created),
        digestedAt: delivered === null ? null : at(delivered),
        dedupKey: key(name),
      })),
    });
    const config = loadWorkersConfig({ NOTICE_RETENTION_DAYS: '30', AUDIT_RETENTION_BATCH: '2' });
    const { deleted } = await deleteDeliveredNotices(
      { db: stack.prisma, config, log: pino({ level: 'silent' }) },
      now,
    );
    expect(deleted).toBeGreaterThanOrEqual(3);
    const left = await stack.prisma.pendingNotice.findMany({
      where: { dedupKey: { startsWith: key('') } },
    });
    expect(left.map((n) => n.dedupKey).sort()).toEqual([key('delivered-29'), key('waiting-60')]);
    await stack.prisma.pendingNotice.deleteMany({ where: { dedupKey: { startsWith: key('') } } });
  });

  it("the same daily job erases finished imports' files after IMPORT_FILE_RETENTION_DAYS (keeping the summary) and deletes expired sessions", async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const admin = await idOf('admin');
    const file = Buffer.from('username,displayName,orgId\nsomeone,某人,BA-XA\n');
    // [name, uploaded days ago, status]
    const runs: [string, number, string][] = [
      ['done-31', 31, 'DONE'],
      ['failed-60', 60, 'FAILED'],
      ['done-29', 29, 'DONE'],
      ['queued-60', 60, 'QUEUED'],
    ];
    await stack.prisma.importRun.createMany({
      data: runs.map(([name, days, status]) => ({
        kind: 'users',
        fileName: `retention-${run}-${name}.csv`,
        fileHash: name,
        content: file,
        scopePath: '/BA/',
        createdById: admin,
        status,
        total: 1,
        done: status === 'QUEUED' ? 0 : 1,
        created: status === 'DONE' ? 1 : 0,
        createdAt: at(days),
      })),
    });
    const config = loadWorkersConfig({ IMPORT_FILE_RETENTION_DAYS: '30', AUDIT_RETENTION_BATCH: '1' });
    const deps = { db: stack.prisma, config, log: pino({ level: 'silent' }) };
    expect((await eraseImportFiles(deps, now)).erased).toBeGreaterThanOrEqual(2);
    const left = await stack.prisma.importRun.findMany({
      where: { fileName: { startsWith: `retention-${run}-` } },
      orderBy: { fileName: 'asc' },
    });
    expect(left.map((r) => [r.fileHash, r.content.length, r.total, r.created])).toEqual([
      ['done-29', file.length, 1, 1],
      ['done-31', 0, 1, 1],
      ['failed-60', 0, 1, 0],
      ['queued-60', file.length, 1, 0],
    ]);
    expect((await eraseImportFiles(deps, now)).erased).toBe(0);

    await stack.prisma.session.createMany({
      data: [
        { id: `retention-${run}-expired`, userId: admin, expiresAt: at(1) },
        { id: `retention-${run}-valid`, userId: admin, expiresAt: at(-1) },
      ],
    });
    expect((await deleteExpiredSessions(deps, now)).deleted).toBeGreaterThanOrEqual(1);
    const sessions = await stack.prisma.session.findMany({
      where: { id: { startsWith: `retention-${run}-` } },
    });
    expect(sessions.map((x) => x.id)).toEqual([`retention-${run}-valid`]);
  });

  it('the same daily job deletes uploads no report claimed within UNCLAIMED_ATTACHMENT_RETENTION_HOURS, row and bytes, and keeps a case’s', async () => {
    const now = new Date();
    const dir = await mkdtemp(path.join(tmpdir(), 'zz-unclaimed-'));
    const config = loadWorkersConfig({
      UNCLAIMED_ATTACHMENT_RETENTION_HOURS: '24',
      AUDIT_RETENTION_BATCH: '1',
      ATTACHMENTS_DIR: dir,
    });
    const store = createAttachmentStore(config);
    const uploader = await idOf('grid.hw01');
    const event = await reportEvent(await stack.loginAs('grid.hw01'), { description: '留存测试' });
    // [name, uploaded hours ago, claimed by the report]
    const uploads: [string, number, boolean][] = [
      ['unclaimed-25h', 25, false],
      ['unclaimed-72h', 72, false],
      ['unclaimed-23h', 23, false],
      ['claimed-72h', 72, true],
    ];
    for (const [name, hours, claimed] of uploads) {
      const storageKey = `${run}${name}`;
      await store.put(storageKey, Readable.from([Buffer.from(name)]), { contentType: 'image/jpeg' });
      await stack.prisma.attachment.create({
        data: {
          name: `retention-${run}-${name}.jpg`,
          contentType: 'image/jpeg',
          size: name.length,
          storageKey,
          uploadedById: uploader,
          eventId: claimed ? event.id : null,
          createdAt: new Date(now.getTime() - hours * 3600_000),
        },
      });
    }
    const deps = { db: stack.prisma, config, log: pino({ level: 'silent' }) };
    const purged = await purgeUnclaimedAttachments(deps, now);
    expect(purged.deleted).toBeGreaterThanOrEqual(2);
    expect(purged.failed).toBe(0);
    const left = await stack.prisma.attachment.findMany({
      where: { name: { startsWith: `retention-${run}-` } },
      orderBy: { name: 'asc' },
    });
    expect(left.map((a) => a.storageKey)).toEqual([`${run}claimed-72h`, `${run}unclaimed-23h`]);
    const stored = (key: string) =>
      store.get(key).then(
        (body) => (body.destroy(), true),
        () => false,
      );
    expect(await Promise.all(uploads.map(([name]) => stored(`${run}${name}`)))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect((await purgeUnclaimedAttachments(deps, now)).deleted).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});
