import { deadlineStateOf, deadlineWhere } from '../deadlines';

const now = new Date('2026-12-04T08:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('the yellow/red rule', () => {
  it('turns yellow and red at the very instant, in the TypeScript form', () => {
    expect(deadlineStateOf({ dueDate: at(1), redAt: at(2) }, now)).toBe('onTime');
    expect(deadlineStateOf({ dueDate: now, redAt: at(1) }, now)).toBe('yellow');
    expect(deadlineStateOf({ dueDate: at(-2), redAt: now }, now)).toBe('red');
    expect(deadlineStateOf({ dueDate: null, redAt: null }, now)).toBeNull();
  });

  it('says the same in the filter form: reached is `lte`, not reached is `gt` or none', () => {
    expect(deadlineWhere('red', now)).toEqual({ redAt: { lte: now } });
    expect(deadlineWhere('yellow', now)).toEqual({
      AND: [{ dueDate: { lte: now } }, { OR: [{ redAt: null }, { redAt: { gt: now } }] }],
    });
    expect(deadlineWhere('onTime', now)).toEqual({
      AND: [
        { OR: [{ dueDate: null }, { dueDate: { gt: now } }] },
        { OR: [{ redAt: null }, { redAt: { gt: now } }] },
      ],
    });
  });
});
