/**
 * Assessment periods (考核周期) and the schedule that closes them. A month is the Shanghai
 * calendar month ("2026-10"); a short cycle ("PT5S", "PT1H", "P7D") exists so tests and demos
 * see the scheduled loop work in seconds. Shared by the API (on-demand runs) and the workers.
 */
import type { ZeebeClient } from './camunda';

export interface Period {
  periodKey: string;
  periodStart: string;
  periodEnd: string;
}

/** `monthly`, or an ISO-8601 duration in seconds, minutes, hours or days. */
export const CYCLE_PATTERN = /^(monthly|PT\d+[SMH]|P\d+D)$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

// China has one time zone and no daylight saving time, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const UNIT_MS: Record<string, number> = { S: 1000, M: 60_000, H: 3_600_000, D: 86_400_000 };

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

function cycleMs(cycle: string): number {
  const m = /^P(?:T(\d+)([SMH])|(\d+)D)$/.exec(cycle);
  if (!m) throw new RangeError(`not an assessment cycle: ${cycle}`);
  return m[1] ? Number(m[1]) * UNIT_MS[m[2]] : Number(m[3]) * UNIT_MS.D;
}

/**
 * The period the next scheduled run closes: the one after `previousEnd`, or, for the first run,
 * the one that contains `now`. The run fires at the period's end.
 */
export function nextPeriod(cycle: string, previousEnd: string | undefined, now: Date): Period {
  const after = previousEnd ? new Date(previousEnd) : now;
  // The period that starts at previousEnd, or, on the first run, the one containing now.
  if (cycle === 'monthly') return monthPeriod(monthKeyOf(after));
  const end = new Date(after.getTime() + cycleMs(cycle));
  return {
    periodKey: `${after.toISOString()}/${end.toISOString()}`,
    periodStart: after.toISOString(),
    periodEnd: end.toISOString(),
  };
}

/** Message that starts the scheduled loop of the `assessment` diagram. */
export const SCHEDULE_MESSAGE = 'assessment-schedule';

/**
 * Starts the scheduled assessment loop once. The engine keeps one active instance per
 * correlation key for a message start event (whatever the diagram version), so calling this at
 * every deploy starts the loop the first time and changes nothing after.
 */
export async function startAssessmentSchedule(
  zeebe: ZeebeClient,
  cycle: string,
  correlationKey = 'assessment-schedule',
) {
  if (!CYCLE_PATTERN.test(cycle)) throw new RangeError(`not an assessment cycle: ${cycle}`);
  await zeebe.publishMessage({
    name: SCHEDULE_MESSAGE,
    correlationKey,
    variables: { cycle, scheduleKey: correlationKey },
    timeToLive: 0,
  });
}
