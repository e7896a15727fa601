import {
  clockVerdict,
  emptyCounts,
  hasWork,
  isPetitionSatisfied,
  onTimeVerdict,
  rank,
  responseVerdict,
  scoreOf,
  unitsOnPath,
  type Weights,
} from '../scoring';

const W: Weights = {
  responseWeight: 30,
  onTimeWeight: 35,
  satisfactionWeight: 35,
  reworkWeight: 10,
  yellowCardDeduction: 5,
  redCardDeduction: 10,
  mediationWeight: 0,
  preventionWeight: 0,
  petitionAcceptWeight: 0,
  petitionOnTimeWeight: 0,
  petitionSatisfactionWeight: 0,
  petitionRepeatWeight: 0,
  separationOverrideDeduction: 2,
  patrolWeight: 0,
  claimWorkingDays: 1,
};
const at = (iso: string) => new Date(iso);

describe('assessment scoring', () => {
  it('weighs 巡查率 once given a weight; at weight 0 or alone it changes nothing', () => {
    const c = { ...emptyCounts(), responseOnTime: 1, responseTotal: 2, patrolWeeks: 4, patrolWeeksMet: 3 };
    // 30·½ / 30 · 100 = 50 whatever the patrol weeks, at weight 0.
    expect(scoreOf(c, W)).toBe(50);
    // Weight 20: full 120 over the counted 30 + 20: (15 + 20·¾) / 50 · 120 = 72.
    expect(scoreOf(c, { ...W, patrolWeight: 20 })).toBe(72);
    // Patrol weeks alone do not make a unit ranked: walking is not case work.
    expect(hasWork({ ...emptyCounts(), patrolWeeks: 4 })).toBe(false);
  });

  it('weighs 及时受理率, 按期办结率 and 群众满意率 of petitions and deducts 重复信访率 once weighted', () => {
    const w = {
      ...W,
      petitionAcceptWeight: 10,
      petitionOnTimeWeight: 20,
      petitionSatisfactionWeight: 10,
      petitionRepeatWeight: 10,
    };
    const c = {
      ...emptyCounts(),
      satisfied: 1,
      visited: 1,
      petitionsDecisionDue: 2,
      petitionsDecidedInTime: 1,
      petitionsHandlingDue: 4,
      petitionsHandledOnTime: 3,
      petitionsEvaluated: 2,
      petitionsSatisfied: 2,
      petitionsReceived: 4,
      petitionsRepeated: 1,
    };
    // Full weight 100 + 10 + 20 + 10 = 140 over the counted 35 + 10 + 20 + 10 = 75:
    // (35·1 + 10·1/2 + 20·3/4 + 10·2/2) / 75 · 140 = 65 / 75 · 140 = 121.33; − 10·1/4 = 118.83
    expect(scoreOf(c, w)).toBe(118.83);
    // Weighted 0 (the default), they change nothing.
    expect(scoreOf(c, W)).toBe(100);
    // A unit with petitions only has work to be ranked on.
    expect(hasWork({ ...emptyCounts(), petitionsReceived: 1 })).toBe(true);
    expect(hasWork(emptyCounts())).toBe(false);
    expect([isPetitionSatisfied('basicallySatisfied'), isPetitionSatisfied('unsatisfied')]).toEqual([
      true,
      false,
    ]);
  });

  it('counts a petition clock once, in the period it settled: at the step when in time, else at the limit', () => {
    const march: [Date, Date] = [at('2026-03-01T00:00:00+08:00'), at('2026-04-01T00:00:00+08:00')];
    const asOf = at('2026-04-01T01:00:00+08:00');
    const due = at('2026-03-20T23:59:59.999+08:00');
    // Decided in time in March: a hit in March.
    expect(clockVerdict(at('2026-03-10T10:00:00+08:00'), due, march, asOf)).toBe(true);
    // Decided late (in April) or never: a miss in March, where the limit passed.
    expect(clockVerdict(at('2026-04-02T10:00:00+08:00'), due, march, asOf)).toBe(false);
    expect(clockVerdict(null, due, march, asOf)).toBe(false);
    // Done in time in February for a March limit: February's, not March's.
    expect(clockVerdict(at('2026-02-27T10:00:00+08:00'), due, march, asOf)).toBeNull();
    // A limit still to come when the run looks: not counted yet.
    expect(clockVerdict(null, due, march, at('2026-03-15T00:00:00+08:00'))).toBeNull();
    // No limit (不予受理 has no handling clock): never counted.
    expect(clockVerdict(null, null, march, asOf)).toBeNull();
  });

  it('weighs 调解成功率 and 防激化率 once a designer gives them weight, over the disputes that ended', () => {
    const w = { ...W, mediationWeight: 20, preventionWeight: 10 };
    const c = {
      ...emptyCounts(),
      satisfied: 1,
      visited: 1,
      disputesEnded: 4,
      disputesSettled: 3,
      disputesCalm: 2,
    };
    // Full weight 30 + 35 + 35 + 20 + 10 = 130 over the counted 35 + 20 + 10 = 65:
    // (35·1 + 20·3/4 + 10·2/4) / 65 · 130 = (35 + 15 + 5) · 2 = 110
    expect(scoreOf(c, w)).toBe(110);
    // Weighted 0 (the default), they change nothing.
    expect(scoreOf(c, W)).toBe(100);
    // No dispute ended: their weight is shared by the others.
    expect(scoreOf({ ...c, disputesEnded: 0, disputesSettled: 0, disputesCalm: 0 }, w)).toBe(130);
  });

  it('weights the three rates and deducts rework and cards', () => {
    // 30·3/4 + 35·1/2 + 35·2/2 = 22.5 + 17.5 + 35 = 75; − 10·1/4 − 5 − 10 = 57.5
    const c = {
      ...emptyCounts(),
      responseOnTime: 3,
      responseTotal: 4,
      solvedOnTime: 1,
      solvedTotal: 2,
      satisfied: 2,
      visited: 2,
      reworked: 1,
      handled: 4,
      yellowCards: 1,
      redCards: 1,
    };
    expect(scoreOf(c, W)).toBe(57.5);
    expect(scoreOf(c, { ...W, responseWeight: 50 })).toBe(
      // (50·3/4 + 17.5 + 35) / 120 · 120 = 90; − 2.5 − 15 = 72.5
      72.5,
    );
  });

  it('shares the weight of an indicator with nothing to count, and gives full marks for no work', () => {
    // Only satisfaction counted: 1/2 of the full 100.
    expect(scoreOf({ ...emptyCounts(), satisfied: 1, visited: 2 }, W)).toBe(50);
    expect(scoreOf(emptyCounts(), W)).toBe(100);
    // Rework without any handled task counts as the full rate.
    expect(scoreOf({ ...emptyCounts(), reworked: 1 }, W)).toBe(90);
  });

  it('rounds to two decimals', () => {
    expect(scoreOf({ ...emptyCounts(), responseOnTime: 1, responseTotal: 3 }, W)).toBe(33.33);
  });

  it('ranks best first with shared ranks for equal scores', () => {
    const ranked = rank([
      { unitId: 'C', score: 80 },
      { unitId: 'A', score: 90 },
      { unitId: 'B', score: 80 },
      { unitId: 'D', score: 70 },
    ]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });

  it('counts a claim in time, late, pending, and an unclaimed task past its claim time', () => {
    const base = {
      createdAt: at('2026-09-01T01:00:00Z'),
      dueDate: null,
      completedAt: null,
      state: 'OPEN' as const,
    };
    const deadline = at('2026-09-02T01:00:00Z');
    const asOf = at('2026-10-01T00:00:00Z');
    expect(responseVerdict({ ...base, claimedAt: at('2026-09-02T01:00:00Z') }, deadline, asOf)).toBe(true);
    expect(responseVerdict({ ...base, claimedAt: at('2026-09-02T01:00:01Z') }, deadline, asOf)).toBe(false);
    expect(responseVerdict({ ...base, claimedAt: null }, deadline, asOf)).toBe(false);
    expect(responseVerdict({ ...base, claimedAt: null }, deadline, at('2026-09-01T12:00:00Z'))).toBeNull();
  });

  it('counts completion by the due date, late, past due and open, and open before its due date', () => {
    const base = {
      createdAt: at('2026-09-01T01:00:00Z'),
      claimedAt: null,
      dueDate: at('2026-09-05T00:00:00Z'),
    };
    const asOf = at('2026-10-01T00:00:00Z');
    const done = (completedAt: string) => ({
      ...base,
      completedAt: at(completedAt),
      state: 'COMPLETED' as const,
    });
    expect(onTimeVerdict(done('2026-09-04T00:00:00Z'), asOf)).toBe(true);
    expect(onTimeVerdict(done('2026-09-06T00:00:00Z'), asOf)).toBe(false);
    expect(onTimeVerdict({ ...base, completedAt: null, state: 'CANCELED' }, asOf)).toBe(false);
    expect(
      onTimeVerdict({ ...base, completedAt: null, state: 'OPEN' }, at('2026-09-03T00:00:00Z')),
    ).toBeNull();
    expect(onTimeVerdict({ ...done('2026-09-30T00:00:00Z'), dueDate: null }, asOf)).toBe(true);
  });

  it('finds the ranked units on an org path', () => {
    const ranked = new Map([
      ['BA-XA', 'street'],
      ['BA-XA-C01', 'community'],
    ]);
    expect(unitsOnPath('/BA/BA-XA/BA-XA-C01/BA-XA-C01-G01/', ranked)).toEqual(['street', 'community']);
    expect(unitsOnPath(null, ranked)).toEqual([]);
  });
});
