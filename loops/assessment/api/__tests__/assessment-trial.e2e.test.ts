/**
 * 试算 of the 考评 on a computed period: a claimed task gives 海旺社区 its one indicator (签收及时率
 * 100 %, the full 100); a draft `assessment-weights` table doubling the rate weights doubles it,
 * ranks unchanged; colour limits alone change only colours; nothing is published or deployed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../../lib/processes';
import { reportEvent, taskFor } from '../../../../test/events';
import { eventually, suiteStack } from '../../../../test/harness';

const DMN = readFileSync(path.join(PROCESSES_DIR, 'assessment-weights.dmn'), 'utf8');

describe('试算 of the 考评: draft weights and colour limits on a computed period', () => {
  const stack = suiteStack({ workers: true });
  const { prisma } = stack;
  const period = new Date().toISOString().slice(0, 7);

  beforeAll(async () => {
    const member = await stack.loginAs('grid.hw01');
    const event = await reportEvent(member, { description: '考评试算' });
    const task = await taskFor(member, event.id, 'handle');
    await member.post(`/api/tasks/${task.key}/claim`).expect(200);
    const lead = await stack.loginAs('district.lead');
    await lead.post('/api/assessment/runs').send({ period }).expect(202);
    await eventually(
      async () =>
        (await prisma.assessmentRun.findUnique({ where: { periodKey: period } }))?.computedAt ?? undefined,
      60_000,
    );
  }, 120_000);

  const haiwang = (units: { unitId: string }[]) => units.find((u) => u.unitId === 'BA-XA-C01');

  it('doubles the score of a unit whose only indicator doubles its weight, and keeps the ranks', async () => {
    const lead = await stack.loginAs('district.lead');
    const ranking = async () =>
      (await lead.get('/api/assessment/rankings').query({ period, level: 'COMMUNITY' }).expect(200)).body;
    const published = await ranking();
    const versions = (await stack.engine.decisionDefinitions({ key: 'assessment-weights' })).length;
    const doubled = DMN.replace('<text>30</text>', '<text>60</text>')
      .replace('<text>35</text>', '<text>70</text>')
      .replace('<text>35</text>', '<text>70</text>');
    const trial = (await lead.post('/api/assessment/trials').send({ period, xml: doubled }).expect(200)).body;
    expect(haiwang(trial.units)).toMatchObject({ level: 'COMMUNITY', scoreBefore: 100, scoreAfter: 200 });
    expect(
      trial.units.every((u: { rankBefore: number; rankAfter: number }) => u.rankBefore === u.rankAfter),
    ).toBe(true);
    expect(trial.scoresChanged).toBeGreaterThanOrEqual(1);

    // Nothing published or deployed: the 红黑榜 and the decision are as they were.
    expect(await ranking()).toEqual(published);
    expect(await stack.engine.decisionDefinitions({ key: 'assessment-weights' })).toHaveLength(versions);
    expect(await stack.engine.decisionDefinitions({ keyLike: 'trial-%' })).toEqual([]);
    const audit = await prisma.auditLog.findFirst({ where: { action: 'assessment.trial' } });
    expect(audit?.detail).toMatchObject({ draft: true, scoresChanged: trial.scoresChanged });
  }, 120_000);

  it('changes only colours when only the limits change', async () => {
    const lead = await stack.loginAs('district.lead');
    const trial = (await lead.post('/api/assessment/trials').send({ period, redMin: -1000 }).expect(200))
      .body;
    expect(trial.scoresChanged).toBe(0);
    expect(trial.units.every((u: { bandAfter: string }) => u.bandAfter === 'red')).toBe(true);
    expect(trial.coloursChanged).toBe(
      trial.units.filter((u: { bandBefore: string | null }) => u.bandBefore !== 'red').length,
    );
    expect(trial.bands.after.redMin).toBe(-1000);
  }, 60_000);

  it('says what to fix, and is for those who run the 考评', async () => {
    const lead = await stack.loginAs('district.lead');
    const field = async (body: object) =>
      (await lead.post('/api/assessment/trials').send(body).expect(400)).body.error.fields[0].field;
    expect(await field({ period })).toBe('xml');
    expect(await field({ period: '2001-01', redMin: 90 })).toBe('period');
    expect(await field({ period, xml: DMN.replaceAll('assessment-weights"', 'other-weights"') })).toBe('xml');
    await (
      await stack.loginAs('xa.supervisor')
    )
      .post('/api/assessment/trials')
      .send({ period, redMin: 90 })
      .expect(403);
    await (
      await stack.loginAs('grid.hw01')
    )
      .post('/api/assessment/trials')
      .send({ period, redMin: 90 })
      .expect(403);
  }, 60_000);
});
