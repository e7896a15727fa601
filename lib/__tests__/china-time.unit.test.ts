import { beijingDate, beijingDayStart } from '../china-time';

describe('Beijing days', () => {
  it('starts 今日 at Beijing midnight whatever the zone: 16:00 UTC the day before', () => {
    // 2026-12-05 23:30 UTC is already 2026-12-06 07:30 in Beijing.
    const now = new Date('2026-12-05T23:30:00Z');
    expect(beijingDayStart(now).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(beijingDayStart(now, 1).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(beijingDate(beijingDayStart(now))).toBe('2026-12-06');
    // 15:59 UTC is still the Beijing day before.
    expect(beijingDayStart(new Date('2026-12-05T15:59:59Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });
});
