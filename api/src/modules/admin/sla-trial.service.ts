/**
 * 试算 of an SLA table: a draft (hours or working days per step × level × category × urgency)
 * applied to the period's real tasks with their real start and end times, on the working calendar,
 * against what happened (the deadlines the tasks were given when they were created). Per unit and
 * category: how many would have been yellow or red, and the tasks that change colour. Reads only.
 */
import type { EventLevel, SlaRule, Urgency } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { deadlineStateOf, deadlinesOf } from '../../../../lib/deadlines';
import { workingCalendar } from '../../../../lib/working-calendar';

type Colour = 'onTime' | 'yellow' | 'red' | 'none';
type DraftRule = Pick<SlaRule, 'step' | 'level' | 'urgency' | 'category' | 'unit' | 'yellow' | 'red'>;

/** How many changed tasks the answer lists (the counts cover them all). */
const LISTED = 200;

/** Where a task ended (or stands now, when open) against its yellow and red times: the one rule of lib/deadlines.ts. */
const colourAt = (end: Date, dueDate: Date | null, redAt: Date | null): Colour =>
  deadlineStateOf({ dueDate, redAt }, end) ?? 'none';

export async function trySlaTable(db: Db, draft: DraftRule[], from: Date, to: Date) {
  const deadlines = deadlinesOf(draft, await workingCalendar(db));
  const now = new Date();
  const tasks = await db.inboxTask.findMany({
    where: { createdAt: { gte: from, lt: to }, withdrawnAt: null },
    select: {
      key: true,
      name: true,
      elementId: true,
      category: true,
      variables: true,
      orgId: true,
      createdAt: true,
      completedAt: true,
      dueDate: true,
      redAt: true,
      caseNo: true,
    },
  });
  const byUnit = new Map<
    string,
    { unitId: string | null; category: string | null; tasks: number } & Counts
  >();
  const totals: Counts & { tasks: number } = { tasks: 0, ...emptyCounts() };
  const changed: { caseNo: string | null; step: string; unitId: string | null; from: Colour; to: Colour }[] =
    [];
  let changedCount = 0;
  for (const t of tasks) {
    const vars = (t.variables ?? {}) as { level?: EventLevel; urgency?: Urgency };
    if (!vars.level || !vars.urgency) continue;
    const end = t.completedAt ?? now;
    const before = colourAt(end, t.dueDate, t.redAt);
    const would = deadlines(
      { step: t.elementId, level: vars.level, urgency: vars.urgency, category: t.category },
      t.createdAt,
    );
    const after = colourAt(end, would?.yellowAt ?? null, would?.redAt ?? null);
    const key = `${t.orgId ?? ''}\u0000${t.category ?? ''}`;
    const row = byUnit.get(key) ?? { unitId: t.orgId, category: t.category, tasks: 0, ...emptyCounts() };
    for (const counts of [row, totals]) {
      counts.tasks++;
      tally(counts, before, after);
    }
    byUnit.set(key, row);
    if (before !== after) {
      changedCount++;
      if (changed.length < LISTED)
        changed.push({ caseNo: t.caseNo, step: t.name, unitId: t.orgId, from: before, to: after });
    }
  }
  const unitIds = [...new Set([...byUnit.values()].flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const names = new Map(
    (await db.org.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })).map((o) => [
      o.id,
      o.name,
    ]),
  );
  const named = <T extends { unitId: string | null }>(r: T) => ({
    ...r,
    unitName: r.unitId ? (names.get(r.unitId) ?? null) : null,
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...totals,
    changed: changedCount,
    byUnit: [...byUnit.values()]
      .filter((r) => r.redBefore !== r.redAfter || r.yellowBefore !== r.yellowAfter)
      .map(named)
      .sort((a, b) => b.redAfter - b.redBefore - (a.redAfter - a.redBefore)),
    changedTasks: changed.map(named),
  };
}

interface Counts {
  yellowBefore: number;
  yellowAfter: number;
  redBefore: number;
  redAfter: number;
}
const emptyCounts = (): Counts => ({ yellowBefore: 0, yellowAfter: 0, redBefore: 0, redAfter: 0 });
function tally(counts: Counts, before: Colour, after: Colour) {
  if (before === 'yellow') counts.yellowBefore++;
  if (before === 'red') counts.redBefore++;
  if (after === 'yellow') counts.yellowAfter++;
  if (after === 'red') counts.redAfter++;
}
