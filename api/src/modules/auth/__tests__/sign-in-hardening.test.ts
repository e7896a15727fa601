import { randomUUID } from 'node:crypto';
import type { Role } from '@prisma/client';
import { clearLoginFailures, createTestStack } from '../../../../../test/harness';
import { testPasswordHash } from '../../../../../test/env';
import { DEMO_PASSWORD } from '../../../../../prisma/seed';

const run = randomUUID().slice(0, 8);
const PASSWORD = 'Start#Pass2026x';

type Stack = ReturnType<typeof createTestStack>;

const made: string[] = [];

/**
 * A user of this run (so no other suite's demo user is touched), with PASSWORD; removed again
 * when the suite ends, so that no other suite finds them among a unit's users.
 */
async function makeUser(stack: Stack, name: string, orgId = 'BA-XA-C01', roles: Role[] = ['STAFF']) {
  made.push(`t${run}.${name}`);
  return stack.prisma.user.create({
    data: {
      username: `t${run}.${name}`,
      displayName: name,
      passwordHash: await testPasswordHash(PASSWORD),
      orgId,
      roles,
    },
  });
}

const login = (stack: Stack, username: string, password: string, address?: string) => {
  const req = stack.http().post('/api/auth/login');
  // As our nginx sends it: the client's address, and HTTPS (a secure cookie needs it).
  if (address) req.set('X-Forwarded-For', address).set('X-Forwarded-Proto', 'https');
  return req.send({ username, password });
};

/** A supertest agent signed in as `username`. */
async function agentFor(stack: Stack, username: string, password = PASSWORD) {
  const agent = stack.agent();
  await agent.post('/api/auth/login').send({ username, password }).expect(200);
  return agent;
}

describe('sign-in limits (per account, per account and address, per address)', () => {
  // Behind a proxy (COOKIE_SECURE) the address is X-Forwarded-For: each case picks its own. The
  // limits are the defaults (10 per account, 5 per account and address, 20 unknown per address).
  const stack = createTestStack({ env: { COOKIE_SECURE: 'true', LOGIN_SLOW_DOWN_MS: '2000' } });
  afterAll(async () => {
    await stack.prisma.user.deleteMany({ where: { username: { in: made } } });
    await clearLoginFailures();
    await stack.close();
  });

  it('locks an account from one address after 5 failures: 429 with a zh-CN/English message, Retry-After and the wait', async () => {
    const user = await makeUser(stack, 'lock');
    const colleague = await makeUser(stack, 'colleague');
    for (let i = 0; i < 5; i++) await login(stack, user.username, 'wrong', '10.1.0.1').expect(401);
    // The right password no longer helps from this address.
    const res = await login(stack, user.username, PASSWORD, '10.1.0.1').expect(429);
    expect(res.body.error.code).toBe('error.tooManyLogins');
    expect(res.body.error.message).toEqual({
      'zh-CN': '登录失败次数过多，请 15 分钟后再试',
      en: 'Too many failed sign-ins; try again in 15 minutes',
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(res.body.error.retryAfter).toBe(retryAfter);
    expect(res.headers['set-cookie']).toBeUndefined();
    // The same username typed in other case is the same account.
    await login(stack, user.username.toUpperCase(), PASSWORD, '10.1.0.1').expect(429);
    // That account only: a colleague at the same desk signs in.
    await login(stack, colleague.username, PASSWORD, '10.1.0.1').expect(200);
  });

  it('locks an account everywhere after 10 failures from several addresses', async () => {
    const user = await makeUser(stack, 'spread');
    for (let i = 0; i < 10; i++) await login(stack, user.username, 'wrong', `10.5.0.${i % 3}`).expect(401);
    await login(stack, user.username, PASSWORD, '10.5.1.1').expect(429);
  });

  it('clears the account count on a successful sign-in', async () => {
    const user = await makeUser(stack, 'clear');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await login(stack, user.username, 'wrong', '10.2.0.1').expect(401);
      await login(stack, user.username, PASSWORD, '10.2.0.1').expect(200);
    }
  });

  it('lets 20 unknown usernames from one address slow it down, never refuse xa.staff there', async () => {
    for (let i = 0; i < 20; i++) await login(stack, `t${run}.ghost${i}`, 'wrong', '10.3.0.1').expect(401);
    await login(stack, 'xa.staff', DEMO_PASSWORD, '10.3.0.1').expect(200);
    // Failed attempts from there now answer late, for a known account as for an unknown one.
    for (const username of [`t${run}.ghost-late`, 'xa.staff']) {
      const started = Date.now();
      await login(stack, username, 'wrong', '10.3.0.1').expect(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    }
    await login(stack, 'xa.staff', DEMO_PASSWORD, '10.3.0.1').expect(200);
    // Another address is not slowed.
    const started = Date.now();
    await login(stack, `t${run}.ghost-elsewhere`, 'wrong', '10.3.0.2').expect(401);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not let a forged X-Forwarded-For entry escape a lockout', async () => {
    const user = await makeUser(stack, 'forged');
    for (let i = 0; i < 5; i++) await login(stack, user.username, 'wrong', '10.6.0.1').expect(401);
    // Our proxy appends the real address last; what the client put before it is not trusted.
    await login(stack, user.username, PASSWORD, '203.0.113.9, 10.6.0.1').expect(429);
  });
});

describe('sign-in limits without Redis', () => {
  const stack = createTestStack({
    env: { REDIS_URL: 'redis://127.0.0.1:1/0', LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' },
  });
  afterAll(async () => {
    await stack.prisma.user.deleteMany({ where: { username: { in: made } } });
    await stack.close();
  });

  it('still signs in and still counts (in memory), never a 500', async () => {
    const user = await makeUser(stack, 'noredis');
    await login(stack, user.username, PASSWORD).expect(200);
    await login(stack, user.username, 'wrong').expect(401);
    await login(stack, user.username, 'wrong').expect(401);
    await login(stack, user.username, PASSWORD).expect(429);
  });
});

describe('password change, session revocation, origin check, security headers', () => {
  const stack = createTestStack();
  afterAll(async () => {
    await stack.prisma.user.deleteMany({ where: { username: { in: made } } });
    await stack.close();
  });

  it('refuses a weak new password naming the field, and accepts a good one', async () => {
    const user = await makeUser(stack, 'pw');
    const agent = await agentFor(stack, user.username);
    const other = await agentFor(stack, user.username);
    const change = (currentPassword: string, newPassword: string) =>
      agent.post('/api/auth/password').send({ currentPassword, newPassword });

    const wrong = await change('nope', 'Another#Pass2026').expect(400);
    expect(wrong.body.error.fields).toEqual([
      {
        field: 'currentPassword',
        message: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
      },
    ]);
    const short = await change(PASSWORD, 'abc').expect(400);
    expect(short.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'newPassword',
      'newPassword',
    ]);
    expect(short.body.error.fields[0].message['zh-CN']).toBe('密码至少需要 10 个字符');
    expect(short.body.error.fields[1].message.en).toMatch(/at least 3 of/);
    const simple = await change(PASSWORD, 'abcdefghijkl').expect(400);
    expect(simple.body.error.fields).toHaveLength(1);
    expect(simple.body.error.fields[0].message['zh-CN']).toMatch(/至少 3 类/);
    const named = await change(PASSWORD, `X1!${user.username.toUpperCase()}`).expect(400);
    expect(named.body.error.fields[0]).toMatchObject({
      field: 'newPassword',
      message: { 'zh-CN': '密码不能包含用户名' },
    });
    const demo = await change(PASSWORD, DEMO_PASSWORD).expect(400);
    expect(demo.body.error.fields[0]).toMatchObject({
      field: 'newPassword',
      message: { en: /demo password/ },
    });

    await change(PASSWORD, 'Another#Pass2026').expect(204);
    await login(stack, user.username, PASSWORD).expect(401);
    await login(stack, user.username, 'Another#Pass2026').expect(200);
    // This session stays; the user's other sessions ended.
    await agent.get('/api/me').expect(200);
    await other.get('/api/me').expect(401);
    const audit = await stack.prisma.auditLog.findFirst({
      where: { action: 'password.change', subjectId: user.id },
    });
    expect(audit).toMatchObject({ userId: user.id, address: expect.any(String) });
  });

  it("lets a street's security administrator list and lift its users' lockouts, audited", async () => {
    const security = await makeUser(stack, 'sec', 'BA-XA', ['SECURITY_ADMIN']);
    const own = await makeUser(stack, 'own-locked', 'BA-XA-C01-G01', ['GRID_MEMBER']);
    const other = await makeUser(stack, 'other-locked', 'BA-XX-C01-G01', ['GRID_MEMBER']);
    for (const u of [own, other])
      for (let i = 0; i < 5; i++) await login(stack, u.username, 'wrong').expect(401);
    const agent = await agentFor(stack, security.username);

    const list = await agent.get('/api/admin/lockouts').expect(200);
    const mine = list.body.items.filter((i: { user: { username: string } }) =>
      i.user.username.startsWith(`t${run}.`),
    );
    expect(mine).toEqual([
      {
        user: { id: own.id, username: own.username, displayName: 'own-locked', org: expect.any(Object) },
        address: expect.any(String),
        failures: 5,
        retryAfter: expect.any(Number),
      },
    ]);
    // Another street's account is answered as missing.
    await agent.delete(`/api/admin/lockouts/${other.username}`).expect(404);
    const lifted = await agent.delete(`/api/admin/lockouts/${own.username.toUpperCase()}`).expect(200);
    expect(lifted.body).toEqual({ lifted: 2 });
    await login(stack, own.username, PASSWORD).expect(200);
    await login(stack, other.username, PASSWORD).expect(429);
    const audit = await stack.prisma.auditLog.findFirst({
      where: { action: 'lockout.lift', subjectType: 'User', subjectId: own.id },
    });
    expect(audit).toMatchObject({ userId: security.id, detail: { lifted: 2 } });

    const staff = await stack.loginAs('xa.staff');
    await staff.get('/api/admin/lockouts').expect(403);
    await staff.delete(`/api/admin/lockouts/${other.username}`).expect(403);
  });

  it('lets an admin end every session of a user; their cookie is refused afterwards; others get 403', async () => {
    const target = await makeUser(stack, 'revoked');
    const laptop = await agentFor(stack, target.username);
    const phone = await agentFor(stack, target.username);
    const staff = await stack.loginAs('xa.staff');
    await staff.post(`/api/users/${target.id}/sessions/revoke`).expect(403);
    await laptop.get('/api/me').expect(200);

    const admin = await stack.loginAs('admin');
    const res = await admin.post(`/api/users/${target.id}/sessions/revoke`).expect(200);
    expect(res.body).toEqual({ ended: 2 });
    await laptop.get('/api/me').expect(401);
    await phone.get('/api/me').expect(401);
    await admin.post('/api/users/no-such-user/sessions/revoke').expect(404);

    const adminUser = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const audit = await stack.prisma.auditLog.findFirst({
      where: { action: 'sessions.revoke', subjectType: 'User', subjectId: target.id },
    });
    expect(audit).toMatchObject({ userId: adminUser.id, address: expect.any(String), detail: { ended: 2 } });
  });

  it("lets a street admin sign out users of the street's subtree only", async () => {
    const streetAdmin = await makeUser(stack, 'xa-admin', 'BA-XA', ['ADMIN']);
    const own = await makeUser(stack, 'xa-user', 'BA-XA-C01-G01', ['GRID_MEMBER']);
    const sibling = await makeUser(stack, 'xx-user', 'BA-XX-C01-G01', ['GRID_MEMBER']);
    const agent = await agentFor(stack, streetAdmin.username);
    await agent.post(`/api/users/${sibling.id}/sessions/revoke`).expect(403);
    await agent.post(`/api/users/${own.id}/sessions/revoke`).expect(200);
  });

  it('ends the caller’s other sessions on logout-all, keeping this one', async () => {
    const user = await makeUser(stack, 'others');
    const here = await agentFor(stack, user.username);
    const elsewhere = await agentFor(stack, user.username);
    const res = await here.post('/api/auth/logout-all').expect(200);
    expect(res.body).toEqual({ ended: 1 });
    await here.get('/api/me').expect(200);
    await elsewhere.get('/api/me').expect(401);
    await stack.http().post('/api/auth/logout-all').expect(401);
  });

  it('refuses a cross-origin state-changing request; same-origin and header-less ones pass', async () => {
    const own = stack.baseUrl();
    const evil = await stack
      .http()
      .post('/api/auth/logout')
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(evil.body.error).toMatchObject({
      code: 'error.crossOrigin',
      message: { 'zh-CN': '拒绝跨站请求：请求来源不是本系统' },
    });
    await stack.http().post('/api/auth/logout').set('Origin', 'null').expect(403);
    await stack.http().post('/api/auth/logout').set('Referer', 'https://evil.example/page').expect(403);
    await stack.http().post('/api/auth/logout').set('Origin', own).expect(204);
    await stack.http().post('/api/auth/logout').set('Referer', `${own}/inbox`).expect(204);
    await stack.http().post('/api/auth/logout').expect(204);
    // Reads are not state-changing.
    await stack.http().get('/api/health').set('Origin', 'https://evil.example').expect(200);
    // Channel intakes are authorised by their key, not a cookie.
    const intake = await stack
      .http()
      .post('/api/events')
      .set('Origin', 'https://evil.example')
      .set('X-Channel-Key', 'not-a-key')
      .send({});
    expect(intake.body.error.code).not.toBe('error.crossOrigin');
  });

  it('sets the security headers on the web app and the API', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await stack.http().get(path);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('allowed origins and HSTS behind HTTPS', () => {
  const stack = createTestStack({
    env: { COOKIE_SECURE: 'true', ALLOWED_ORIGINS: 'https://gw.example.gov.cn' },
  });
  afterAll(async () => {
    await stack.prisma.user.deleteMany({ where: { username: { in: made } } });
    await stack.close();
  });

  it('accepts a configured origin and sends HSTS', async () => {
    await stack.http().post('/api/auth/logout').set('Origin', 'https://gw.example.gov.cn').expect(204);
    await stack.http().post('/api/auth/logout').set('Origin', 'https://gw.example.gov.cn.evil').expect(403);
    const res = await stack.http().get('/api/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
