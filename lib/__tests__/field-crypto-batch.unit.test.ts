/**
 * The import's batched field encryption (lib/field-crypto.ts): SM4-CTR of many values through one
 * ECB call gives OpenSSL's sm4-ctr bytes (the counter carrying across bytes and wrapping), the
 * batch's values read back and each has its own IV, and the precomputed HMAC states give
 * createHmac's bytes, so blind indexes and tags written before stay valid.
 */
import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createFieldCrypto, sm4CtrMany } from '../field-crypto';

const KEY = Buffer.alloc(32, 7).toString('base64');
const derive = (info: string, bytes: number) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(KEY, 'base64'), Buffer.alloc(0), info, bytes));

describe('batched field encryption', () => {
  it('SM4-CTR of a batch is OpenSSL’s sm4-ctr of each value, the counter carrying and wrapping', () => {
    const key = randomBytes(16);
    const ivs = Buffer.concat([
      Buffer.alloc(16, 0xff),
      Buffer.from('000000000000000000000000000000fe', 'hex'),
      randomBytes(16),
      randomBytes(16),
      randomBytes(16),
    ]);
    const bodies = [randomBytes(40), randomBytes(33), randomBytes(0), randomBytes(1), randomBytes(16)];
    const batch = sm4CtrMany(key, ivs, bodies);
    bodies.forEach((body, i) => {
      const one = createCipheriv('sm4-ctr', key, ivs.subarray(16 * i, 16 * i + 16));
      expect(batch[i].toString('hex')).toBe(Buffer.concat([one.update(body), one.final()]).toString('hex'));
    });
  });

  it('reads every value of a batch back, each under its own IV, in either format', () => {
    const values = ['44030619800101124X', '13800138000', '', '王'.repeat(30)];
    for (const cipher of ['sm4', 'aes-256-gcm'] as const) {
      const crypto = createFieldCrypto(KEY, cipher);
      const stored = crypto.encryptMany(values);
      expect(stored.map((s) => crypto.decrypt(s))).toEqual(values);
      expect(new Set(stored.map((s) => s.slice(3, 24))).size).toBe(values.length);
    }
  });

  it('keeps createHmac’s bytes: the blind index and the SM3 tag of values written before', () => {
    const crypto = createFieldCrypto(KEY, 'sm4');
    expect(crypto.blindIndex(' 44030619800101124x')).toBe(
      createHmac('sha256', derive('zhizhi blind index', 32)).update('44030619800101124X').digest('hex'),
    );
    const raw = Buffer.from(crypto.encryptMany(['44030619800101124X'])[0].slice(3), 'base64');
    const [iv, tag, body] = [raw.subarray(0, 16), raw.subarray(16, 48), raw.subarray(48)];
    expect(tag.toString('hex')).toBe(
      createHmac('sm3', derive('zhizhi sm3 mac', 32)).update(iv).update(body).digest('hex'),
    );
  });
});
