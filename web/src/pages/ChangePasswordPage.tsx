import { useContext, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiFailure, errorText, type AnswerOf, type Me } from '../api';
import { I18nContext, useT } from '../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Shown instead of the app after signing in with a one-time password (an admin's create or reset,
 * the bootstrap): the API opens nothing else to the session until the password is changed.
 */
export function ChangePasswordPage({
  me,
  onChanged,
  onLogout,
}: {
  me: Me;
  onChanged: (me: Me) => void;
  onLogout: () => void;
}) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api('/api/auth/password', { body: { currentPassword, newPassword } });
      onChanged((await api<AnswerOf<'/api/me'>>('/api/me')).user);
    } catch (err) {
      if (err instanceof ApiFailure && err.error.fields?.length) form.setFields(err.fieldErrors(locale));
      else setError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }} data-testid="change-password">
        <Typography.Title level={3}>{t('changePasswordTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）：{t('changePasswordHint')}
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="currentPassword"
            label={t('currentPassword')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            extra={t('passwordRules')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('changePassword')}
          </Button>
          <Button type="link" block onClick={onLogout} style={{ marginTop: 8 }}>
            {t('logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
