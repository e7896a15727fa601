/**
 * 考评 scoring, pure: which facts count for which indicator, the score from the decision's
 * weights, and the ranks. No I/O, so the rules can be read and tested on their own.
 *
 * Indicators over a period [start, end), evaluated at `asOf` (the run's time):
 * - 签收及时率 response: tasks created in the period; hit when first claimed within
 *   `claimWorkingDays` working days of creation; miss when claimed later or still unclaimed
 *   after that; a task whose claim time has not come yet is not counted.
 * - 按期办结率 onTime: tasks created in the period; hit when completed by the due date (or
 *   completed with none); miss when completed late or past due without completion
 *   (canceled by escalation included); not counted while still open and not yet due.
 * - 满意率 satisfaction: return visits (回访评价) completed in the period, against the handling
 *   unit; hit for 满意 and 基本满意.
 * - 回退率/重办率 rework: 核查不通过 (verification sent the work back) and 重办 (reopened by the
 *   reporter) in the period, against the handling unit, over the 处置 tasks it completed
 *   (`handled`); the rate is capped at 1.
 * - yellow / red: 督办 cards raised in the period against the unit.
 * - 调解成功率 mediation and 防激化率 prevention: disputes that ended (archived or closed) in the
 *   period, for their community's chain and every department that mediated them; hit when settled
 *   by agreement, and when never recorded as escalated (criminal case or mass incident). Weighted
 *   0 by default: a designer gives them weight in the decision.
 * - Petitions (信访), each counted in the period its clock settled (`clockVerdict`): done in time
 *   at the time it was done, else at its limit; weighted 0 by default like the disputes':
 *   - 及时受理率 petitionAccept: the decision clock (`petitionLoop`), for the registering office's chain;
 *   - 按期办结率 petitionOnTime: the handling clock (as extended), for the handler's chain;
 *   - 群众满意率 petitionSatisfaction: evaluations (满意度评价) completed in the period, for the
 *     handler's chain; hit for satisfied and basically satisfied;
 *   - 重复信访率 petitionRepeat, a deduction like rework: petitions registered in the period, for
 *     the handler's chain (the office's until decided); hit when the same petitioner raised the
 *     same matter within the year before.
 * - 准予例外 separationOverride, a finding deducted per override like a card: steps completed in
 *   the period by a person four eyes barred, whom a supervisor allowed (lib/separation.ts), against
 *   the step's unit.
 * - 巡查率 patrol: the weeks (Monday to Sunday, China time) that ended in the period of each grid
 *   with a patrol quota, for the grid's community and street; hit when the week's patrols reached
 *   all three figures of the quota (minutes, check-ins, distinct buildings: loops/patrol/quota.ts).
 *   The quota is the grid's as it stands at the run (quotas keep no history). Weighted 0 by
 *   default; walking is not case work, so patrol weeks alone do not make a unit ranked (`hasWork`).
 * A completion taken back (撤回) counts nowhere: the step done again is the one that counts.
 * A street or community answers for its whole subtree (属地管理); a department for its own work.
 */
export const LEVELS = ['STREET', 'COMMUNITY', 'DEPARTMENT'] as const;
export type Level = (typeof LEVELS)[number];

/** One row of the `assessment-weights` decision. */
export interface Weights {
  responseWeight: number;
  onTimeWeight: number;
  satisfactionWeight: number;
  reworkWeight: number;
  yellowCardDeduction: number;
  redCardDeduction: number;
  mediationWeight: number;
  preventionWeight: number;
  petitionAcceptWeight: number;
  petitionOnTimeWeight: number;
  petitionSatisfactionWeight: number;
  /** A deduction: the repeat rate × this weight. */
  petitionRepeatWeight: number;
  /** A deduction per 准予例外 used on the unit's steps. */
  separationOverrideDeduction: number;
  patrolWeight: number;
  claimWorkingDays: number;
}

export interface Counts {
  responseOnTime: number;
  responseTotal: number;
  solvedOnTime: number;
  solvedTotal: number;
  satisfied: number;
  visited: number;
  reworked: number;
  handled: number;
  yellowCards: number;
  redCards: number;
  disputesEnded: number;
  disputesSettled: number;
  disputesCalm: number;
  petitionsDecisionDue: number;
  petitionsDecidedInTime: number;
  petitionsHandlingDue: number;
  petitionsHandledOnTime: number;
  petitionsEvaluated: number;
  petitionsSatisfied: number;
  petitionsReceived: number;
  petitionsRepeated: number;
  separationOverrides: number;
  patrolWeeks: number;
  patrolWeeksMet: number;
}

export const emptyCounts = (): Counts => ({
  responseOnTime: 0,
  responseTotal: 0,
  solvedOnTime: 0,
  solvedTotal: 0,
  satisfied: 0,
  visited: 0,
  reworked: 0,
  handled: 0,
  yellowCards: 0,
  redCards: 0,
  disputesEnded: 0,
  disputesSettled: 0,
  disputesCalm: 0,
  petitionsDecisionDue: 0,
  petitionsDecidedInTime: 0,
  petitionsHandlingDue: 0,
  petitionsHandledOnTime: 0,
  petitionsEvaluated: 0,
  petitionsSatisfied: 0,
  petitionsReceived: 0,
  petitionsRepeated: 0,
  separationOverrides: 0,
  patrolWeeks: 0,
  patrolWeeksMet: 0,
});

/** true = in the numerator, false = in the denominator only, null = not counted (yet). */
export type Verdict = boolean | null;

export interface TaskTimes {
  createdAt: Date;
  claimedAt: Date | null;
  dueDate: Date | null;
  completedAt: Date | null;
  state: 'OPEN' | 'COMPLETED' | 'CANCELED';
}

export function responseVerdict(task: TaskTimes, claimDeadline: Date, asOf: Date): Verdict {
  if (task.claimedAt) return task.claimedAt.getTime() <= claimDeadline.getTime();
  return claimDeadline.getTime() <= asOf.getTime() ? false : null;
}

export function onTimeVerdict(task: TaskTimes, asOf: Date): Verdict {
  if (task.state === 'COMPLETED' && task.completedAt) {
    return !task.dueDate || task.completedAt.getTime() <= task.dueDate.getTime();
  }
  return task.dueDate && task.dueDate.getTime() <= asOf.getTime() ? false : null;
}

/**
 * A statutory clock (a petition's decision or handling limit) in the period [start, end): it
 * settles when the step is done in time, else at its limit, and counts once, in the period it
 * settled; hit when done by the limit. Not counted when it settled in another period or after
 * `asOf`, or when there is no limit.
 */
export function clockVerdict(
  doneAt: Date | null,
  dueAt: Date | null,
  [start, end]: [Date, Date],
  asOf: Date,
): Verdict {
  if (!dueAt) return null;
  const inTime = !!doneAt && doneAt.getTime() <= dueAt.getTime();
  const settled = inTime ? doneAt : dueAt;
  if (settled < start || settled >= end || settled > asOf) return null;
  return inTime;
}

/** 满意 and 基本满意 count as satisfied (the visit form's values). */
export const isSatisfied = (value: string | null | undefined) => value === 'satisfied' || value === 'basic';
/** A petition's evaluation (满意度评价 form): satisfied and basically satisfied count. */
export const isPetitionSatisfied = (value: string | null) =>
  value === 'satisfied' || value === 'basicallySatisfied';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Score = the weighted rates scaled to the full weight, minus the rework rate × its weight and
 * the card deductions. An indicator with nothing to count (denominator 0) leaves the score:
 * its weight is shared by the others, so a unit is not rewarded or punished for having no such
 * work; a unit with nothing at all to count keeps the full weight. Rounded to 2 decimals.
 */
export function scoreOf(c: Counts, w: Weights): number {
  const parts: [number, number, number][] = [
    [w.responseWeight, c.responseOnTime, c.responseTotal],
    [w.onTimeWeight, c.solvedOnTime, c.solvedTotal],
    [w.satisfactionWeight, c.satisfied, c.visited],
    [w.mediationWeight, c.disputesSettled, c.disputesEnded],
    [w.preventionWeight, c.disputesCalm, c.disputesEnded],
    [w.petitionAcceptWeight, c.petitionsDecidedInTime, c.petitionsDecisionDue],
    [w.petitionOnTimeWeight, c.petitionsHandledOnTime, c.petitionsHandlingDue],
    [w.petitionSatisfactionWeight, c.petitionsSatisfied, c.petitionsEvaluated],
    [w.patrolWeight, c.patrolWeeksMet, c.patrolWeeks],
  ];
  const full = parts.reduce((s, [weight]) => s + weight, 0);
  const counted = parts.filter(([, , total]) => total > 0);
  const countedWeight = counted.reduce((s, [weight]) => s + weight, 0);
  const base =
    countedWeight > 0
      ? (counted.reduce((s, [weight, hit, total]) => s + (weight * hit) / total, 0) / countedWeight) * full
      : full;
  const rework = c.handled > 0 ? Math.min(1, c.reworked / c.handled) : c.reworked > 0 ? 1 : 0;
  const repeat = c.petitionsReceived > 0 ? c.petitionsRepeated / c.petitionsReceived : 0;
  return round2(
    base -
      w.reworkWeight * rework -
      w.petitionRepeatWeight * repeat -
      w.yellowCardDeduction * c.yellowCards -
      w.redCardDeduction * c.redCards -
      w.separationOverrideDeduction * c.separationOverrides,
  );
}

/**
 * Whether a unit had anything to be scored on in the period. A unit with nothing (no task, visit,
 * handled case or card) keeps the full score by the formula, which says nothing about its work:
 * it takes no place in the ranking (不参与排名) and is listed apart.
 */
export const hasWork = (c: Counts) =>
  c.responseTotal +
    c.solvedTotal +
    c.visited +
    c.handled +
    c.reworked +
    c.yellowCards +
    c.redCards +
    c.disputesEnded +
    c.petitionsDecisionDue +
    c.petitionsHandlingDue +
    c.petitionsEvaluated +
    c.petitionsReceived +
    c.separationOverrides >
  0;

/** Ranks by score, best first; equal scores share a rank (1, 2, 2, 4), listed by unit id. */
export function rank<T extends { score: number; unitId: string }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId));
  let previous: { score: number; rank: number } | undefined;
  return sorted.map((row, i) => {
    const r = previous && previous.score === row.score ? previous.rank : i + 1;
    previous = { score: row.score, rank: r };
    return { ...row, rank: r };
  });
}

/** The units a fact counts for: every ranked unit on its org path ("/BA/BA-XA/BA-XA-C01/…"). */
export function unitsOnPath<U>(path: string | null | undefined, ranked: Map<string, U>): U[] {
  if (!path) return [];
  return path
    .split('/')
    .filter(Boolean)
    .flatMap((id) => {
      const unit = ranked.get(id);
      return unit ? [unit] : [];
    });
}
