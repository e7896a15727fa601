import { useContext, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiFailure, type AnswerOf, type Me, errorText } from '../api';
import { I18nContext, useT } from '../i18n';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // A locked-out sign-in: when it may be tried again, counted down on the page. The button
  // stays: a colleague at the same desk signs in with their own account meanwhile.
  const [until, setUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) setUntil(undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const waitSeconds = until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  const wait = `${Math.floor(waitSeconds / 60)}:${String(waitSeconds % 60).padStart(2, '0')}`;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onLogin((await api<AnswerOf<'/api/auth/login', 'post'>>('/api/auth/login', { body: values })).user);
    } catch (err) {
      setError(errorText(err, locale));
      const retryAfter = err instanceof ApiFailure ? err.error.retryAfter : undefined;
      setNow(Date.now());
      setUntil(retryAfter ? Date.now() + retryAfter * 1000 : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 360 }}>
        <Typography.Title level={3}>{t('appName')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('tagline')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            title={error}
            description={waitSeconds > 0 ? t('loginWait', { time: wait }) : undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
