import { z } from 'zod';
import { OrgType } from '@prisma/client';
import { instant } from '../../http/answers';
import { routesOf } from '../../http/define-route';
import { storableDate } from '../../http/errors';
import type { MapService } from './map.service';

const unit = z.string().trim().min(1).max(50).optional();
const unitQuery = z.object({ unit });
const casesQuery = z
  .object({
    unit,
    category: z.string().trim().min(1).max(50).optional(),
    state: z.enum(['OPEN', 'ARCHIVED']).optional(),
    level: z.enum(['GRID', 'COMMUNITY', 'STREET', 'DISTRICT']).optional(),
    deadline: z.enum(['onTime', 'yellow', 'red']).optional(),
    /** Reported at or after (ISO 8601). */
    from: storableDate.optional(),
    /** Reported before (ISO 8601). */
    to: storableDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to before from' });
const gridParam = z.object({ id: z.string().trim().min(1).max(50) });
/** WGS-84, as a phone's GPS gives it. */
const locationQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

const unitAnswer = z.object({ id: z.string(), name: z.string(), type: z.enum(OrgType) });
const deadline = z.enum(['onTime', 'yellow', 'red']).nullable();
const caseFacts = {
  id: z.string(),
  caseNo: z.string(),
  category: z.string(),
  categoryName: z.string(),
  level: z.enum(['GRID', 'COMMUNITY', 'STREET', 'DISTRICT']),
  status: z.enum(['OPEN', 'ARCHIVED']),
  urgency: z.string(),
  gridId: z.string(),
  address: z.string(),
  createdAt: instant,
  deadline,
};
/** GeoJSON (WGS-84) as the map draws it. */
const gridsAnswer = z.object({
  type: z.literal('FeatureCollection'),
  unit: unitAnswer,
  /** Grids of the area without a boundary. */
  unmapped: z.number(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      properties: z.object({
        id: z.string(),
        name: z.string(),
        communityId: z.string(),
        communityName: z.string().nullable(),
        streetId: z.string(),
        streetName: z.string().nullable(),
      }),
    }),
  ),
});
const statsAnswer = z.object({
  unit: unitAnswer,
  at: z.string(),
  items: z.array(
    z.object({
      gridId: z.string(),
      open: z.number(),
      yellow: z.number(),
      red: z.number(),
      /** Null for those who may not read key persons' files. */
      keyPersons: z.number().nullable(),
    }),
  ),
});
const casesAnswer = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean(),
  /** Cases reported without a location (drawn at their grid's centre when it has a boundary). */
  unlocated: z.number(),
  /** Cases not drawn at all: no location and a grid without a boundary. */
  unplaced: z.number(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
      /** placedAtGrid: the point is the grid's centre, not where the case is. */
      properties: z.object({ ...caseFacts, placedAtGrid: z.boolean() }),
    }),
  ),
});
const gridCasesAnswer = z.object({
  grid: z.object({ id: z.string(), name: z.string() }),
  open: z.number(),
  yellow: z.number(),
  red: z.number(),
  truncated: z.boolean(),
  items: z.array(
    z.object({ ...caseFacts, latitude: z.number().nullable(), longitude: z.number().nullable() }),
  ),
});
const gridAtAnswer = z.object({
  grid: z.object({ id: z.string(), name: z.string(), path: z.string(), parentId: z.string().nullable() }),
});

/** The base map as the browser draws it: tile URL templates (key filled in) and their system. */
const baseMap = z.object({ tiles: z.array(z.string()), crs: z.enum(['WGS84', 'GCJ02']) });
export type BaseMap = z.infer<typeof baseMap>;

/**
 * The origins of the tile servers, which the Content-Security-Policy lets images come from. A host
 * label with a subdomain range (t{0-7}.tianditu.gov.cn) becomes a wildcard (*.tianditu.gov.cn).
 */
export function tileOrigins(templates: string[]) {
  const origins = templates.map((url) => {
    const [, scheme, host] = /^(https?):\/\/([^/?#]+)/.exec(url) ?? [];
    const labels = host.split('.').map((label) => (label.includes('{') ? '*' : label));
    return `${scheme}://${labels.join('.')}`;
  });
  return [...new Set(origins)];
}

const route = routesOf<{ map: MapService; baseMap: BaseMap }>('map');

/** 一图感知: the caller's area on a map; the unit's scope is checked in the service. */
export const mapRoutes = [
  // A tile service's key is a browser key (bound to the site's referrer), so signed-in users get it.
  route({
    method: 'get',
    path: '/api/map/config',
    summary: '底图配置（瓦片服务、坐标系） Base map: tile services and their coordinate system',
    access: 'signed-in',
    answer: baseMap,
    handler: async ({ baseMap }) => baseMap,
  }),
  route({
    method: 'get',
    path: '/api/map/grids',
    summary: '网格边界（GeoJSON，WGS-84） Grid boundaries in my area',
    access: 'signed-in',
    query: unitQuery,
    answer: gridsAnswer,
    handler: ({ map }, { query, who }) => map.grids(query, who),
  }),
  route({
    method: 'get',
    path: '/api/map/grid-stats',
    summary: '各网格在办、超期与重点人员数 Open, overdue and key persons per grid',
    access: 'signed-in',
    query: unitQuery,
    answer: statsAnswer,
    handler: ({ map }, { query, who }) => map.gridStats(query, who),
  }),
  route({
    method: 'get',
    path: '/api/map/cases',
    summary: '案件点位（GeoJSON） Case points with state and deadline colour',
    access: 'signed-in',
    query: casesQuery,
    answer: casesAnswer,
    handler: ({ map }, { query, who }) => map.cases(query, who),
  }),
  route({
    method: 'get',
    path: '/api/map/grids/:id/cases',
    summary: '网格在办案件 A grid’s open cases',
    access: 'signed-in',
    params: gridParam,
    answer: gridCasesAnswer,
    handler: ({ map }, { params, who }) => map.gridCases(params.id, who),
  }),
  route({
    method: 'get',
    path: '/api/map/grid-at',
    summary: '按位置定网格 The grid of a location',
    access: 'signed-in',
    query: locationQuery,
    answer: gridAtAnswer,
    handler: ({ map }, { query, who }) => map.gridAt(query, who),
  }),
];
