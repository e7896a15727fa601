/**
 * npm run bench (never part of npm test): generates the data set of `bench/data.ts`, runs the
 * overdue, the assessment and the case-page benchmarks on it (bench/cases.ts adds events up to a
 * million), the bulk import (bench/import.ts, a database of its
 * own), then the end-to-end flow on an engine of its own (bench/flow.ts). `npm run bench -- flow`
 * runs only the flow; `-- data` only the data set's three; `-- import` only the import; `-- cases`
 * only the case pages, on the data set a former run left.
 */
import { createPrisma } from '../lib/db';
import { benchAssessment } from './assessment';
import { benchCases } from './cases';
import { benchFlow } from './flow';
import { benchImport } from './import';
import { benchOverdue } from './overdue';
import { BENCH_URL, describe, generate, migrate, recreateDatabase, time } from './data';

async function main() {
  const only = process.argv[2];
  const started = Date.now();
  if (only === 'cases') {
    // The case pages again on the data set a former run left, with the migrations since applied.
    migrate();
    const db = createPrisma(BENCH_URL);
    const pk = await time('baseline: primary-key lookup of one event', () =>
      db.event.findUnique({ where: { id: 'ev1' } }),
    );
    await benchCases(db, pk);
    await db.$disconnect();
    return;
  }
  if (only !== 'flow' && only !== 'import') {
    await recreateDatabase();
    const db = createPrisma(BENCH_URL);
    await generate(db);
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${await describe(db)}\n`);
    const pk = await benchOverdue(db);
    await benchAssessment(db, pk);
    await benchCases(db, pk);
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
