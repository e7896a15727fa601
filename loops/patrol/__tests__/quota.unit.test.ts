import { monthPeriod } from '../../../lib/assessment-period';
import { againstQuota, periodsEndedIn } from '../quota';

const span = (start: string, minutes: number | null, buildingIds: string[], lastPointAt?: string) => ({
  startedAt: new Date(start),
  endedAt: minutes === null ? null : new Date(Date.parse(start) + minutes * 60_000),
  lastPointAt: lastPointAt ? new Date(lastPointAt) : null,
  buildingIds,
});

describe('patrol weeks against a quota', () => {
  it('lists the China-time weeks that ended in a month, each in one month only', () => {
    const mondays = (key: string) => {
      const p = monthPeriod(key);
      return periodsEndedIn(new Date(p.periodStart), new Date(p.periodEnd), 'WEEK').map((d) =>
        d.toISOString(),
      );
    };
    // September 2025 began on a Monday: the week of 29 Sep ends in October.
    expect(mondays('2025-09')).toEqual([
      '2025-08-31T16:00:00.000Z',
      '2025-09-07T16:00:00.000Z',
      '2025-09-14T16:00:00.000Z',
      '2025-09-21T16:00:00.000Z',
    ]);
    // November 2025 ended on a Sunday: the week of 24 Nov ends at its end and counts in it.
    expect(mondays('2025-10')[0]).toBe('2025-09-28T16:00:00.000Z');
    expect(mondays('2025-11')).toHaveLength(5);
    expect(mondays('2025-11').at(-1)).toBe('2025-11-23T16:00:00.000Z');
  });

  it('lists the China-time days that ended in a month, each in one month only', () => {
    const p = monthPeriod('2026-02');
    const days = periodsEndedIn(new Date(p.periodStart), new Date(p.periodEnd), 'DAY');
    expect(days).toHaveLength(28);
    expect(days[0].toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(days.at(-1)!.toISOString()).toBe('2026-02-27T16:00:00.000Z');
    // A month not over yet: only the days that ended by then.
    expect(
      periodsEndedIn(new Date(p.periodStart), new Date('2026-02-03T10:00:00+08:00'), 'DAY'),
    ).toHaveLength(2);
  });

  it('meets the quota only when minutes, check-ins and distinct buildings all reach it', () => {
    const quota = { minutes: 60, checkIns: 2, buildings: 2 };
    const now = new Date('2025-09-10T00:00:00Z');
    const walks = [span('2025-09-02T01:00:00Z', 40, ['a']), span('2025-09-03T01:00:00Z', 20, ['a'])];
    expect(againstQuota(walks, quota, now)).toEqual({
      minutes: 60,
      checkIns: 2,
      buildings: 1,
      met: false,
    });
    walks.push(span('2025-09-04T01:00:00Z', null, ['b'], '2025-09-04T01:10:00Z'));
    expect(againstQuota(walks, quota, now)).toEqual({
      minutes: 70,
      checkIns: 3,
      buildings: 2,
      met: true,
    });
    expect(againstQuota(walks, null, now).met).toBeNull();
  });
});
