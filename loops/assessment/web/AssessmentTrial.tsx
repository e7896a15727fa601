import { useState } from 'react';
import { Descriptions, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { TrialDialog, useTrial } from '../../../web/src/TrialDialog';

export type AssessmentTrialResult = AnswerOf<'/api/assessment/trials', 'post'>;
type Unit = AssessmentTrialResult['units'][number];
type Band = Unit['bandBefore'];

const LEVEL = {
  STREET: 'rankings.streets',
  COMMUNITY: 'rankings.communities',
  DEPARTMENT: 'rankings.departments',
} as const;

/**
 * 考评试算: a computed period's counts scored again with the draft weights (from the decision
 * editor) and/or other 红黑榜 limits; each unit's score, rank and colour now → after. Nothing is
 * published: the rankings page keeps showing what was computed.
 */
export function AssessmentTrial({
  periods,
  bands,
  draft,
  onResult,
}: {
  /** Computed periods, newest first; the first is tried unless another is picked (none: the API says so). */
  periods: string[];
  /** The limits in force, the starting point of the ones tried. */
  bands?: { redMin: number; blackBelow: number };
  /** The draft `assessment-weights` table in the designer's editor. */
  draft?: () => Promise<string>;
  onResult?: (result: AssessmentTrialResult) => void;
}) {
  const t = useT();
  const [period, setPeriod] = useState<string>();
  const [redMin, setRedMin] = useState<number | null>(null);
  const [blackBelow, setBlackBelow] = useState<number | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const trial = useTrial(
    async () =>
      api<AssessmentTrialResult>('/api/assessment/trials', {
        body: {
          period: period ?? periods[0],
          ...(draft ? { xml: await draft() } : {}),
          ...(redMin !== null ? { redMin } : {}),
          ...(blackBelow !== null ? { blackBelow } : {}),
        },
      }),
    onResult,
  );
  const result = trial.result;

  const band = (b: Band) =>
    b ? <Tag color={b === 'red' ? 'red' : '#262626'}>{t(b === 'red' ? 'redList' : 'blackList')}</Tag> : '—';
  const moved = (u: Unit) =>
    u.scoreBefore !== u.scoreAfter || u.rankBefore !== u.rankAfter || u.bandBefore !== u.bandAfter;
  const rows = (result?.units ?? []).filter((u) => !onlyChanged || moved(u));

  return (
    <TrialDialog
      label="assessmentTrial"
      title="assessmentTrialTitle"
      testId="assessment-trial"
      width={920}
      trial={trial}
      controls={
        <>
          <Typography.Text type="secondary">{t('assessmentTrialHint')}</Typography.Text>
          <Select
            style={{ minWidth: 140 }}
            placeholder={t('period')}
            value={period ?? periods[0]}
            onChange={setPeriod}
            options={periods.map((p) => ({ value: p, label: p }))}
            data-testid="assessment-trial-period"
          />
          {draft ? <Tag color="blue">{t('assessmentTrialWeights')}</Tag> : null}
          <span>{t('assessmentTrialRedMin')}</span>
          <InputNumber
            min={-1000}
            max={1000}
            value={redMin}
            placeholder={bands ? String(bands.redMin) : undefined}
            onChange={setRedMin}
            data-testid="assessment-trial-red"
          />
          <span>{t('assessmentTrialBlackBelow')}</span>
          <InputNumber
            min={-1000}
            max={1000}
            value={blackBelow}
            placeholder={bands ? String(bands.blackBelow) : undefined}
            onChange={setBlackBelow}
            data-testid="assessment-trial-black"
          />
        </>
      }
    >
      {result ? (
        <div data-testid="assessment-trial-result">
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('period')}>{result.period}</Descriptions.Item>
            <Descriptions.Item label={t('assessmentTrialScores')}>{result.scoresChanged}</Descriptions.Item>
            <Descriptions.Item label={t('assessmentTrialColours')}>
              <Typography.Text strong type={result.coloursChanged ? 'warning' : undefined}>
                {result.coloursChanged}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ marginBottom: 8 }}>
            <Switch checked={onlyChanged} onChange={setOnlyChanged} />
            {t('assessmentTrialOnlyChanged')}
          </Space>
          <Table<Unit>
            size="small"
            rowKey={(u) => `${u.level}:${u.unitId}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={rows}
            columns={[
              { title: t('assessmentTrialLevel'), render: (_, u) => t(LEVEL[u.level]), width: 90 },
              { title: t('unit'), dataIndex: 'unitName' },
              {
                title: `${t('score')} ${t('assessmentTrialBefore')} → ${t('assessmentTrialAfter')}`,
                render: (_, u) => `${u.scoreBefore} → ${u.scoreAfter}`,
              },
              {
                title: `${t('rank')} ${t('assessmentTrialBefore')} → ${t('assessmentTrialAfter')}`,
                render: (_, u) => `${u.rankBefore} → ${u.rankAfter}`,
              },
              {
                title: `${t('assessmentTrialBand')} ${t('assessmentTrialBefore')} → ${t('assessmentTrialAfter')}`,
                render: (_, u) => (
                  <Space size={4}>
                    {band(u.bandBefore)} → {band(u.bandAfter)}
                  </Space>
                ),
              },
            ]}
          />
        </div>
      ) : null}
    </TrialDialog>
  );
}

/** The deploy dialog's line about the last 考评试算 of the weights draft. */
export function assessmentTrialLine(t: ReturnType<typeof useT>, trial: AssessmentTrialResult) {
  return t('assessmentTrialLine', {
    period: trial.period,
    scores: trial.scoresChanged,
    colours: trial.coloursChanged,
  });
}
