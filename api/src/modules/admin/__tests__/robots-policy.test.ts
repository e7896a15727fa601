import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecretBox } from '../../../../../lib/secret-box';
import { LOOPBACK_ROBOTS, testProcessEnv } from '../../../../../test/env';
import { loadApiConfig } from '../../../config';
import { createTestStack } from '../../../../../test/harness';

const SECRET_PAGE = 'internal-admin-page-do-not-leak';

describe('robot URLs by default', () => {
  const stack = createTestStack();
  afterAll(() => stack.close());

  it('refuses http://127.0.0.1:… and a private address with 400 naming url', async () => {
    const admin = await stack.loginAs('admin');
    for (const url of ['http://127.0.0.1:3741/send?key=k', 'http://10.0.0.8/send', 'http://192.168.1.20/x']) {
      const res = await admin
        .post('/api/admin/robots')
        .send({ name: 'SSRF', unitId: 'BA-XA', format: 'wecom', url })
        .expect(400);
      expect(res.body.error.fields).toEqual([
        {
          field: 'url',
          message: { 'zh-CN': expect.stringMatching(/机器人/), en: expect.stringMatching(/robot/) },
        },
      ]);
    }
    expect(await stack.prisma.groupRobot.count({ where: { name: 'SSRF' } })).toBe(0);
  });
});

describe('robot test sends (loopback allowed by the test override)', () => {
  const stack = createTestStack({ env: LOOPBACK_ROBOTS });
  let server: Server;
  let base: string;
  const made: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/moved')) res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(SECRET_PAGE);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stack.prisma.groupRobot.deleteMany({ where: { id: { in: made } } });
    server.close();
    await stack.close();
  });

  it('answers failed with the status code only, follows no redirect, and checks the URL again at send', async () => {
    const admin = await stack.loginAs('admin');
    const add = async (path: string) => {
      const res = await admin
        .post('/api/admin/robots')
        .send({ name: 'policy test', unitId: 'BA-XA', format: 'wecom', url: `${base}${path}` })
        .expect(201);
      made.push(res.body.id);
      return res.body.id as string;
    };
    const failing = await admin.post(`/api/admin/robots/${await add('/page')}/test`).expect(502);
    expect(JSON.stringify(failing.body)).not.toContain(SECRET_PAGE);
    expect(failing.body.error.message.en).toBe('The test message failed: HTTP 500');
    const moved = await admin.post(`/api/admin/robots/${await add('/moved')}/test`).expect(502);
    expect(moved.body.error.message.en).toBe('The test message failed: HTTP 302');

    // A robot whose address became private since it was saved (the row written as it was then).
    const box = createSecretBox(loadApiConfig(testProcessEnv()).SECRETS_KEY);
    const stale = await stack.prisma.groupRobot.create({
      data: {
        name: 'policy test',
        unitId: 'BA-XA',
        format: 'wecom',
        urlSealed: box.seal('http://10.0.0.8/send'),
        urlHost: '10.0.0.8',
      },
    });
    made.push(stale.id);
    const refused = await admin.post(`/api/admin/robots/${stale.id}/test`).expect(400);
    expect(refused.body.error.fields[0].field).toBe('url');
  });
});
