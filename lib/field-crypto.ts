/**
 * Field encryption at rest for personal identifiers (a key person's ID number and phones), in one
 * of two formats, each value tagged with its own so rows written under either keep reading:
 *
 * - `v1:` AES-256-GCM from node:crypto, a fresh 96-bit IV per value, the GCM tag checked on read.
 * - `v2:` SM4 (国密, GB/T 32907) for deployments that must use Chinese commercial cryptography:
 *   SM4-CTR with a fresh 128-bit IV, then HMAC-SM3 over IV and ciphertext (encrypt-then-MAC),
 *   checked in constant time before anything is decrypted. Both come from the OpenSSL that Node
 *   links (3.x ships SM4 and SM3 in its default provider); it offers no SM4-GCM, hence the MAC.
 *   The npm SM4 libraries (sm-crypto, gm-crypto, sm-crypto-v2) were looked at: pure JavaScript,
 *   and the well-kept one offers only ECB/CBC without authentication, so none is used.
 *
 * A changed ciphertext fails loudly instead of reading as someone else's number. Both keys derive
 * (HKDF) from the one config secret (`FIELD_ENCRYPTION_KEY`, 32 bytes as base64); `FIELD_CIPHER`
 * picks the format new values are written in. A keyed hash (HMAC-SHA-256 under a key derived from
 * the same secret) finds "this ID number already has a file" without decrypting anything; it does
 * not depend on the format, so switching formats keeps one file per ID number.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  getCiphers,
  getHashes,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const SM4_IV_BYTES = 16;
const SM3_MAC_BYTES = 32;

/** A config value: base64 of exactly 32 bytes. */
export const encryptionKeySchema = z
  .string()
  .trim()
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
    message: '须为 32 字节密钥的 base64 / must be the base64 of a 32-byte key',
  });

export const FIELD_CIPHERS = ['aes-256-gcm', 'sm4'] as const;
export type FieldCipher = (typeof FIELD_CIPHERS)[number];

/** Whether this Node's OpenSSL has SM4-CTR and SM3 (a build without them cannot write `v2:`). */
export const sm4Available = () => getCiphers().includes('sm4-ctr') && getHashes().includes('sm3');

/**
 * HMAC (RFC 2104) with the key's inner and outer blocks hashed once: each value then costs two
 * copies of a hash state instead of a fresh key schedule, the same bytes as createHmac. SM3 and
 * SHA-256 both hash 64-byte blocks, and the keys here are 32 bytes.
 */
function keyedHash(algorithm: 'sm3' | 'sha256', key: Buffer) {
  const block = Buffer.alloc(64);
  key.copy(block);
  const inner = createHash(algorithm).update(block.map((b) => b ^ 0x36));
  const outer = createHash(algorithm).update(block.map((b) => b ^ 0x5c));
  return (...parts: (Buffer | string)[]) => {
    const h = inner.copy();
    for (const part of parts) h.update(part);
    return outer.copy().update(h.digest()).digest();
  };
}

/**
 * SM4-CTR of many values at once, each under its own IV: the counter blocks of all of them go
 * through one SM4-ECB call and are XORed with the values, the same bytes OpenSSL's sm4-ctr gives
 * (the whole 128-bit IV counts up, big-endian). One cipher for a batch instead of one per value.
 */
export function sm4CtrMany(key: Buffer, ivs: Buffer, bodies: Buffer[]): Buffer[] {
  const blocksOf = (n: number) => Math.ceil(n / 16);
  const counters = Buffer.alloc(16 * bodies.reduce((n, b) => n + blocksOf(b.length), 0));
  let at = 0;
  bodies.forEach((body, i) => {
    for (let j = 0; j < blocksOf(body.length); j++, at += 16) {
      ivs.copy(counters, at, 16 * i, 16 * i + 16);
      for (let b = at + 15, carry = j; b >= at && carry; b--) {
        const sum = counters[b] + carry;
        counters[b] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  });
  const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const stream = Buffer.concat([ecb.update(counters), ecb.final()]);
  at = 0;
  return bodies.map((body) => {
    const out = Buffer.allocUnsafe(body.length);
    for (let k = 0; k < body.length; k++) out[k] = body[k] ^ stream[at + k];
    at += 16 * blocksOf(body.length);
    return out;
  });
}

export function createFieldCrypto(keyBase64: string, cipher: FieldCipher = 'aes-256-gcm') {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes');
  if (cipher === 'sm4' && !sm4Available())
    throw new Error('FIELD_CIPHER=sm4: this Node.js has no SM4-CTR/SM3 in its OpenSSL');
  const derive = (info: string, bytes: number) =>
    Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, bytes));
  const blindHash = keyedHash('sha256', derive('zhizhi blind index', 32));
  // Derived on first use, so an AES-only deployment on a Node without SM4 still reads v1.
  let sm4Keys: { enc: Buffer; mac: ReturnType<typeof keyedHash> } | undefined;
  const sm4 = () =>
    (sm4Keys ??= { enc: derive('zhizhi sm4 enc', 16), mac: keyedHash('sm3', derive('zhizhi sm3 mac', 32)) });

  const formats = {
    v1: {
      encrypt(plain: string) {
        const iv = randomBytes(IV_BYTES);
        const c = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
        return Buffer.concat([iv, c.getAuthTag(), body]);
      },
      decrypt(raw: Buffer) {
        const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]);
      },
    },
    v2: {
      encrypt(plain: string) {
        const { enc, mac } = sm4();
        const iv = randomBytes(SM4_IV_BYTES);
        const c = createCipheriv('sm4-ctr', enc, iv);
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
        return Buffer.concat([iv, mac(iv, body), body]);
      },
      decrypt(raw: Buffer) {
        const { enc, mac } = sm4();
        const iv = raw.subarray(0, SM4_IV_BYTES);
        const tag = raw.subarray(SM4_IV_BYTES, SM4_IV_BYTES + SM3_MAC_BYTES);
        const body = raw.subarray(SM4_IV_BYTES + SM3_MAC_BYTES);
        const expected = mac(iv, body);
        if (tag.length !== expected.length || !timingSafeEqual(tag, expected))
          throw new Error('field ciphertext failed its SM3 check');
        const d = createDecipheriv('sm4-ctr', enc, iv);
        return Buffer.concat([d.update(body), d.final()]);
      },
    },
  };
  const writeFormat = cipher === 'sm4' ? 'v2' : 'v1';

  return {
    /** The format new values are written in (`v1` AES-256-GCM, `v2` SM4). */
    format: writeFormat,
    encrypt(plain: string): string {
      return `${writeFormat}:${formats[writeFormat].encrypt(plain).toString('base64')}`;
    },
    /**
     * Many values at once, as `encrypt` would each (an import's ID numbers): under SM4 one IV draw
     * and one cipher call for the batch.
     */
    encryptMany(plains: string[]): string[] {
      if (writeFormat === 'v1') return plains.map((p) => `v1:${formats.v1.encrypt(p).toString('base64')}`);
      const { enc, mac } = sm4();
      const ivs = randomBytes(SM4_IV_BYTES * plains.length);
      const bodies = sm4CtrMany(
        enc,
        ivs,
        plains.map((p) => Buffer.from(p, 'utf8')),
      );
      return bodies.map((body, i) => {
        const iv = ivs.subarray(SM4_IV_BYTES * i, SM4_IV_BYTES * (i + 1));
        return `v2:${Buffer.concat([iv, mac(iv, body), body]).toString('base64')}`;
      });
    },
    /** Reads either format, whatever this deployment writes now. */
    decrypt(stored: string): string {
      const [format, payload] = stored.split(':');
      if ((format !== 'v1' && format !== 'v2') || !payload) throw new Error('unknown ciphertext format');
      return formats[format].decrypt(Buffer.from(payload, 'base64')).toString('utf8');
    },
    /** The same input always gives the same hash, under this deployment's key only. */
    blindIndex(plain: string): string {
      return blindHash(plain.trim().toUpperCase()).toString('hex');
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
