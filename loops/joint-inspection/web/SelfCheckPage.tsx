import { useState } from 'react';
import { Button, Card, Checkbox, Descriptions, Form, Input, Result, Spin } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { useSubmit } from '../../../web/src/use-submit';

/**
 * 企业自查: the page an enterprise opens from the link a department sent it, without an account
 * (the link's token is its only right). It says whose plan it answers and takes the self-check once.
 */
export function SelfCheckPage({ token }: { token: string }) {
  const t = useT();
  const [form] = Form.useForm();
  const [submit, saving] = useSubmit(form);
  const [done, setDone] = useState(false);
  const check = useLoad(
    () => api<AnswerOf<'/api/self-checks/{token}'>>(`/api/self-checks/${token}`),
    [token],
  );
  const body = () => {
    if (check.loading) return <Spin />;
    if (check.error) return <Result status="warning" title={check.error} />;
    const c = check.data!;
    if (done || c.submittedAt) return <Result status="success" title={t('selfCheck.thanks')} />;
    return (
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('inspection.enterprise')}>{c.enterprise}</Descriptions.Item>
          <Descriptions.Item label={t('selfCheck.department')}>{c.department}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.matter')}>{c.matter}</Descriptions.Item>
          <Descriptions.Item label={t('inspection.period')}>
            {c.periodStart} ~ {c.periodEnd}
          </Descriptions.Item>
        </Descriptions>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { checkedItems: string; contactName: string; truthful: boolean }) =>
            submit(() => api(`/api/self-checks/${token}`, { body: v })).then((ok) => ok && setDone(true))
          }
        >
          <Form.Item name="checkedItems" label={t('selfCheck.items')} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item name="contactName" label={t('selfCheck.contact')} rules={[{ required: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="truthful"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error(t('selfCheck.truthful'))),
              },
            ]}
          >
            <Checkbox>{t('selfCheck.truthful')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('selfCheck.submit')}
          </Button>
        </Form>
      </>
    );
  };
  return (
    <div style={{ maxWidth: 640, margin: '24px auto', padding: '0 12px' }}>
      <Card title={t('selfCheck.title')}>{body()}</Card>
    </div>
  );
}
