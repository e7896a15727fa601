/**
 * `npm run fields:reencrypt`: after FIELD_CIPHER changed (say to `sm4`), rewrites the stored
 * identifiers in that format with the API's own config (lib/reencrypt-fields.ts). Both formats are
 * read meanwhile, so the API may keep running.
 */
import { loadApiConfig } from '../api/src/config';
import { configOrExit, DEVELOPMENT_FIELD_KEY } from '../lib/config';
import { createPrisma } from '../lib/db';
import { createFieldCrypto } from '../lib/field-crypto';
import { reencryptFields } from '../lib/reencrypt-fields';

const config = configOrExit(() => loadApiConfig(process.env));
const db = createPrisma(config.DATABASE_URL);
reencryptFields(
  db,
  createFieldCrypto(config.FIELD_ENCRYPTION_KEY ?? DEVELOPMENT_FIELD_KEY, config.FIELD_CIPHER),
)
  .then((r) => console.log(`[fields] ${r.rewritten} values rewritten as ${config.FIELD_CIPHER}`))
  .catch((err) => {
    console.error('[fields] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
