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
  figures,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  onClick?: (params: echarts.ECElementEvent) => void;
  testId?: string;
  /** The figures drawn, as text: a canvas is read by no screen reader (nor a test). */
  figures?: { name: string; value: string | number }[];
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
  return (
    <>
      <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />
      {figures && (
        <ul style={VISUALLY_HIDDEN} data-testid={testId && `${testId}-figures`}>
          {figures.map((f, i) => (
            <li key={i}>
              <span>{f.name}</span> <span>{f.value}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Off screen but read: the chart's figures for screen readers. */
const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  margin: -1,
  padding: 0,
  border: 0,
};
