import type { Prisma } from '@prisma/client';
import type { Db } from './db';

/**
 * A sequence another request created at the same moment (SQLSTATE 23505 on the catalog, or
 * 42P07): Prisma's driver adapter reports the state in its message, not always as a field.
 */
const createdMeanwhile = (err: unknown) => /\b(23505|42P07)\b/.test(String((err as Error)?.message ?? ''));

/** The Shanghai calendar year of `now`. */
const shanghaiYear = (now: Date) =>
  Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));

type SequenceTx = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/**
 * The next value of a PostgreSQL sequence, made by its first use (starting after what `start`
 * reads). `nextval` locks no row, so callers at the same moment do not queue behind one counter
 * for the length of each other's transaction. Everything goes through the caller's transaction
 * (`tx`): a query through another pooled connection while the transaction holds one deadlocked
 * the pool under a burst (16 reports at once, each transaction waiting for a second connection
 * that the others held). A transaction that fails after it leaves a gap (values are unique and
 * increasing, not gapless). The year's first use makes the sequence inside a savepoint, so that a
 * creator at the same moment (who commits first) costs a rollback to it, not the caller's
 * transaction.
 */
async function nextInSequence(
  db: Db,
  sequence: string,
  tx: SequenceTx,
  start: (q: SequenceTx) => Promise<number> = () => Promise.resolve(0),
) {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(sequence)) throw new Error(`not a sequence name: ${sequence}`);
  const [{ exists }] = await tx.$queryRawUnsafe<{ exists: boolean }[]>(
    `SELECT to_regclass('${sequence}') IS NOT NULL AS exists`,
  );
  if (!exists) {
    const create = async () =>
      tx.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS ${sequence} START WITH ${(await start(tx)) + 1}`);
    if (tx === db)
      await create().catch((err: unknown) => {
        if (!createdMeanwhile(err)) throw err;
      });
    else {
      await tx.$executeRawUnsafe('SAVEPOINT make_sequence');
      await create().then(
        () => tx.$executeRawUnsafe('RELEASE SAVEPOINT make_sequence'),
        async (err: unknown) => {
          if (!createdMeanwhile(err)) throw err;
          await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT make_sequence');
        },
      );
    }
  }
  const [{ n }] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT nextval('${sequence}') AS n`);
  return n;
}

/**
 * The next human-readable case number of a kind for the Shanghai year: `<prefix>-2026-000123`
 * (SJ events, TJ disputes, XF petitions), from a sequence per prefix and year
 * (`case_no_<prefix>_<year>`, made by the year's first case). Taken inside the case's transaction
 * once nothing can refuse the case any more.
 */
export async function nextCaseNo(db: Db, prefix: string, now = new Date(), tx: SequenceTx = db) {
  if (!/^[A-Z]{1,8}$/.test(prefix)) throw new Error(`not a case number prefix: ${prefix}`);
  const year = shanghaiYear(now);
  // A year numbered by the counter row of earlier versions goes on from it.
  const n = await nextInSequence(db, `case_no_${prefix.toLowerCase()}_${year}`, tx, async (q) => {
    const [counter] = await q.$queryRawUnsafe<{ value: number }[]>(
      'SELECT "value" FROM "CaseCounter" WHERE "prefix" = $1 AND "year" = $2',
      prefix,
      year,
    );
    return counter?.value ?? 0;
  });
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * A paper's number (文号) from a pattern: `{prefix}` the unit's 发文机关代字 (its name when it has
 * none), `{year}` the Shanghai year, `{seq}` the unit's next number of the year, counted per unit
 * (`doc_no_<unit>_<year>`). `深宝信访〔2026〕12号` from the default pattern.
 */
export async function nextDocNo(
  db: Db,
  unit: { id: string; name: string; docPrefix: string | null },
  pattern: string,
  now = new Date(),
  tx: SequenceTx = db,
) {
  const year = shanghaiYear(now);
  const unitKey = unit.id
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 40);
  const n = await nextInSequence(db, `doc_no_${unitKey}_${year}`, tx);
  return pattern
    .replace('{prefix}', unit.docPrefix ?? unit.name)
    .replace('{year}', String(year))
    .replace('{seq}', String(n));
}
