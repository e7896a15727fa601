import { Prisma, type EventLevel, type SlaRule, type Urgency } from '@prisma/client';
import { dueDates, type WorkingCalendar } from './calendar';

/**
 * The one yellow/red rule of open work, in every form it is needed: a task turns yellow when its
 * due date (the yellow time, `dueDate`) is reached and red when its red time (`redAt`) is, and a
 * time is reached at that very instant. The inbox and the supervision pages use the TypeScript
 * form, the lists the Prisma filters, the overdue scan, the heat map and the map's colours the SQL.
 */
export type DeadlineState = 'onTime' | 'yellow' | 'red';
type Deadline = 'dueDate' | 'redAt';

/** Where an open task stands at `now`; null for a task with no due date that is not red. */
export function deadlineStateOf(
  task: { dueDate: Date | null; redAt: Date | null },
  now: Date,
): DeadlineState | null {
  if (task.redAt && task.redAt <= now) return 'red';
  if (!task.dueDate) return null;
  return task.dueDate <= now ? 'yellow' : 'onTime';
}

/** Task rows whose `deadline` is reached at `now`. */
export const reached = (deadline: Deadline, now: Date) =>
  ({ [deadline]: { lte: now } }) as Prisma.InboxTaskWhereInput;

/** Task rows whose `deadline` is not reached at `now`, or that have none. */
export const notReached = (deadline: Deadline, now: Date): Prisma.InboxTaskWhereInput => ({
  OR: [{ [deadline]: null }, { [deadline]: { gt: now } }],
});

/** Task rows in a state at `now` (`overdue`: yellow or red). */
export function deadlineWhere(state: DeadlineState | 'overdue', now: Date): Prisma.InboxTaskWhereInput {
  switch (state) {
    case 'red':
      return reached('redAt', now);
    case 'yellow':
      return { AND: [reached('dueDate', now), notReached('redAt', now)] };
    case 'overdue':
      return { OR: [reached('dueDate', now), reached('redAt', now)] };
    case 'onTime':
      return { AND: [notReached('dueDate', now), notReached('redAt', now)] };
  }
}

const column = (alias: string | null, deadline: Deadline) =>
  Prisma.raw(alias ? `${alias}."${deadline}"` : `"${deadline}"`);

/** SQL: the task row's `deadline` is reached at `now` (`alias` names the row, none for a bare table). */
export const reachedSql = (deadline: Deadline, now: Date, alias: string | null = 't') =>
  Prisma.sql`${column(alias, deadline)} <= ${now}`;

/** SQL: the task row's `deadline` is not reached at `now`, or it has none. */
export const notReachedSql = (deadline: Deadline, now: Date, alias: string | null = 't') =>
  Prisma.sql`(${column(alias, deadline)} IS NULL OR ${column(alias, deadline)} > ${now})`;

/** SQL: the worst state of a case's open steps (aggregate): 2 red, 1 yellow, 0 on time, NULL none. */
export const worstStateSql = (now: Date, alias = 't') =>
  Prisma.sql`max(CASE WHEN ${reachedSql('redAt', now, alias)} THEN 2
    WHEN ${reachedSql('dueDate', now, alias)} THEN 1 WHEN ${Prisma.raw(`${alias}.key`)} IS NOT NULL THEN 0 END)`;

export interface SlaKey {
  step: string;
  level: EventLevel;
  urgency: Urgency;
  category?: string | null;
}

export type StepDeadlines = (key: SlaKey, start?: Date) => { yellowAt: Date; redAt: Date } | null;

/**
 * Yellow and red deadlines of a step started at `start` by an SLA table (a rule for the category
 * wins over the level's default), or null when the table has no rule for the step: the table in
 * force (the feed) or a draft tried on past tasks (试算).
 */
export function deadlinesOf(
  rules: Pick<SlaRule, 'step' | 'level' | 'urgency' | 'category' | 'unit' | 'yellow' | 'red'>[],
  calendar: WorkingCalendar,
): StepDeadlines {
  return (key, start = new Date()) => {
    const matching = rules.filter(
      (r) => r.step === key.step && r.level === key.level && r.urgency === key.urgency,
    );
    const sla =
      matching.find((r) => r.category !== null && r.category === key.category) ??
      matching.find((r) => r.category === null);
    if (!sla) return null;
    return dueDates(
      start,
      { unit: sla.unit as 'workingDays' | 'hours', yellow: sla.yellow, red: sla.red },
      calendar,
    );
  };
}
