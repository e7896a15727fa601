import { useContext } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { api, type AnswerOf } from '../api';
import { I18nContext, inLocale, useT } from '../i18n';
import { useBack } from '../use-back';
import { useLoad } from '../use-load';
import { LoadError } from '../Loaded';
import { PathDiagram } from './PathDiagram';

type Instance = AnswerOf<'/api/process-instances/{id}'>;

/**
 * The case page of a process without a page of its own (one a designer built or imported): who
 * started it and when, the diagram with the path taken, the steps as they happened, the values
 * its forms took, and the open steps, each opening in the inbox drawer with its form.
 */
export function InstancePage() {
  const id = useParams().id!;
  const t = useT();
  const { locale } = useContext(I18nContext);
  const onBack = useBack('/todo');
  const { data, error, loading, reload } = useLoad(() => api<Instance>(`/api/process-instances/${id}`), [id]);
  const when = (at: string | null) => (at ? new Date(at).toLocaleString(locale) : '—');

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="instance-page">
      <Button onClick={onBack}>{t('back')}</Button>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Spin />}
      {data && (
        <>
          <Card size="small" title={data.name}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('instance.state')}>
                <Tag color={data.endedAt ? 'default' : 'processing'}>
                  {data.endedAt ? t('instance.ended') : t('instance.running')}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('instance.initiator')}>
                {data.initiatorName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('instance.started')}>{when(data.startedAt)}</Descriptions.Item>
              {data.endedAt && (
                <Descriptions.Item label={t('instance.endedAt')}>{when(data.endedAt)}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {data.openSteps.length > 0 && (
            <Card size="small" title={t('instance.openSteps')}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={data.openSteps}
                columns={[
                  {
                    title: t('instance.step'),
                    dataIndex: 'name',
                    render: (name: string, s) => <Link to={`/tasks/${s.key}`}>{name}</Link>,
                  },
                  {
                    title: t('instance.unit'),
                    dataIndex: 'unitName',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('instance.assignee'),
                    dataIndex: 'assigneeName',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('instance.due'),
                    dataIndex: 'dueDate',
                    render: (due: string | null) => when(due),
                  },
                ]}
              />
            </Card>
          )}
          <PathDiagram diagram={data} />
          <Card size="small" title={t('timeline')}>
            <Timeline
              data-testid="instance-steps"
              items={data.steps.map((s) => ({
                color: s.endedAt ? 'green' : 'blue',
                content: (
                  <>
                    <Typography.Text strong>{s.name}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{when(s.startedAt)}</Typography.Text>
                    {s.by && <div>{s.by}</div>}
                  </>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={t('instance.variables')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              {data.variables.map((v) => (
                <Descriptions.Item key={v.name} label={v.label ? String(inLocale(v.label, locale)) : v.name}>
                  {v.value ?? '—'}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </>
      )}
    </Space>
  );
}
