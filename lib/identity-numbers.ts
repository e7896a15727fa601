/**
 * Identity numbers checked by their check characters, the one place for both standards:
 * GB 11643-1999 居民身份证号码 (ISO 7064 MOD 11-2) and GB 32100-2015 统一社会信用代码 (MOD 31).
 * A typo in one character or two swapped digits changes the check character, so a number that
 * passes is at least one that was issued in that form.
 *
 * 15-digit first-generation numbers are refused: those cards stopped being valid on 2013-01-01,
 * the number has no check character to catch a typo, and the same person would get a second
 * blind index beside their 18-digit number; the office converts it (add 19 to the year and the
 * check character) before entering it.
 */
import { z } from 'zod';
import type { MessageKey } from './i18n';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11];
}

/** What is wrong with a resident ID number (upper- or lower-case x), or null when it is valid. */
export function residentIdProblem(value: string, today = new Date()): MessageKey | null {
  if (!/^\d{17}[\dXx]$/.test(value)) return 'error.idNumberFormat';
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  const born = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    born.getUTCFullYear() !== y ||
    born.getUTCMonth() !== m - 1 ||
    born.getUTCDate() !== d ||
    born.getTime() > today.getTime()
  )
    return 'error.idNumberBirthDate';
  if (residentIdCheckChar(value) !== value[17].toUpperCase()) return 'error.idNumberCheck';
  return null;
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  const sum = CODE_WEIGHTS.reduce((acc, w, i) => acc + w * CODE_CHARS.indexOf(first17[i]), 0);
  return CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** What is wrong with a unified social credit code (upper case only), or null when it is valid. */
export function creditCodeProblem(value: string): MessageKey | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return 'error.creditCodeFormat';
  if (creditCodeCheckChar(value) !== value[17]) return 'error.creditCodeCheck';
  return null;
}

/** A schema field from a checker: the issue carries the message key the 400 names the field with. */
const checked = (problem: (value: string) => MessageKey | null) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const key = problem(value);
      if (key) ctx.addIssue({ code: 'custom', message: key, params: { messageKey: key } });
    });

/** 居民身份证号码 as entered: 18 characters, checked; stored upper-case. */
export const residentIdNumber = checked((v) => residentIdProblem(v)).transform((v) => v.toUpperCase());

/** 统一社会信用代码 as entered: 18 characters, checked. */
export const creditCode = checked(creditCodeProblem);
