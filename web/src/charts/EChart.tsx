import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';

/**
 * One ECharts instance in a div, resized with the window and rebuilt only when `option` changes
 * (memoise it). The pages register the chart types they draw with `echarts.use`.
 */
export function EChart({
  option,
  height,
  onClick,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  onClick?: (params: echarts.ECElementEvent) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The latest handler, without rebuilding the chart when only the handler changed.
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const chart = echarts.init(ref.current!);
    chart.setOption(option);
    chart.on('click', (p) => click.current?.(p as echarts.ECElementEvent));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}
