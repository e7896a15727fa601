/**
 * The pieces of a key person's file that need no engine: identifiers encrypted with AES-256-GCM
 * or SM4 (fresh IV each time, a changed ciphertext refused, either format read), masking, the blind index, ISO durations
 * from the interval decision, and the API refusing to start in production without its key.
 */
import { ConfigError } from '../../../../lib/config';
import { createCipheriv } from 'node:crypto';
import { createFieldCrypto, maskIdNumber, maskPhone } from '../../../../lib/field-crypto';
import { addIsoDuration, isIsoDuration } from '../../../../lib/iso-duration';
import { loadApiConfig } from '../../../../api/src/config';
import { productionEnv } from '../../../../test/production-env';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('field encryption', () => {
  const crypto = createFieldCrypto(KEY);

  it('round-trips, with a fresh IV per value, and refuses a changed ciphertext or another key', () => {
    const a = crypto.encrypt('44030619800101124X');
    const b = crypto.encrypt('44030619800101124X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1980');
    expect(crypto.decrypt(a)).toBe('44030619800101124X');
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => crypto.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => createFieldCrypto(Buffer.alloc(32, 8).toString('base64')).decrypt(a)).toThrow();
  });

  it('SM4 (国密): the OpenSSL cipher is SM4 (GB/T 32907 test vector), values round-trip as v2, a changed byte is refused', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([ecb.update(key), ecb.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
    const sm4 = createFieldCrypto(KEY, 'sm4');
    const a = sm4.encrypt('44030619800101124X');
    expect(a).toMatch(/^v2:/);
    expect(a).not.toBe(sm4.encrypt('44030619800101124X'));
    expect(sm4.decrypt(a)).toBe('44030619800101124X');
    for (const at of [0, 20, -1]) {
      const raw = Buffer.from(a.slice(3), 'base64');
      raw[at < 0 ? raw.length + at : at] ^= 1;
      expect(() => sm4.decrypt(`v2:${raw.toString('base64')}`)).toThrow();
    }
    expect(() => createFieldCrypto(Buffer.alloc(32, 8).toString('base64'), 'sm4').decrypt(a)).toThrow();
  });

  it('reads both formats whichever it writes, and keeps one blind index across them', () => {
    const sm4 = createFieldCrypto(KEY, 'sm4');
    expect(sm4.decrypt(crypto.encrypt('13800138000'))).toBe('13800138000');
    expect(crypto.decrypt(sm4.encrypt('13800138000'))).toBe('13800138000');
    expect(sm4.blindIndex('44030619800101124X')).toBe(crypto.blindIndex('44030619800101124X'));
    expect(() => crypto.decrypt('v9:AAAA')).toThrow(/format/);
  });

  it('finds the same ID number again by its keyed hash, whatever the case of the X', () => {
    expect(crypto.blindIndex('44030619800101124x')).toBe(crypto.blindIndex('44030619800101124X'));
    expect(createFieldCrypto(Buffer.alloc(32, 8).toString('base64')).blindIndex('1')).not.toBe(
      crypto.blindIndex('1'),
    );
  });

  it('masks as printed: region and last four of an ID, 3 + 4 digits of a phone', () => {
    expect(maskIdNumber('44030619800101124X')).toBe('440306********124X');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('ISO durations', () => {
  it('adds calendar months (clamped to the month end), days and hours', () => {
    expect(addIsoDuration(new Date('2026-01-31T00:00:00Z'), 'P1M').toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(addIsoDuration(new Date('2026-01-01T00:00:00Z'), 'P3M').toISOString()).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    expect(addIsoDuration(new Date('2026-01-01T00:00:00Z'), 'P14D').toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
    expect(addIsoDuration(new Date('2026-01-01T00:00:00Z'), 'PT24H').toISOString()).toBe(
      '2026-01-02T00:00:00.000Z',
    );
    expect(isIsoDuration('P')).toBe(false);
    expect(isIsoDuration('3 months')).toBe(false);
  });
});

describe('the field key in config', () => {
  it('is required in production and must be 32 bytes anywhere', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(/FIELD_ENCRYPTION_KEY/);
    expect(() => loadApiConfig({ FIELD_CIPHER: 'des' })).toThrow(/FIELD_CIPHER/);
    expect(loadApiConfig({ FIELD_CIPHER: 'sm4' }).FIELD_CIPHER).toBe('sm4');
    expect(() => loadApiConfig({ FIELD_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      ConfigError,
    );
    expect(loadApiConfig(productionEnv({ FIELD_ENCRYPTION_KEY: KEY })).FIELD_ENCRYPTION_KEY).toBe(KEY);
    expect(() => loadApiConfig({ PATIENT_EMERGENCY_RECORD_WINDOW: '24h' })).toThrow(
      /PATIENT_EMERGENCY_RECORD_WINDOW/,
    );
  });
});
