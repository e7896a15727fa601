import { useContext } from 'react';
import { Space, Tag } from 'antd';
import type { AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';

/** What the API says of a task's deadline (GET /api/inbox, GET /api/tasks/:key). */
export type DeadlineFields = Pick<
  AnswerOf<'/api/tasks/{key}'>,
  'dueDate' | 'deadlineState' | 'workingDaysLeft'
>;

const DAY_MS = 86_400_000;

/** A deadline state as a tag: green on time, gold past the due date, red past the red time. */
export function DeadlineStateTag({ state }: { state: NonNullable<DeadlineFields['deadlineState']> }) {
  const t = useT();
  return (
    <Tag color={{ onTime: 'green', yellow: 'gold', red: 'red' }[state]} data-testid="due-tag">
      {t(state)}
    </Tag>
  );
}

/**
 * The server's deadline state (yellow once the due date has passed, red once the red time has)
 * and the working days left on the Chinese working calendar, counted by the server.
 */
export function DueTag({ task }: { task: DeadlineFields }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  if (!task.dueDate || !task.deadlineState) return null;
  const days = task.workingDaysLeft ?? 0;
  // Within a day of the due date, working days say too little (a 1-hour urgent deadline is not
  // "due today", three minutes late is not "an hour"): hours and minutes left or over.
  const ms = new Date(task.dueDate).getTime() - Date.now();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const minutes = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  const left =
    task.deadlineState === 'onTime'
      ? ms < DAY_MS
        ? hours
          ? t('hoursLeft', { h: hours, m: minutes })
          : t('minutesLeft', { m: Math.max(minutes, 0) })
        : days > 0
          ? t('daysLeft', { n: days })
          : t('dueToday')
      : -ms < 2 * DAY_MS
        ? hours
          ? t('hoursOver', { h: hours, m: minutes })
          : t('minutesOver', { m: Math.max(minutes, 1) })
        : t('daysOver', { n: Math.max(-days, 1) });
  return (
    <Space size={4} wrap>
      <DeadlineStateTag state={task.deadlineState} />
      <span data-testid="days-left">{left}</span>
      <span style={{ color: '#888' }}>{new Date(task.dueDate).toLocaleString(locale)}</span>
    </Space>
  );
}
