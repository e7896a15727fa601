import { drawSample, unitQuota, type Candidate } from '../draw';

const cases = (unitId: string, categoryCode: string, n: number): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ eventId: `${unitId}-${categoryCode}-${i}`, unitId, categoryCode }));

describe('the 民调 draw', () => {
  const archive = [...cases('G1', 'env', 30), ...cases('G1', 'road', 10), ...cases('G2', 'env', 3)];

  it('gives the same cases for the same seed, whatever order the archive comes in', () => {
    const a = drawSample(archive, 'seed-1', { share: 0.1, minPerUnit: 2 });
    const b = drawSample([...archive].reverse(), 'seed-1', { share: 0.1, minPerUnit: 2 });
    expect(b).toEqual(a);
    expect(drawSample(archive, 'seed-2', { share: 0.1, minPerUnit: 2 })).not.toEqual(a);
  });

  it('takes a share of each unit, at least the minimum, spread over its categories', () => {
    const drawn = drawSample(archive, 's', { share: 0.1, minPerUnit: 2 });
    const count = (unit: string, cat?: string) =>
      drawn.filter((c) => c.unitId === unit && (!cat || c.categoryCode === cat)).length;
    expect([count('G1', 'env'), count('G1', 'road'), count('G2')]).toEqual([3, 1, 2]);
    expect(unitQuota(1, { share: 0.05, minPerUnit: 2 })).toBe(1);
    expect(new Set(drawn.map((c) => c.eventId)).size).toBe(drawn.length);
  });
});
