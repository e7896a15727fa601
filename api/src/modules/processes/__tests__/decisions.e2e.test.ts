/**
 * Decision tables in the designer API against the real engine: who may use it, a malformed
 * table refused with nothing recorded, a changed yellow card deduction deployed as the next
 * version, the next assessment run scoring with it (the engine's business rule task evaluates
 * the latest version), and `npm start`'s redeploy leaving the designer's version in place.
 */
import type { Agent } from 'supertest';
import { deployProcesses } from '../../../../../lib/processes';
import { fileDecision, restoreFileDecision, yellowCard } from '../../../../../test/designer';
import { createTestStack, eventually } from '../../../../../test/harness';

type Version = { key: string; version: number; decisionIds: string[] };
type Graph = { decisionRequirementsId: string; versions: Version[] };

describe('decision tables in the designer API', () => {
  const stack = createTestStack({ workers: true });
  let designer: Agent;

  beforeAll(async () => {
    designer = await stack.loginAs('designer');
  });
  afterAll(async () => {
    if (designer) await restoreFileDecision(designer);
    await stack.close();
  });

  const versions = async () => {
    const res = await designer.get('/api/processes/decisions').expect(200);
    const graph = (res.body.items as Graph[]).find((g) => g.decisionRequirementsId === 'assessment-weights-definitions');
    return graph!.versions;
  };

  it('lists the decision deployed from processes/ with its XML, for designers only', async () => {
    const [latest] = await versions();
    expect(latest.decisionIds).toEqual(['assessment-weights']);
    const one = await designer.get(`/api/processes/decisions/${latest.key}`).expect(200);
    expect(one.body.xml).toContain('<decision id="assessment-weights"');
    const file = await designer.get(`/api/processes/decisions/${latest.key}/dmn`).expect(200);
    expect(file.headers['content-disposition']).toContain(`assessment-weights-v${latest.version}.dmn`);
    await designer.get('/api/processes/decisions/1').expect(404);

    await stack.http().get('/api/processes/decisions').expect(401);
    const member = await stack.loginAs('grid.hw01');
    await member.get('/api/processes/decisions').expect(403);
    await member.get(`/api/processes/decisions/${latest.key}`).expect(403);
    await member.post('/api/processes/decisions').send({ xml: yellowCard(6) }).expect(403);
    await (await stack.loginAs('district.lead')).post('/api/processes/decisions').send({ xml: yellowCard(6) }).expect(403);
  });

  it('refuses a malformed table, naming the problem, and records nothing', async () => {
    const count = await stack.prisma.decisionDefinition.count();
    const broken = await designer
      .post('/api/processes/decisions')
      .send({ xml: fileDecision().replace('</decisionTable>', '') })
      .expect(400);
    expect(broken.body.error.code).toBe('error.badDmn');
    expect(broken.body.error.message['zh-CN']).toContain('决策表');
    expect(broken.body.error.fields[0]).toMatchObject({ field: 'xml', message: { en: expect.stringMatching(/line/) } });
    const noDecision = await designer
      .post('/api/processes/decisions')
      .send({ xml: '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="empty" />' })
      .expect(400);
    expect(noDecision.body.error.fields[0].message.en).toBe('no decision');
    const badId = await designer
      .post('/api/processes/decisions')
      .send({ xml: fileDecision().replace('<decision id="assessment-weights"', '<decision id="AssessmentWeights"') })
      .expect(400);
    expect(badId.body.error.fields[0].message.en).toBe('AssessmentWeights');
    await designer.post('/api/processes/decisions').send({}).expect(400);
    expect(await stack.prisma.decisionDefinition.count()).toBe(count);
  });

  it('deploys a changed weight as the next version, and the next assessment run scores with it', async () => {
    const [before] = await versions();
    const res = await designer.post('/api/processes/decisions').send({ xml: yellowCard(6) }).expect(201);
    expect(res.body).toMatchObject({ decisionRequirementsId: 'assessment-weights-definitions', version: before.version + 1 });
    const [latest] = await versions();
    expect(latest).toMatchObject({ key: res.body.key, version: before.version + 1 });
    const audit = await stack.prisma.auditLog.findFirst({ where: { action: 'decision.deploy', subjectId: res.body.key } });
    expect(audit?.detail).toMatchObject({ version: latest.version });

    // An on-demand run of a month no other suite scores: the engine's business rule task
    // evaluates the latest decision, and the run stores the weights it returned.
    const lead = await stack.loginAs('district.lead');
    await lead.post('/api/assessment/runs').send({ period: '2024-02' }).expect(202);
    const run = await eventually(
      async () =>
        (await stack.prisma.assessmentRun.findFirst({ where: { periodKey: '2024-02', status: 'CLOSED' } })) ??
        undefined,
      30_000,
    );
    const weights = Object.values(run.weights as Record<string, { yellowCardDeduction: number; responseWeight: number }>);
    expect(weights.length).toBeGreaterThan(0);
    for (const w of weights) expect(w).toMatchObject({ yellowCardDeduction: 6, responseWeight: 30 });
  });

  it('is not undone by the redeploy of processes/ at the next start', async () => {
    const [latest] = await versions();
    const { kept } = await deployProcesses(stack.engine, stack.prisma);
    expect(kept).toContainEqual({
      file: 'assessment-weights.dmn',
      id: 'assessment-weights-definitions',
      latestVersion: latest.version,
    });
    expect((await versions())[0]).toEqual(latest);
  });
});
