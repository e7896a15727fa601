import { useContext, useState } from 'react';
import { Button, Form, InputNumber, message, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiFailure, errorText, type AnswerOf, type Me } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { hasRole } from '../../../web/src/me';
import { useLoad } from '../../../web/src/use-load';
import { LoadError } from '../../../web/src/Loaded';

const MEASURES = ['followUpRate', 'guardianAgreementRate', 'emergencyOnTimeRate'] as const;
type Measure = (typeof MEASURES)[number];

type StreetFigures = AnswerOf<'/api/patient-targets'>['items'][number];

const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`;

/** This year and its quarters, the periods targets are set for ("2026", "2026-Q1" …). */
function periods(now = new Date()) {
  const year = now.getFullYear();
  return [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), String(year - 1)];
}

/**
 * 目标值: each street of the caller's area (or the street they sit in) with the district's targets
 * and the actual rates of a period; a measure below target is marked. The district sets them.
 */
export function TargetsPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [period, setPeriod] = useState(periods()[0]);
  const [editing, setEditing] = useState<StreetFigures | null>(null);
  const [form] = Form.useForm();
  // The API's rule (abilities.ts): the district's staff and supervisors set targets.
  const mayEdit = me.org.type === 'DISTRICT' && hasRole(me, 'STAFF', 'SUPERVISOR');

  // A failure says so with 重试, never an empty table that looks like no streets.
  const targets = useLoad(
    () => api<AnswerOf<'/api/patient-targets'>>(`/api/patient-targets?period=${period}`),
    [period],
  );
  const load = targets.reload;

  const save = async (values: Record<Measure, number>) => {
    try {
      await api(`/api/patient-targets/${editing!.street.id}`, {
        method: 'PUT',
        body: Object.fromEntries([['period', period], ...MEASURES.map((m) => [m, values[m] / 100])]),
      });
      setEditing(null);
      load();
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="targets-page">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('patientTargets')}
        </Typography.Title>
        <Select
          value={period}
          onChange={setPeriod}
          style={{ width: 120 }}
          options={periods().map((p) => ({ value: p, label: p }))}
        />
      </Space>
      {targets.error && <LoadError error={targets.error} onRetry={load} testId="targets-error" />}
      <Table
        rowKey={(r) => r.street.id}
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        loading={targets.loading}
        dataSource={targets.data?.items}
        columns={[
          { title: t('street'), render: (_, r) => r.street.name },
          ...MEASURES.map((m) => ({
            title: t(`measure.${m}`),
            render: (_: unknown, r: StreetFigures) => (
              <Space size={4} data-testid={`${r.street.id}-${m}`}>
                {percent(r.actual[m])}
                <Typography.Text type="secondary">
                  / {t('target')} {percent(r.target?.[m])}
                </Typography.Text>
                {r.below.includes(m) && <Tag color="red">{t('belowTarget')}</Tag>}
              </Space>
            ),
          })),
          ...(mayEdit
            ? [
                {
                  title: '',
                  render: (_: unknown, r: StreetFigures) => (
                    <Button
                      size="small"
                      data-testid={`set-target-${r.street.id}`}
                      onClick={() => {
                        form.setFieldsValue(
                          Object.fromEntries(
                            MEASURES.map((m) => [m, Math.round((r.target?.[m] ?? 0) * 100)]),
                          ),
                        );
                        setEditing(r);
                      }}
                    >
                      {t('setTarget')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={`${t('setTarget')} · ${editing?.street.name ?? ''} · ${period}`}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          {MEASURES.map((m) => (
            <Form.Item key={m} name={m} label={`${t(`measure.${m}`)} (%)`} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Space>
  );
}
