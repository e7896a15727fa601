/**
 * A district installs Zhizhi for real: an empty database, `npm run setup` with SEED_DEMO=false
 * and `npm run bootstrap` run as an installer runs them (subprocesses), then everything else
 * through the API as the new administrators would, until a grid member's report reaches an inbox.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Agent } from 'supertest';
import { Client } from 'pg';
import { createTestStack } from '../harness';
import { ROOT, TEST_ENV, testProcessEnv } from '../env';
import { taskFor } from '../events';

const run = promisify(execFile);
const DB_NAME = `${new URL(TEST_ENV.DATABASE_URL).pathname.slice(1)}_install`;
const DATABASE_URL = TEST_ENV.DATABASE_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const env = { ...testProcessEnv(), DATABASE_URL, SEED_DEMO: 'false' };

/** Runs a script as `npm run <name>` would; its exit code, stdout and stderr, never a throw. */
async function script(file: string, args: string[] = []) {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', [file, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function onServer(sql: string) {
  const client = new Client({ connectionString: TEST_ENV.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Rows per table that setup writes, to show that a second run adds nothing. */
async function rowCounts(stack: ReturnType<typeof createTestStack>) {
  const tables = [
    '_prisma_migrations',
    'Org',
    'User',
    'EventCategory',
    'DisputeType',
    'SlaRule',
    'TeamRole',
    'PersonType',
    'Channel',
    'ProcessDefinition',
    'DecisionDefinition',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await stack.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table}"`,
    );
    counts[table] = row.n;
  }
  return counts;
}

const NEW_PASSWORD = 'Ours-2026-Strong!';

describe('installing a district: setup, bootstrap, then the admin pages', () => {
  let stack: ReturnType<typeof createTestStack>;
  let since: Date;
  let bootstrapOut: string;

  beforeAll(async () => {
    await onServer(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await onServer(`CREATE DATABASE "${DB_NAME}"`);
    const setup = await script('scripts/setup.ts');
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    expect(setup.stdout).toMatch(/\[setup\] migrations: [1-9]\d* applied/);
    expect(setup.stdout).toContain('[setup] demo district: skipped');
    const boot = await script('scripts/bootstrap.ts', [
      '--org-name',
      '测试区',
      '--org-code',
      'CS',
      '--admin',
      'cs.admin',
    ]);
    expect(boot.code).toBe(0);
    bootstrapOut = boot.stdout;
    since = new Date();
    stack = createTestStack({ workers: true, env: { DATABASE_URL } });
  }, 240_000);

  afterAll(async () => {
    await stack?.cancelCasesSince(since);
    await stack?.close();
    await onServer(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  });

  const oneTimePassword = (username: string) => {
    const line = bootstrapOut.split('\n').find((l) => l.includes(` ${username} `));
    return /one-time password: (\S+)/.exec(line ?? '')![1];
  };

  /** Signs in with a one-time password, sees that a change is required, and changes it. */
  async function firstSignIn(username: string, password: string): Promise<Agent> {
    const agent = stack.agent();
    const login = await agent.post('/api/auth/login').send({ username, password }).expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const refused = await agent.get('/api/inbox').expect(403);
    expect(refused.body.error.code).toBe('error.passwordChangeRequired');
    expect(refused.body.error.message['zh-CN']).toContain('修改');
    await agent.get('/api/me').expect(200);
    const weak = await agent
      .post('/api/auth/password')
      .send({ currentPassword: password, newPassword: 'short' })
      .expect(400);
    expect(weak.body.error.fields[0].field).toBe('newPassword');
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: password, newPassword: NEW_PASSWORD })
      .expect(204);
    const me = await agent.get('/api/me').expect(200);
    expect(me.body.user.mustChangePassword).toBe(false);
    return agent;
  }

  it('has the reference data, no demo district, and the three administrators bootstrap made', async () => {
    const counts = await rowCounts(stack);
    expect(counts).toMatchObject({ Channel: 0, TeamRole: 8, PersonType: 1 });
    expect(counts.EventCategory).toBeGreaterThan(0);
    expect(counts.SlaRule).toBeGreaterThan(0);
    expect(await stack.prisma.org.findMany({ where: { parentId: null } })).toMatchObject([
      { id: 'CS', name: '测试区', type: 'DISTRICT' },
    ]);
    const admins = await stack.prisma.user.findMany({
      where: { username: { in: ['admin', 'cs.admin', 'security.admin', 'audit.admin'] } },
      orderBy: { username: 'asc' },
    });
    expect(admins.map((u) => [u.username, u.roles, u.orgId])).toEqual([
      ['audit.admin', ['AUDIT_ADMIN'], 'CS'],
      ['cs.admin', ['ADMIN'], 'CS'],
      ['security.admin', ['SECURITY_ADMIN'], 'CS'],
    ]);
  });

  it('the new administrator builds the district and a grid member reports an event that reaches an inbox', async () => {
    const admin = await firstSignIn('cs.admin', oneTimePassword('cs.admin'));
    for (const unit of [
      { id: 'CS-S1', name: '一号街道', type: 'STREET', parentId: 'CS' },
      { id: 'CS-S1-C1', name: '一号社区', type: 'COMMUNITY', parentId: 'CS-S1' },
      { id: 'CS-S1-C1-G1', name: '一号社区第1网格', type: 'GRID', parentId: 'CS-S1-C1' },
    ])
      await admin.post('/api/admin/orgs').send(unit).expect(201);
    await admin.post('/api/admin/categories').send({ code: 'noise', name: '噪声扰民' }).expect(201);
    // Role grants are every ADMIN's today (`manage all`); when they become the security
    // administrator's, this grant moves to security.admin.
    const created = await admin
      .post('/api/admin/users')
      .send({
        username: 'grid.cs01',
        displayName: '一号网格员',
        orgId: 'CS-S1-C1-G1',
        roles: ['GRID_MEMBER'],
      })
      .expect(201);
    const member = await firstSignIn('grid.cs01', created.body.password);

    const event = await member
      .post('/api/events')
      .send({
        category: 'noise',
        urgency: 'NORMAL',
        gridId: 'CS-S1-C1-G1',
        address: '一号社区 3 栋',
        description: '夜间施工噪声',
      })
      .expect(201);
    const task = await taskFor(member, event.body.id, 'handle', {}, 60_000);
    expect(task.orgId).toBe('CS-S1-C1-G1');
  }, 120_000);

  it('refuses a second bootstrap with one line, and a second setup changes nothing', async () => {
    const again = await script('scripts/bootstrap.ts', ['--org-name', '另一区', '--admin', 'other.admin']);
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already has an administrator');

    // An admin's edit of reference data (made as the admin page's PUT makes it) survives setup.
    await stack.prisma.eventCategory.update({
      where: { code: 'environment' },
      data: { name: '生态环境保护' },
    });

    const before = await rowCounts(stack);
    const setup = await script('scripts/setup.ts');
    expect(setup.code).toBe(0);
    expect(setup.stdout).toContain('[setup] migrations: 0 applied');
    expect(setup.stdout).toMatch(
      /reference data created: 0 event categories, 0 dispute types, 0 SLA rules, 0 care-team roles, 0 key-person types/,
    );
    expect(await rowCounts(stack)).toEqual(before);
    const environment = await stack.prisma.eventCategory.findUniqueOrThrow({
      where: { code: 'environment' },
    });
    expect(environment.name).toBe('生态环境保护');
  }, 240_000);
});
