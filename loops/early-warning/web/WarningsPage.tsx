import { useContext, useState } from 'react';
import { Alert, Button, Card, List, message, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import type { Me } from '../../../web/src/api';
import { useLoad } from '../../../web/src/use-load';
import { TrackMap } from '../../patrol/web/TrackMap';

type Warnings = AnswerOf<'/api/warnings'>;
type Warning = AnswerOf<'/api/warnings/{id}'>;
const STATUS_COLOURS = { OPEN: 'red', DISMISSED: 'default', CASE_OPENED: 'blue' } as const;

/** The cases behind one warning: a list that opens each, and their positions on the map. */
function WarningCases({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useLoad(() => api<Warning>(`/api/warnings/${id}`), [id]);
  if (error) return <Alert type="error" message={error} />;
  if (!data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data.decisionReason && <Alert type="info" message={`${t('warningReason')}：${data.decisionReason}`} />}
      {data.eventId && <Link to={`/cases/${data.eventId}`}>{t('openedCase')}</Link>}
      <TrackMap
        height={240}
        tracks={[{ id, points: [], checkIns: data.events.filter((e) => e.latitude !== null) }]}
      />
      <List
        size="small"
        header={t('warningCases')}
        dataSource={data.events}
        renderItem={(e) => (
          <List.Item>
            <Link to={`/cases/${e.id}`}>{e.caseNo}</Link> · {e.address}
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 预警研判: the warnings of one's area (the 研判 itself is a task in 待办), and the district's evaluation on demand. */
export function WarningsPage({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [status, setStatus] = useState<string | undefined>('OPEN');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    () => api<Warnings>(`/api/warnings?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`),
    [page, status],
  );
  const evaluate = async () => {
    try {
      const r = await api<AnswerOf<'/api/warnings/evaluate', 'post'>>('/api/warnings/evaluate', {
        method: 'POST',
      });
      message.success(t('warningsCreated', { n: r.created.length }));
      reload();
    } catch (err) {
      message.error(errorText(err, locale));
    }
  };
  const day = (at: string) => new Date(at).toLocaleDateString(locale);
  const categories = useLoad(() => api<AnswerOf<'/api/event-categories'>>('/api/event-categories'), []);
  const categoryName = (code: string) => categories.data?.items.find((c) => c.code === code)?.name ?? code;
  return (
    <Card
      title={t('warnings')}
      extra={
        <Space>
          <Select
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['OPEN', 'DISMISSED', 'CASE_OPENED'] as const).map((s) => ({
              value: s,
              label: t(`warning.${s}`),
            }))}
          />
          {me.org.type === 'DISTRICT' && <Button onClick={evaluate}>{t('evaluateNow')}</Button>}
        </Space>
      }
    >
      {error && <Alert type="error" message={error} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        expandable={{ expandedRowRender: (w) => <WarningCases id={w.id} /> }}
        columns={[
          { title: t('warningRule'), dataIndex: 'ruleName' },
          {
            title: t('warningPlace'),
            // A same-person warning's subject is a hashed identity: the office stands for it.
            render: (_, w) =>
              w.subject && w.kind !== 'same-person' ? `${w.subject}（${w.placeId}）` : w.placeId,
          },
          {
            title: t('category'),
            render: (_, w) => (w.categoryCode ? categoryName(w.categoryCode) : '—'),
          },
          { title: t('warningWindow'), render: (_, w) => `${day(w.windowStart)} – ${day(w.windowEnd)}` },
          { title: t('warningCount'), render: (_, w) => `${w.count} / ${Math.round(w.threshold * 10) / 10}` },
          {
            title: t('warningStatus'),
            render: (_, w) => <Tag color={STATUS_COLOURS[w.status]}>{t(`warning.${w.status}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
