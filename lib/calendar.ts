// SLA deadlines (受理 1/2 working days, 办理 5/10 …) are counted in 工作日 on the Chinese calendar,
// where holidays move every year and 调休 turns weekends into working days; the State Council
// table comes from the `chinese-days` package and admins can override single days (the package
// covers 2004–2026 only, later years need overrides until it is updated). Every date is the
// Asia/Shanghai calendar date whatever the server's time zone, and nothing here does I/O.
import table from 'chinese-days/dist/chinese-days.json';

// Why the shipped JSON and not `isWorkday()`: the package's runtime builds its table with the
// process's local getters from UTC-midnight instants, so under a negative UTC offset (say
// TZ=America/Los_Angeles) every holiday and make-up day shifts one day early. The JSON was
// generated once and is keyed by plain calendar dates, the same data the package's README offers.
const holidays: Readonly<Record<string, string>> = table.holidays;
const makeUpWorkdays: Readonly<Record<string, string>> = table.workdays;

const DAY_MS = 86_400_000;
// China has one time zone and no daylight saving time since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface DayOverride {
  /** Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  working: boolean;
}

export interface WorkingCalendar {
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

export function createCalendar(overrides: readonly DayOverride[] = []): WorkingCalendar {
  const overridden = parseOverrides(overrides);

  const isWorkingDayNumber = (day: number): boolean => {
    const key = dateKey(day);
    const override = overridden.get(key);
    if (override !== undefined) return override;
    if (makeUpWorkdays[key] !== undefined) return true;
    if (holidays[key] !== undefined) return false;
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
