import { createPrisma } from '../lib/db';
import { seed } from '../prisma/seed';
import { configOrExit } from '../lib/config';
import { loadScriptsConfig } from './config';

const db = createPrisma(configOrExit(loadScriptsConfig).DATABASE_URL);
seed(db)
  .then((r) => console.log(`[seed] demo district ready: ${r.orgs} units, ${r.users} demo users`))
  .catch((err) => {
    console.error('[seed] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
