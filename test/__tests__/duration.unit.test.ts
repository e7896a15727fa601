/** The app's one duration formatter (web/src/duration.ts), in both languages. */
import { durationText } from '../../web/src/duration';

const MINUTE = 60_000;

describe('durationText', () => {
  it.each([
    [3 * MINUTE, '3 分钟', '3 min'],
    [-3 * MINUTE, '3 分钟', '3 min'],
    [10_000, '1 分钟', '1 min'],
    [59 * MINUTE, '59 分钟', '59 min'],
    [120 * MINUTE, '2 小时', '2 h'],
    [80 * MINUTE, '1 小时 20 分钟', '1 h 20 min'],
    [3 * 1440 * MINUTE, '3 天', '3 d'],
    [(3 * 1440 + 5 * 60 + 7) * MINUTE, '3 天 5 小时', '3 d 5 h'],
  ])('%d ms reads %s / %s', (ms, zh, en) => {
    expect(durationText(ms, 'zh-CN')).toBe(zh);
    expect(durationText(ms, 'en')).toBe(en);
  });
});
