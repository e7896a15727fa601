import type { AnswerOf } from '../api';
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from '../charts/EChart';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type HeatCell = AnswerOf<'/api/supervision/overdue'>['cells'][number];

/** Overdue open tasks per unit (rows) and age since the yellow time (columns); a click drills down. */
export function OverdueHeatmap({
  units,
  buckets,
  cells,
  onUnit,
}: {
  units: { unitId: string; name: string }[];
  buckets: { key: string; label: string }[];
  cells: HeatCell[];
  onUnit: (unitId: string) => void;
}) {
  const option = useMemo(() => {
    const y = new Map(units.map((u, i) => [u.unitId, i]));
    const x = new Map(buckets.map((b, i) => [b.key, i]));
    return {
      tooltip: { position: 'top' },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: buckets.map((b) => b.label), splitArea: { show: true } },
      yAxis: { type: 'category', data: units.map((u) => u.name), splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: Math.max(1, ...cells.map((c) => c.count)),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        // The amount of overdue work in shades of one hue: a cell of yellow-only work must not read
        // as red; red work is counted apart in the table beside it.
        inRange: { color: ['#fffbe6', '#ffd666', '#d48806'] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [x.get(c.bucket) ?? 0, y.get(c.unitId) ?? 0, c.count]),
          label: { show: true },
        },
      ],
    };
  }, [units, buckets, cells]);

  return (
    <EChart
      option={option}
      testId="overdue-heatmap"
      height={Math.max(220, 40 * units.length + 100)}
      onClick={(p) => {
        const unit = units[(p.value as number[])[1]];
        if (unit) onUnit(unit.unitId);
      }}
    />
  );
}
