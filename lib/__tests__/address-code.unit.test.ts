import {
  addressCodeField,
  addressCodeProblem,
  buildingCode,
  codeLength,
  communityDivisionCode,
  defaultAddressScheme,
  mod97CheckDigits,
  normaliseTyped,
  parseAddressCode,
  roomCode,
} from '../address-code';

const baoan = defaultAddressScheme();

describe('address codes (一楼一码、一房一码)', () => {
  const community = communityDivisionCode(baoan, 1, 2);

  it('builds 25-digit codes from the district, community, building and room', () => {
    expect(community).toBe('440306001002');
    const b = buildingCode(baoan, community, 123);
    expect(b).toHaveLength(25);
    expect(codeLength(baoan)).toBe(25);
    expect(b.slice(0, 23)).toBe('44030600100200012300000');
    expect(addressCodeProblem(baoan, b)).toBeNull();
    const r = roomCode(baoan, community, 123, 45);
    expect(r.slice(0, 23)).toBe('44030600100200012300045');
    expect(parseAddressCode(baoan, r)).toEqual({
      communityCode: community,
      buildingSeq: 123,
      roomSeq: 45,
      buildingCode: b,
      isBuilding: false,
    });
  });

  it('uses ISO 7064 MOD 97-10 (the IBAN check digits)', () => {
    // The IBAN example GB82 WEST 1234 5698 7654 32 rearranged to digits: check digits 82.
    expect(mod97CheckDigits('32142829123456987654321611')).toBe('82');
  });

  it('catches every single-digit typo and neighbouring swap', () => {
    const r = roomCode(baoan, community, 123, 45);
    for (let i = 0; i < r.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === r[i]) continue;
        const typo = r.slice(0, i) + d + r.slice(i + 1);
        expect(addressCodeProblem(baoan, typo)).not.toBeNull();
      }
      if (i + 1 < r.length && r[i] !== r[i + 1]) {
        const swapped = r.slice(0, i) + r[i + 1] + r[i] + r.slice(i + 2);
        expect(addressCodeProblem(baoan, swapped)).not.toBeNull();
      }
    }
  });

  it("refuses another district's code and the wrong length", () => {
    const longgang = defaultAddressScheme('440307');
    const theirs = buildingCode(longgang, communityDivisionCode(longgang, 1, 1), 1);
    expect(addressCodeProblem(longgang, theirs)).toBeNull();
    expect(addressCodeProblem(baoan, theirs)).toBe('error.addressCodeDistrict');
    expect(addressCodeProblem(baoan, '4403060010020001230000')).toBe('error.addressCodeFormat');
    expect(() => buildingCode(baoan, communityDivisionCode(longgang, 1, 1), 1)).toThrow(RangeError);
    expect(() => roomCode(baoan, community, 1_000_000, 0)).toThrow(RangeError);
  });

  it('normalises full-width digits and spaces as typed on a phone', () => {
    expect(normaliseTyped('海秀路２３号　３栋 a座')).toBe('海秀路23号3栋A座');
    const b = buildingCode(baoan, community, 7);
    const typed = b.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(addressCodeField(baoan).parse(` ${typed} `)).toBe(b);
    const bad = addressCodeField(baoan).safeParse(b.slice(0, 24) + ((Number(b[24]) + 1) % 10));
    expect(bad.success).toBe(false);
  });
});
