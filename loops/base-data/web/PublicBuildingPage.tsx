import { useState } from 'react';
import { Alert, Button, Card, Form, Result, Typography } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { Loaded } from '../../../web/src/Loaded';
import { useSubmit } from '../../../web/src/use-submit';
import { ResidentFields } from './resident-fields';

type Place = AnswerOf<'/api/public/buildings/{code}'>;

/**
 * A building's QR page for whoever scans it without signing in: 居民自主申报 (the community
 * reviews it before it counts), and the way to the staff sign-in.
 */
export function PublicBuildingPage({ code, onLogin }: { code: string; onLogin: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [send, saving] = useSubmit(form);
  const [done, setDone] = useState(false);
  const place = useLoad(() => api<Place>(`/api/public/buildings/${encodeURIComponent(code)}`), [code]);
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <Loaded state={place}>
        {(p) => (
          <Card
            title={p.address}
            extra={
              <Button type="link" onClick={onLogin}>
                {t('staffLogin')}
              </Button>
            }
          >
            <Typography.Paragraph>
              <Typography.Text code>{p.code}</Typography.Text>
            </Typography.Paragraph>
            {done ? (
              <Result status="success" title={t('residentProposed')} />
            ) : (
              <>
                <Alert type="info" title={t('selfDeclareHint')} style={{ marginBottom: 12 }} />
                <Form
                  form={form}
                  layout="vertical"
                  onFinish={async (body) => {
                    if (
                      await send(() =>
                        api(`/api/public/buildings/${encodeURIComponent(code)}/declarations`, { body }),
                      )
                    )
                      setDone(true);
                  }}
                >
                  <ResidentFields rooms={p.rooms} />
                  <Button type="primary" htmlType="submit" loading={saving} block>
                    {t('declare')}
                  </Button>
                </Form>
              </>
            )}
          </Card>
        )}
      </Loaded>
    </div>
  );
}
