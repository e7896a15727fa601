import { useContext } from 'react';
import { Space, Tag } from 'antd';
import type { AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { useDuration } from '../duration';

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
 * The server's deadline state (yellow once the due date has passed, red once the red time has),
 * the working days left on the Chinese working calendar (counted by the server), or how long is
 * left within the last day, or how long it is overdue.
 */
export function DueTag({ task }: { task: DeadlineFields }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const duration = useDuration();
  if (!task.dueDate || !task.deadlineState) return null;
  const days = task.workingDaysLeft ?? 0;
  // Time left beyond a day is the calendar's working days; within a day (a 1-hour urgent deadline
  // is not "due today") and once overdue, the time itself.
  const ms = new Date(task.dueDate).getTime() - Date.now();
  const left =
    task.deadlineState !== 'onTime'
      ? t('overdueBy', { d: duration(ms) })
      : ms < DAY_MS
        ? t('timeLeft', { d: duration(ms) })
        : days > 0
          ? t('daysLeft', { n: days })
          : t('dueToday');
  return (
    <Space size={4} wrap>
      <DeadlineStateTag state={task.deadlineState} />
      <span data-testid="days-left">{left}</span>
      <span style={{ color: '#888' }}>{new Date(task.dueDate).toLocaleString(locale)}</span>
    </Space>
  );
}
