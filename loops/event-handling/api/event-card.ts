import type { CardReader } from '../../../api/src/modules/inbox/case-cards';

/** An event on a task's card: what, where, how urgent. */
export const eventCards: CardReader = async (db, ids) =>
  (
    await db.event.findMany({
      where: { id: { in: ids } },
      select: { id: true, address: true, urgency: true, category: { select: { name: true } } },
    })
  ).map((e) => ({
    kind: 'EVENT' as const,
    id: e.id,
    path: `/cases/${e.id}`,
    title: `${e.category.name} · ${e.address}`,
    urgent: e.urgency === 'URGENT',
    facts: [
      { key: 'category' as const, text: e.category.name, at: null },
      { key: 'address' as const, text: e.address, at: null },
    ],
  }));
