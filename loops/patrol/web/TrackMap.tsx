import { useEffect, useRef, useState } from 'react';
import OlMap from 'ol/Map';
import View from 'ol/View';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Feature from 'ol/Feature';
import { LineString, Point } from 'ol/geom';
import { fromLonLat } from 'ol/proj';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import gcoord from 'gcoord';
import 'ol/ol.css';
import { api } from '../../../web/src/api';
import type { BaseMap } from '../../../web/src/map/GridMap';

export interface Track {
  id: string;
  points: { latitude: number; longitude: number }[];
  checkIns: { latitude: number | null; longitude: number | null }[];
}

const COLOURS = ['#1677ff', '#fa541c', '#13c2c2', '#722ed1', '#52c41a', '#eb2f96'];

/** Patrol tracks (one colour each) and their check-ins on the base map; stored WGS-84, drawn as the tiles need. */
export function TrackMap({ tracks, height = 360 }: { tracks: Track[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [baseMap, setBaseMap] = useState<BaseMap | null>(null);
  useEffect(() => {
    api<BaseMap>('/api/map/config').then(setBaseMap, () => setBaseMap({ tiles: [], crs: 'WGS84' }));
  }, []);
  useEffect(() => {
    if (!baseMap || !ref.current) return;
    const at = (lat: number, lng: number) => {
      const [x, y] =
        baseMap.crs === 'WGS84'
          ? [lng, lat]
          : (gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as number[]);
      return fromLonLat([x, y]);
    };
    const source = new VectorSource();
    tracks.forEach((track, i) => {
      const colour = COLOURS[i % COLOURS.length];
      if (track.points.length > 1) {
        const line = new Feature(new LineString(track.points.map((p) => at(p.latitude, p.longitude))));
        line.setStyle(new Style({ stroke: new Stroke({ color: colour, width: 3 }) }));
        source.addFeature(line);
      }
      for (const c of track.checkIns) {
        if (c.latitude === null || c.longitude === null) continue;
        const dot = new Feature(new Point(at(c.latitude, c.longitude)));
        dot.setStyle(
          new Style({
            image: new CircleStyle({
              radius: 6,
              fill: new Fill({ color: colour }),
              stroke: new Stroke({ color: '#fff', width: 2 }),
            }),
          }),
        );
        source.addFeature(dot);
      }
    });
    const map = new OlMap({
      target: ref.current,
      layers: [
        ...baseMap.tiles.map((url) => new TileLayer({ source: new XYZ({ url, crossOrigin: 'anonymous' }) })),
        new VectorLayer({ source }),
      ],
      view: new View({ center: [12677000, 2580000], zoom: 12, maxZoom: 19 }),
    });
    if (source.getFeatures().length)
      map.getView().fit(source.getExtent()!, { padding: [30, 30, 30, 30], maxZoom: 18 });
    return () => map.setTarget(undefined);
  }, [baseMap, tracks]);
  return <div ref={ref} data-testid="track-map" style={{ height, width: '100%' }} />;
}
