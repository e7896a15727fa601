import { createPrisma } from '../lib/db';
import { seed } from '../prisma/seed';

const db = createPrisma(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi');
seed(db)
  .then((r) =>
    console.log(`[seed] reference data and demo district ready: ${r.orgs} units, ${r.users} demo users`),
  )
  .catch((err) => {
    console.error('[seed] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
