/**
 * Field encryption at rest for personal identifiers (a key person's ID number and phones):
 * AES-256-GCM from node:crypto, a fresh 96-bit IV per value, the GCM tag checked on every read,
 * so a ciphertext changed in the database fails loudly instead of reading as someone else's
 * number. A keyed hash (HMAC-SHA-256 under a key derived from the same secret) finds "this ID
 * number already has a file" without decrypting anything. The key comes from config
 * (`FIELD_ENCRYPTION_KEY`, 32 bytes as base64); SM4 would be a second `v2:` format beside this one.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A config value: base64 of exactly 32 bytes. */
export const encryptionKeySchema = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
    message: '须为 32 字节密钥的 base64 / must be the base64 of a 32-byte key',
  });

export function createFieldCrypto(keyBase64: string) {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes');
  const hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhizhi blind index', 32));

  return {
    encrypt(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored: string): string {
      const [format, payload] = stored.split(':');
      if (format !== FORMAT || !payload) throw new Error('unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
    /** The same input always gives the same hash, under this deployment's key only. */
    blindIndex(plain: string): string {
      return createHmac('sha256', hashKey).update(plain.trim().toUpperCase()).digest('hex');
    },
  };
}

export type FieldCrypto = ReturnType<typeof createFieldCrypto>;

/** 440300********1234: the first six (the region) and the last four stay, as on a printed ID. */
export function maskIdNumber(id: string): string {
  return id.length <= 10
    ? '*'.repeat(id.length)
    : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
