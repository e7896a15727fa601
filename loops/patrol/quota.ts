/**
 * A grid's patrol day or week against its quota, pure: shared by 巡查情况 (the day or week being
 * walked) and 考评's 巡查率 (the days or weeks over), so both count the same minutes, check-ins and
 * buildings.
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// China has one time zone and no daylight saving time, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Quota {
  minutes: number;
  checkIns: number;
  buildings: number;
}

/** What a quota is counted over: a China-time day, or a week from Monday. */
export const QUOTA_PERIODS = ['DAY', 'WEEK'] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
export const periodMs = (period: QuotaPeriod) => (period === 'DAY' ? DAY_MS : WEEK_MS);

/** A patrol as its week counts it: when it ran and the buildings it checked in at. */
export interface PatrolSpan {
  startedAt: Date;
  endedAt: Date | null;
  lastPointAt: Date | null;
  buildingIds: string[];
}

/**
 * Minutes on patrol (an unfinished patrol to its last position, or to `now` when it has none yet),
 * check-ins, distinct buildings, and whether all three reach the quota (null without one).
 */
export function againstQuota(patrols: PatrolSpan[], quota: Quota | null, now: Date) {
  const minutes = Math.round(
    patrols.reduce(
      (sum, p) => sum + ((p.endedAt ?? p.lastPointAt ?? now).getTime() - p.startedAt.getTime()) / 60_000,
      0,
    ),
  );
  const checkIns = patrols.reduce((n, p) => n + p.buildingIds.length, 0);
  const buildings = new Set(patrols.flatMap((p) => p.buildingIds)).size;
  const met = quota
    ? minutes >= quota.minutes && checkIns >= quota.checkIns && buildings >= quota.buildings
    : null;
  return { minutes, checkIns, buildings, met };
}

/**
 * The quota periods (days from 00:00, or weeks from Monday 00:00, China time) that ended in
 * (start, end]: each counts once, in the period it ended, like a clock that settled. Their starts,
 * oldest first.
 */
export function periodsEndedIn(start: Date, end: Date, period: QuotaPeriod): Date[] {
  const localDay = Math.floor((start.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const firstEnd = period === 'DAY' ? localDay + 1 : localDay + 7 - ((localDay + 3) % 7);
  const length = periodMs(period);
  const starts: Date[] = [];
  for (let ends = firstEnd * DAY_MS - SHANGHAI_OFFSET_MS; ends <= end.getTime(); ends += length)
    starts.push(new Date(ends - length));
  return starts;
}
