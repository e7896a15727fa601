/**
 * 试算 of a dispatch rule against the real engine: events of a category of the suite's own are
 * reported through the API and dispatched by the deployed `event-dispatch` decision; a draft that
 * sends that category to 城管 is replayed on the period, and its counts and case list are exactly
 * those events. The unchanged table changes nothing; the replay leaves no deployment behind and
 * no decision version; the trial is kept, audited, and refused to those who do not design.
 */
import type { Agent } from 'supertest';
import { reportEvent, taskFor } from '../../../../../test/events';
import { suiteStack } from '../../../../../test/harness';

const CATEGORY = `trial-${Date.now().toString(36)}`;

describe('试算: a draft decision replayed on recorded evaluations', () => {
  const stack = suiteStack({ workers: true });
  const { prisma } = stack;
  let designer: Agent;
  let deployedXml: string;
  let from: string;
  const events: { id: string; caseNo: string }[] = [];

  beforeAll(async () => {
    await prisma.eventCategory.create({ data: { code: CATEGORY, name: '试算测试类别' } });
    designer = await stack.loginAs('designer');
    const graphs = (await designer.get('/api/processes/decisions').expect(200)).body.items as {
      decisionRequirementsId: string;
      versions: { key: string; decisionIds: string[] }[];
    }[];
    const latest = graphs.find((g) => g.versions[0].decisionIds.includes('event-dispatch'))!.versions[0];
    deployedXml = (await designer.get(`/api/processes/decisions/${latest.key}`).expect(200)).body.xml;

    from = new Date(Date.now() - 1000).toISOString();
    const member = await stack.loginAs('grid.hw01');
    for (let i = 0; i < 3; i++) events.push(await reportEvent(member, { category: CATEGORY, description: `试算 ${i}` }));
    // Dispatched: the decision has run for each.
    for (const e of events) await taskFor(member, e.id, 'handle');
  }, 120_000);

  /** The deployed table with one rule first: this category goes to 城管 at any level. */
  const draftMovingCategory = () =>
    deployedXml.replace(
      '<rule id="rule-dispute-mediation">',
      `<rule id="rule-trial-category">
        <description>试算：此类别交城管</description>
        <inputEntry id="rt-level"><text>-</text></inputEntry>
        <inputEntry id="rt-category"><text>"${CATEGORY}"</text></inputEntry>
        <inputEntry id="rt-urgency"><text>-</text></inputEntry>
        <outputEntry id="rt-out"><text>"dept:urban"</text></outputEntry>
      </rule>
      <rule id="rule-dispute-mediation">`,
    );

  it('counts and lists exactly the cases the moved category had', async () => {
    const versionsBefore = await stack.engine.decisionDefinitions({ key: 'event-dispatch' });
    const res = await designer
      .post('/api/processes/decisions/trials')
      .send({ xml: draftMovingCategory(), from, to: new Date().toISOString(), progressId: 'trial-progress-1' })
      .expect(201);
    const trial = res.body;
    // Its progress, as the dialog polls it: the last stage, every replayed evaluation; nobody else's.
    expect((await designer.get('/api/progress/trial-progress-1').expect(200)).body).toMatchObject({
      stage: 'summarise',
      done: trial.evaluations - trial.notReplayable,
      total: trial.evaluations - trial.notReplayable,
    });
    const other = await stack.loginAs('xa.staff');
    expect((await other.get('/api/progress/trial-progress-1').expect(200)).body.stage).toBeNull();
    await designer.get('/api/progress/not%20an%20id').expect(400);
    expect(trial.decisionId).toBe('event-dispatch');
    expect(trial.evaluations).toBeGreaterThanOrEqual(3);
    expect(trial.changed).toBe(3);
    expect(trial.changes).toEqual([{ from: 'handler = "level"', to: 'handler = "dept:urban"', count: 3 }]);
    expect(trial.cases.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual(events.map((e) => e.caseNo).sort());
    expect(trial.cases.map((c: { link: string }) => c.link).sort()).toEqual(
      events.map((e) => `/cases/${e.id}`).sort(),
    );
    // 海旺社区's events were first handled under 新安街道.
    expect(trial.byUnit).toEqual([{ unitId: 'BA-XA', unitName: '新安街道', changed: 3 }]);
    expect(trial.rulesNeverHit.map((r: { id: string }) => r.id)).toContain('rule-district-security');
    expect(trial.rulesNeverHit.map((r: { id: string }) => r.id)).not.toContain('rule-trial-category');
    expect(trial.failures).toEqual([]);

    // Nothing live changed: no version of the decision, no trial deployment left, the cases as they were.
    expect(await stack.engine.decisionDefinitions({ key: 'event-dispatch' })).toHaveLength(versionsBefore.length);
    expect(await stack.engine.decisionDefinitions({ keyLike: 'trial-%' })).toEqual([]);
    const handlers = await prisma.event.findMany({ where: { id: { in: events.map((e) => e.id) } } });
    expect(handlers.every((e) => e.handlerUnitId === 'BA-XA-C01-G01')).toBe(true);

    // Kept and audited: the deploy dialog reads it back.
    const kept = (await designer.get('/api/processes/decisions/trials/event-dispatch').expect(200)).body.items;
    expect(kept[0]).toMatchObject({ id: trial.id, changed: 3, runByName: expect.any(String) });
    const audit = await prisma.auditLog.findFirst({ where: { action: 'decision.trial', subjectId: 'event-dispatch' } });
    expect(audit?.detail).toMatchObject({ trialId: trial.id, changed: 3 });
  }, 120_000);

  it('finds no change in the table as deployed', async () => {
    const trial = (
      await designer
        .post('/api/processes/decisions/trials')
        .send({ xml: deployedXml, from, to: new Date().toISOString() })
        .expect(201)
    ).body;
    expect(trial.evaluations).toBeGreaterThanOrEqual(3);
    expect(trial.changed).toBe(0);
    expect(trial.cases).toEqual([]);
  }, 120_000);

  it('says what to fix, and is the designer’s alone', async () => {
    const fieldsOf = (res: { body: { error: { fields: { field: string }[] } } }) =>
      res.body.error.fields.map((f) => f.field);
    expect(
      fieldsOf(
        await designer
          .post('/api/processes/decisions/trials')
          .send({ xml: deployedXml, decisionId: 'no-such-decision' })
          .expect(400),
      ),
    ).toContain('decisionId');
    expect(
      fieldsOf(
        await designer
          .post('/api/processes/decisions/trials')
          .send({ xml: deployedXml, from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })
          .expect(400),
      ),
    ).toContain('from');
    // A draft that is not a DMN the engine can read: refused, naming the draft.
    const unreadable = deployedXml.replace('<decisionTable', '<decisionTable hitPolicy="NO-SUCH-POLICY"');
    expect(
      fieldsOf(await designer.post('/api/processes/decisions/trials').send({ xml: unreadable, from }).expect(400)),
    ).toHaveLength(1);
    // A rule whose FEEL fails on the recorded inputs: tried, and the failure counted with the engine's words.
    const failing = (
      await designer
        .post('/api/processes/decisions/trials')
        .send({ xml: draftMovingCategory().replace('"dept:urban"', 'dept:urban + 1'), from })
        .expect(201)
    ).body;
    expect(failing.failures).toEqual([{ message: expect.any(String), count: 3 }]);
    expect(failing.changed).toBe(0);
    // A field the route does not take is named, not ignored; a body that is not JSON is refused;
    // neither keeps a trial.
    const kept = await prisma.decisionTrial.count();
    expect(
      fieldsOf(
        await designer.post('/api/processes/decisions/trials').send({ xml: deployedXml, deploy: true }).expect(400),
      ),
    ).toEqual(['deploy']);
    await designer
      .post('/api/processes/decisions/trials')
      .set('Content-Type', 'application/json')
      .send('{"xml": ')
      .expect(400);
    expect(await prisma.decisionTrial.count()).toBe(kept);
    const member = await stack.loginAs('grid.hw01');
    await member.post('/api/processes/decisions/trials').send({ xml: deployedXml }).expect(403);
    await member.get('/api/processes/decisions/trials/event-dispatch').expect(403);
  }, 120_000);
});
