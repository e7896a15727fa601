/**
 * npm run bench (never part of npm test): generates the data set of `bench/data.ts`, runs the
 * overdue and the assessment benchmarks on it, the bulk import (bench/import.ts, a database of its
 * own), then the end-to-end flow on an engine of its own (bench/flow.ts). `npm run bench -- flow`
 * runs only the flow; `-- data` only the first two; `-- import` only the import.
 */
import { createPrisma } from '../lib/db';
import { benchAssessment } from './assessment';
import { benchFlow } from './flow';
import { benchImport } from './import';
import { benchOverdue } from './overdue';
import { BENCH_URL, describe, generate, recreateDatabase } from './data';

async function main() {
  const only = process.argv[2];
  const started = Date.now();
  if (only !== 'flow' && only !== 'import') {
    await recreateDatabase();
    const db = createPrisma(BENCH_URL);
    await generate(db);
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${await describe(db)}\n`);
    const pk = await benchOverdue(db);
    await benchAssessment(db, pk);
    await db.$disconnect();
  }
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'flow') await benchFlow();
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
