import { useEffect, useRef, useState } from 'react';
import OlMap from 'ol/Map';
import { defaults as defaultControls } from 'ol/control/defaults';
import View from 'ol/View';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Cluster from 'ol/source/Cluster';
import GeoJSON from 'ol/format/GeoJSON';
import type Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import { boundingExtent, isEmpty } from 'ol/extent';
import type { Point } from 'ol/geom';
import { Circle as CircleStyle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import gcoord from 'gcoord';
import 'ol/ol.css';
import { api, type AnswerOf } from '../api';
import { useT } from '../i18n';

/** GET /api/map/config: the base map's tile templates and their coordinate system (none: offline). */
export type BaseMap = AnswerOf<'/api/map/config'>;
export type GridStat = AnswerOf<'/api/map/grid-stats'>['items'][number];
export type Deadline = 'onTime' | 'yellow' | 'red' | null;
/** What the case query answered besides the points. */
export interface CasesMeta {
  count: number;
  unlocated: number;
  unplaced: number;
  truncated: boolean;
}

/** The deadline colours of the whole app: on time green, yellow, red; no open step grey. */
export const DEADLINE_COLOURS: Record<string, string> = {
  onTime: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  none: '#8c8c8c',
};
const RANK: Record<string, number> = { none: 0, onTime: 1, yellow: 2, red: 3 };
const deadlineOf = (f: FeatureLike) => (f.get('deadline') as Deadline) ?? 'none';

/**
 * Stored coordinates are WGS-84; tiles in GCJ-02 (高德, 腾讯) are drawn shifted, so what is drawn
 * on them is shifted the same way (gcoord), or points would sit a few hundred metres off.
 */
/** Any of the map routes' GeoJSON answers, as OpenLayers reads them. */
type Collection = { type: 'FeatureCollection'; features: object[] };

function onto(crs: BaseMap['crs'], collection: Collection) {
  if (crs === 'WGS84') return collection;
  return gcoord.transform(structuredClone(collection) as never, gcoord.WGS84, gcoord.GCJ02) as Collection;
}
/** Records with a point (those without one left out) as features of one kind, their fields as properties. */
const pointCollection = <T extends { lng: number | null; lat: number | null }>(
  items: T[],
  kind: string,
): Collection => ({
  type: 'FeatureCollection',
  features: items.flatMap(({ lng, lat, ...rest }) =>
    lng === null || lat === null
      ? []
      : [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [lng, lat] },
            properties: { ...rest, kind },
          },
        ],
  ),
});

const readFeatures = (crs: BaseMap['crs'], collection: Collection) =>
  new GeoJSON().readFeatures(onto(crs, collection), { featureProjection: 'EPSG:3857' });

/** A grid's fill: the overdue heat (red over yellow over open work) when asked for, else a tint. */
function gridFill(stat: GridStat | undefined, heat: boolean) {
  if (!heat || !stat) return 'rgba(22,119,255,0.06)';
  if (stat.red) return `rgba(245,34,45,${Math.min(0.25 + stat.red * 0.1, 0.65)})`;
  if (stat.yellow) return `rgba(250,173,20,${Math.min(0.25 + stat.yellow * 0.1, 0.6)})`;
  if (stat.open) return 'rgba(22,119,255,0.14)';
  return 'rgba(22,119,255,0.04)';
}

/**
 * 一图感知's map (OpenLayers, canvas 2D: no WebGL needed, so it draws on thin clients and headless
 * browsers alike): grid boundaries with their names and overdue heat, cases as points coloured by
 * deadline and clustered when dense, over a configured tile service or over nothing at all.
 * A click on a case point opens the case; on a cluster zooms in; on a grid selects it.
 */
export function GridMap({
  unit,
  caseQuery,
  heat,
  selectedGrid,
  onGrid,
  onCase,
  onCases,
  height,
  dark = false,
  reloadKey = 0,
  buildings = false,
  onBuilding,
  warnings = false,
  onWarnings,
}: {
  unit?: string;
  /** Filters of GET /api/map/cases, as query parameters. */
  caseQuery: Record<string, string>;
  heat: boolean;
  selectedGrid?: string | null;
  onGrid?: (gridId: string) => void;
  onCase?: (caseId: string) => void;
  /** What the case query answered besides the points (unlocated, truncated). */
  onCases?: (meta: CasesMeta) => void;
  height: number | string;
  dark?: boolean;
  /** Changing it reloads the counts and points (the screen's auto-refresh). */
  reloadKey?: number;
  /** The base's buildings as squares with their open cases (GET /api/base/map). */
  buildings?: boolean;
  onBuilding?: (buildingId: string) => void;
  /** Open 预警 as red triangles at their place, named (GET /api/warnings/map). */
  warnings?: boolean;
  /** What the warnings layer answered: how many are open, and how many have no place to draw. */
  onWarnings?: (meta: { total: number; unplaced: number }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<OlMap | null>(null);
  const [baseMap, setBaseMap] = useState<BaseMap | null>(null);
  const layers = useRef<{
    grids: VectorSource;
    cases: VectorSource;
    buildings: VectorSource;
    warnings: VectorSource;
    stats: Map<string, GridStat>;
  }>({
    grids: new VectorSource(),
    cases: new VectorSource(),
    buildings: new VectorSource(),
    warnings: new VectorSource(),
    stats: new Map(),
  });
  const [buildingCount, setBuildingCount] = useState<number>();
  const [warningCount, setWarningCount] = useState<number>();
  const gridLayer = useRef<VectorLayer<VectorSource> | null>(null);
  const handlers = useRef({ onGrid, onCase, onCases, onBuilding, onWarnings });
  handlers.current = { onGrid, onCase, onCases, onBuilding, onWarnings };
  const view = useRef({ heat, selectedGrid, dark });
  const t = useT();
  view.current = { heat, selectedGrid, dark };

  useEffect(() => {
    api<BaseMap>('/api/map/config').then(setBaseMap, () => setBaseMap({ tiles: [], crs: 'WGS84' }));
  }, []);

  // The map itself, once the base map is known (the tile layers come first, under the vectors).
  useEffect(() => {
    if (!baseMap) return;
    const { grids, cases } = layers.current;
    const gridStyle = (f: FeatureLike) => {
      const id = f.get('id') as string;
      const selected = id === view.current.selectedGrid;
      return new Style({
        // The counts as last loaded (they are replaced on every refresh).
        fill: new Fill({ color: gridFill(layers.current.stats.get(id), view.current.heat) }),
        stroke: new Stroke({
          color: selected ? '#003eb3' : view.current.dark ? '#69b1ff' : '#1677ff',
          width: selected ? 3 : 1.2,
        }),
        text: new Text({
          text: f.get('name') as string,
          font: '12px sans-serif',
          fill: new Fill({ color: view.current.dark ? '#e6f4ff' : '#1f1f1f' }),
          stroke: new Stroke({ color: view.current.dark ? '#001529' : '#fff', width: 3 }),
          overflow: false,
        }),
      });
    };
    const caseStyles = new Map<string, Style>();
    const caseStyle = (f: FeatureLike) => {
      const members = (f.get('features') as FeatureLike[]) ?? [f];
      const worst = members.map(deadlineOf).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');
      // A case drawn at its grid's centre (reported without a location) is hollow: placed, not located.
      const placed = members.length === 1 && members[0].get('placedAtGrid') === true;
      const key = `${worst}:${members.length}:${placed}`;
      if (!caseStyles.has(key)) {
        const many = members.length > 1;
        caseStyles.set(
          key,
          new Style({
            image: new CircleStyle({
              radius: many ? Math.min(10 + Math.log2(members.length) * 3, 24) : 7,
              fill: new Fill({ color: placed ? '#fff' : DEADLINE_COLOURS[worst] }),
              stroke: placed
                ? new Stroke({ color: DEADLINE_COLOURS[worst], width: 3, lineDash: [3, 2] })
                : new Stroke({ color: '#fff', width: 2 }),
            }),
            text: many
              ? new Text({
                  text: String(members.length),
                  fill: new Fill({ color: '#fff' }),
                  font: 'bold 12px sans-serif',
                })
              : undefined,
          }),
        );
      }
      return caseStyles.get(key)!;
    };
    // A building: a square, blue when it has open cases (their count on it), grey otherwise.
    const buildingStyle = (f: FeatureLike) =>
      new Style({
        image: new RegularShape({
          points: 4,
          radius: f.get('open') ? 9 : 6,
          angle: Math.PI / 4,
          fill: new Fill({ color: f.get('open') ? '#1677ff' : '#bfbfbf' }),
          stroke: new Stroke({ color: '#fff', width: 1.5 }),
        }),
        text: f.get('open')
          ? new Text({
              text: String(f.get('open')),
              fill: new Fill({ color: '#fff' }),
              font: 'bold 11px sans-serif',
            })
          : undefined,
      });
    // A warning: a red triangle with the count behind it, named by its place and rule.
    const warningStyle = (f: FeatureLike) =>
      new Style({
        image: new RegularShape({
          points: 3,
          radius: 12,
          fill: new Fill({ color: '#f5222d' }),
          stroke: new Stroke({ color: '#fff', width: 2 }),
        }),
        text: new Text({
          text: t('map.warningLabel', {
            place: f.get('placeName') as string,
            rule: f.get('ruleName') as string,
            n: f.get('count') as number,
          }),
          offsetY: -20,
          font: 'bold 12px sans-serif',
          fill: new Fill({ color: '#f5222d' }),
          stroke: new Stroke({ color: view.current.dark ? '#001529' : '#fff', width: 3 }),
        }),
      });
    const gridVector = new VectorLayer({ source: grids, style: gridStyle, declutter: true });
    gridLayer.current = gridVector;
    const olMap = new OlMap({
      target: ref.current!,
      // OpenLayers' buttons carry English tooltips of their own.
      controls: defaultControls({
        zoomOptions: { zoomInTipLabel: t('map.zoomIn'), zoomOutTipLabel: t('map.zoomOut') },
        rotateOptions: { tipLabel: t('map.resetRotation') },
        attributionOptions: { tipLabel: t('map.attributions') },
      }),
      layers: [
        ...baseMap.tiles.map((url) => new TileLayer({ source: new XYZ({ url, crossOrigin: 'anonymous' }) })),
        // Listed before the grids (the tests read the grids and cases as the last two layers), drawn above them.
        new VectorLayer({ source: layers.current.buildings, style: buildingStyle, zIndex: 1 }),
        new VectorLayer({ source: layers.current.warnings, style: warningStyle, zIndex: 3 }),
        gridVector,
        new VectorLayer({
          source: new Cluster({ source: cases, distance: 28 }),
          style: caseStyle,
          zIndex: 2,
        }),
      ],
      view: new View({ center: [12677000, 2580000], zoom: 11, maxZoom: 19 }),
    });
    olMap.on('singleclick', (e) => {
      const hit = olMap.forEachFeatureAtPixel(e.pixel, (f) => f, { hitTolerance: 4 });
      if (!hit) return;
      if (hit.get('kind') === 'building') return handlers.current.onBuilding?.(hit.get('id') as string);
      if (hit.get('kind') === 'warning') return;
      const members = hit.get('features') as Feature<Point>[] | undefined;
      if (members?.length === 1) handlers.current.onCase?.(members[0].get('id') as string);
      else if (members) {
        const extent = boundingExtent(members.map((m) => m.getGeometry()!.getCoordinates()));
        // Cases at one spot stay clustered at any zoom: their grid lists them.
        if (olMap.getView().getZoom()! >= 17 || isEmpty(extent) || extent[0] === extent[2])
          handlers.current.onGrid?.(members[0].get('gridId') as string);
        else olMap.getView().fit(extent, { duration: 250, padding: [60, 60, 60, 60], maxZoom: 17 });
      } else handlers.current.onGrid?.(hit.get('id') as string);
    });
    olMap.on('pointermove', (e) => {
      olMap.getTargetElement()!.style.cursor = olMap.hasFeatureAtPixel(e.pixel, { hitTolerance: 4 })
        ? 'pointer'
        : '';
    });
    // The map instance on its element: the browser tests (and a developer's console) turn a
    // location into the pixel to click with it.
    Object.assign(ref.current!, { olMap });
    setMap(olMap);
    return () => {
      olMap.setTarget(undefined);
      setMap(null);
    };
  }, [baseMap, t]);

  // The boundaries of the area, fitted into view.
  useEffect(() => {
    if (!map || !baseMap) return;
    const params = new URLSearchParams(unit ? { unit } : {});
    api<AnswerOf<'/api/map/grids'>>(`/api/map/grids?${params}`).then((fc) => {
      const { grids } = layers.current;
      grids.clear();
      grids.addFeatures(readFeatures(baseMap.crs, fc));
      const extent = grids.getExtent();
      if (extent && !isEmpty(extent)) map.getView().fit(extent, { padding: [24, 24, 24, 24] });
    });
  }, [map, baseMap, unit]);

  // Counts per grid (the heat) and the case points, again on every filter change and refresh.
  useEffect(() => {
    if (!map || !baseMap) return;
    const params = new URLSearchParams(unit ? { unit } : {});
    api<AnswerOf<'/api/map/grid-stats'>>(`/api/map/grid-stats?${params}`).then((r) => {
      layers.current.stats = new Map(r.items.map((s) => [s.gridId, s]));
      gridLayer.current?.changed();
    });
    const query = new URLSearchParams({ ...caseQuery, ...(unit ? { unit } : {}) });
    api<AnswerOf<'/api/map/cases'>>(`/api/map/cases?${query}`).then((fc) => {
      const { cases } = layers.current;
      cases.clear();
      cases.addFeatures(readFeatures(baseMap.crs, fc));
      handlers.current.onCases?.({
        count: fc.features.length,
        unlocated: fc.unlocated,
        unplaced: fc.unplaced,
        truncated: fc.truncated,
      });
    });
  }, [map, baseMap, unit, caseQuery, reloadKey]);

  // The building layer, when asked for: the caller's buildings with a point.
  useEffect(() => {
    const source = layers.current.buildings;
    if (!map || !baseMap || !buildings) {
      source.clear();
      setBuildingCount(undefined);
      return;
    }
    api<AnswerOf<'/api/base/map'>>('/api/base/map').then((r) => {
      source.clear();
      source.addFeatures(readFeatures(baseMap.crs, pointCollection(r.items, 'building')));
      setBuildingCount(r.items.length);
    });
  }, [map, baseMap, buildings, reloadKey]);

  // The warnings layer, when asked for: the open warnings of the area (or the unit looked at).
  useEffect(() => {
    const source = layers.current.warnings;
    if (!map || !baseMap || !warnings) {
      source.clear();
      setWarningCount(undefined);
      return;
    }
    const params = new URLSearchParams(unit ? { unit } : {});
    api<AnswerOf<'/api/warnings/map'>>(`/api/warnings/map?${params}`).then((r) => {
      source.clear();
      source.addFeatures(readFeatures(baseMap.crs, pointCollection(r.items, 'warning')));
      setWarningCount(r.items.length - r.unplaced);
      handlers.current.onWarnings?.({ total: r.total, unplaced: r.unplaced });
    });
  }, [map, baseMap, warnings, unit, reloadKey]);

  // Heat, selection and theme restyle the grids without reloading anything.
  useEffect(() => {
    gridLayer.current?.changed();
  }, [heat, selectedGrid, dark, map]);

  return (
    <div
      ref={ref}
      data-testid="grid-map"
      data-base-map={baseMap ? (baseMap.tiles.length ? baseMap.crs : 'none') : undefined}
      data-buildings={buildingCount}
      data-warnings={warningCount}
      style={{
        width: '100%',
        height,
        background: dark ? '#0b1d33' : '#eef3f8',
        borderRadius: 4,
      }}
    />
  );
}
