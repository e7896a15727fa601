import { useState } from 'react';
import { Alert, DatePicker, Descriptions, List, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type AnswerOf } from '../api';
import { useT } from '../i18n';
import { TrialDialog, useTrial } from '../TrialDialog';
import { useProgress, type RequestProgress } from '../use-progress';

export type DecisionTrialResult = AnswerOf<'/api/processes/decisions/trials', 'post'>;

/**
 * 试算: the draft in the editor replayed on what the deployed decision was asked in a period (the
 * last 30 days by default), by the engine; what would change, where, on which cases, which rules
 * no case reached. The result stays with the page so the deploy dialog can state it.
 */
export function DecisionTrial({
  draft,
  onResult,
}: {
  draft: () => Promise<string>;
  onResult: (result: DecisionTrialResult) => void;
}) {
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day'), dayjs()]);
  const { progress, start, stop } = useProgress();
  const trial = useTrial(async () => {
    try {
      return await api<DecisionTrialResult>('/api/processes/decisions/trials', {
        body: {
          xml: await draft(),
          from: period[0].toISOString(),
          to: period[1].toISOString(),
          progressId: start(),
        },
      });
    } finally {
      stop();
    }
  }, onResult);

  return (
    <TrialDialog
      label="trial"
      title="trialTitle"
      testId="decision-trial"
      trial={trial}
      controls={
        <DatePicker.RangePicker
          value={period}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
        />
      }
    >
      {trial.running ? <TrialProgress progress={progress} /> : null}
      {trial.result ? <TrialSummary result={trial.result} /> : null}
    </TrialDialog>
  );
}

/** The replay's stage as the API reports it: records read, then distinct inputs evaluated by the engine. */
function TrialProgress({ progress }: { progress?: RequestProgress }) {
  const t = useT();
  if (!progress?.stage) return <Typography.Text type="secondary">{t('trialStarting')}</Typography.Text>;
  const stage =
    progress.stage === 'read'
      ? t('trialReading', { n: progress.done })
      : progress.stage === 'evaluate'
        ? t('trialEvaluating', { n: progress.done, total: progress.total ?? 0 })
        : t('trialSummarising');
  return (
    <div data-testid="decision-trial-progress" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{stage}</Typography.Text>
      {progress.total ? (
        <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" />
      ) : null}
    </div>
  );
}

function TrialSummary({ result }: { result: DecisionTrialResult }) {
  const t = useT();
  return (
    <div data-testid="decision-trial-result">
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('trialEvaluations')}>{result.evaluations}</Descriptions.Item>
        <Descriptions.Item label={t('trialReplayed')}>{result.replayed}</Descriptions.Item>
        <Descriptions.Item label={t('trialChanged')}>
          <Typography.Text strong type={result.changed ? 'warning' : undefined}>
            {result.changed}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {result.changes.length ? (
        <Table
          size="small"
          rowKey={(r) => `${r.from}→${r.to}`}
          pagination={false}
          dataSource={result.changes}
          columns={[
            { title: t('trialFrom'), dataIndex: 'from', render: (v: string) => <code>{v}</code> },
            { title: t('trialTo'), dataIndex: 'to', render: (v: string) => <code>{v}</code> },
            { title: t('trialCount'), dataIndex: 'count', width: 90 },
          ]}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {result.byUnit.length ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {result.byUnit.map((u) => (
            <Tag key={u.unitId ?? '—'}>
              {u.unitName ?? t('trialUnknownUnit')}：{u.changed}
            </Tag>
          ))}
        </Space>
      ) : null}
      {result.cases.length ? (
        <List
          size="small"
          header={t('trialCases')}
          dataSource={result.cases}
          renderItem={(c) => (
            <List.Item>
              {c.link ? <a href={c.link}>{c.caseNo ?? c.link}</a> : (c.caseNo ?? '—')} <code>{c.from}</code> →{' '}
              <code>{c.to}</code>
            </List.Item>
          )}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {result.rulesNeverHit.length ? (
        <Alert
          type="info"
          showIcon
          title={t('trialRulesNeverHit')}
          description={result.rulesNeverHit.map((r) => r.description || r.id).join('；')}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      {result.unmatched.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('trialUnmatched')}
          description={result.unmatched.map((u) => `${JSON.stringify(u.variables)} × ${u.count}`).join('；')}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      {result.failures.length ? (
        <Alert
          type="error"
          showIcon
          title={t('trialFailures')}
          description={result.failures.map((f) => `${f.message} × ${f.count}`).join('；')}
        />
      ) : null}
    </div>
  );
}

/** The deploy dialog's line about the last 试算 of this draft, or that it has none. */
export function trialLine(
  t: ReturnType<typeof useT>,
  trial: DecisionTrialResult | undefined,
  editedSince: boolean,
) {
  if (!trial) return t('trialNone');
  const line = t('trialLine', {
    from: dayjs(trial.from).format('YYYY-MM-DD'),
    to: dayjs(trial.to).format('YYYY-MM-DD'),
    evaluations: trial.evaluations,
    changed: trial.changed,
  });
  return editedSince ? `${line}${t('trialEditedSince')}` : line;
}
