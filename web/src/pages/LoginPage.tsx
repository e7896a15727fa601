import { useContext, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, type Me, errorText } from '../api';
import { I18nContext, useT } from '../i18n';

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onLogin((await api<{ user: Me }>('/api/auth/login', { body: values })).user);
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 360 }}>
        <Typography.Title level={3}>{t('appName')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('tagline')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
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
