import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Drawer,
  message,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, type AnswerOf, type Me, errorText } from '../api';
import { EChart } from '../charts/EChart';
import { LoadError } from '../Loaded';
import { useLoad } from '../use-load';
import { I18nContext, useT, type MessageKey } from '../i18n';
import { AssessmentTrial } from '../../../loops/assessment/web/AssessmentTrial';
import { hasRole } from '../me';
import { SurveyRates } from '../../../loops/satisfaction-sampling/web/SurveyRates';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Level = 'STREET' | 'COMMUNITY' | 'DEPARTMENT';
type Run = AnswerOf<'/api/assessment/runs'>['items'][number];
type Ranking = AnswerOf<'/api/assessment/rankings'>;
/** A unit's scores and counts; rank null for a unit with no work in the period (不参与排名). */
type Score = Ranking['items'][number] | Ranking['noWork'][number];
/**
 * The other loops' indicators (mediation, petitions, patrol weeks): a column each, shown once some unit of the
 * level has something to count, so a level without disputes or petitions keeps a short table.
 */
const LOOP_RATES = [
  { indicator: 'mediation', label: 'mediationRate', hit: 'disputesSettled', of: 'disputesEnded' },
  { indicator: 'prevention', label: 'preventionRate', hit: 'disputesCalm', of: 'disputesEnded' },
  {
    indicator: 'petitionAccept',
    label: 'petitionAcceptRate',
    hit: 'petitionsDecidedInTime',
    of: 'petitionsDecisionDue',
  },
  {
    indicator: 'petitionOnTime',
    label: 'petitionOnTimeRate',
    hit: 'petitionsHandledOnTime',
    of: 'petitionsHandlingDue',
  },
  {
    indicator: 'petitionSatisfaction',
    label: 'petitionSatisfactionRate',
    hit: 'petitionsSatisfied',
    of: 'petitionsEvaluated',
  },
  {
    indicator: 'petitionRepeat',
    label: 'petitionRepeatRate',
    hit: 'petitionsRepeated',
    of: 'petitionsReceived',
  },
  { indicator: 'patrol', label: 'patrolRate', hit: 'patrolWeeksMet', of: 'patrolWeeks' },
] as const satisfies readonly { indicator: string; label: MessageKey; hit: keyof Score; of: keyof Score }[];
type Item = AnswerOf<'/api/assessment/scores/{id}/items'>['items'][number];
type Drill = { score: Score; indicator: string; label: MessageKey };
const LEVEL_LABEL: Record<Level, MessageKey> = {
  STREET: 'rankings.streets',
  COMMUNITY: 'rankings.communities',
  DEPARTMENT: 'rankings.departments',
};
const BAR_COLOR = { red: '#cf1322', black: '#262626', none: '#8c8c8c' };

const TREND_UNITS = 10;

export function RankingsPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [runs, setRuns] = useState<Run[] | undefined>();
  const [levels, setLevels] = useState<Level[]>([]);
  const [period, setPeriod] = useState<string>();
  const [level, setLevel] = useState<Level>(me.org.type === 'STREET' ? 'COMMUNITY' : 'STREET');
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  // As the API's ability: the district's supervisors and designers run and try the 考评 (not its admins).
  const canRun = me.org.type === 'DISTRICT' && me.roles.some((r) => ['DESIGNER', 'SUPERVISOR'].includes(r));
  const fail = useCallback((e: unknown) => message.error(errorText(e, locale)), [locale]);
  // The month picker's month names follow the app's language (dayjs holds them, not antd).
  useEffect(() => void dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en'), [locale]);

  // The runs decide what the page shows: a failure says so with 重试 rather than spinning.
  const [runsError, setRunsError] = useState<string>();
  const loadRuns = useCallback(() => {
    setRunsError(undefined);
    api<AnswerOf<'/api/assessment/runs'>>('/api/assessment/runs').then(
      (r) => {
        const done = r.items.filter((run) => run.computedAt);
        setRuns(done);
        // Only the levels the caller has scores of: a street gets no empty departments chart.
        setLevels(r.levels);
        setLevel((l) => (r.levels.length && !r.levels.includes(l) ? r.levels[0] : l));
        setPeriod((p) => p ?? done[0]?.periodKey);
      },
      (e) => setRunsError(errorText(e, locale)),
    );
  }, [locale]);
  useEffect(loadRuns, [loadRuns]);

  // The ranking, its trend and a figure's cases load apart: each failure says so with 重试 where it shows.
  const rankingLoad = useLoad(
    () =>
      period
        ? api<Ranking>(`/api/assessment/rankings?${new URLSearchParams({ period, level })}`)
        : Promise.resolve(null),
    [period, level],
  );
  const ranking = rankingLoad.data ?? undefined;
  const trendLoad = useLoad(
    () =>
      period
        ? api<AnswerOf<'/api/assessment/trend'>>(`/api/assessment/trend?level=${level}`)
        : Promise.resolve(null),
    [period, level],
  );
  const trend = trendLoad.data ?? undefined;
  const itemsLoad = useLoad(
    () =>
      drill
        ? api<AnswerOf<'/api/assessment/scores/{id}/items'>>(
            `/api/assessment/scores/${drill.score.id}/items?indicator=${drill.indicator}&pageSize=200`,
          )
        : Promise.resolve(null),
    [drill],
  );

  const run = async () => {
    if (!month) return;
    try {
      await api('/api/assessment/runs', { body: { period: month.format('YYYY-MM') } });
      message.success(t('runStarted'));
    } catch (e) {
      fail(e);
    }
  };

  const figure = (score: Score, indicator: string, label: MessageKey, text: string) => (
    <Button
      type="link"
      size="small"
      style={{ padding: 0 }}
      onClick={() => setDrill({ score, indicator, label })}
    >
      {text}
    </Button>
  );
  const rate = (hit: number, total: number) => (total ? `${Math.round((hit / total) * 1000) / 10}%` : '—');
  const rows = useMemo(() => ranking?.items ?? [], [ranking]);
  const current = runs?.find((r) => r.periodKey === period);
  const w = ranking?.weights;
  // Keep the top units in the trend so the chart stays legible for 100+ communities.
  // Built once per data change: a new option object rebuilds the chart.
  const rankingOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.rank}. ${r.unitName}`) },
      // Coloured by the score rules (ties share a colour), never by list position.
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.score),
          label: { show: true, position: 'right' },
          itemStyle: {
            color: (p: { dataIndex: number }) => BAR_COLOR[rows[p.dataIndex]?.band ?? 'none'],
          },
        },
      ],
    }),
    [rows],
  );
  const trendOption = useMemo(() => {
    if (!trend) return {};
    // One period is no trend: the page shows the change against the last period instead.
    const top = new Set(rows.slice(0, TREND_UNITS).map((r) => r.unitName));
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: trend.periods },
      yAxis: { type: 'value' },
      series: trend.series
        .filter((s) => top.has(s.unitName))
        .map((s) => ({ type: 'line', name: s.unitName, data: s.scores, connectNulls: true })),
    };
  }, [rows, trend]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          style={{ minWidth: 200 }}
          placeholder={t('period')}
          value={period}
          onChange={setPeriod}
          options={(runs ?? []).map((r) => ({ value: r.periodKey, label: r.periodKey }))}
          data-testid="period"
        />
        <Segmented
          value={level}
          onChange={(v) => setLevel(v as Level)}
          options={levels.map((l) => ({ value: l, label: t(LEVEL_LABEL[l]) }))}
        />
        {current && (
          <Tag color={current.status === 'CLOSED' ? 'blue' : 'orange'}>
            {t(current.status === 'CLOSED' ? 'closed' : 'provisional')}
          </Tag>
        )}
        <Button onClick={loadRuns}>{t('refresh')}</Button>
        {period && (
          <Button href={`/api/exports/rankings.xlsx?${new URLSearchParams({ period, level })}`}>
            {t('exportXlsx')}
          </Button>
        )}
        {canRun && (
          <Space.Compact>
            <DatePicker
              picker="month"
              value={month}
              onChange={setMonth}
              format={locale === 'zh-CN' ? 'YYYY年MM月' : 'YYYY-MM'}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              data-testid="run-month"
            />
            <Button type="primary" disabled={!month} onClick={run}>
              {t('runAssessment')}
            </Button>
          </Space.Compact>
        )}
        {canRun && runs?.length ? (
          <AssessmentTrial periods={runs.map((r) => r.periodKey)} bands={ranking?.rules} />
        ) : null}
      </Space>
      {/* While the runs load, nothing is claimed: 暂无 only once the API said so. */}
      {runsError && <LoadError error={runsError} onRetry={loadRuns} />}
      {!runs && !runsError && <Spin />}
      {runs?.length === 0 && (
        <Typography.Text type="secondary" data-testid="no-runs">
          {t(canRun ? 'noRunsCanRun' : 'noRunsWait')}
        </Typography.Text>
      )}
      {rankingLoad.error && (
        <LoadError error={rankingLoad.error} onRetry={rankingLoad.reload} testId="ranking-error" />
      )}
      {ranking && (
        <Card size="small" title={t('rankingRules')} data-testid="ranking-rules">
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('bandRule', { red: ranking.rules.redMin, black: ranking.rules.blackBelow })}
          </Typography.Paragraph>
          {w && (
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('formula', {
                response: w.responseWeight,
                onTime: w.onTimeWeight,
                satisfaction: w.satisfactionWeight,
                rework: w.reworkWeight,
                yellow: w.yellowCardDeduction,
                red: w.redCardDeduction,
                // A run scored before the exception had a weight deducted nothing for it.
                override: w.separationOverrideDeduction ?? 0,
              })}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">
            {ranking.previousPeriod
              ? t('changeAgainst', { period: ranking.previousPeriod })
              : t('noPrevious')}
          </Typography.Text>
        </Card>
      )}
      {ranking && !rows.length && <Typography.Text type="secondary">{t('nobodyRanked')}</Typography.Text>}
      {rows.length > 0 && (
        <Card size="small" title={`${t('rankings')} · ${period}`}>
          <EChart height={Math.max(160, rows.length * 26 + 40)} option={rankingOption} />
        </Card>
      )}
      {rows.length > 0 && (
        <Table<Score>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={rows}
          data-testid="ranking-table"
          columns={[
            { title: t('rank'), dataIndex: 'rank', width: 60 },
            { title: t('unit'), dataIndex: 'unitName' },
            {
              title: t('score'),
              render: (_, s) => (
                <Space size={4}>
                  <strong>{s.score}</strong>
                  {s.band && (
                    <Tag color={s.band === 'red' ? 'red' : '#262626'}>
                      {t(s.band === 'red' ? 'redList' : 'blackList')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('change'),
              render: (_, s) =>
                s.change === null ? (
                  '—'
                ) : (
                  <Typography.Text type={s.change > 0 ? 'success' : s.change < 0 ? 'danger' : undefined}>
                    {s.change > 0 ? `▲ ${s.change}` : s.change < 0 ? `▼ ${-s.change}` : '0'}
                  </Typography.Text>
                ),
            },
            {
              title: t('response'),
              render: (_, s) =>
                figure(
                  s,
                  'response',
                  'response',
                  `${rate(s.responseOnTime, s.responseTotal)} (${s.responseOnTime}/${s.responseTotal})`,
                ),
            },
            {
              title: t('solvedOnTime'),
              render: (_, s) =>
                figure(
                  s,
                  'onTime',
                  'solvedOnTime',
                  `${rate(s.solvedOnTime, s.solvedTotal)} (${s.solvedOnTime}/${s.solvedTotal})`,
                ),
            },
            {
              title: t('satisfaction'),
              render: (_, s) =>
                figure(
                  s,
                  'satisfaction',
                  'satisfaction',
                  `${rate(s.satisfied, s.visited)} (${s.satisfied}/${s.visited})`,
                ),
            },
            {
              title: t('rework'),
              render: (_, s) => figure(s, 'rework', 'rework', `${s.reworked}/${s.handled}`),
            },
            {
              title: t('yellowCards'),
              render: (_, s) => figure(s, 'yellow', 'yellowCards', String(s.yellowCards)),
            },
            { title: t('redCards'), render: (_, s) => figure(s, 'red', 'redCards', String(s.redCards)) },
            // 准予例外 (a four-eyes finding): shown once some unit of the level has one.
            ...(rows.some((s) => s.separationOverrides > 0)
              ? [
                  {
                    title: t('separationOverrides'),
                    render: (_: unknown, s: Score) =>
                      figure(s, 'separationOverride', 'separationOverrides', String(s.separationOverrides)),
                  },
                ]
              : []),
            ...LOOP_RATES.filter((r) => rows.some((s) => s[r.of] > 0)).map((r) => ({
              title: t(r.label),
              render: (_: unknown, s: Score) =>
                figure(s, r.indicator, r.label, `${rate(s[r.hit], s[r.of])} (${s[r.hit]}/${s[r.of]})`),
            })),
          ]}
        />
      )}
      {ranking && ranking.noWork.length > 0 && (
        <Card size="small" title={t('noWorkTitle')} data-testid="no-work">
          <Typography.Paragraph type="secondary">{t('noWorkExplained')}</Typography.Paragraph>
          <Space wrap>
            {ranking.noWork.map((s) => (
              <Tag key={s.id}>{s.unitName}</Tag>
            ))}
          </Space>
        </Card>
      )}
      {trendLoad.error && (
        <LoadError error={trendLoad.error} onRetry={trendLoad.reload} testId="trend-error" />
      )}
      {trend && trend.periods.length > 1 && (
        <Card size="small" title={t('trend')}>
          <EChart height={300} option={trendOption} />
        </Card>
      )}
      {/* 民调 beside the handlers' own 回访, by the same level: the survey is not scored, it is compared. */}
      {period && level !== 'DEPARTMENT' && hasRole(me, 'SUPERVISOR', 'DESIGNER', 'STAFF') && (
        <Card size="small" title={`${t('surveyRate')} · ${period}`}>
          <SurveyRates period={period} level={level} />
        </Card>
      )}
      <Drawer
        open={!!drill}
        width={Math.min(720, window.innerWidth)}
        onClose={() => setDrill(null)}
        title={drill ? `${drill.score.unitName} · ${t(drill.label)} · ${t('casesBehind')}` : ''}
      >
        {itemsLoad.error && (
          <LoadError error={itemsLoad.error} onRetry={itemsLoad.reload} testId="drill-error" />
        )}
        <Table<Item>
          rowKey="id"
          size="small"
          loading={itemsLoad.loading}
          dataSource={itemsLoad.data?.items}
          pagination={false}
          scroll={{ x: 500 }}
          data-testid="drill-table"
          columns={[
            {
              title: t('caseNo'),
              // A patrol week is a grid's, not a case's: the grid stands in for the case.
              render: (_, i) => i.event?.caseNo ?? (i.gridId ? `${t('grid')} ${i.gridId}` : '—'),
            },
            { title: t('task'), render: (_, i) => i.task?.name ?? '—' },
            { title: t('time'), render: (_, i) => new Date(i.at).toLocaleString(locale) },
            {
              title: t('counted'),
              render: (_, i) => <Tag color={i.hit ? 'green' : 'red'}>{t(i.hit ? 'hit' : 'miss')}</Tag>,
            },
          ]}
        />
      </Drawer>
    </Space>
  );
}
