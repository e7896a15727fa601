/** The planner's grouping of one enterprise's plans and its choice of lead (no engine or database). */
import { leadOf, mergeGroups } from '../api/joint-inspections.service';

const plan = (id: string, deptId: string, start: string, end: string, filed = 0) => ({
  id,
  businessId: 'b',
  deptId,
  periodStart: new Date(`${start}T00:00:00Z`),
  periodEnd: new Date(`${end}T00:00:00Z`),
  createdAt: new Date(filed),
});
const days = (g: { start: Date; end: Date }) => [g.start, g.end].map((d) => d.toISOString().slice(0, 10));

describe('merging plans', () => {
  it('groups plans that share days, over the days they all share', () => {
    const groups = mergeGroups([
      plan('b', 'MARKET', '2027-02-01', '2027-04-30'),
      plan('a', 'HOUSING', '2027-01-01', '2027-03-31'),
      plan('c', 'POLICE', '2027-03-15', '2027-05-31'),
      plan('d', 'HEALTH', '2027-04-01', '2027-04-10'),
    ]);
    expect(groups.map((g) => g.plans.map((p) => p.id))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(days(groups[0])).toEqual(['2027-03-15', '2027-03-31']);
  });
  it('keeps apart plans that only touch or do not meet', () => {
    const groups = mergeGroups([
      plan('a', 'X', '2027-01-01', '2027-01-31'),
      plan('b', 'Y', '2027-02-01', '2027-02-28'),
    ]);
    expect(groups).toHaveLength(2);
  });
  it('leads with the department of most plans, then the first to file', () => {
    expect(
      leadOf([plan('a', 'X', '2027-01-01', '2027-01-31', 1), plan('b', 'Y', '2027-01-01', '2027-01-31', 2)]),
    ).toBe('X');
    expect(
      leadOf([
        plan('a', 'X', '2027-01-01', '2027-01-31', 1),
        plan('b', 'Y', '2027-01-01', '2027-01-31', 2),
        plan('c', 'Y', '2027-01-01', '2027-01-31', 3),
      ]),
    ).toBe('Y');
  });
});
