/**
 * npm run bench (never part of npm test): generates the data set of `bench/data.ts`, runs the
 * overdue, the assessment, the case-page (bench/cases.ts adds events up to a million) and the
 * 试算 (bench/trials.ts) benchmarks on it, the bulk import (bench/import.ts, a database of its
 * own), then the end-to-end flow on an engine of its own (bench/flow.ts). `npm run bench -- flow`
 * runs only the flow; `-- data` only those on the data set; `-- import` only the import; `-- base`
 * only the 块数据 base (bench/base-data.ts, a database of its own); `-- cases`
 * and `-- trials` only those, on the data set a former run left.
 */
import { createPrisma } from '../lib/db';
import { benchAssessment } from './assessment';
import { benchBaseData } from './base-data';
import { benchCases } from './cases';
import { benchFlow } from './flow';
import { benchImport } from './import';
import { benchOverdue } from './overdue';
import { benchTrials } from './trials';
import { BENCH_URL, describe, generate, migrate, recreateDatabase, time } from './data';

async function main() {
  const only = process.argv[2];
  const started = Date.now();
  if (only === 'cases' || only === 'trials') {
    // Again on the data set a former run left, with the migrations since applied.
    migrate();
    const db = createPrisma(BENCH_URL);
    if (only === 'cases')
      await benchCases(
        db,
        await time('baseline: primary-key lookup of one event', () =>
          db.event.findUnique({ where: { id: 'ev1' } }),
        ),
      );
    else await benchTrials(db);
    await db.$disconnect();
    return;
  }
  if (only !== 'flow' && only !== 'import' && only !== 'base') {
    await recreateDatabase();
    const db = createPrisma(BENCH_URL);
    await generate(db);
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${await describe(db)}\n`);
    const pk = await benchOverdue(db);
    await benchAssessment(db, pk);
    await benchCases(db, pk);
    await benchTrials(db);
    await db.$disconnect();
  }
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'base') await benchBaseData();
  if (!only || only === 'flow') await benchFlow();
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
