import { useContext, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, List, message, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, errorText, type AnswerOf } from '../api';
import { useFormJs } from '../forms/use-form-js';
import { I18nContext, useT } from '../i18n';
import { useLoad } from '../use-load';

type Startable = AnswerOf<'/api/processes/startable'>['items'][number];
type StartForm = AnswerOf<'/api/processes/{key}/start-form'>;

/**
 * 发起: the processes the signed-in user may start (not the built-in loops, which have their own
 * registration pages), and the chosen one's start form as deployed; 提交 starts it with the user
 * as initiator, and its first step reaches the inbox of whoever it is offered to.
 */
export function StartPage() {
  const t = useT();
  const { key } = useParams();
  const navigate = useNavigate();
  const list = useLoad(() => api<AnswerOf<'/api/processes/startable'>>('/api/processes/startable'), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('start.title')}
      </Typography.Title>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <List<Startable>
        bordered
        loading={list.loading}
        locale={{ emptyText: <Empty description={t('start.none')} /> }}
        dataSource={list.data?.items ?? []}
        renderItem={(p) => (
          <List.Item
            actions={[
              <Button
                key="start"
                type={p.bpmnProcessId === key ? 'primary' : 'default'}
                onClick={() => navigate(`/start/${p.bpmnProcessId}`)}
              >
                {t('start.open')}
              </Button>,
            ]}
          >
            <List.Item.Meta title={p.name} description={`v${p.version}`} />
          </List.Item>
        )}
      />
      {key && <StartFormCard processKey={key} onStarted={(id) => navigate(`/instances/${id}`)} />}
    </Space>
  );
}

function StartFormCard({
  processKey,
  onStarted,
}: {
  processKey: string;
  onStarted: (instanceId: string) => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [meta, setMeta] = useState<StartForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    setMeta(undefined);
    api<StartForm>(`/api/processes/${processKey}/start-form`).then(
      (answer) => !cancelled && setMeta(answer),
      (err) => !cancelled && setError(errorText(err, locale)),
    );
    return () => {
      cancelled = true;
    };
    // The language words an error as the form opens; switching it must not clear what was typed.
  }, [processKey]);
  const source = useMemo(() => (meta?.schema ? { schema: meta.schema, data: meta.data } : null), [meta]);
  const { container, values } = useFormJs(source);

  const submit = async () => {
    const variables = values();
    if (!variables) return;
    setBusy(true);
    try {
      const started = await api<AnswerOf<'/api/processes/{key}/start', 'post'>>(
        `/api/processes/${processKey}/start`,
        {
          body: { variables },
        },
      );
      message.success(t('start.started'));
      onStarted(started.processInstanceId);
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={meta ? `${t('start.form')}：${meta.name}` : t('start.form')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {meta && !meta.schema && <Typography.Paragraph>{t('start.noForm')}</Typography.Paragraph>}
      <div ref={container} data-testid="start-form" />
      <Button type="primary" loading={busy} disabled={!meta} onClick={submit}>
        {t('start.submit')}
      </Button>
    </Card>
  );
}
