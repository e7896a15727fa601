import { createTestStack } from '../../../../../test/harness';
import { DEMO_PASSWORD } from '../../../../../prisma/seed';

describe('login, logout and /api/me', () => {
  const stack = createTestStack();
  afterAll(() => stack.close());

  it('logs a demo user in with an HttpOnly, SameSite session cookie and shows them on /api/me', async () => {
    const res = await stack
      .http()
      .post('/api/auth/login')
      .send({ username: 'grid.hw01', password: DEMO_PASSWORD })
      .expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/zz_session=[\w-]{20,}/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);

    const me = await stack.http().get('/api/me').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(me.body.user).toMatchObject({
      username: 'grid.hw01',
      roles: ['GRID_MEMBER'],
      org: { id: 'BA-XA-C01-G01', type: 'GRID', path: '/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/' },
    });
    expect(me.body.user.passwordHash).toBeUndefined();
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await stack
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'nope' })
      .expect(401);
    const unknown = await stack
      .http()
      .post('/api/auth/login')
      .send({ username: 'ghost', password: 'nope' })
      .expect(401);
    expect(wrong.body.error.code).toBe('error.badCredentials');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('names each missing or bad field in zh-CN and English', async () => {
    const res = await stack.http().post('/api/auth/login').send({ password: 42 }).expect(400);
    expect(res.body.error.code).toBe('error.validation');
    expect(res.body.error.message).toEqual({ 'zh-CN': '请求参数有误', en: 'Invalid request' });
    expect(res.body.error.fields).toEqual([
      { field: 'username', message: { 'zh-CN': '必填', en: 'Required' } },
      { field: 'password', message: { 'zh-CN': '格式不正确', en: 'Invalid value' } },
    ]);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await stack
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(res.body.error.code).toBe('error.validation');
  });

  it('requires a session for /api/me and ends it on logout', async () => {
    await stack.http().get('/api/me').expect(401);
    const agent = await stack.loginAs('xa.staff');
    await agent.get('/api/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    const after = await agent.get('/api/me').expect(401);
    expect(after.body.error.message['zh-CN']).toBe('请先登录');
  });
});
