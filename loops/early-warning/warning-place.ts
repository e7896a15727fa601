import type { Db } from '../../lib/db';

/**
 * Where 研判's 立案 reports its case: a grid-category warning in its grid; the others in the grid
 * of the first case behind them. A warning with no located case (a same-person warning whose
 * petitions name no event) has none: 立案 is refused at the inbox, and only 排除 is left.
 */
export async function warningPlace(db: Db, warningId: string) {
  const warning = await db.warning.findUnique({ where: { id: warningId }, include: { cases: true } });
  if (!warning) return null;
  const first = await db.event.findFirst({
    where: { id: { in: warning.cases.map((c) => c.eventId) } },
    orderBy: { createdAt: 'asc' },
  });
  const gridId = warning.kind === 'grid-category' ? warning.placeId : first?.gridId;
  return {
    warning,
    place: gridId
      ? {
          gridId,
          address: first?.address ?? warning.placeId,
          category: warning.categoryCode ?? first?.categoryCode ?? 'other',
        }
      : null,
  };
}
