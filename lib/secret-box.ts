import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (group robots' webhook URLs and 加签 secrets): AES-256-GCM with a fresh 96-bit
 * nonce per value, so equal secrets seal differently and a changed byte fails to open. Sealed form:
 * `v1.<nonce>.<tag>.<ciphertext>`, base64url. The key is SECRETS_KEY (32 bytes, hex) from config.
 */
export function createSecretBox(hexKey: string) {
  const key = Buffer.from(hexKey, 'hex');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes (64 hex digits)');
  return {
    seal(plain: string): string {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed: string): string {
      const [version, nonce, tag, data] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
