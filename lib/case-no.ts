import type { Prisma } from '@prisma/client';

/**
 * The next human-readable case number of a kind for the Shanghai year: `<prefix>-2026-000123`
 * (SJ events, TJ disputes), from a per-year counter row, inside the caller's transaction.
 */
export async function nextCaseNo(tx: Prisma.TransactionClient, prefix: string, now = new Date()) {
  const year = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const counter = await tx.caseCounter.upsert({
    where: { prefix_year: { prefix, year } },
    create: { prefix, year, value: 1 },
    update: { value: { increment: 1 } },
  });
  return `${prefix}-${year}-${String(counter.value).padStart(6, '0')}`;
}
