/**
 * npm run bench (never part of npm test): generates the data set of `bench/data.ts`, then runs
 * the overdue and the assessment benchmarks on it and prints their figures.
 */
import { createPrisma } from '../lib/db';
import { benchAssessment } from './assessment';
import { benchOverdue } from './overdue';
import { BENCH_URL, describe, generate, recreateDatabase } from './data';

async function main() {
  const started = Date.now();
  await recreateDatabase();
  const db = createPrisma(BENCH_URL);
  await generate(db);
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${await describe(db)}\n`);
  const pk = await benchOverdue(db);
  await benchAssessment(db, pk);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
