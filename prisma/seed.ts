/**
 * Reference data (prisma/reference-seed.ts) and the demo district (prisma/demo-seed.ts) together:
 * what `npm run seed`, the tests' global setup and the benchmark start from.
 */
import type { Db } from '../lib/db';
import { seedDemo } from './demo-seed';
import { seedReference } from './reference-seed';

export { DEMO_PASSWORD, demoBoundary } from './demo-seed';

export async function seed(db: Db) {
  const reference = await seedReference(db);
  return { reference, ...(await seedDemo(db)) };
}
