import { chineseDate } from '../china-time';

describe('papers dated in Chinese', () => {
  it.each([
    ['2026-12-05', '二〇二六年十二月五日'],
    ['2026-10-20', '二〇二六年十月二十日'],
    ['2027-01-31', '二〇二七年一月三十一日'],
    ['2030-11-11', '二〇三〇年十一月十一日'],
  ])('%s reads %s', (iso, words) => {
    expect(chineseDate(iso)).toBe(words);
  });
});
