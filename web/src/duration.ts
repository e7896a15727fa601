import { useCallback, useContext } from 'react';
import { I18nContext, translate, type Locale } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long `ms` is (its sign ignored), at the scale it matters on: minutes under an hour (three
 * minutes late is "3 分钟", not "an hour"), hours under a day, days above, each with the next unit
 * when it is not whole (1 小时 20 分钟, 3 天 5 小时); never less than a minute. The app's one
 * duration formatter: deadlines, overdue work and case clocks all say time through it.
 */
export function durationText(ms: number, locale: Locale) {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / MINUTE));
  const say = (
    big: 'duration.days' | 'duration.hours',
    n: number,
    small: 'duration.hours' | 'duration.minutes',
    rest: number,
  ) =>
    [translate(locale, big, { n }), rest ? translate(locale, small, { n: rest }) : '']
      .filter(Boolean)
      .join(' ');
  if (minutes < HOUR / MINUTE) return translate(locale, 'duration.minutes', { n: minutes });
  if (minutes < DAY / MINUTE)
    return say('duration.hours', Math.floor(minutes / 60), 'duration.minutes', minutes % 60);
  return say(
    'duration.days',
    Math.floor(minutes / 1440),
    'duration.hours',
    Math.floor((minutes % 1440) / 60),
  );
}

/** `durationText` in the user's language. */
export function useDuration() {
  const { locale } = useContext(I18nContext);
  return useCallback((ms: number) => durationText(ms, locale), [locale]);
}
