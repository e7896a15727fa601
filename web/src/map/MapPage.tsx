import { useEffect, useMemo, useState } from 'react';
import { Badge, Card, DatePicker, Grid, List, Select, Space, Switch, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, type AnswerOf } from '../api';
import { LoadError } from '../Loaded';
import { useLoad } from '../use-load';
import { useT, type MessageKey } from '../i18n';
import { DEADLINE_COLOURS, GridMap, type CasesMeta, type Deadline } from './GridMap';

const LEVELS = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'] as const;
const DEADLINES = ['onTime', 'yellow', 'red'] as const;

type GridCases = AnswerOf<'/api/map/grids/{id}/cases'>;

/** A case's deadline as a coloured tag. */
export function DeadlineTag({ deadline }: { deadline: Deadline }) {
  const t = useT();
  const key = deadline ?? 'none';
  return <Tag color={DEADLINE_COLOURS[key]}>{t(`deadline.${key}` as MessageKey)}</Tag>;
}

/**
 * 一图感知: the caller's grids and cases on a map with filters (category, state, level, deadline,
 * time range) and the overdue heat; a grid's open cases and overdue counts beside it on click,
 * a case point or list row opens the case view.
 */
export function MapPage({ onOpenCase }: { onOpenCase: (eventId: string) => void }) {
  const t = useT();
  const narrow = !Grid.useBreakpoint().md;
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  const [filter, setFilter] = useState<Record<string, string | undefined>>({ state: 'OPEN' });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [heat, setHeat] = useState(true);
  const [buildings, setBuildings] = useState(false);
  const [warnings, setWarnings] = useState(true);
  const navigate = useNavigate();
  const [gridId, setGridId] = useState<string | null>(null);
  const [meta, setMeta] = useState<CasesMeta | null>(null);

  useEffect(() => {
    api<AnswerOf<'/api/event-categories'>>('/api/event-categories').then((r) => setCategories(r.items));
  }, []);
  // The clicked grid's cases: a failure says so in the panel, with 重试.
  const gridLoad = useLoad(
    () =>
      gridId ? api<GridCases>(`/api/map/grids/${encodeURIComponent(gridId)}/cases`) : Promise.resolve(null),
    [gridId],
  );
  // Not the grid clicked before while the next one loads.
  const grid = gridId && !gridLoad.loading ? gridLoad.data : null;

  // One object per filter change, so the map reloads its points only then.
  const caseQuery = useMemo(() => {
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(filter)) if (v) q[k] = v;
    if (range?.[0]) q.from = range[0].startOf('day').toISOString();
    if (range?.[1]) q.to = range[1].add(1, 'day').startOf('day').toISOString();
    return q;
  }, [filter, range]);
  const set = (key: string) => (value: string | undefined) => setFilter((f) => ({ ...f, [key]: value }));

  const panel = gridId && (
    <Card
      size="small"
      data-testid="grid-panel"
      title={grid?.grid.name}
      loading={!grid && !gridLoad.error}
      extra={<a onClick={() => setGridId(null)}>{t('close')}</a>}
      style={{ width: narrow ? '100%' : 340, flex: 'none' }}
    >
      {gridLoad.error && (
        <LoadError error={gridLoad.error} onRetry={gridLoad.reload} testId="grid-panel-error" />
      )}
      {grid && <GridCasesList grid={grid} onOpenCase={onOpenCase} />}
    </Card>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap data-testid="map-filters">
        <Select
          allowClear
          placeholder={t('category')}
          style={{ width: 140 }}
          value={filter.category}
          onChange={set('category')}
          options={categories.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Select
          allowClear
          placeholder={t('status')}
          style={{ width: 110 }}
          value={filter.state}
          onChange={set('state')}
          options={['OPEN', 'ARCHIVED'].map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
        />
        <Select
          allowClear
          placeholder={t('level')}
          style={{ width: 110 }}
          value={filter.level}
          onChange={set('level')}
          options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        <Select
          allowClear
          placeholder={t('deadline')}
          style={{ width: 120 }}
          value={filter.deadline}
          onChange={set('deadline')}
          options={DEADLINES.map((d) => ({ value: d, label: t(`deadline.${d}`) }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={[t('timeRange'), t('timeRange')]}
        />
        <Space>
          <Switch checked={heat} onChange={setHeat} size="small" />
          {t('map.overdueHeat')}
        </Space>
        <Space>
          <Switch checked={buildings} onChange={setBuildings} size="small" data-testid="map-buildings" />
          {t('map.buildings')}
        </Space>
        <Space>
          <Switch checked={warnings} onChange={setWarnings} size="small" data-testid="map-warnings" />
          {t('map.warnings')}
        </Space>
      </Space>
      <Space wrap size="small">
        {DEADLINES.map((d) => (
          <Badge key={d} color={DEADLINE_COLOURS[d]} text={t(`deadline.${d}`)} />
        ))}
        <Badge color={DEADLINE_COLOURS.none} text={t('deadline.none')} />
        <Typography.Text type="secondary">· {t('cluster')}</Typography.Text>
        {meta?.unlocated ? (
          <Typography.Text type="secondary" data-testid="map-unlocated">
            · {t('unlocated', { n: meta.unlocated })}
          </Typography.Text>
        ) : null}
        {meta?.unplaced ? (
          <Typography.Text type="secondary">· {t('unplaced', { n: meta.unplaced })}</Typography.Text>
        ) : null}
        {meta?.truncated && <Typography.Text type="warning">· {t('truncated')}</Typography.Text>}
      </Space>
      <div style={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', gap: 12 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <GridMap
            caseQuery={caseQuery}
            heat={heat}
            selectedGrid={gridId}
            onGrid={setGridId}
            onCase={onOpenCase}
            onCases={setMeta}
            buildings={buildings}
            onBuilding={(id) => navigate(`/base/buildings/${id}`)}
            warnings={warnings}
            height={narrow ? 420 : 'calc(100vh - 200px)'}
          />
          <Typography.Text type="secondary">{t('clickGrid')}</Typography.Text>
        </div>
        {panel}
      </div>
    </Space>
  );
}

/** A grid's open cases and overdue counts, each case opening its page. */
function GridCasesList({ grid, onOpenCase }: { grid: GridCases; onOpenCase: (eventId: string) => void }) {
  const t = useT();
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Badge color="#1677ff" text={`${t('openCases')} ${grid.open}`} />
        <Badge color={DEADLINE_COLOURS.yellow} text={`${t('deadline.yellow')} ${grid.yellow}`} />
        <Badge color={DEADLINE_COLOURS.red} text={`${t('deadline.red')} ${grid.red}`} />
      </Space>
      <List
        size="small"
        dataSource={grid.items}
        style={{ maxHeight: 440, overflow: 'auto' }}
        renderItem={(c) => (
          <List.Item onClick={() => onOpenCase(c.id)} style={{ cursor: 'pointer' }} data-testid="grid-case">
            <Space direction="vertical" size={0}>
              <Space>
                <Typography.Link>{c.caseNo}</Typography.Link>
                <DeadlineTag deadline={c.deadline} />
              </Space>
              <Typography.Text type="secondary">
                {c.categoryName} · {t(`level.${c.level}` as MessageKey)} · {c.address}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
