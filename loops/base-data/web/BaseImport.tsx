import { useContext, useState } from 'react';
import { Alert, Button, Card, Descriptions, List, Progress, Space, Typography, Upload } from 'antd';
import { api, ApiFailure, type AnswerOf, type ApiError } from '../../../web/src/api';
import { fileBase64 } from '../../../web/src/file-base64';
import { I18nContext, useT, type MessageKey } from '../../../web/src/i18n';
import { useProgress, type RequestProgress } from '../../../web/src/use-progress';
import { columnHeader } from '../sheet-columns';

type Imported = AnswerOf<'/api/base/import/file', 'post'>;

/**
 * 块数据导入 from the district's spreadsheet: the template, a file, 检查 (a dry run that writes
 * nothing) and then 导入; each problem is named by its row and column, and nothing is written
 * while any remains.
 */
export function BaseImport() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [file, setFile] = useState<File>();
  const [running, setRunning] = useState(false);
  const [answer, setAnswer] = useState<Imported>();
  const [refused, setRefused] = useState<ApiError>();
  const { progress, start, stop } = useProgress();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setRunning(true);
    setRefused(undefined);
    setAnswer(undefined);
    try {
      setAnswer(
        await api<Imported>('/api/base/import/file', {
          body: { fileName: file.name, content: await fileBase64(file), dryRun, progressId: start() },
        }),
      );
    } catch (err) {
      if (err instanceof ApiFailure) setRefused(err.error);
      else throw err;
    } finally {
      stop();
      setRunning(false);
    }
  };
  const where = (field: string) => {
    const [, row, column] = /^rows\.(\d+)\.(.+)$/.exec(field) ?? [];
    return row ? t('baseImportRow', { row, column: columnHeader(column) ?? column }) : field;
  };

  return (
    <Card size="small" title={t('baseImport')} data-testid="base-import">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button href="/api/base/import/template">{t('baseImportTemplate')}</Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setAnswer(undefined);
            setRefused(undefined);
            return false;
          }}
          onRemove={() => setFile(undefined)}
        >
          <Button>{t('baseImportChoose')}</Button>
        </Upload>
        <Button disabled={!file} loading={running} onClick={() => send(true)}>
          {t('baseImportCheck')}
        </Button>
        <Button type="primary" disabled={!file} loading={running} onClick={() => send(false)}>
          {t('baseImportRun')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('baseImportHint')}</Typography.Paragraph>
      {running ? <ImportProgress progress={progress} /> : null}
      {refused ? (
        <Alert
          type="error"
          showIcon
          title={refused.message[locale]}
          description={
            <List
              size="small"
              dataSource={refused.fields ?? []}
              renderItem={(f) => (
                <List.Item>
                  {where(f.field)}：{f.message[locale]}
                </List.Item>
              )}
            />
          }
        />
      ) : null}
      {answer ? (
        <Descriptions
          size="small"
          bordered
          column={4}
          title={t(answer.dryRun ? 'baseImportChecked' : 'baseImportDone')}
          data-testid="base-import-result"
        >
          <Descriptions.Item label={t('buildings')}>{answer.buildings}</Descriptions.Item>
          <Descriptions.Item label={t('rooms')}>{answer.rooms}</Descriptions.Item>
          <Descriptions.Item label={t('residents')}>{answer.residents}</Descriptions.Item>
          <Descriptions.Item label={t('businesses')}>{answer.businesses}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}

/** The import's stage as the API reports it (reading the file, checking, preparing, writing) and a bar. */
function ImportProgress({ progress }: { progress?: RequestProgress }) {
  const t = useT();
  const stage = progress?.stage ?? 'start';
  return (
    <div data-testid="base-import-progress" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">
        {t(`baseImportStage.${stage}` as MessageKey, {
          done: progress?.done ?? 0,
          total: progress?.total ?? 0,
        })}
      </Typography.Text>
      {progress?.total ? (
        <Progress percent={Math.floor((progress.done / progress.total) * 100)} size="small" />
      ) : null}
    </div>
  );
}
