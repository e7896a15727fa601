import { worstStateSql, type DeadlineState } from '../../../../lib/deadlines';
import { subject } from '@casl/ability';
import { Prisma, type EventLevel, type EventStatus, type Org } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import type { AppAbility, SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import { subtreeRange } from '../../../../lib/org-tree';
import { areaCentre, isArea, locateGrid } from '../../../../lib/grid-location';
import type { MultiPolygon, Polygon } from 'geojson';

export type Caller = { user: SessionUser; ability: AppAbility };

/** A case's deadline colour: its most overdue open step (null: no open step, e.g. archived). */
export type Deadline = DeadlineState | null;
const DEADLINES: Deadline[] = ['onTime', 'yellow', 'red'];

/**
 * Key persons (e.g. severe mental disorder patients) counted per grid, for roles that may not see
 * them one by one. The patients loop provides it; until then the map answers `keyPersons: null`.
 */
export type KeyPersonsPerGrid = (gridIds: string[], who: Caller) => Promise<Map<string, number>>;

export interface CaseFilter {
  unit?: string;
  category?: string;
  state?: EventStatus;
  level?: EventLevel;
  deadline?: 'onTime' | 'yellow' | 'red';
  from?: Date;
  to?: Date;
}

/** Most case points one answer carries (newest first); the answer says when more matched. */
export const MAX_POINTS = 5000;

/** A grid's row in the caller's scope: a grid, not retired, below `path`. */
const gridsBelow = (path: string): Prisma.OrgWhereInput => ({
  type: 'GRID',
  retiredAt: null,
  path: subtreeRange(path),
});

export function createMapService(db: Db, keyPersons?: KeyPersonsPerGrid) {
  /** The unit a caller looks at: their own, or one below it; anything else (or unknown) is 404. */
  async function scopeUnit(who: Caller, unitId: string | undefined): Promise<Org> {
    if (!unitId) return who.user.org;
    const unit = await db.org.findUnique({ where: { id: unitId } });
    // Their own subtree, not every unit they may name (a street names departments to transfer to).
    if (!unit || !unit.path.startsWith(who.user.org.path) || !who.ability.can('read', subject('Org', unit)))
      throw new HttpError(404, 'error.notFound');
    return unit;
  }

  /** Cases below `path` with their deadline colour; `where` narrows further (AND). */
  async function caseRows(
    path: string,
    where: Prisma.Sql[],
    deadline: CaseFilter['deadline'],
    limit: number,
  ) {
    const range = subtreeRange(path);
    const now = new Date();
    const having = deadline
      ? Prisma.sql`HAVING ${worstStateSql(now)} = ${DEADLINES.indexOf(deadline)}`
      : Prisma.empty;
    const rows = await db.$queryRaw<
      {
        id: string;
        caseNo: string;
        category: string;
        categoryName: string;
        level: EventLevel;
        status: EventStatus;
        urgency: string;
        latitude: number | null;
        longitude: number | null;
        gridId: string;
        address: string;
        createdAt: Date;
        worst: number | null;
      }[]
    >(Prisma.sql`
      SELECT e.id, e."caseNo", e."categoryCode" AS category, c.name AS "categoryName", e.level, e.status,
        e.urgency, e.latitude, e.longitude, e."gridId", e.address, e."createdAt", ${worstStateSql(now)} AS worst
      FROM "Event" e
      JOIN "EventCategory" c ON c.code = e."categoryCode"
      LEFT JOIN "InboxTask" t ON t."processInstanceId" = e."processInstanceId" AND t.state = 'OPEN'
      WHERE e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt}
        ${where.length ? Prisma.sql`AND ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      GROUP BY e.id, c.name
      ${having}
      ORDER BY e."createdAt" DESC, e.id
      LIMIT ${limit + 1}`);
    return {
      truncated: rows.length > limit,
      rows: rows.slice(0, limit).map(({ worst, ...r }) => ({
        ...r,
        deadline: worst === null ? null : DEADLINES[Number(worst)],
      })),
    };
  }

  /** The centre of each grid that has a boundary: where its cases without a position are drawn. */
  async function gridCentres(ids: string[]) {
    if (!ids.length) return new Map<string, [number, number]>();
    const grids = await db.org.findMany({ where: { id: { in: ids } }, select: { id: true, boundary: true } });
    return new Map(
      grids.flatMap((g) => {
        const centre = isArea(g.boundary) ? areaCentre(g.boundary) : null;
        return centre ? [[g.id, centre] as const] : [];
      }),
    );
  }

  /** Open cases, and those past yellow and past red, per grid below `path`. */
  async function gridCounts(path: string) {
    const range = subtreeRange(path);
    const rows = await db.$queryRaw<
      { gridId: string; gridPath: string; open: bigint; yellow: bigint; red: bigint }[]
    >(Prisma.sql`
      SELECT "gridId", min("gridPath") AS "gridPath", count(*) AS open, count(*) FILTER (WHERE worst = 1) AS yellow,
        count(*) FILTER (WHERE worst = 2) AS red
      FROM (
        SELECT e.id, e."gridId", e."gridPath", ${worstStateSql(new Date())} AS worst
        FROM "Event" e
        LEFT JOIN "InboxTask" t ON t."processInstanceId" = e."processInstanceId" AND t.state = 'OPEN'
        WHERE e.status = 'OPEN' AND e."gridPath" >= ${range.gte} AND e."gridPath" < ${range.lt}
        GROUP BY e.id
      ) cases
      GROUP BY "gridId"`);
    return new Map(
      rows.map((r) => [
        r.gridId,
        { path: r.gridPath, open: Number(r.open), yellow: Number(r.yellow), red: Number(r.red) },
      ]),
    );
  }

  return {
    scopeUnit,
    gridCounts,

    /**
     * The grids of the caller's area (or of a unit below them) as a GeoJSON FeatureCollection in
     * WGS-84, with their community and street; grids without a boundary are counted, not drawn.
     */
    async grids(query: { unit?: string }, who: Caller) {
      const unit = await scopeUnit(who, query.unit);
      const grids = await db.org.findMany({ where: gridsBelow(unit.path), orderBy: { path: 'asc' } });
      // A grid's path names its street and community: /district/street/community/grid/.
      const parentIds = [...new Set(grids.flatMap((g) => g.path.split('/').slice(2, 4)))];
      const names = new Map(
        (await db.org.findMany({ where: { id: { in: parentIds } }, select: { id: true, name: true } })).map(
          (o) => [o.id, o.name],
        ),
      );
      const drawn = grids.filter((g) => isArea(g.boundary));
      return {
        type: 'FeatureCollection' as const,
        unit: { id: unit.id, name: unit.name, type: unit.type },
        unmapped: grids.length - drawn.length,
        features: drawn.map((g) => {
          const [, , streetId, communityId] = g.path.split('/');
          return {
            type: 'Feature' as const,
            id: g.id,
            geometry: g.boundary as unknown as Polygon | MultiPolygon,
            properties: {
              id: g.id,
              name: g.name,
              communityId,
              communityName: names.get(communityId) ?? null,
              streetId,
              streetName: names.get(streetId) ?? null,
            },
          };
        }),
      };
    },

    /** Per grid: open cases, overdue yellow and red (the heat), key persons where provided. */
    async gridStats(query: { unit?: string }, who: Caller) {
      const unit = await scopeUnit(who, query.unit);
      const [grids, counts] = await Promise.all([
        db.org.findMany({ where: gridsBelow(unit.path), select: { id: true }, orderBy: { path: 'asc' } }),
        gridCounts(unit.path),
      ]);
      const ids = grids.map((g) => g.id);
      const persons = keyPersons ? await keyPersons(ids, who) : null;
      const items = ids.map((gridId) => ({
        gridId,
        open: counts.get(gridId)?.open ?? 0,
        yellow: counts.get(gridId)?.yellow ?? 0,
        red: counts.get(gridId)?.red ?? 0,
        keyPersons: persons ? (persons.get(gridId) ?? 0) : null,
      }));
      return {
        unit: { id: unit.id, name: unit.name, type: unit.type },
        at: new Date().toISOString(),
        items,
      };
    },

    /**
     * The cases of the caller's area as GeoJSON points (WGS-84) with state, deadline colour,
     * category and level. A case reported without a location is drawn at its grid's centre and
     * marked so (placedAtGrid); one whose grid has no boundary is only counted (unplaced).
     */
    async cases(query: CaseFilter, who: Caller) {
      const unit = await scopeUnit(who, query.unit);
      const where: Prisma.Sql[] = [];
      if (query.category) where.push(Prisma.sql`e."categoryCode" = ${query.category}`);
      if (query.state) where.push(Prisma.sql`e.status::text = ${query.state}`);
      if (query.level) where.push(Prisma.sql`e.level::text = ${query.level}`);
      if (query.from) where.push(Prisma.sql`e."createdAt" >= ${query.from}`);
      if (query.to) where.push(Prisma.sql`e."createdAt" < ${query.to}`);
      const { rows, truncated } = await caseRows(unit.path, where, query.deadline, MAX_POINTS);
      const unlocated = rows.filter((r) => r.latitude === null || r.longitude === null);
      const centres = await gridCentres([...new Set(unlocated.map((r) => r.gridId))]);
      const features = rows.flatMap(({ latitude, longitude, ...c }) => {
        const own = latitude !== null && longitude !== null;
        const at = own ? [longitude, latitude] : centres.get(c.gridId);
        return at
          ? [
              {
                type: 'Feature' as const,
                id: c.id,
                geometry: { type: 'Point' as const, coordinates: at },
                properties: { ...c, placedAtGrid: !own },
              },
            ]
          : [];
      });
      return {
        type: 'FeatureCollection' as const,
        truncated,
        unlocated: unlocated.length,
        unplaced: rows.length - features.length,
        features,
      };
    },

    /** A grid's open cases and overdue counts (the map's click); a grid outside the area is 404. */
    async gridCases(gridId: string, who: Caller) {
      const grid = await db.org.findUnique({ where: { id: gridId } });
      if (!grid || grid.type !== 'GRID') throw new HttpError(404, 'error.notFound');
      await scopeUnit(who, grid.id);
      const { rows, truncated } = await caseRows(
        grid.path,
        [Prisma.sql`e.status = 'OPEN'`],
        undefined,
        MAX_POINTS,
      );
      return {
        grid: { id: grid.id, name: grid.name },
        open: rows.length,
        yellow: rows.filter((r) => r.deadline === 'yellow').length,
        red: rows.filter((r) => r.deadline === 'red').length,
        truncated,
        items: rows,
      };
    },

    /** The grid of a location (WGS-84) within the caller's area, for the reporter to confirm. */
    async gridAt(query: { lat: number; lng: number }, who: Caller) {
      const grid = await locateGrid(db, who.user.org.path, query.lat, query.lng);
      if (!grid) throw new HttpError(404, 'error.noGridHere');
      return { grid };
    },
  };
}

export type MapService = ReturnType<typeof createMapService>;
