/**
 * Times as people in China read them: Beijing time (China has one time zone and no daylight
 * saving), whatever the server's own zone. For notices, papers and exports; never raw UTC.
 */
const BEIJING_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;

/**
 * The start of the Beijing (Asia/Shanghai) day `daysBack` days before `now`'s, as an instant: what
 * 今日 counts from on the home page and the 大屏 alike, whatever the browser's or server's zone.
 */
export function beijingDayStart(now: Date = new Date(), daysBack = 0) {
  const day = Math.floor((now.getTime() + BEIJING_MS) / DAY_MS) - daysBack;
  return new Date(day * DAY_MS - BEIJING_MS);
}

/** The Beijing calendar date, `2026-12-05`. */
export const beijingDate = (at: Date | string) =>
  new Date(new Date(at).getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** Date and time to the minute in Beijing time, `2026-12-05 19:13`. */
export const beijingDateTime = (at: Date | string) =>
  new Date(new Date(at).getTime() + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');

/** Date and time to the second, as zh-CN writes them (`2026/12/5 19:13:19`), for lists and papers. */
export const beijingTimestamp = (at: Date | string) =>
  new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** A date as papers write it: 二〇二六年十二月五日 (from `YYYY-MM-DD`). */
export function chineseDate(isoDate: string) {
  const DIGITS = '〇一二三四五六七八九';
  const [y, m, d] = isoDate.split('-').map(Number);
  const small = (n: number) =>
    n < 10 ? DIGITS[n] : `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return `${[...String(y)].map((c) => DIGITS[Number(c)]).join('')}年${small(m)}月${small(d)}日`;
}
