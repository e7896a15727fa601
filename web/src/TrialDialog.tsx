import { useContext, useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space } from 'antd';
import { ApiFailure, type ApiError } from './api';
import { I18nContext, useT, type MessageKey } from './i18n';

/**
 * A 试算 that asks the API once per 开始试算: whether it runs, its answer, or the API's refusal in
 * its words. `request` is the trial's own call; `onResult` hands the answer on (the deploy dialog).
 */
export function useTrial<T>(request: () => Promise<T>, onResult?: (result: T) => void) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<T>();
  const [refused, setRefused] = useState<ApiError>();
  const run = async () => {
    setRunning(true);
    setRefused(undefined);
    try {
      const answer = await request();
      setResult(answer);
      onResult?.(answer);
    } catch (err) {
      if (err instanceof ApiFailure) setRefused(err.error);
      else throw err;
    } finally {
      setRunning(false);
    }
  };
  return { running, result, refused, run };
}

/** A 试算 button and its dialog: the trial's controls and 开始试算, the refusal, then what it found. */
export function TrialDialog({
  label,
  title,
  testId,
  width = 880,
  controls,
  trial,
  children,
}: {
  label: MessageKey;
  title: MessageKey;
  testId: string;
  width?: number;
  controls: ReactNode;
  trial: { running: boolean; refused?: ApiError; run: () => Promise<void> };
  children: ReactNode;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid={testId}>
        {t(label)}
      </Button>
      <Modal
        open={open}
        title={t(title)}
        width={width}
        onCancel={() => setOpen(false)}
        footer={<Button onClick={() => setOpen(false)}>{t('close')}</Button>}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {controls}
          <Button type="primary" loading={trial.running} onClick={trial.run}>
            {t('trialRun')}
          </Button>
        </Space>
        {trial.refused ? (
          <Alert
            type="error"
            showIcon
            title={trial.refused.message[locale]}
            description={(trial.refused.fields ?? []).map((f) => f.message[locale]).join('；')}
          />
        ) : null}
        {children}
      </Modal>
    </>
  );
}
