/**
 * A production environment with a strong value for every secret, for the tests that start the
 * deployables as production would (each secret test takes one of these away or weakens it).
 */
import { randomBytes } from 'node:crypto';

const password = () => randomBytes(18).toString('base64url');

export const PRODUCTION_SECRETS = {
  SECRETS_KEY: randomBytes(32).toString('hex'),
  FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ENGINE_PASSWORD: password(),
  ATTACHMENTS_S3_ACCESS_KEY: password(),
  ATTACHMENTS_S3_SECRET_KEY: password(),
};

export const productionEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  ...PRODUCTION_SECRETS,
  ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:8333',
  ...extra,
});
