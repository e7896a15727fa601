import { useContext, useEffect, useState } from 'react';
import { Button, Card, Form, Input, message, Radio, Select } from 'antd';
import { api, ApiFailure, type Me } from '../api';
import { I18nContext, useT } from '../i18n';

interface Category {
  code: string;
  name: string;
}

/** 事件上报 for grid members in the field: category, urgency, grid, place and what they saw. */
export function ReportPage({ me, onDone }: { me: Me; onDone: () => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [categories, setCategories] = useState<Category[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ items: Category[] }>('/api/event-categories').then((r) => setCategories(r.items));
  }, []);

  const submit = async (values: Record<string, string>) => {
    setBusy(true);
    try {
      const event = await api<{ caseNo: string }>('/api/events', { body: values });
      message.success(`${t('reported')} ${event.caseNo}`);
      onDone();
    } catch (err) {
      if (err instanceof ApiFailure) {
        form.setFields((err.error.fields ?? []).map((f) => ({ name: f.field, errors: [f.message[locale]] })));
        message.error(err.describe(locale));
      } else message.error(String(err));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('required') }];
  return (
    <Card title={t('report')} style={{ maxWidth: 640 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ urgency: 'NORMAL', gridId: me.org.type === 'GRID' ? me.org.id : undefined }}
      >
        <Form.Item name="category" label={t('category')} rules={required}>
          <Select
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
            data-testid="category"
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('urgency')} rules={required}>
          <Radio.Group
            options={[
              { value: 'NORMAL', label: t('normal') },
              { value: 'URGENT', label: t('urgent') },
            ]}
          />
        </Form.Item>
        <Form.Item name="gridId" label={t('grid')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('address')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('description')} rules={required}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
