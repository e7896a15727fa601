// SLA deadlines (受理 1/2 working days, 办理 5/10 …) are counted in 工作日 on the Chinese calendar,
// where holidays move every year and 调休 turns weekends into working days; the State Council
// table comes from the `chinese-days` package and admins can override single days. The package
// ends with 2026: a later year counts the statutory holidays computed from the law itself
// (全国年节及纪念日放假办法, 2025 revision) and is *provisional* until an admin imports the State
// Council's published arrangement (holidays and make-up working days) for it. Every date is the
// Asia/Shanghai calendar date whatever the server's time zone, and nothing here does I/O.
import table from 'chinese-days/dist/chinese-days.json';
import { Lunar, Solar } from 'lunar-typescript';

// Why the shipped JSON and not `isWorkday()`: the package's runtime builds its table with the
// process's local getters from UTC-midnight instants, so under a negative UTC offset (say
// TZ=America/Los_Angeles) every holiday and make-up day shifts one day early. The JSON was
// generated once and is keyed by plain calendar dates, the same data the package's README offers.
const holidays: Readonly<Record<string, string>> = table.holidays;
const makeUpWorkdays: Readonly<Record<string, string>> = table.workdays;

/** The last year the shipped State Council table covers. */
export const SHIPPED_LAST_YEAR = Math.max(...Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

const DAY_MS = 86_400_000;
// China has one time zone and no daylight saving time since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface DayOverride {
  /** Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  working: boolean;
}

export interface StatutoryHoliday {
  /** Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
}

const ymd = (solar: Solar): string => solar.toYmd();

/**
 * The statutory holidays of a year as the law names them, without the State Council's bridging
 * and make-up days (those only come with the published arrangement): 元旦 1 day; 春节 New Year's
 * Eve to the 3rd day of the lunar year; 清明 on the solar term; 劳动节 May 1–2; 端午 and 中秋 on
 * their lunar dates; 国庆 Oct 1–3.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) {
    throw new RangeError(`statutoryHolidays: year out of range: ${year}`);
  }
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const springFestival = [newYear.next(-1), newYear, newYear.next(1), newYear.next(2)];
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'];
  const days: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    ...springFestival.map((d) => ({ date: ymd(d), name: '春节' })),
    { date: ymd(qingming), name: '清明' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: ymd(Lunar.fromYmd(year, 5, 5).getSolar()), name: '端午' },
    { date: ymd(Lunar.fromYmd(year, 8, 15).getSolar()), name: '中秋' },
    { date: `${year}-10-01`, name: '国庆' },
    { date: `${year}-10-02`, name: '国庆' },
    { date: `${year}-10-03`, name: '国庆' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Where a year's table comes from: shipped, imported by an admin, or computed (provisional). */
export type YearSource = 'shipped' | 'imported' | 'computed';

export interface CalendarOptions {
  /** Years whose published arrangement an admin imported (as overrides): nothing is computed for them. */
  importedYears?: readonly number[];
}

export interface WorkingCalendar {
  yearSource(year: number): YearSource;
  isWorkingDay(date: Date): boolean;
  addWorkingDays(start: Date, days: number): Date;
  addWorkingHours(start: Date, hours: number): Date;
  workingDaysBetween(from: Date, to: Date): number;
  addStatutoryDays(start: Date, days: number): StatutoryDeadline;
}

/**
 * A limit counted in calendar days (日) as the law counts it: the start day itself is not
 * counted, and a last day that is not a working day (a statutory holiday or rest day) moves
 * to the next working day (民法典 Art. 201, 203).
 */
export interface StatutoryDeadline {
  /** The end (24:00 Shanghai, as 23:59:59.999) of the last day. */
  dueAt: Date;
  /** Shanghai dates, YYYY-MM-DD: the last day as counted, and after any roll-over. */
  countedDate: string;
  dueDate: string;
  rolledOver: boolean;
}

export interface Sla {
  unit: 'workingDays' | 'hours';
  yellow: number;
  red: number;
}

/** Days since 1970-01-01 on the Shanghai calendar, and the Shanghai time of day in ms. */
function shanghaiDay(date: Date): { day: number; timeOfDay: number } {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('calendar: invalid Date');
  const shifted = ms + SHANGHAI_OFFSET_MS;
  const day = Math.floor(shifted / DAY_MS);
  return { day, timeOfDay: shifted - day * DAY_MS };
}

function instantOf(day: number, timeOfDay: number): Date {
  return new Date(day * DAY_MS + timeOfDay - SHANGHAI_OFFSET_MS);
}

function dateKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseOverrides(overrides: readonly DayOverride[]): Map<string, boolean> {
  const byDate = new Map<string, boolean>();
  for (const { date, working } of overrides) {
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(date) &&
      dateKey(Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)) === date;
    if (!valid) throw new RangeError(`calendar override: not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    const earlier = byDate.get(date);
    if (earlier !== undefined && earlier !== working) {
      throw new RangeError(`calendar override: ${date} is given as both working and non-working`);
    }
    byDate.set(date, working);
  }
  return byDate;
}

export function createCalendar(
  overrides: readonly DayOverride[] = [],
  options: CalendarOptions = {},
): WorkingCalendar {
  const overridden = parseOverrides(overrides);
  const imported = new Set(options.importedYears ?? []);
  const yearSource = (year: number): YearSource =>
    imported.has(year) ? 'imported' : year <= SHIPPED_LAST_YEAR ? 'shipped' : 'computed';
  // Computed holidays of provisional years, filled on first use.
  const computed = new Map<number, Set<string>>();
  const computedHoliday = (key: string, year: number): boolean => {
    if (year > 2099) return false;
    let set = computed.get(year);
    if (!set) {
      set = new Set(statutoryHolidays(year).map((h) => h.date));
      computed.set(year, set);
    }
    return set.has(key);
  };

  const isWorkingDayNumber = (day: number): boolean => {
    const key = dateKey(day);
    const override = overridden.get(key);
    if (override !== undefined) return override;
    // An imported arrangement replaces the shipped table for its year: its days are the overrides.
    const year = Number(key.slice(0, 4));
    const source = yearSource(year);
    if (source === 'shipped' && makeUpWorkdays[key] !== undefined) return true;
    if (source === 'shipped' && holidays[key] !== undefined) return false;
    if (source === 'computed' && computedHoliday(key, year)) return false;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  // Why this rule: work that arrives on a rest day (or a holiday) cannot start before the office
  // opens, so its clock starts at 00:00 Shanghai of the next working day; N working days later,
  // at 00:00, is the end of the N-th full working day. Work arriving on a working day keeps its
  // time of day, so "1 working day" from Monday 09:00 is Tuesday 09:00 and a same-day start
  // is not lost. 0 days is the (normalised) start itself.
  const effectiveStart = (start: Date): { day: number; timeOfDay: number } => {
    const at = shanghaiDay(start);
    if (isWorkingDayNumber(at.day)) return at;
    let day = at.day + 1;
    while (!isWorkingDayNumber(day)) day += 1;
    return { day, timeOfDay: 0 };
  };

  const addWorkingDays = (start: Date, days: number): Date => {
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`addWorkingDays: days must be an integer >= 0, got ${days}`);
    }
    const { day: first, timeOfDay } = effectiveStart(start);
    let day = first;
    for (let left = days; left > 0;) {
      day += 1;
      if (isWorkingDayNumber(day)) left -= 1;
    }
    return instantOf(day, timeOfDay);
  };

  // The inverse of addWorkingDays: the largest n with addWorkingDays(from, n) <= to, so
  // workingDaysBetween(start, addWorkingDays(start, n)) === n and "days left" and "days
  // overdue" agree with the deadlines they are measured against.
  const forwardDays = (from: Date, to: Date): number => {
    const start = effectiveStart(from);
    const end = shanghaiDay(to);
    let count = 0;
    for (let day = start.day + 1; day < end.day; day += 1) {
      if (isWorkingDayNumber(day)) count += 1;
    }
    if (end.day > start.day && isWorkingDayNumber(end.day) && end.timeOfDay >= start.timeOfDay) count += 1;
    return count;
  };

  return {
    yearSource,
    isWorkingDay: (date) => isWorkingDayNumber(shanghaiDay(date).day),
    addWorkingDays,
    // Urgent events run on the clock: holidays and nights do not stop them.
    addWorkingHours: (start, hours) => {
      if (!Number.isFinite(hours) || hours < 0) {
        throw new RangeError(`addWorkingHours: hours must be a finite number >= 0, got ${hours}`);
      }
      shanghaiDay(start); // throws RangeError on an invalid Date, like the other methods
      return new Date(start.getTime() + hours * 3_600_000);
    },
    addStatutoryDays: (start, days) => {
      if (!Number.isInteger(days) || days < 0) {
        throw new RangeError(`addStatutoryDays: days must be an integer >= 0, got ${days}`);
      }
      const counted = shanghaiDay(start).day + days;
      let due = counted;
      while (!isWorkingDayNumber(due)) due += 1;
      return {
        dueAt: instantOf(due + 1, -1),
        countedDate: dateKey(counted),
        dueDate: dateKey(due),
        rolledOver: due !== counted,
      };
    },
    workingDaysBetween: (from, to) => {
      if (to.getTime() >= from.getTime()) return forwardDays(from, to);
      const back = forwardDays(to, from);
      return back === 0 ? 0 : -back; // never -0
    },
  };
}

/** When a task turns yellow and red, from the SLA row of its level × category. */
export function dueDates(start: Date, sla: Sla, calendar: WorkingCalendar): { yellowAt: Date; redAt: Date } {
  if (sla.yellow > sla.red) {
    throw new RangeError(`dueDates: yellow (${sla.yellow}) comes after red (${sla.red})`);
  }
  const add =
    sla.unit === 'workingDays'
      ? (n: number) => calendar.addWorkingDays(start, n)
      : (n: number) => calendar.addWorkingHours(start, n);
  return { yellowAt: add(sla.yellow), redAt: add(sla.red) };
}
