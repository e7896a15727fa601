/**
 * Assessment periods (考核周期): a period is a Shanghai calendar month ("2026-10"). Shared by the
 * API (on-demand runs), the workers (scheduled runs) and the benchmark.
 */

export interface Period {
  periodKey: string;
  periodStart: string;
  periodEnd: string;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

// China has one time zone and no daylight saving time, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The first instant of a Shanghai month (month 0-based, may overflow into the next year). */
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - SHANGHAI_OFFSET_MS);

export function monthPeriod(key: string): Period {
  if (!MONTH_PATTERN.test(key)) throw new RangeError(`not a YYYY-MM month: ${key}`);
  const [year, month] = key.split('-').map(Number);
  return {
    periodKey: key,
    periodStart: monthStart(year, month - 1).toISOString(),
    periodEnd: monthStart(year, month).toISOString(),
  };
}

/** The Shanghai month `at` lies in, as YYYY-MM. */
export function monthKeyOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The Shanghai month before the one `at` lies in: what a scheduled run fired at `at` scores. */
export function previousMonthPeriod(at: Date): Period {
  return monthPeriod(monthKeyOf(new Date(Date.parse(monthPeriod(monthKeyOf(at)).periodStart) - 1)));
}
