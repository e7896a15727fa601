import { useContext, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, message, Space, Table } from 'antd';
import { api, errorText, type AnswerOf, type Me } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { SurveyRates } from './SurveyRates';

type Draws = AnswerOf<'/api/sampling/draws'>;
type Replay = AnswerOf<'/api/sampling/draws/{id}/replay', 'post'>;

const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/**
 * 民调: the district centre draws a month (share and least per unit, the seed kept to check the
 * draw later) and everyone reads 群众满意率 of the units of their area, beside the handlers' own 回访.
 */
export function SamplingPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [period, setPeriod] = useState(lastMonth);
  const [note, setNote] = useState<string | null>(null);
  const district = me.org.type === 'DISTRICT';
  const draws = useLoad(() => api<Draws>('/api/sampling/draws'), []);

  const bodyOf = (values: { period: string; seed?: string; share?: number; minPerUnit?: number }) =>
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const run = async (preview: boolean) => {
    const values = await form.validateFields();
    try {
      if (preview) {
        const r = await api<AnswerOf<'/api/sampling/preview', 'post'>>('/api/sampling/preview', {
          body: bodyOf({ ...values, seed: values.seed || 'preview' }),
        });
        setNote(t('samplePreview', { n: r.cases.length, total: r.archived }));
      } else {
        const r = await api<AnswerOf<'/api/sampling/draws', 'post'>>('/api/sampling/draws', {
          body: bodyOf(values),
        });
        setNote(t('sampleDrawn', { n: r.cases.length, seed: r.seed }));
        draws.reload();
        setPeriod(r.periodKey);
      }
    } catch (err) {
      message.error(errorText(err, locale));
    }
  };
  const replay = async (id: string) => {
    try {
      const r = await api<Replay>(`/api/sampling/draws/${id}/replay`, { method: 'POST' });
      if (r.same) message.success(t('replaySame'));
      else message.warning(t('replayDiffers', { missing: r.missing.length, extra: r.extra.length }));
    } catch (err) {
      message.error(errorText(err, locale));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {district && (
        <Card title={t('sampling')}>
          <Form form={form} layout="inline" initialValues={{ period: lastMonth() }}>
            <Form.Item
              name="period"
              label={t('samplingMonth')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}
            >
              <Input style={{ width: 110 }} placeholder="2026-11" />
            </Form.Item>
            <Form.Item name="seed" label={t('samplingSeed')} rules={[{ pattern: /^[0-9A-Za-z_-]{1,64}$/ }]}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="share" label={t('samplingShare')}>
              <InputNumber min={0.01} max={1} step={0.01} />
            </Form.Item>
            <Form.Item name="minPerUnit" label={t('samplingMin')}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
            <Button onClick={() => run(true)}>{t('previewSample')}</Button>
            <Button type="primary" onClick={() => run(false)}>
              {t('drawSample')}
            </Button>
          </Form>
          {note && <Alert style={{ marginTop: 12 }} type="info" message={note} />}
        </Card>
      )}
      <Card
        title={t('surveyRate')}
        extra={<Input style={{ width: 110 }} value={period} onChange={(e) => setPeriod(e.target.value)} />}
      >
        <SurveyRates period={period} />
      </Card>
      <Card title={t('draws')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={draws.loading}
          dataSource={draws.data?.items ?? []}
          columns={[
            { title: t('samplingMonth'), dataIndex: 'periodKey' },
            { title: t('samplingSeedShort'), dataIndex: 'seed' },
            { title: t('samplingShare'), dataIndex: 'share' },
            { title: t('samplingMin'), dataIndex: 'minPerUnit' },
            {
              title: '',
              render: (_, d) =>
                district && (
                  <Button size="small" onClick={() => replay(d.id)}>
                    {t('replaySample')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
