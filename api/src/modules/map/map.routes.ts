import Router from '@koa/router';
import { z } from 'zod';
import { parse, storableDate } from '../../http/errors';
import type { RouteSpec } from '../../http/openapi';
import { caller, type AppState } from '../auth/session.middleware';
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

export const mapSpecs: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/map/config',
    summary: '底图配置（瓦片服务、坐标系） Base map: tile services and their coordinate system',
    tag: 'map',
  },
  {
    method: 'get',
    path: '/api/map/grids',
    summary: '网格边界（GeoJSON，WGS-84） Grid boundaries in my area',
    tag: 'map',
    query: unitQuery,
  },
  {
    method: 'get',
    path: '/api/map/grid-stats',
    summary: '各网格在办、超期与重点人员数 Open, overdue and key persons per grid',
    tag: 'map',
    query: unitQuery,
  },
  {
    method: 'get',
    path: '/api/map/cases',
    summary: '案件点位（GeoJSON） Case points with state and deadline colour',
    tag: 'map',
    query: casesQuery,
  },
  {
    method: 'get',
    path: '/api/map/grids/:id/cases',
    summary: '网格在办案件 A grid’s open cases',
    tag: 'map',
    params: gridParam,
  },
  {
    method: 'get',
    path: '/api/map/grid-at',
    summary: '按位置定网格 The grid of a location',
    tag: 'map',
    query: locationQuery,
  },
];

/** The base map as the browser draws it: tile URL templates (key filled in) and their system. */
export interface BaseMap {
  tiles: string[];
  crs: 'WGS84' | 'GCJ02';
}

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

/** 一图感知: the caller's area on a map; scope is checked in the service. */
export function mapRoutes(map: MapService, baseMap: BaseMap) {
  const router = new Router<AppState>({ prefix: '/api/map' });
  // A tile service's key is a browser key (bound to the site's referrer), so signed-in users get it.
  router.get('/config', (ctx) => {
    caller(ctx.state);
    ctx.body = baseMap;
  });
  router.get('/grids', async (ctx) => {
    ctx.body = await map.grids(parse(unitQuery, ctx.query), caller(ctx.state));
  });
  router.get('/grid-stats', async (ctx) => {
    ctx.body = await map.gridStats(parse(unitQuery, ctx.query), caller(ctx.state));
  });
  router.get('/cases', async (ctx) => {
    ctx.body = await map.cases(parse(casesQuery, ctx.query), caller(ctx.state));
  });
  router.get('/grids/:id/cases', async (ctx) => {
    ctx.body = await map.gridCases(parse(gridParam, ctx.params).id, caller(ctx.state));
  });
  router.get('/grid-at', async (ctx) => {
    ctx.body = await map.gridAt(parse(locationQuery, ctx.query), caller(ctx.state));
  });
  return router;
}
