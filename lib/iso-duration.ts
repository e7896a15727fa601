/**
 * ISO 8601 durations (P3M, P14D, PT24H) as decision tables and config give them: intervals are
 * data a designer edits, so the code only adds them to a date. Years and months are calendar
 * months (31 Jan + P1M is the last day of February), days are 24 hours.
 */
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export const isIsoDuration = (value: unknown): value is string =>
  typeof value === 'string' && DURATION.test(value);

export function addIsoDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((v) => Number(v ?? 0));
  const at = new Date(from);
  if (years || months) {
    const day = at.getUTCDate();
    at.setUTCDate(1);
    at.setUTCMonth(at.getUTCMonth() + years * 12 + months);
    const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
    at.setUTCDate(Math.min(day, lastDay));
  }
  return new Date(
    at.getTime() + ((weeks * 7 + days) * 86_400 + hours * 3600 + minutes * 60 + seconds) * 1000,
  );
}
