import { searchQueryOf, searchTextOf } from '../base-changes';

describe('address search text', () => {
  const stored = searchTextOf('宝安区新安街道海旺社区海秀路23号3栋', '4403060010020000010000097');

  it('keeps the address with and without 街道/社区, and the code', () => {
    expect(stored).toBe(
      '宝安区新安街道海旺社区海秀路23号3栋 宝安区新安海旺海秀路23号3栋 4403060010020000010000097',
    );
  });

  it('brings typed text to the stored form: full-width digits, spaces, 街道/社区 dropped', () => {
    for (const typed of ['海秀路２３号 ３栋', '新安街道海旺社区海秀路23号3栋', '新安　海旺海秀路23号3栋'])
      expect(stored).toContain(searchQueryOf(typed));
  });
});
