import { Modal, Typography } from 'antd';
import { useT } from '../i18n';

/** A password or key the API returns once: shown to copy, never again. */
export function showOneTimeSecret(t: ReturnType<typeof useT>, title: string, secret: string) {
  Modal.info({
    title,
    content: (
      <>
        <Typography.Paragraph>{t('oneTimeSecret')}</Typography.Paragraph>
        <Typography.Text code copyable data-testid="one-time-secret">
          {secret}
        </Typography.Text>
      </>
    ),
  });
}
