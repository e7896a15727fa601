/**
 * 一楼一码、一房一码: the code every building and every room of the address base carries.
 *
 * Default scheme, 25 digits (digits only, so a QR code stays in its numeric mode and a person can
 * type it on a phone's number pad):
 *
 *   440306 001 002 000123 00045 67
 *   │      │   │   │      │     └ 2 check digits, ISO 7064 MOD 97-10 over the 23 digits before
 *   │      │   │   │      └ room sequence in its building (00000 = the building itself)
 *   │      │   │   └ building sequence in its community
 *   │      │   └ community (居委会) in its street       ┐ together the 12-digit 统计用区划代码
 *   │      └ street (街道) in its district              │ of the community
 *   └ the district's administrative-division code (GB/T 2260; 440306 = 深圳市宝安区)
 *
 * MOD 97-10 (the IBAN check) catches every single-digit error and every swap of two neighbouring
 * digits, which are the typos people make reading a code off a door plate. The district prefix is
 * configurable (`ADDRESS_DIVISION_PREFIX`); the widths are a scheme object so a deployment with a
 * different standard changes one place. A code from another district's prefix is refused, so a
 * pasted code from a neighbouring system never lands in this base.
 */
import { z } from 'zod';
import type { MessageKey } from './i18n';

export interface AddressCodeScheme {
  /** The district's 6-digit administrative-division code (GB/T 2260). */
  divisionPrefix: string;
  streetDigits: number;
  communityDigits: number;
  buildingDigits: number;
  roomDigits: number;
}

export const DEFAULT_DIVISION_PREFIX = '440306';

export const defaultAddressScheme = (divisionPrefix = DEFAULT_DIVISION_PREFIX): AddressCodeScheme => ({
  divisionPrefix,
  streetDigits: 3,
  communityDigits: 3,
  buildingDigits: 6,
  roomDigits: 5,
});

export const divisionPrefixSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: '须为 6 位行政区划代码 / must be a 6-digit division code' });

/** The scheme of this deployment: `ADDRESS_DIVISION_PREFIX` from the environment, else Bao'an's. */
export function addressSchemeFromEnv(env: NodeJS.ProcessEnv = process.env): AddressCodeScheme {
  const raw = env.ADDRESS_DIVISION_PREFIX;
  return defaultAddressScheme(raw ? divisionPrefixSchema.parse(raw) : DEFAULT_DIVISION_PREFIX);
}

/** Total length of a code under the scheme (25 by default). */
export const codeLength = (s: AddressCodeScheme) =>
  s.divisionPrefix.length + s.streetDigits + s.communityDigits + s.buildingDigits + s.roomDigits + 2;

/** The two ISO 7064 MOD 97-10 check digits of a digit string (a BigInt: 23 digits exceed 2^53). */
export function mod97CheckDigits(digits: string): string {
  const r = Number((BigInt(digits) * 100n) % 97n);
  return String(98 - r).padStart(2, '0');
}

/** Whether a digit string ends in its own MOD 97-10 check digits (the whole number ≡ 1 mod 97). */
export const mod97Valid = (digits: string) => /^\d{3,}$/.test(digits) && BigInt(digits) % 97n === 1n;

const pad = (n: number, width: number, what: string) => {
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** width)
    throw new RangeError(`${what} ${n} does not fit ${width} digits`);
  return String(n).padStart(width, '0');
};

/**
 * A community's 12-digit division code from its street's and its own sequence numbers
 * (1-based: 000 is kept for "the street itself").
 */
export function communityDivisionCode(s: AddressCodeScheme, streetSeq: number, communitySeq: number) {
  return (
    s.divisionPrefix +
    pad(streetSeq, s.streetDigits, 'street') +
    pad(communitySeq, s.communityDigits, 'community')
  );
}

/** A building's code: its community's division code, its sequence, room 0, check digits. */
export function buildingCode(s: AddressCodeScheme, communityCode: string, buildingSeq: number): string {
  return roomCode(s, communityCode, buildingSeq, 0);
}

/** A room's code: community, building and room sequences, then the check digits. */
export function roomCode(
  s: AddressCodeScheme,
  communityCode: string,
  buildingSeq: number,
  roomSeq: number,
): string {
  if (
    communityCode.length !== s.divisionPrefix.length + s.streetDigits + s.communityDigits ||
    !/^\d+$/.test(communityCode)
  )
    throw new RangeError(`community code ${communityCode} does not fit the scheme`);
  if (!communityCode.startsWith(s.divisionPrefix))
    throw new RangeError(`community code ${communityCode} is not in district ${s.divisionPrefix}`);
  const body =
    communityCode + pad(buildingSeq, s.buildingDigits, 'building') + pad(roomSeq, s.roomDigits, 'room');
  return body + mod97CheckDigits(body);
}

export interface ParsedAddressCode {
  communityCode: string;
  buildingSeq: number;
  roomSeq: number;
  /** The code of the building the code belongs to (itself for a building code). */
  buildingCode: string;
  isBuilding: boolean;
}

/** What is wrong with a code (a message key naming it), or null when it is one of this district's. */
export function addressCodeProblem(s: AddressCodeScheme, code: string): MessageKey | null {
  if (!/^\d+$/.test(code) || code.length !== codeLength(s)) return 'error.addressCodeFormat';
  if (!mod97Valid(code)) return 'error.addressCodeCheck';
  if (!code.startsWith(s.divisionPrefix)) return 'error.addressCodeDistrict';
  return null;
}

/** The parts of a valid code, or null for a code with a problem. */
export function parseAddressCode(s: AddressCodeScheme, code: string): ParsedAddressCode | null {
  if (addressCodeProblem(s, code)) return null;
  const cLen = s.divisionPrefix.length + s.streetDigits + s.communityDigits;
  const communityCode = code.slice(0, cLen);
  const buildingSeq = Number(code.slice(cLen, cLen + s.buildingDigits));
  const roomSeq = Number(code.slice(cLen + s.buildingDigits, cLen + s.buildingDigits + s.roomDigits));
  return {
    communityCode,
    buildingSeq,
    roomSeq,
    buildingCode: buildingCode(s, communityCode, buildingSeq),
    isBuilding: roomSeq === 0,
  };
}

/**
 * Full-width digits and letters to half-width, ideographic spaces to none, upper case: how a code
 * or an address typed on a phone's Chinese keyboard reaches the same text as the stored one.
 */
export function normaliseTyped(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

/** A schema field for a code as typed: normalised, then checked (the 400 names the field). */
export const addressCodeField = (s: AddressCodeScheme) =>
  z
    .string()
    .transform(normaliseTyped)
    .superRefine((value, ctx) => {
      const key = addressCodeProblem(s, value);
      if (key) ctx.addIssue({ code: 'custom', message: key, params: { messageKey: key } });
    });
