import { creditCode, creditCodeProblem, residentIdNumber, residentIdProblem } from '../identity-numbers';

describe('GB 11643 resident ID numbers', () => {
  it('accepts numbers whose check character matches, X in either case', () => {
    // The standard's own example, and numbers computed by hand with ISO 7064 MOD 11-2.
    for (const v of ['11010519491231002X', '11010519491231002x', '440306198505051288', '440306197712120026'])
      expect(residentIdProblem(v)).toBeNull();
    expect(residentIdNumber.parse(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, a swapped pair of digits and X in the wrong place', () => {
    expect(residentIdProblem('110105194912310021')).toBe('error.idNumberCheck');
    expect(residentIdProblem('110105194912301020')).toBe('error.idNumberCheck');
    expect(residentIdProblem('440306198505051238')).toBe('error.idNumberCheck');
    expect(residentIdProblem('1101051949123100X2')).toBe('error.idNumberFormat');
  });

  it('refuses a birth date that does not exist, is before 1900 or is in the future', () => {
    const today = new Date('2026-12-04T00:00:00Z');
    expect(residentIdProblem('440306198002301230', today)).toBe('error.idNumberBirthDate');
    expect(residentIdProblem('440306190002291237', today)).toBe('error.idNumberBirthDate');
    expect(residentIdProblem('440306189912311231', today)).toBe('error.idNumberBirthDate');
    expect(residentIdProblem('440306202612051232', today)).toBe('error.idNumberBirthDate');
    expect(residentIdProblem('440306200002290011', today)).not.toBe('error.idNumberBirthDate');
  });

  it('refuses 15-digit first-generation numbers and anything not 18 characters', () => {
    for (const v of ['440306800101123', '', '4403061980010112345', '44030619800101123Y'])
      expect(residentIdProblem(v)).toBe('error.idNumberFormat');
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts codes whose MOD 31 check character matches', () => {
    for (const v of ['91350100M000100Y43', '91110000600037341L']) expect(creditCodeProblem(v)).toBeNull();
    expect(creditCode.parse(' 91350100M000100Y43 ')).toBe('91350100M000100Y43');
  });

  it('refuses a wrong check character and the letters I, O, Z, S, V', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('error.creditCodeCheck');
    expect(creditCodeProblem('91110000600037341M')).toBe('error.creditCodeCheck');
    for (const letter of ['I', 'O', 'Z', 'S', 'V'])
      expect(creditCodeProblem(`91350100M000100${letter}43`)).toBe('error.creditCodeFormat');
    expect(creditCodeProblem('91350100m000100y43')).toBe('error.creditCodeFormat');
    expect(creditCodeProblem('9135010M000100Y43')).toBe('error.creditCodeFormat');
  });

  it('names the fault in its issue for the 400', () => {
    const result = creditCode.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      params: { messageKey: 'error.creditCodeCheck' },
    });
  });
});
