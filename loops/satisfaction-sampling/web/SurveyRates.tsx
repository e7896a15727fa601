import { Alert, Table } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';

type Rates = AnswerOf<'/api/sampling/satisfaction'>;
const percent = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * 群众满意率 of a month's 民调 beside the handlers' own 回访 of the same cases: per handling unit,
 * or per street or community (the rankings page's level).
 */
export function SurveyRates({ period, level }: { period: string; level?: 'STREET' | 'COMMUNITY' }) {
  const t = useT();
  const rates = useLoad(
    () =>
      api<Rates>(
        `/api/sampling/satisfaction?${new URLSearchParams({ period, ...(level ? { level } : {}) })}`,
      ),
    [period, level],
  );
  if (rates.error) return <Alert type="error" message={rates.error} />;
  return (
    <Table
      rowKey="unitId"
      size="small"
      data-testid="survey-rates"
      loading={rates.loading}
      pagination={false}
      dataSource={rates.data?.items ?? []}
      columns={[
        { title: t('unit'), dataIndex: 'unitName' },
        { title: t('sampled'), dataIndex: 'sampled' },
        { title: t('answered'), dataIndex: 'answered' },
        { title: t('dissatisfiedCount'), dataIndex: 'dissatisfied' },
        { title: t('reopenedCount'), dataIndex: 'reopened' },
        { title: t('surveyRate'), render: (_, r) => percent(r.surveyRate) },
        { title: t('handlerRate'), render: (_, r) => percent(r.handlerRate) },
      ]}
    />
  );
}
