import { useContext, useEffect, useState } from 'react';
import { Alert, Button, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { ApiFailure, api, type AnswerOf } from '../api';
import { I18nContext, useT, type Localized } from '../i18n';
import { useAction } from './admin-api';
import { fileBase64 } from '../file-base64';

/** A dry run's report; a refused import answers the same in its error (`report`). */
type Report = AnswerOf<'/api/admin/imports/dry-run', 'post'>;
type Problem = Report['problems'][number];
/** An import and its progress (the status is QUEUED, RUNNING, DONE or FAILED). */
type Run = AnswerOf<'/api/admin/imports/{id}'>;
type Kind = 'orgs' | 'grids' | 'users';

/** 批量导入: a dry run with its per-row report first; the import only when it passed; then its progress. */
export function ImportPanel() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const act = useAction();
  const [kind, setKind] = useState<Kind>('orgs');
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [run, setRun] = useState<Run | null>(null);

  // The job's progress, polled until it is done.
  useEffect(() => {
    if (!run || run.status === 'DONE' || run.status === 'FAILED') return;
    const timer = setTimeout(() => api<Run>(`/api/admin/imports/${run.id}`).then(setRun), 1000);
    return () => clearTimeout(timer);
  }, [run]);

  const dryRun = () =>
    file &&
    act(
      () => api<Report>('/api/admin/imports/dry-run', { body: { kind, ...file } }),
      (r) => (setRun(null), setReport(r)),
    );
  const start = async () => {
    if (!file) return;
    try {
      setRun(
        await api<AnswerOf<'/api/admin/imports', 'post'>>('/api/admin/imports', { body: { kind, ...file } }),
      );
    } catch (err) {
      const refused =
        err instanceof ApiFailure ? (err.error as unknown as { report?: Report }).report : undefined;
      if (refused) setReport(refused);
      else await act(() => Promise.reject(err));
    }
  };
  const problems = run?.status === 'FAILED' ? run.problems : (report?.problems ?? []);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
      <Space wrap>
        <span>{t('importKind')}</span>
        <Radio.Group
          value={kind}
          onChange={(e) => (setKind(e.target.value as Kind), setReport(null), setRun(null))}
          options={(['orgs', 'grids', 'users'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          optionType="button"
        />
        <Button href={`/api/admin/imports/templates/${kind}`} data-testid="import-template">
          {t('downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={async (f) => {
            setFile({ fileName: f.name, content: await fileBase64(f) });
            setReport(null);
            setRun(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>{t('chooseFile')}</Button>
        </Upload>
        <Button onClick={dryRun} disabled={!file}>
          {t('dryRun')}
        </Button>
        <Button type="primary" onClick={start} disabled={!report?.ok || !!run}>
          {t('startImport')}
        </Button>
      </Space>
      {report && (
        <Alert
          type={report.ok ? 'success' : 'error'}
          data-testid="import-report"
          message={report.ok ? t('dryRunOk', report.summary) : t('dryRunBad', { n: report.problemCount })}
        />
      )}
      {run && (
        <>
          <Progress
            percent={Math.round((run.done / Math.max(run.total, 1)) * 100)}
            status={run.status === 'FAILED' ? 'exception' : run.status === 'DONE' ? 'success' : 'active'}
          />
          {run.status === 'DONE' && (
            <Alert
              type="success"
              message={t('importDone', {
                created: run.created,
                updated: run.updated,
                unchanged: run.unchanged,
              })}
              data-testid="import-done"
            />
          )}
          {run.status === 'FAILED' && <Alert type="error" message={t('importFailed')} />}
        </>
      )}
      {problems.length > 0 && (
        <Table<Problem>
          size="small"
          rowKey={(p) => `${p.row}:${p.column}:${p.message.en}`}
          dataSource={problems}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('row'), dataIndex: 'row', width: 80 },
            { title: t('column'), dataIndex: 'column', width: 160 },
            { title: t('problem'), dataIndex: 'message', render: (m: Localized) => m[locale] },
          ]}
        />
      )}
    </Space>
  );
}
