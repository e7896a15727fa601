import { createSecretBox } from '../secret-box';

const KEY = 'ab'.repeat(32);

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(KEY);

  it('opens what it sealed, and seals one value differently each time', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key';
    const a = box.seal(url);
    expect(a).not.toContain('secret-key');
    expect(box.seal(url)).not.toBe(a);
    expect(box.open(a)).toBe(url);
  });

  it('refuses a changed byte and another key', () => {
    const sealed = box.seal('SEC-robot');
    const [v, nonce, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([v, nonce, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox('cd'.repeat(32)).open(sealed)).toThrow();
    expect(() => createSecretBox('abcd')).toThrow(/32 bytes/);
  });
});
