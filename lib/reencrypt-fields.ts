/**
 * The data migration that goes with a change of `FIELD_CIPHER`: every key person's identifier
 * (ID number, phone, guardian's phone) not yet in the format this deployment writes is decrypted
 * and written again in it. Rows are read in id order, in batches; each value is replaced only if
 * it is still the one that was read, so a file changed meanwhile is left as its writer left it
 * (it is in the new format already). Running it again changes nothing.
 */
import type { Db } from './db';
import type { FieldCrypto } from './field-crypto';

const COLUMNS = ['idNumberEnc', 'phoneEnc', 'guardianPhoneEnc'] as const;

export async function reencryptFields(db: Db, crypto: FieldCrypto, batch = 500) {
  let rewritten = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await db.person.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: 'asc' },
      take: batch,
      select: { id: true, idNumberEnc: true, phoneEnc: true, guardianPhoneEnc: true },
    });
    if (!rows.length) return { rewritten };
    for (const row of rows) {
      for (const column of COLUMNS) {
        const stored = row[column];
        if (!stored || stored.startsWith(`${crypto.format}:`)) continue;
        const { count } = await db.person.updateMany({
          where: { id: row.id, [column]: stored },
          data: { [column]: crypto.encrypt(crypto.decrypt(stored)) },
        });
        rewritten += count;
      }
    }
    after = rows[rows.length - 1].id;
  }
}
