import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface HeatCell {
  unitId: string;
  bucket: string;
  count: number;
}

/** Overdue open tasks per unit (rows) and age since the yellow time (columns); a click drills down. */
export function OverdueHeatmap(props: {
  units: { unitId: string; name: string }[];
  buckets: { key: string; label: string }[];
  cells: HeatCell[];
  onUnit: (unitId: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const onUnit = useRef(props.onUnit);
  onUnit.current = props.onUnit;

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    chart.on('click', (p) => {
      const unit = props.units[(p.value as number[])[1]];
      if (unit) onUnit.current(unit.unitId);
    });
    const y = new Map(props.units.map((u, i) => [u.unitId, i]));
    const x = new Map(props.buckets.map((b, i) => [b.key, i]));
    const data = props.cells.map((c) => [x.get(c.bucket) ?? 0, y.get(c.unitId) ?? 0, c.count]);
    chart.setOption({
      tooltip: { position: 'top' },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: props.buckets.map((b) => b.label), splitArea: { show: true } },
      yAxis: { type: 'category', data: props.units.map((u) => u.name), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: Math.max(1, ...props.cells.map((c) => c.count)),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#fff7e6', '#ffc53d', '#f5222d'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true } }],
    });
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.units, props.buckets, props.cells]);

  return (
    <div
      ref={el}
      data-testid="overdue-heatmap"
      style={{ width: '100%', height: Math.max(220, 40 * props.units.length + 100) }}
    />
  );
}
