import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { Loaded } from '../../../web/src/Loaded';
import { useSubmit } from '../../../web/src/use-submit';

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
  const required = [{ required: true, message: t('required') }];
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
                  <Form.Item name="roomId" label={t('roomNo')} rules={required}>
                    <Select
                      options={p.rooms.map((r) => ({
                        value: r.id,
                        label: `${r.unitNo ? `${r.unitNo}-` : ''}${r.roomNo}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="name" label={t('residentName')} rules={required}>
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item name="idNumber" label={t('idNumber')} rules={required}>
                    <Input maxLength={18} />
                  </Form.Item>
                  <Form.Item name="kind" label={t('residentKind')} initialValue="HOUSEHOLD">
                    <Radio.Group>
                      {(['HOUSEHOLD', 'FLOATING', 'FOREIGN'] as const).map((k) => (
                        <Radio.Button key={k} value={k}>
                          {t(`kind.${k}`)}
                        </Radio.Button>
                      ))}
                    </Radio.Group>
                  </Form.Item>
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
