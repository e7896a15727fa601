import { useContext, useState } from 'react';
import { Alert, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { useLoad } from '../../../web/src/use-load';
import { TrackMap } from './TrackMap';
import { PatrolFigures } from './PatrolFigures';

type Day = AnswerOf<'/api/patrols'>;

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 巡查情况 for a community or street: a day's tracks and check-ins on the map, and who has not patrolled. */
export function PatrolsPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [date, setDate] = useState(today);
  const { data, error, loading } = useLoad(() => api<Day>(`/api/patrols?date=${date}`), [date]);
  const time = (at: string | null) => (at ? new Date(at).toLocaleTimeString(locale) : t('patrolOngoing'));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('patrols')}
        extra={<Input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />}
      >
        {error && <Alert type="error" message={error} />}
        {data && (
          <>
            <TrackMap tracks={data.patrols} />
            <Table
              rowKey="id"
              size="small"
              loading={loading}
              pagination={false}
              dataSource={data.patrols}
              locale={{ emptyText: <Empty description={t('noPatrols')} /> }}
              columns={[
                { title: t('patrolMember'), dataIndex: 'userName' },
                { title: t('patrolStarted'), render: (_, p) => time(p.startedAt) },
                { title: t('patrolEndedAt'), render: (_, p) => time(p.endedAt) },
                { title: t('patrolDistance'), render: (_, p) => Math.round(p.distanceM) },
                { title: t('patrolPoints'), dataIndex: 'pointCount' },
                {
                  title: t('checkIns'),
                  render: (_, p) => (
                    <span data-testid="patrol-check-ins">
                      {p.checkIns.map((c) => (
                        <Tag key={c.id}>{c.buildingCode}</Tag>
                      ))}
                    </span>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      {data && (
        <Card title={t('notPatrolled')} size="small">
          {data.notPatrolled.length ? (
            data.notPatrolled.map((m) => (
              <Tag key={m.id} color="orange" data-testid="not-patrolled">
                {m.displayName}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('everyonePatrolled')}</Typography.Text>
          )}
        </Card>
      )}
      <PatrolFigures date={date} />
    </Space>
  );
}
