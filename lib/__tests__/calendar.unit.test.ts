// Deadlines decide who gets a 督办 card, so these pin exact instants against the real 2026
// State Council arrangement shipped by `chinese-days` (no mocks): a wrong day is a wrong card.
import { execFileSync } from 'node:child_process';

import { createCalendar, dueDates, SHIPPED_LAST_YEAR, statutoryHolidays } from '../calendar';

/** An instant given as Shanghai wall-clock time, e.g. sh('2026-03-02 09:00'). */
const sh = (wallClock: string): Date => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
const iso = (date: Date): string => date.toISOString();

const calendar = createCalendar();

describe('createCalendar: the 2026 table', () => {
  it('has a plain week: Monday to Friday work, the weekend does not', () => {
    const days = ['02', '03', '04', '05', '06', '07', '08'].map((d) =>
      calendar.isWorkingDay(sh(`2026-03-${d} 12:00`)),
    );
    expect(days).toEqual([true, true, true, true, true, false, false]);
  });

  it('follows the 2026 Mid-Autumn and National Day arrangement', () => {
    const arrangement: Record<string, boolean> = {
      '2026-09-19': false, // Saturday
      '2026-09-20': true, // Sunday, make-up working day for National Day
      '2026-09-24': true,
      '2026-09-25': false, // 中秋 Fri–Sun
      '2026-09-26': false,
      '2026-09-27': false,
      '2026-09-28': true,
      '2026-09-30': true,
      '2026-10-01': false, // 国庆 Thu Oct 1 – Wed Oct 7
      '2026-10-02': false,
      '2026-10-03': false,
      '2026-10-04': false,
      '2026-10-05': false,
      '2026-10-06': false,
      '2026-10-07': false,
      '2026-10-08': true,
      '2026-10-09': true,
      '2026-10-10': true, // Saturday, make-up working day
      '2026-10-11': false,
      '2026-10-12': true,
    };
    const actual = Object.fromEntries(
      Object.keys(arrangement).map((date) => [date, calendar.isWorkingDay(sh(`${date} 12:00`))]),
    );
    expect(actual).toEqual(arrangement);
  });
});

describe('addWorkingDays', () => {
  it('counts a plain week and keeps the Shanghai time of day', () => {
    const monday9 = sh('2026-03-02 09:00');
    expect(iso(calendar.addWorkingDays(monday9, 1))).toBe('2026-03-03T01:00:00.000Z');
    expect(iso(calendar.addWorkingDays(monday9, 3))).toBe('2026-03-05T01:00:00.000Z');
    expect(iso(calendar.addWorkingDays(monday9, 5))).toBe('2026-03-09T01:00:00.000Z'); // over the weekend
  });

  it('skips the National Day holiday and counts the make-up Saturday after it', () => {
    const tuesday10 = sh('2026-09-29 10:00');
    expect(iso(calendar.addWorkingDays(tuesday10, 1))).toBe('2026-09-30T02:00:00.000Z');
    expect(iso(calendar.addWorkingDays(tuesday10, 2))).toBe('2026-10-08T02:00:00.000Z');
    expect(iso(calendar.addWorkingDays(tuesday10, 4))).toBe('2026-10-10T02:00:00.000Z'); // Saturday
    expect(iso(calendar.addWorkingDays(tuesday10, 5))).toBe('2026-10-12T02:00:00.000Z');
  });

  it('skips the Mid-Autumn holiday', () => {
    expect(iso(calendar.addWorkingDays(sh('2026-09-24 10:00'), 1))).toBe('2026-09-28T02:00:00.000Z');
  });

  it('counts make-up working days on a weekend', () => {
    expect(iso(calendar.addWorkingDays(sh('2026-10-09 09:00'), 1))).toBe('2026-10-10T01:00:00.000Z'); // Sat
    expect(iso(calendar.addWorkingDays(sh('2026-09-18 09:00'), 1))).toBe('2026-09-20T01:00:00.000Z'); // Sun
  });

  it('lets an override turn a normal Monday into a holiday, in that calendar only', () => {
    const withOverride = createCalendar([{ date: '2026-03-09', working: false }]);
    const monday9 = sh('2026-03-02 09:00');
    expect(withOverride.isWorkingDay(sh('2026-03-09 12:00'))).toBe(false);
    expect(iso(withOverride.addWorkingDays(monday9, 5))).toBe('2026-03-10T01:00:00.000Z');
    expect(iso(createCalendar().addWorkingDays(monday9, 5))).toBe('2026-03-09T01:00:00.000Z');
  });

  it('lets overrides win over the table in both directions', () => {
    const custom = createCalendar([
      { date: '2026-10-03', working: true }, // a National Day holiday (and a Saturday) worked
      { date: '2026-10-10', working: false }, // the make-up Saturday given off
    ]);
    expect(iso(custom.addWorkingDays(sh('2026-09-29 10:00'), 2))).toBe('2026-10-03T02:00:00.000Z');
    expect(iso(custom.addWorkingDays(sh('2026-10-09 09:00'), 1))).toBe('2026-10-12T01:00:00.000Z');
  });

  it('starts a Sunday-evening event at 00:00 Shanghai of the next working day', () => {
    const sunday20 = sh('2026-03-08 20:00');
    expect(iso(calendar.addWorkingDays(sunday20, 0))).toBe('2026-03-08T16:00:00.000Z'); // Mon 00:00
    expect(iso(calendar.addWorkingDays(sunday20, 1))).toBe('2026-03-09T16:00:00.000Z'); // Tue 00:00
  });

  it('decides the day on the Shanghai date, not the UTC date', () => {
    const oct1ShanghaiEarly = new Date('2026-09-30T17:00:00Z'); // Oct 1 01:00 in Shanghai
    const sep30ShanghaiLate = new Date('2026-09-30T15:00:00Z'); // Sep 30 23:00 in Shanghai
    expect(calendar.isWorkingDay(oct1ShanghaiEarly)).toBe(false);
    expect(calendar.isWorkingDay(new Date('2026-09-30T15:59:59.999Z'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2026-03-08T16:30:00Z'))).toBe(true); // UTC Sunday, Shanghai Monday
    expect(iso(calendar.addWorkingDays(oct1ShanghaiEarly, 1))).toBe('2026-10-08T16:00:00.000Z'); // Oct 9 00:00
    expect(iso(calendar.addWorkingDays(sep30ShanghaiLate, 1))).toBe('2026-10-08T15:00:00.000Z'); // Oct 8 23:00
  });

  it('gives the same answers whatever the server time zone', () => {
    // Jest's sandbox cannot change the zone of its own process, so a child Node runs the module
    // under a negative UTC offset, where date handling built on local getters slips a day.
    const script = `
      const { createCalendar } = require(${JSON.stringify(require.resolve('../calendar'))});
      const c = createCalendar();
      const at = (s) => new Date(s + '+08:00');
      console.log(JSON.stringify({
        offset: new Date('2026-03-02T12:00:00Z').getTimezoneOffset(),
        days: ['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11']
          .map((d) => c.isWorkingDay(at(d + 'T12:00:00'))),
        deadline: c.addWorkingDays(at('2026-09-29T10:00:00'), 5).toISOString(),
      }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      offset: 480, // the child really ran in Los Angeles time
      days: [true, false, false, true, true, false],
      deadline: '2026-10-12T02:00:00.000Z',
    });
  });

  it('returns the start itself for 0 days on a working day', () => {
    expect(iso(calendar.addWorkingDays(sh('2026-03-02 09:00'), 0))).toBe('2026-03-02T01:00:00.000Z');
  });

  it('refuses negative, fractional and non-finite days and invalid dates', () => {
    const start = sh('2026-03-02 09:00');
    expect(() => calendar.addWorkingDays(start, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date('not a date'), 1)).toThrow(RangeError);
  });
});

describe('createCalendar overrides', () => {
  it('refuses dates that are not YYYY-MM-DD calendar dates, and contradictions', () => {
    expect(() => createCalendar([{ date: '2026-3-9', working: false }])).toThrow(RangeError);
    expect(() => createCalendar([{ date: '2026-02-30', working: false }])).toThrow(/2026-02-30/);
    expect(() =>
      createCalendar([
        { date: '2026-03-09', working: false },
        { date: '2026-03-09', working: true },
      ]),
    ).toThrow(/2026-03-09/);
  });
});

describe('addWorkingHours', () => {
  it('runs on the clock through a holiday', () => {
    expect(iso(calendar.addWorkingHours(sh('2026-10-01 03:00'), 1.5))).toBe('2026-09-30T20:30:00.000Z');
    expect(() => calendar.addWorkingHours(sh('2026-10-01 03:00'), -1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts whole working days with a sign that follows the direction', () => {
    const monday9 = sh('2026-03-02 09:00');
    const nextMonday9 = sh('2026-03-09 09:00');
    expect(calendar.workingDaysBetween(monday9, nextMonday9)).toBe(5);
    expect(calendar.workingDaysBetween(nextMonday9, monday9)).toBe(-5);
    expect(calendar.workingDaysBetween(monday9, new Date(nextMonday9.getTime() - 1))).toBe(4);
    expect(calendar.workingDaysBetween(new Date(nextMonday9.getTime() - 1), monday9)).toBe(-4);
    expect(calendar.workingDaysBetween(monday9, monday9)).toBe(0);
    expect(calendar.workingDaysBetween(sh('2026-03-02 10:00'), monday9)).toBe(0); // not -0
  });

  it('does not count the National Day holiday', () => {
    const before = sh('2026-09-29 10:00');
    const after = sh('2026-10-12 10:00');
    expect(calendar.workingDaysBetween(before, after)).toBe(5);
    expect(calendar.workingDaysBetween(after, before)).toBe(-5);
  });

  it('inverts addWorkingDays, also from a rest-day start', () => {
    for (const start of [sh('2026-09-29 10:00'), sh('2026-03-08 20:00'), sh('2026-10-03 08:00')]) {
      const counted = [0, 1, 2, 5, 10, 15].map((n) =>
        calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)),
      );
      expect(counted).toEqual([0, 1, 2, 5, 10, 15]);
    }
  });
});

describe('dueDates', () => {
  it('puts working-day thresholds on the calendar', () => {
    const handle = { unit: 'workingDays', yellow: 5, red: 10 } as const;
    const due = dueDates(sh('2026-09-29 10:00'), handle, calendar);
    expect(iso(due.yellowAt)).toBe('2026-10-12T02:00:00.000Z');
    expect(iso(due.redAt)).toBe('2026-10-19T02:00:00.000Z');

    const accept = dueDates(sh('2026-03-08 20:00'), { unit: 'workingDays', yellow: 1, red: 2 }, calendar);
    expect(iso(accept.yellowAt)).toBe('2026-03-09T16:00:00.000Z'); // Tue 00:00 Shanghai
    expect(iso(accept.redAt)).toBe('2026-03-10T16:00:00.000Z'); // Wed 00:00 Shanghai
  });

  it('puts hour thresholds on the clock, holidays included', () => {
    const urgent = dueDates(sh('2026-10-01 03:00'), { unit: 'hours', yellow: 0.5, red: 1 }, calendar);
    expect(iso(urgent.yellowAt)).toBe('2026-09-30T19:30:00.000Z');
    expect(iso(urgent.redAt)).toBe('2026-09-30T20:00:00.000Z');
  });

  it('refuses a yellow threshold after the red one', () => {
    expect(() => dueDates(new Date(), { unit: 'hours', yellow: 2, red: 1 }, calendar)).toThrow(RangeError);
  });
});

describe('addStatutoryDays', () => {
  const cal = createCalendar();
  it('moves a 60-day limit ending on National Day 2026 to the first working day after it', () => {
    // Accepted on 2026-08-03 (not counted): day 60 is 2026-10-02, inside the holiday.
    const limit = cal.addStatutoryDays(new Date('2026-08-03T10:00:00+08:00'), 60);
    expect(limit).toMatchObject({ countedDate: '2026-10-02', dueDate: '2026-10-08', rolledOver: true });
    expect(limit.dueAt.toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
  it('keeps a last day that is a working day, counting holidays inside the period', () => {
    const limit = cal.addStatutoryDays(new Date('2026-09-20T23:30:00+08:00'), 30);
    expect(limit).toMatchObject({ countedDate: '2026-10-20', dueDate: '2026-10-20', rolledOver: false });
  });
  it('moves a last day on a weekend to Monday and refuses bad day counts', () => {
    expect(cal.addStatutoryDays(new Date('2026-11-01T09:00:00+08:00'), 6).dueDate).toBe('2026-11-09');
    expect(() => cal.addStatutoryDays(new Date('2026-11-01T09:00:00+08:00'), 1.5)).toThrow(RangeError);
  });
});

describe('years after the shipped table', () => {
  it('computes the 2027 statutory holidays from the law and the lunar calendar', () => {
    expect(SHIPPED_LAST_YEAR).toBe(2026);
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' }, // 除夕: the lunar new year is Sat 2027-02-06
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午' },
      { date: '2027-09-15', name: '中秋' },
      { date: '2027-10-01', name: '国庆' },
      { date: '2027-10-02', name: '国庆' },
      { date: '2027-10-03', name: '国庆' },
    ]);
  });

  it('marks 2027 provisional and counts its computed holidays as rest days', () => {
    const cal = createCalendar();
    expect(cal.yearSource(2026)).toBe('shipped');
    expect(cal.yearSource(2027)).toBe('computed');
    expect(cal.isWorkingDay(sh('2027-01-01 12:00'))).toBe(false); // a Friday
    expect(cal.isWorkingDay(sh('2027-02-08 12:00'))).toBe(false); // a Monday, 初三
    expect(cal.isWorkingDay(sh('2027-09-15 12:00'))).toBe(false); // a Wednesday, 中秋
    expect(cal.isWorkingDay(sh('2027-09-16 12:00'))).toBe(true);
  });

  it('rolls a 2027 deadline ending on a computed holiday over to the next working day', () => {
    const cal = createCalendar();
    // Day 60 from 2027-08-02 is Fri 2027-10-01 (国庆); Oct 2 is a Saturday, Oct 3 国庆: Monday Oct 4.
    expect(cal.addStatutoryDays(sh('2027-08-02 10:00'), 60)).toMatchObject({
      countedDate: '2027-10-01',
      dueDate: '2027-10-04',
      rolledOver: true,
    });
    // Day 15 from 2027-08-31 is Wed 2027-09-15 (中秋).
    expect(cal.addStatutoryDays(sh('2027-08-31 10:00'), 15).dueDate).toBe('2027-09-16');
  });

  it('lets an imported arrangement replace the computed year', () => {
    // A published arrangement bridging National Day to Oct 7 with a make-up Saturday on Oct 9.
    const arranged = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2027-10-${d}`,
      working: false,
    }));
    const cal = createCalendar([...arranged, { date: '2027-10-09', working: true }], {
      importedYears: [2027],
    });
    expect(cal.yearSource(2027)).toBe('imported');
    expect(cal.addStatutoryDays(sh('2027-08-02 10:00'), 60).dueDate).toBe('2027-10-08');
    expect(cal.isWorkingDay(sh('2027-10-09 12:00'))).toBe(true);
    // Without a computed table behind it, a holiday the import leaves out is an ordinary day.
    expect(cal.isWorkingDay(sh('2027-09-15 12:00'))).toBe(true);
  });
});
