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

/**
 * Where a case without a position is drawn: the area-weighted centre of its grid's largest ring
 * (shoelace), or the mean of that ring's vertices when the ring is degenerate. A concave grid's
 * centre may fall outside it; the map marks such points as placed, not located, either way.
 */
export function areaCentre(area: Polygon | MultiPolygon): [number, number] | null {
  const rings = area.type === 'Polygon' ? [area.coordinates[0]] : area.coordinates.map((p) => p[0]);
  let best: { a: number; x: number; y: number; ring: number[][] } | null = null;
  for (const ring of rings) {
    if (!ring?.length) continue;
    let a = 0;
    let x = 0;
    let y = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      x += (x0 + x1) * cross;
      y += (y0 + y1) * cross;
    }
    if (!best || Math.abs(a) > Math.abs(best.a)) best = { a, x, y, ring };
  }
  if (!best) return null;
  if (Math.abs(best.a) > 1e-12) return [best.x / (3 * best.a), best.y / (3 * best.a)];
  const n = best.ring.length;
  return [best.ring.reduce((s, p) => s + p[0], 0) / n, best.ring.reduce((s, p) => s + p[1], 0) / n];
}
