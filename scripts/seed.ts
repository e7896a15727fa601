import { createPrisma } from '../lib/db';
import { seed } from '../prisma/seed';
import { configOrExit } from '../lib/config';
import { loadSetupConfig } from '../lib/setup';

const db = createPrisma(configOrExit(loadSetupConfig).DATABASE_URL);
seed(db)
  .then((r) =>
    console.log(`[seed] reference data and demo district ready: ${r.orgs} units, ${r.users} demo users`),
  )
  .catch((err) => {
    console.error('[seed] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
