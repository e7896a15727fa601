import { useContext, useState } from 'react';
import { Button, Card, Form, InputNumber, message, Modal, Radio, Table, Tag } from 'antd';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { hasRole, useMe } from '../../../web/src/me';

type Figures = AnswerOf<'/api/patrols/figures'>;
type Grid = Figures['grids'][number];
type Quota = NonNullable<Grid['quota']> & { period: Grid['period'] };

/**
 * Each grid's day or week (as its quota counts) against its quota (minutes, check-ins, distinct
 * buildings) and the month's building coverage; the street and community set the quotas.
 */
export function PatrolFigures({ date }: { date: string }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const me = useMe();
  const sets =
    hasRole(me, 'STAFF', 'SUPERVISOR') && (me.org.type === 'STREET' || me.org.type === 'COMMUNITY');
  const { data, reload, loading } = useLoad(() => api<Figures>(`/api/patrols/figures?date=${date}`), [date]);
  const [editing, setEditing] = useState<Grid>();
  const [form] = Form.useForm<Quota>();

  const save = async () => {
    if (!editing) return;
    try {
      const set = await api<{ changed: boolean }>(`/api/patrols/quotas/${editing.gridId}`, {
        method: 'PUT',
        body: await form.validateFields(),
      });
      message.success(t(set.changed ? 'patrolQuotaSaved' : 'patrolQuotaSame'));
      setEditing(undefined);
      reload();
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return;
      message.error(errorText(err, locale));
    }
  };
  const against = (n: number, quota: number | undefined) =>
    quota === undefined ? n : t('patrolAgainst', { n, quota });

  return (
    <Card title={t('patrolFigures')} size="small" data-testid="patrol-figures">
      <Table<Grid>
        rowKey="gridId"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.grids ?? []}
        columns={[
          { title: t('patrolGrid'), dataIndex: 'gridName' },
          { title: t('patrolPeriod'), render: (_, g) => t(`patrolPeriod${g.period}`) },
          { title: t('patrolMinutes'), render: (_, g) => against(g.minutes, g.quota?.minutes) },
          { title: t('checkIns'), render: (_, g) => against(g.checkIns, g.quota?.checkIns) },
          { title: t('patrolBuildings'), render: (_, g) => against(g.buildings, g.quota?.buildings) },
          {
            title: t('patrolMet'),
            render: (_, g) =>
              g.met === null ? (
                <Tag>{t('patrolNoQuota')}</Tag>
              ) : (
                <Tag color={g.met ? 'green' : 'red'}>{t(g.met ? 'patrolMet' : 'patrolNotMet')}</Tag>
              ),
          },
          {
            title: t('patrolCoverage'),
            render: (_, g) =>
              `${g.buildingsCovered} / ${g.buildingsTotal}` +
              (g.buildingsTotal ? `（${Math.round((g.buildingsCovered / g.buildingsTotal) * 100)}%）` : ''),
          },
          ...(sets
            ? [
                {
                  title: '',
                  render: (_: unknown, g: Grid) => (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({
                          ...(g.quota ?? { minutes: 0, checkIns: 0, buildings: 0 }),
                          period: g.period,
                        });
                        setEditing(g);
                      }}
                    >
                      {t('patrolSetQuota')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? t('patrolQuotaTitle', { grid: editing.gridName }) : ''}
        onCancel={() => setEditing(undefined)}
        onOk={save}
        okText={t('save')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="period" label={t('patrolPeriod')} rules={[{ required: true }]}>
            <Radio.Group
              options={(['DAY', 'WEEK'] as const).map((p) => ({ value: p, label: t(`patrolPeriod${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="minutes" label={t('patrolMinutes')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10080} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="checkIns" label={t('checkIns')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="buildings" label={t('patrolBuildings')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
