import { t, tf } from '../../../../lib/i18n';
import type { FieldError } from '../../http/errors';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Passwords published with Zhizhi (the demo's, prisma/demo-seed.ts: the API does not load the demo
 * seed; sign-in-hardening.test.ts proves the two agree) or typical of a fresh install.
 */
const KNOWN_PASSWORDS = ['Zhizhi@2026', 'Zhizhi@123456', 'Admin@123456', 'Password@123'].map((p) =>
  p.toLowerCase(),
);

const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * What is wrong with a new password, as field errors on `field` (empty when it is acceptable):
 * at least 10 characters, at least 3 of 4 character classes (upper, lower, digit, symbol; any
 * non-ASCII character such as 汉字 counts as a symbol), not containing the username, not a
 * published password.
 */
export function passwordProblems(password: string, username: string, field = 'newPassword'): FieldError[] {
  const problems: FieldError[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.push({ field, message: tf('error.passwordTooShort', { min: MIN_PASSWORD_LENGTH }) });
  if (CLASSES.filter((c) => c.test(password)).length < 3)
    problems.push({ field, message: t('error.passwordTooSimple') });
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name))
    problems.push({ field, message: t('error.passwordHasUsername') });
  if (KNOWN_PASSWORDS.includes(password.toLowerCase()))
    problems.push({ field, message: t('error.passwordKnown') });
  return problems;
}

/**
 * A fresh password meeting the policy (upper, lower, symbol, ≥ 10), shown once to whoever issues
 * it (an admin, the bootstrap) and to be changed at first sign-in.
 */
export const oneTimePassword = () => `Zz-${randomBytes(12).toString('base64url')}`;
