import { Prisma } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { HttpError } from '../../http/errors';
import type { Caller, MapService } from '../map/map.service';
import { subtreeRange } from '../../../../lib/org-tree';
import { beijingDate, beijingDayStart } from '../../../../lib/china-time';

/** Days the trend charts cover. */
export const TREND_DAYS = 30;
/** The busiest buildings the screen lists. */
const BUSIEST_BUILDINGS = 10;

/**
 * 大屏: a district's (or a street's) command-centre summary in one answer — today's events by
 * state, category and level, overdue yellow/red, the ranking of the units one level down,
 * 30-day trends and the buildings most reported at. Leaders' view: supervisors and admins, each of their own subtree.
 */
export function createScreenService(db: Db, map: MapService) {
  return {
    async summary(query: { unit?: string }, who: Caller) {
      if (!who.user.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN'))
        throw new HttpError(403, 'error.forbidden');
      const unit = await map.scopeUnit(who, query.unit);
      const now = new Date();
      const today = beijingDayStart(now);
      const since = beijingDayStart(now, TREND_DAYS - 1);
      const range = subtreeRange(unit.path);
      const inScope: Prisma.EventWhereInput = { gridPath: range };
      const todays: Prisma.EventWhereInput = { ...inScope, createdAt: { gte: today } };
      const child = Prisma.sql`split_part(substr(e."gridPath", ${unit.path.length + 1}), '/', 1)`;

      const [
        byStatus,
        byCategory,
        byLevel,
        categories,
        perGrid,
        children,
        perChild,
        reported,
        archived,
        buildings,
      ] = await Promise.all([
        db.event.groupBy({ by: ['status'], where: todays, _count: true }),
        db.event.groupBy({ by: ['categoryCode'], where: todays, _count: true }),
        db.event.groupBy({ by: ['level'], where: todays, _count: true }),
        db.eventCategory.findMany({ select: { code: true, name: true } }),
        map.gridCounts(unit.path),
        db.org.findMany({
          where: { parentId: unit.id, type: { not: 'DEPARTMENT' }, retiredAt: null },
          select: { id: true, name: true, path: true },
          orderBy: { path: 'asc' },
        }),
        db.$queryRaw<{ child: string; reported: bigint; archived: bigint }[]>(Prisma.sql`
            SELECT ${child} AS child, count(*) AS reported, count(*) FILTER (WHERE e.status = 'ARCHIVED') AS archived
            FROM "Event" e
            WHERE e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt} AND e."createdAt" >= ${since}
            GROUP BY 1`),
        db.$queryRaw<{ day: string; n: bigint }[]>(Prisma.sql`
            SELECT to_char(e."createdAt" + interval '8 hours', 'YYYY-MM-DD') AS day, count(*) AS n
            FROM "Event" e
            WHERE e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt} AND e."createdAt" >= ${since}
            GROUP BY 1`),
        db.$queryRaw<{ day: string; n: bigint }[]>(Prisma.sql`
            SELECT to_char(t.at + interval '8 hours', 'YYYY-MM-DD') AS day, count(DISTINCT t."eventId") AS n
            FROM "TimelineEntry" t JOIN "Event" e ON e.id = t."eventId"
            WHERE t.action = 'archived' AND t.at >= ${since}
              AND e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt}
            GROUP BY 1`),
        // 块数据: the buildings most reported at in the last 30 days (events reported at one).
        db.$queryRaw<{ id: string; address: string; reported: bigint; open: bigint }[]>(Prisma.sql`
            SELECT b.id, b.address, count(*) AS reported, count(*) FILTER (WHERE e.status = 'OPEN') AS open
            FROM "Event" e JOIN "Building" b ON b.id = e."buildingId"
            WHERE e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt} AND e."createdAt" >= ${since}
            GROUP BY b.id, b.address
            ORDER BY reported DESC, open DESC, b.address
            LIMIT ${BUSIEST_BUILDINGS}`),
      ]);

      const names = new Map(categories.map((c) => [c.code, c.name]));
      const grids = [...perGrid.values()];
      const sum = (key: 'open' | 'yellow' | 'red', path = unit.path) =>
        grids.reduce((n, g) => (g.path.startsWith(path) ? n + g[key] : n), 0);
      const ranking = children
        .map((c) => {
          const counted = perChild.find((r) => r.child === c.id);
          const reported30 = Number(counted?.reported ?? 0);
          const archived30 = Number(counted?.archived ?? 0);
          return {
            unitId: c.id,
            name: c.name,
            reported30,
            archived30,
            /** 办结率 of the cases reported in the last 30 days; null when none were. */
            closedRate: reported30 ? archived30 / reported30 : null,
            open: sum('open', c.path),
            yellow: sum('yellow', c.path),
            red: sum('red', c.path),
          };
        })
        // By the figure the ranking names, the closure rate; a unit that received nothing has no
        // rate and comes last, not first (an idle unit is not the best one). Equal rates: the
        // unit that closed more.
        .sort(
          (a, b) =>
            (a.closedRate === null ? 1 : 0) - (b.closedRate === null ? 1 : 0) ||
            (b.closedRate ?? 0) - (a.closedRate ?? 0) ||
            b.archived30 - a.archived30,
        );
      const days = Array.from({ length: TREND_DAYS }, (_, i) =>
        beijingDate(beijingDayStart(now, TREND_DAYS - 1 - i)),
      );
      const perDay = (rows: { day: string; n: bigint }[]) => {
        const byDay = new Map(rows.map((r) => [r.day, Number(r.n)]));
        return days.map((day) => byDay.get(day) ?? 0);
      };
      return {
        unit: { id: unit.id, name: unit.name, type: unit.type },
        at: now.toISOString(),
        today: {
          total: byStatus.reduce((n, r) => n + r._count, 0),
          byStatus: byStatus.map((r) => ({ status: r.status, count: r._count })),
          byCategory: byCategory
            .map((r) => ({
              category: r.categoryCode,
              name: names.get(r.categoryCode) ?? r.categoryCode,
              count: r._count,
            }))
            .sort((a, b) => b.count - a.count),
          byLevel: byLevel.map((r) => ({ level: r.level, count: r._count })),
        },
        open: sum('open'),
        overdue: { yellow: sum('yellow'), red: sum('red') },
        ranking,
        trend: { days, reported: perDay(reported), archived: perDay(archived) },
        buildings: buildings.map((b) => ({
          id: b.id,
          address: b.address,
          reported30: Number(b.reported),
          open: Number(b.open),
        })),
      };
    },
  };
}

export type ScreenService = ReturnType<typeof createScreenService>;
