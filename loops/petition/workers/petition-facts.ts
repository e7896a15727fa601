/** What the petition workers share: the petition and unit look-ups. */
import type { Db } from '../../../lib/db';

export async function unit(db: Db, id: string) {
  return db.org.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      path: true,
      type: true,
      parentId: true,
      fullName: true,
      docPrefix: true,
    },
  });
}

/** The level above a unit (extension approval, 复查, 复核); the district, at the top of the tree, answers for itself. */
export async function unitAbove(db: Db, id: string) {
  const org = await unit(db, id);
  if (!org) return null;
  return org.parentId ? unit(db, org.parentId) : org;
}
