import type { Petition } from '@prisma/client';
import type { WorkingCalendar } from '../../../lib/calendar';
import { clockDue, type Clock } from '../../../lib/loop';
import { petitionLoop } from '../loop';

/**
 * The statutory clocks of a case as its page shows them: start, the counted last day, the day
 * after a holiday roll-over, and the days left while the clock runs (the manifest's clocks; the
 * extension's days are the case's own).
 */
export function petitionClocks(p: Petition, calendar: WorkingCalendar, now: Date) {
  const { clocks } = petitionLoop;
  const clock = (
    name: 'decision' | 'handling' | 'extension' | 'reviewRequest',
    start: Date | null,
    limit: Clock | null,
    settled: boolean,
  ) => {
    if (!start || !limit) return null;
    const due = clockDue(limit, calendar, start);
    const daysLeft = Math.ceil((due.dueAt.getTime() - now.getTime()) / 86_400_000) - 1;
    return { name, start, days: limit.days, ...due, daysLeft: settled ? null : daysLeft };
  };
  const originalHandleDue = p.decidedAt ? clockDue(clocks.handling, calendar, p.decidedAt).dueAt : null;
  const extension: Clock | null = p.extensionDays ? { ...clocks.handling, days: p.extensionDays } : null;
  return [
    clock('decision', p.receivedAt, clocks.decision, !!p.decidedAt),
    p.decision && p.decision !== 'reject'
      ? clock('handling', p.decidedAt, clocks.handling, !!p.repliedAt || !!p.extensionDays)
      : null,
    clock('extension', originalHandleDue, extension, !!p.repliedAt),
    p.repliedAt && p.reviewLevel === 0
      ? clock('reviewRequest', p.repliedAt, clocks.reviewRequest, p.status !== 'REPLIED')
      : null,
    p.reviewLevel > 0 && p.reviewDueAt
      ? {
          name: p.reviewLevel === 1 ? ('review' as const) : ('recheck' as const),
          days: clocks.review.days,
          dueAt: p.reviewDueAt,
        }
      : null,
  ].filter((c) => c !== null);
}
