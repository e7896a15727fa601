import { useContext, useEffect, useMemo, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, type AnswerOf, type Me } from '../api';
import { useLoad } from '../use-load';
import { LoadError } from '../Loaded';
import { I18nContext, useT, type MessageKey } from '../i18n';
import { EChart } from '../charts/EChart';
import { DEADLINE_COLOURS, GridMap } from '../map/GridMap';
import './screen.css';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** How often the screen reloads its figures and the map's points. */
export const REFRESH_MS = 60_000;

type Summary = AnswerOf<'/api/screen/summary'>;

const TEXT = '#d6e4ff';
/** 办结率 as the screen writes it: a whole percentage, 「—」 for a unit that received nothing. */
const rateText = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const AXIS = {
  axisLabel: { color: TEXT },
  axisLine: { lineStyle: { color: '#3e5c8a' } },
  splitLine: { lineStyle: { color: '#1d3557' } },
};
const PALETTE = [
  '#36cfc9',
  '#4096ff',
  '#9254de',
  '#f759ab',
  '#ffc53d',
  '#73d13d',
  '#ff7a45',
  '#69b1ff',
  '#b37feb',
];

/**
 * 指挥大屏: a 1920×1080 command-centre screen of the caller's area (a street leader's is their
 * street's): today's events by state, category and level, overdue yellow/red, the ranking of the
 * units one level down (a click opens that unit's own screen), the map with the overdue heat and
 * the open 预警 at their places (their number beside the overdue ones), and the 30-day trends; it refreshes itself every minute.
 */
export function ScreenPage({ me, onExit }: { me: Me; onExit: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [openWarnings, setOpenWarnings] = useState<number>();
  // A failed load says so with 重试 (the minute's refresh tries again too), never a blank screen.
  const loaded = useLoad(
    () => api<Summary>(`/api/screen/summary?${new URLSearchParams(unit ? { unit } : {})}`),
    [unit, tick],
  );
  const summary = loaded.data;
  const statusName = (status: string) => t(`status.${status}` as MessageKey);
  const levelName = (level: string) => t(`level.${level}` as MessageKey);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // No animation: the figures are redrawn every minute, and a wall screen should just show them.
  const charts = useMemo(() => {
    if (!summary) return null;
    const pie = (data: { name: string; value: number }[]) => ({
      animation: false,
      color: PALETTE,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, textStyle: { color: TEXT } },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '42%'],
          label: { color: TEXT, formatter: '{b} {c}' },
          data,
        },
      ],
    });
    return {
      status: pie(summary.today.byStatus.map((s) => ({ name: statusName(s.status), value: s.count }))),
      level: pie(summary.today.byLevel.map((s) => ({ name: levelName(s.level), value: s.count }))),
      category: {
        animation: false,
        tooltip: {},
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, ...AXIS },
        yAxis: {
          type: 'category',
          inverse: true,
          data: summary.today.byCategory.map((c) => c.name),
          ...AXIS,
        },
        series: [
          {
            type: 'bar',
            data: summary.today.byCategory.map((c) => c.count),
            itemStyle: { color: '#4096ff' },
            label: { show: true, position: 'right', color: TEXT },
          },
        ],
      },
      // The bars are what the title names and ranks by, the 30-day closure rate; a unit that
      // received nothing has no rate (「—」, last). Open and overdue counts are in the tooltip.
      ranking: {
        animation: false,
        tooltip: {
          trigger: 'axis',
          formatter: (p: { dataIndex: number }[]) => {
            const r = summary.ranking[p[0].dataIndex];
            return [
              `${r.name} ${t('closedRate')} ${rateText(r.closedRate)}`,
              t('closedOfReceived', { closed: r.archived30, received: r.reported30 }),
              `${t('openNow')} ${r.open} · ${t('deadline.yellow')} ${r.yellow} · ${t('deadline.red')} ${r.red}`,
            ].join('<br/>');
          },
        },
        grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: TEXT, formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: summary.ranking.map((r, i) => `${i + 1}. ${r.name}`),
          ...AXIS,
        },
        series: [
          {
            name: t('closedRate'),
            type: 'bar',
            data: summary.ranking.map((r) => ({
              value: r.closedRate === null ? 0 : Math.round(r.closedRate * 100),
              label: { formatter: rateText(r.closedRate) },
            })),
            itemStyle: { color: '#4096ff' },
            label: { show: true, position: 'right', color: TEXT },
          },
        ],
      },
      trend: {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { color: TEXT } },
        grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: summary.trend.days.map((d) => d.slice(5)), ...AXIS },
        yAxis: { type: 'value', minInterval: 1, ...AXIS },
        series: [
          {
            name: t('reportedSeries'),
            type: 'line',
            smooth: true,
            data: summary.trend.reported,
            itemStyle: { color: '#36cfc9' },
            areaStyle: { opacity: 0.15 },
          },
          {
            name: t('archivedSeries'),
            type: 'line',
            smooth: true,
            data: summary.trend.archived,
            itemStyle: { color: '#73d13d' },
          },
        ],
      },
    };
  }, [summary, t]);

  const kpi = (label: string, value: number | undefined, colour: string, testId: string) => (
    <div className="screen-kpi" data-testid={testId}>
      <div className="screen-kpi-value" style={{ color: colour }}>
        {value ?? '—'}
      </div>
      <div className="screen-kpi-label">{label}</div>
    </div>
  );
  const panel = (title: string, body: React.ReactNode, testId?: string) => (
    <section className="screen-panel" data-testid={testId}>
      <h3>{title}</h3>
      <div className="screen-panel-body">{body}</div>
    </section>
  );

  return (
    <div className="screen" data-testid="screen">
      <header className="screen-header">
        {/* Back to one's own area after drilling into a unit of the ranking. */}
        <div>
          {unit && (
            <Button size="small" onClick={() => setUnit(undefined)}>
              {me.org.name}
            </Button>
          )}
        </div>
        <h1>{t('screenTitle', { unit: summary?.unit.name ?? me.org.name })}</h1>
        <Space>
          <Typography.Text style={{ color: TEXT }}>
            {summary && t('refreshedAt', { time: new Date(summary.at).toLocaleTimeString(locale) })}
          </Typography.Text>
          <Button size="small" onClick={onExit}>
            {t('exitScreen')}
          </Button>
        </Space>
      </header>
      <div className="screen-kpis">
        {kpi(t('todayEvents'), summary?.today.total, '#69b1ff', 'kpi-today')}
        {kpi(t('openNow'), summary?.open, '#36cfc9', 'kpi-open')}
        {kpi(t('deadline.yellow'), summary?.overdue.yellow, DEADLINE_COLOURS.yellow, 'kpi-yellow')}
        {kpi(t('deadline.red'), summary?.overdue.red, DEADLINE_COLOURS.red, 'kpi-red')}
        {kpi(t('openWarnings'), openWarnings, '#ff4d4f', 'kpi-warnings')}
      </div>
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} testId="screen-error" />}
      <div className="screen-body">
        <div className="screen-column">
          {panel(
            t('todayByState'),
            charts && (
              <EChart
                option={charts.status}
                height={230}
                testId="screen-status"
                figures={summary!.today.byStatus.map((s) => ({ name: statusName(s.status), value: s.count }))}
              />
            ),
          )}
          {panel(
            t('todayByCategory'),
            charts && (
              <EChart
                option={charts.category}
                height={250}
                testId="screen-category"
                figures={summary!.today.byCategory.map((c) => ({ name: c.name, value: c.count }))}
              />
            ),
          )}
          {panel(
            t('todayByLevel'),
            charts && (
              <EChart
                option={charts.level}
                height={230}
                testId="screen-level"
                figures={summary!.today.byLevel.map((l) => ({ name: levelName(l.level), value: l.count }))}
              />
            ),
          )}
        </div>
        <div className="screen-map">
          <GridMap
            unit={unit}
            caseQuery={OPEN_CASES}
            heat
            dark
            reloadKey={tick}
            height="100%"
            warnings
            onWarnings={(w) => setOpenWarnings(w.total)}
          />
        </div>
        <div className="screen-column">
          {panel(
            t('ranking'),
            charts && (
              <EChart
                option={charts.ranking}
                height={260}
                testId="screen-ranking"
                figures={summary!.ranking.map((r, i) => ({
                  name: `${i + 1}. ${r.name}`,
                  value: `${t('closedRate')} ${rateText(r.closedRate)} (${t('closedOfReceived', {
                    closed: r.archived30,
                    received: r.reported30,
                  })})`,
                }))}
                onClick={(p) => {
                  const row = summary?.ranking[p.dataIndex];
                  if (row) setUnit(row.unitId);
                }}
              />
            ),
          )}
          {panel(
            t('trend30'),
            charts && (
              <EChart
                option={charts.trend}
                height={250}
                testId="screen-trend"
                figures={summary!.trend.days.map((day, i) => ({
                  name: day,
                  value: `${t('reportedSeries')} ${summary!.trend.reported[i]} · ${t('archivedSeries')} ${summary!.trend.archived[i]}`,
                }))}
              />
            ),
          )}
          {panel(
            t('busiestBuildings'),
            summary && (
              <ol style={{ margin: 0, paddingLeft: 20, maxHeight: 150, overflowY: 'auto' }}>
                {summary.buildings.map((b) => (
                  <li key={b.id} data-testid="screen-building">
                    {b.address} · {t('buildingCases30', { n: b.reported30, open: b.open })}
                  </li>
                ))}
              </ol>
            ),
            'screen-buildings',
          )}
        </div>
      </div>
    </div>
  );
}

/** The screen's map shows the work still open. */
const OPEN_CASES = { state: 'OPEN' };
