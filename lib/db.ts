import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';

export type Db = PrismaClient;

/**
 * A burst (16 reports at once on a 2-core node) waits its turn for a pooled connection instead of
 * answering 503: Prisma's defaults give an interactive transaction 2 s to get one and 5 s to run,
 * which a loaded node exceeds while the database itself is fine.
 */
const TRANSACTIONS = { maxWait: 15_000, timeout: 20_000 };

export function createPrisma(url: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    transactionOptions: TRANSACTIONS,
  });
}
