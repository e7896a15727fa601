/**
 * 三员分立 (等保 2.0 level 3) through the HTTP API on the real stack: the system administrator keeps
 * the system but reads no case, petition or key person's file; a street's administrator is
 * confined to its street and has no Cockpit or bull-board; the security administrator grants the
 * roles, the administrators' included, and the system administrator cannot; the audit
 * administrator reads the trail, the other administrators' actions included, within its subtree;
 * nobody alters or deletes an audit entry, not even with the database's own credentials.
 */
import type { Role } from '@prisma/client';
import type { Agent } from 'supertest';
import { reportEvent } from '../../../../../test/events';
import { freshIdNumber, suiteStack } from '../../../../../test/harness';
import { registerPetition } from '../../../../../test/petitions';

jest.setTimeout(120_000);

const run = Date.now().toString(36);

describe('三员分立', () => {
  const stack = suiteStack();
  const made: string[] = [];
  let eventXX: string;
  let petition: string;
  let patient: string;

  /** A user of this run only (removed when the suite ends), signed in. */
  function userAs(name: string, orgId: string, roles: Role[]): Promise<{ id: string; agent: Agent }> {
    made.push(`t${run}.${name}`);
    return stack.userAs(`t${run}.${name}`, orgId, roles, name);
  }

  beforeAll(async () => {
    eventXX = (
      await reportEvent(await stack.loginAs('grid.gs01'), { gridId: 'BA-XX-C01-G01', address: '固戍 1 栋' })
    ).id;
    petition = (await registerPetition(await stack.loginAs('petition.staff'))).id;
    const ids = Object.fromEntries(
      (
        await stack.prisma.user.findMany({
          where: { username: { in: ['grid.hw01', 'haiwang.staff'] } },
          select: { id: true, username: true },
        })
      ).map((u) => [u.username, u.id]),
    );
    patient = (
      await (
        await stack.loginAs('haiwang.staff')
      )
        .post('/api/patients')
        .send({
          name: `三员患者${run}`,
          idNumber: freshIdNumber(),
          address: '海旺社区 9 栋',
          gridId: 'BA-XA-C01-G01',
          riskLevel: 0,
          team: [
            { roleCode: 'grid-member', userId: ids['grid.hw01'], designated: true },
            { roleCode: 'cadre', userId: ids['haiwang.staff'] },
          ],
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await stack.prisma.session.deleteMany({ where: { user: { username: { in: made } } } });
    await stack.prisma.user.updateMany({ where: { username: { in: made } }, data: { active: false } });
  });

  it("confines a street's system administrator: no other street's case, no petition or file, no Cockpit or bull-board", async () => {
    const xa = await stack.loginAs('xa.admin');
    await xa.get(`/api/events/${eventXX}`).expect(404);
    await xa.get(`/api/petitions/${petition}`).expect(404);
    await xa.get(`/api/patients/${patient}`).expect(404);
    await xa.get('/operaton/app/cockpit/').expect(403);
    await xa.get('/admin/queues').expect(403);
    await xa.get('/api/audit').expect(403);
    // Its own street's units and users it keeps; another street's are missing.
    await xa.get('/api/admin/users').query({ unit: 'BA-XA' }).expect(200);
    await xa.get('/api/admin/users').query({ unit: 'BA-XX' }).expect(404);
  });

  it('gives a district system administrator the machinery but no petition, key person or case content', async () => {
    const sys = (await userAs('sys', 'BA', ['ADMIN'])).agent;
    await sys.get(`/api/petitions/${petition}`).expect(404);
    await sys.get(`/api/patients/${patient}`).expect(404);
    await sys.get(`/api/events/${eventXX}`).expect(404);
    expect((await sys.get('/api/petitions').expect(200)).body.items).toEqual([]);
    expect((await sys.get('/api/patients').expect(200)).body.items).toEqual([]);
    await sys.get('/admin/queues').expect(200);
    await sys.get('/api/audit').expect(403);
  });

  it('lets the security administrator grant an administrator role, never the system administrator, never to itself', async () => {
    const sys = await userAs('sys2', 'BA', ['ADMIN']);
    const created = await sys.agent
      .post('/api/admin/users')
      .send({ username: `t${run}.target`, displayName: '授权对象', orgId: 'BA-XA-C01', roles: ['STAFF'] })
      .expect(201);
    made.push(`t${run}.target`);
    const target = created.body.user.id as string;
    const refused = await sys.agent
      .put(`/api/admin/users/${target}`)
      .send({ roles: ['STAFF', 'AUDIT_ADMIN'] })
      .expect(400);
    expect(refused.body.error.fields[0].field).toBe('roles');
    await sys.agent
      .post('/api/admin/users')
      .send({ username: `t${run}.boss`, displayName: '越权', orgId: 'BA', roles: ['SECURITY_ADMIN'] })
      .expect(400);
    // A business role is still the system administrator's to grant.
    await sys.agent
      .put(`/api/admin/users/${target}`)
      .send({ roles: ['STAFF', 'SUPERVISOR'] })
      .expect(200);

    const sec = await stack.loginAs('sec.admin');
    const granted = await sec
      .put(`/api/admin/users/${target}`)
      .send({ roles: ['STAFF', 'AUDIT_ADMIN'] })
      .expect(200);
    expect(granted.body.roles.sort()).toEqual(['AUDIT_ADMIN', 'STAFF']);
    // Roles only: the user's name and unit stay the system administrator's.
    await sec.put(`/api/admin/users/${target}`).send({ displayName: '改名' }).expect(403);
    const self = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'sec.admin' } });
    await sec
      .put(`/api/admin/users/${self.id}`)
      .send({ roles: ['SECURITY_ADMIN', 'ADMIN'] })
      .expect(404);
    await sec
      .post('/api/admin/users')
      .send({ username: `t${run}.x`, displayName: 'x', orgId: 'BA', roles: ['STAFF'] })
      .expect(403);

    // The audit administrator reads both administrators' actions; a street's one reads neither.
    const audit = await stack.loginAs('audit.admin');
    const trail = (await audit.get('/api/audit').query({ subjectId: target, pageSize: 100 }).expect(200)).body
      .items as { action: string; status: number; user: { id: string } | null }[];
    expect(trail.filter((e) => e.action === 'user.create' && e.user?.id === sys.id)).toHaveLength(1);
    expect(
      trail.filter((e) => e.action === 'user.update' && e.user?.id === self.id && e.status === 200),
    ).toHaveLength(1);
    expect(trail.filter((e) => e.status === 400 && e.user?.id === sys.id)).toHaveLength(1);
    const street = (await userAs('xx-audit', 'BA-XX', ['AUDIT_ADMIN'])).agent;
    expect((await street.get('/api/audit').query({ subjectId: target }).expect(200)).body.items).toEqual([]);
    // The audit administrator changes nothing else.
    await audit.get('/api/admin/users').expect(403);
  });

  it("keeps a street audit administrator to its own street's trail", async () => {
    const street = (await userAs('xa-audit', 'BA-XA', ['AUDIT_ADMIN'])).agent;
    // A refused write is audited too: one by the street's admin, one by the district's.
    await (
      await stack.loginAs('xa.admin')
    )
      .put(`/api/admin/users/none-${run}`)
      .send({ displayName: 'x' })
      .expect(404);
    await (
      await stack.loginAs('sec.admin')
    )
      .put(`/api/admin/users/none-${run}`)
      .send({ roles: ['STAFF'] })
      .expect(404);
    const entries = async (agent: Agent) =>
      (
        (
          await agent
            .get('/api/audit')
            .query({ subjectId: `none-${run}` })
            .expect(200)
        ).body.items as {
          user: { username: string };
        }[]
      ).map((e) => e.user.username);
    expect(await entries(street)).toEqual(['xa.admin']);
    expect((await entries(await stack.loginAs('audit.admin'))).sort()).toEqual(['sec.admin', 'xa.admin']);
  });

  it("audits an outsider's refused read of a key person's file and of a petition, once each", async () => {
    const outsider = await userAs('outsider', 'BA-XX-C01', ['STAFF']);
    await outsider.agent.get(`/api/patients/${patient}`).expect(404);
    await outsider.agent.get(`/api/petitions/${petition}`).expect(404);
    await outsider.agent.get(`/api/petitions/${petition}/notices/none`).expect(404);
    const entries = await stack.prisma.auditLog.findMany({
      where: { userId: outsider.id, action: { not: 'auth.login' } },
      select: { action: true, subjectType: true, subjectId: true, status: true, address: true },
      orderBy: { id: 'asc' },
    });
    expect(entries).toEqual([
      {
        action: 'patient.read',
        subjectType: 'Person',
        subjectId: patient,
        status: 404,
        address: expect.any(String),
      },
      {
        action: 'petition.read',
        subjectType: 'Petition',
        subjectId: petition,
        status: 404,
        address: expect.any(String),
      },
      {
        action: 'petition.notice.read',
        subjectType: 'Petition',
        subjectId: petition,
        status: 404,
        address: expect.any(String),
      },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of an audit entry at the database', async () => {
    const entry = await stack.prisma.auditLog.create({
      data: { action: 'test.append-only', subjectType: 'Test', subjectId: run, status: 200 },
    });
    await expect(
      stack.prisma.$executeRaw`UPDATE "AuditLog" SET status = 500 WHERE id = ${entry.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(stack.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${entry.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.prisma.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    expect(await stack.prisma.auditLog.findUnique({ where: { id: entry.id } })).toMatchObject({
      status: 200,
    });
  });
});
