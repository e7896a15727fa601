import { useCallback, useContext, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { api, errorText, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { useAction } from './admin-api';

type CalendarYear = AnswerOf<'/api/calendar-years/{year}'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2027-10-01 国庆节" per line → holidays; a line that is no date is named, so the admin fixes it. */
function parseLines(text: string, withName: boolean) {
  const rows = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const bad = rows.find((l) => !DATE.test(l.split(/\s+/)[0]) || (withName && !l.split(/\s+/)[1]));
  return { bad, rows: rows.map((l) => l.split(/\s+/)) };
}

/**
 * 工作日历: a year's holidays as Zhizhi counts them — the shipped table, an imported State Council
 * arrangement, or (a year past the table with nothing imported) computed from the law and marked
 * provisional — and the one-step import of the published arrangement.
 */
export function CalendarPanel() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const act = useAction();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear + 1);
  const [view, setView] = useState<CalendarYear>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setView(undefined);
    setError(undefined);
    api<CalendarYear>(`/api/calendar-years/${year}`).then(setView, (err) => setError(errorText(err, locale)));
  }, [year, locale]);
  useEffect(load, [load]);

  const submit = async (v: { source: string; holidays: string; workdays?: string }) => {
    const holidays = parseLines(v.holidays, true);
    const workdays = parseLines(v.workdays ?? '', false);
    const bad = holidays.bad ?? workdays.bad;
    if (bad)
      return form.setFields([
        { name: holidays.bad ? 'holidays' : 'workdays', errors: [t('badLine', { line: bad })] },
      ]);
    await act(
      () =>
        api(`/api/calendar-years/${year}`, {
          method: 'PUT',
          body: {
            source: v.source,
            holidays: holidays.rows.map(([date, name]) => ({ date, name })),
            workdays: workdays.rows.map(([date]) => date),
          },
        }),
      () => (form.resetFields(), load()),
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="calendar-panel">
      <Space wrap>
        <Select
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
            value: y,
            label: `${y}`,
          }))}
          data-testid="calendar-year"
        />
        {view && (
          <Tag color={view.provisional ? 'orange' : 'green'} data-testid="calendar-source">
            {view.provisional
              ? t('calendarProvisional')
              : view.source === 'imported'
                ? t('calendarImported', { source: view.importedFrom ?? '' })
                : t('calendarShipped')}
          </Tag>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {!view && !error && <Spin />}
      {view?.provisional && <Alert type="warning" showIcon message={t('calendarProvisionalHint')} />}
      {view && (
        <Table
          rowKey={(r) => r.date}
          size="small"
          pagination={false}
          dataSource={
            view.provisional
              ? view.statutoryHolidays.map((h) => ({ date: h.date, what: h.name, working: false }))
              : view.overrides.map((o) => ({ date: o.date, what: o.note ?? '', working: o.working }))
          }
          locale={{ emptyText: t('calendarNoChanges') }}
          columns={[
            { title: t('date'), dataIndex: 'date' },
            {
              title: t('calendarDay'),
              dataIndex: 'working',
              render: (w: boolean) => t(w ? 'workday' : 'holiday'),
            },
            { title: t('note'), dataIndex: 'what' },
          ]}
        />
      )}
      <Typography.Title level={5}>{t('calendarImport', { year })}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
        <Form.Item
          name="source"
          label={t('calendarSourceLabel')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input placeholder="国办发明电〔2026〕N号" />
        </Form.Item>
        <Form.Item
          name="holidays"
          label={t('calendarHolidaysLabel')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.TextArea rows={6} placeholder={`${year}-10-01 国庆节`} />
        </Form.Item>
        <Form.Item name="workdays" label={t('calendarWorkdaysLabel')}>
          <Input.TextArea rows={3} placeholder={`${year}-09-26`} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('calendarImportButton')}
        </Button>
      </Form>
    </Space>
  );
}
