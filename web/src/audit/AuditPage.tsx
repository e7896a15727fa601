import { useContext, useEffect, useState } from 'react';
import { Button, DatePicker, Form, Input, message, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, inLocale, useT } from '../i18n';

type AuditRow = AnswerOf<'/api/audit'>['items'][number];

interface Filters {
  user?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  address?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The outcome as an auditor reads it: done (2xx/3xx), refused (4xx), failed (5xx), or unknown. */
function outcome(status: number | null): { key: 'ok' | 'refused' | 'failed' | 'unknown'; color: string } {
  if (status === null) return { key: 'unknown', color: 'default' };
  if (status < 400) return { key: 'ok', color: 'green' };
  if (status < 500) return { key: 'refused', color: 'orange' };
  return { key: 'failed', color: 'red' };
}

/**
 * 审计日志 (admins): GET /api/audit searched by user, action, record, address and time range,
 * paged by the server, newest first; the API limits a street admin to its own area.
 */
export function AuditPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Record<string, string | number>>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<{ total: number; items: AuditRow[] }>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    api<AnswerOf<'/api/audit'>>(`/api/audit?${params}`)
      .then(setData, (err) => message.error(errorText(err, locale)))
      .finally(() => setLoading(false));
  }, [query, locale]);

  // The export takes the search's filter, not its page: all matching entries, itself audited.
  const exportParams = new URLSearchParams(
    Object.entries(query)
      .filter(([k]) => k !== 'page' && k !== 'pageSize')
      .map(([k, v]) => [k, String(v)]),
  );

  const search = ({ range, ...fields }: Filters) => {
    const text = Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1]?.trim()));
    setQuery({
      page: 1,
      pageSize: Number(query.pageSize),
      ...Object.fromEntries(text.map(([k, v]) => [k, v.trim()])),
      ...(range?.[0] ? { from: range[0].toISOString() } : {}),
      ...(range?.[1] ? { to: range[1].toISOString() } : {}),
    });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="audit-page">
      <Typography.Title level={4}>{t('audit')}</Typography.Title>
      <Typography.Text type="secondary">{t('audit.scope')}</Typography.Text>
      <Form form={form} layout="inline" onFinish={search}>
        <Form.Item name="user">
          <Input placeholder={t('audit.userFilter')} allowClear />
        </Form.Item>
        <Form.Item name="action">
          <Input placeholder={t('audit.actionFilter')} allowClear style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="subjectType">
          <Input placeholder={t('audit.subjectTypeFilter')} allowClear />
        </Form.Item>
        <Form.Item name="subjectId">
          <Input placeholder={t('audit.subjectIdFilter')} allowClear />
        </Form.Item>
        <Form.Item name="address">
          <Input placeholder={t('audit.addressFilter')} allowClear />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('audit.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setQuery({ page: 1, pageSize: Number(query.pageSize) });
            }}
          >
            {t('audit.reset')}
          </Button>
          <Button href={`/api/audit/export.xlsx?${exportParams}`} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </Space>
      </Form>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 900 }}
        pagination={{
          current: Number(query.page),
          pageSize: Number(query.pageSize),
          total: data.total,
          showSizeChanger: true,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => new Date(at).toLocaleString(locale),
          },
          {
            title: t('audit.user'),
            dataIndex: 'user',
            // The person's name; the username (what the filter takes) on hover.
            render: (u: AuditRow['user']) =>
              u ? (
                <span title={u.username ?? undefined}>{u.displayName ?? u.username ?? u.id}</span>
              ) : (
                t('audit.system')
              ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            // The action's name; its code (what the filter takes) on hover.
            render: (action: string, row) => (
              <span title={action}>{row.label ? inLocale(row.label, locale) : action}</span>
            ),
          },
          {
            title: t('audit.subject'),
            key: 'subject',
            render: (_, row) => (
              <span title={`${row.subjectTypeName?.[locale] ?? row.subjectType} ${row.subjectId ?? ''}`}>
                {row.subjectTypeName ? row.subjectTypeName[locale] : row.subjectType}
                {row.subjectName ? ` ${row.subjectName}` : ''}
                {/* A record without a name people use is named by its id, shown as code. */}
                {!row.subjectName && row.subjectId ? (
                  <>
                    {' '}
                    <Typography.Text code>{row.subjectId}</Typography.Text>
                  </>
                ) : null}
              </span>
            ),
          },
          { title: t('audit.address'), dataIndex: 'address', width: 140 },
          {
            title: t('audit.status'),
            dataIndex: 'status',
            width: 120,
            render: (status: number | null) => {
              const o = outcome(status);
              return (
                <Tag color={o.color}>
                  {t(`audit.${o.key}`)}
                  {status !== null ? ` ${status}` : ''}
                </Tag>
              );
            },
          },
          {
            title: t('audit.fields'),
            key: 'fields',
            // The request's field names as the API takes them: codes, shown as code.
            render: (_, row) =>
              Array.isArray(row.detail?.fields) ? (
                <Typography.Text code>{row.detail.fields.join(', ')}</Typography.Text>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
