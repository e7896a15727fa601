import { useContext, useEffect, useState } from 'react';
import { Grid, List, message, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { I18nContext, useT } from '../../../web/src/i18n';
import { PatientFile } from './PatientFile';

type PersonRow = AnswerOf<'/api/patients'>['items'][number];

export const RISK_COLOR = ['green', 'lime', 'gold', 'orange', 'volcano', 'red'];

/**
 * 重点人员: the files the caller may read (GET /api/patients, scoped by the API), filtered by
 * risk, overdue follow-up and street, paged by the server; a row opens the file. On a phone the
 * table becomes a list the grid member can tap.
 */
export function PatientsPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const narrow = !Grid.useBreakpoint().md;
  const [openId, setOpenId] = useState<string | null>(null);
  const [query, setQuery] = useState<{ page: number; risk?: number; overdue?: boolean; street?: string }>({
    page: 1,
  });
  const [data, setData] = useState<{ total: number; items: PersonRow[] }>({ total: 0, items: [] });
  const [streets, setStreets] = useState<{ id: string; name: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    api<AnswerOf<'/api/orgs'>>('/api/orgs').then((r) =>
      setStreets(r.items.filter((o) => o.type === 'STREET')),
    );
  }, []);
  useEffect(() => {
    if (openId) return;
    setLoading(true);
    const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
    if (query.risk !== undefined) params.set('risk', String(query.risk));
    if (query.overdue !== undefined) params.set('overdue', String(query.overdue));
    if (query.street) params.set('street', query.street);
    api<AnswerOf<'/api/patients'>>(`/api/patients?${params}`)
      .then(setData, (err) => message.error(errorText(err, locale)))
      .finally(() => setLoading(false));
  }, [query, locale, openId]);

  if (openId) return <PatientFile id={openId} onBack={() => setOpenId(null)} />;

  const risk = (level: number) => (
    <Tag color={RISK_COLOR[level]}>
      {t('riskLevel')} {level}
    </Tag>
  );
  const due = (p: PersonRow) =>
    p.nextFollowUpDueAt ? (
      <Typography.Text type={p.overdue ? 'danger' : undefined}>
        {new Date(p.nextFollowUpDueAt).toLocaleDateString(locale)}
        {p.overdue && ` · ${t('followUpOverdue')}`}
      </Typography.Text>
    ) : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patients-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('patients')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('riskLevel')}
          style={{ width: 120 }}
          value={query.risk}
          onChange={(risk) => setQuery({ ...query, page: 1, risk })}
          options={RISK_COLOR.map((_, level) => ({ value: level, label: `${t('riskLevel')} ${level}` }))}
        />
        {streets.length > 1 && (
          <Select
            allowClear
            placeholder={t('street')}
            style={{ width: 140 }}
            value={query.street}
            onChange={(street) => setQuery({ ...query, page: 1, street })}
            options={streets.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <Space>
          <Switch
            size="small"
            checked={query.overdue === true}
            onChange={(on) => setQuery({ ...query, page: 1, overdue: on ? true : undefined })}
          />
          {t('followUpOverdue')}
        </Space>
      </Space>
      {narrow ? (
        <List
          loading={loading}
          dataSource={data.items}
          pagination={{
            current: query.page,
            total: data.total,
            pageSize: 20,
            onChange: (page) => setQuery({ ...query, page }),
          }}
          renderItem={(p) => (
            <List.Item
              onClick={() => setOpenId(p.id)}
              style={{ cursor: 'pointer' }}
              data-testid="patient-row"
            >
              <List.Item.Meta
                title={
                  <Space>
                    {p.name}
                    {risk(p.riskLevel)}
                  </Space>
                }
                description={
                  <Space split="·" wrap>
                    {p.gridName}
                    {due(p)}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<PersonRow>
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: query.page,
            total: data.total,
            pageSize: 20,
            onChange: (page) => setQuery({ ...query, page }),
          }}
          columns={[
            {
              title: t('personName'),
              dataIndex: 'name',
              render: (name) => <span data-testid="patient-row">{name}</span>,
            },
            { title: t('grid'), dataIndex: 'gridName' },
            { title: t('riskLevel'), dataIndex: 'riskLevel', render: risk },
            {
              title: t('guardianAgreement'),
              dataIndex: 'guardianAgreement',
              render: (signed: boolean) => (signed ? t('signed') : t('unsigned')),
            },
            { title: t('nextFollowUp'), render: (_, p) => due(p) },
          ]}
        />
      )}
    </Space>
  );
}
