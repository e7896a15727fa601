import type { Prisma } from '@prisma/client';
import type { Db } from './db';

/**
 * A sequence another request created at the same moment (SQLSTATE 23505 on the catalog, or
 * 42P07): Prisma's driver adapter reports the state in its message, not always as a field.
 */
const createdMeanwhile = (err: unknown) => /\b(23505|42P07)\b/.test(String((err as Error)?.message ?? ''));

/**
 * The next human-readable case number of a kind for the Shanghai year: `<prefix>-2026-000123`
 * (SJ events, TJ disputes, XF petitions), from a PostgreSQL sequence per prefix and year
 * (`case_no_<prefix>_<year>`, made by the year's first case). `nextval` locks no row, so
 * registrations at the same moment do not queue behind one counter for the length of each
 * other's transaction. Taken inside the case's transaction (`tx`) once nothing can refuse the
 * case any more; a transaction that fails after it leaves a gap (numbers are unique and
 * increasing, not gapless). The sequence is made through `db`, outside any transaction, so a
 * first-of-the-year race cannot abort the caller's.
 */
export async function nextCaseNo(
  db: Db,
  prefix: string,
  now = new Date(),
  tx: Pick<Prisma.TransactionClient, '$queryRawUnsafe'> = db,
) {
  if (!/^[A-Z]{1,8}$/.test(prefix)) throw new Error(`not a case number prefix: ${prefix}`);
  const year = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const sequence = `case_no_${prefix.toLowerCase()}_${year}`;
  const [{ exists }] = await db.$queryRawUnsafe<{ exists: boolean }[]>(
    `SELECT to_regclass('${sequence}') IS NOT NULL AS exists`,
  );
  if (!exists) {
    // A year numbered by the counter row of earlier versions goes on from it.
    const counter = await db.caseCounter.findUnique({ where: { prefix_year: { prefix, year } } });
    await db
      .$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS ${sequence} START WITH ${(counter?.value ?? 0) + 1}`)
      .catch((err: unknown) => {
        if (!createdMeanwhile(err)) throw err;
      });
  }
  const [{ n }] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT nextval('${sequence}') AS n`);
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
