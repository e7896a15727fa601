import { Prisma } from '@prisma/client';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from './db';
import { subtreeRange } from './org-tree';

/** Whether a stored boundary (`Org.boundary`) is a drawable area. */
export const isArea = (g: unknown): g is Polygon | MultiPolygon =>
  !!g &&
  typeof g === 'object' &&
  ((g as { type?: unknown }).type === 'Polygon' || (g as { type?: unknown }).type === 'MultiPolygon') &&
  Array.isArray((g as { coordinates?: unknown }).coordinates);

/**
 * The open grid whose boundary holds the point (WGS-84), among the grids below `scopePath`; null
 * when none does. Boundaries are read per call, so a boundary an admin changes counts at once.
 * PostgreSQL keeps only the grids whose bounding box holds the point (their vertices' extremes),
 * so a district's 5,000 boundaries are not shipped and parsed for one lookup; turf decides.
 */
export async function locateGrid(db: Db, scopePath: string, lat: number, lng: number) {
  const range = subtreeRange(scopePath);
  const candidates = await db.$queryRaw<
    { id: string; name: string; path: string; parentId: string | null; boundary: unknown }[]
  >(Prisma.sql`
    SELECT o.id, o.name, o.path, o."parentId", o.boundary
    FROM "Org" o
    CROSS JOIN LATERAL (
      SELECT min((v->>0)::float8) AS west, max((v->>0)::float8) AS east,
        min((v->>1)::float8) AS south, max((v->>1)::float8) AS north
      FROM jsonb_path_query(o.boundary,
        'lax $.coordinates.** ? (@.type() == "array" && @.size() >= 2 && @[0].type() == "number")') v
    ) box
    WHERE o.type = 'GRID' AND o."retiredAt" IS NULL AND o.path >= ${range.gte} AND o.path < ${range.lt}
      AND jsonb_typeof(o.boundary) = 'object'
      AND box.west <= ${lng} AND box.east >= ${lng} AND box.south <= ${lat} AND box.north >= ${lat}
    ORDER BY o.path`);
  const found = candidates.find((g) => isArea(g.boundary) && booleanPointInPolygon([lng, lat], g.boundary));
  return found ? { id: found.id, name: found.name, path: found.path, parentId: found.parentId } : null;
}
