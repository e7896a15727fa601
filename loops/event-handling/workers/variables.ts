import type { EventLevel, Urgency } from '@prisma/client';

export const LEVELS: EventLevel[] = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'];

/** Process variables of `event-handling`, set at intake and by its workers. */
export interface EventVariables {
  eventId: string;
  caseNo: string;
  category: string;
  urgency: Urgency;
  gridId: string;
  /** The level now responsible, and the unit of each level above the grid (flat: no object variables). */
  level: EventLevel;
  communityId: string;
  streetId: string;
  districtId: string;
  /** Output of the `event-dispatch` decision: "level" (the level's own unit) or "dept:<kind>". */
  route?: string;
  outcome?: 'resolved' | 'cannotResolve' | 'return' | 'transfer' | 'extension' | null;
  reason?: string;
  /** A unit chosen by a person (转办 target, 重新分拨, 重办): wins over the decision once. */
  handlerOverride?: string | null;
  handlerUnitId?: string;
  handleDueAt?: string;
  handleRedAt?: string;
  extensionDays?: number;
  /** How long after archiving the reporter may reopen, in hours. */
  reopenWindowHours?: number;
}

/** The unit responsible at a level of this case. */
export function unitAt(v: EventVariables, level: EventLevel): string {
  return { GRID: v.gridId, COMMUNITY: v.communityId, STREET: v.streetId, DISTRICT: v.districtId }[level];
}

export const nextLevel = (level: EventLevel): EventLevel =>
  LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)];
