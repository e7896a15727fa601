import type { CardReader } from '../../../api/src/modules/inbox/case-cards';

/** A warning on its 研判 task's card: the rule, how many events, the category and the place. */
export const warningCards: CardReader = async (db, ids) => {
  const warnings = await db.warning.findMany({ where: { id: { in: ids } } });
  const categories = new Map(
    (
      await db.eventCategory.findMany({
        where: { code: { in: warnings.flatMap((w) => (w.categoryCode ? [w.categoryCode] : [])) } },
      })
    ).map((c) => [c.code, c.name]),
  );
  const places = new Map(
    (await db.org.findMany({ where: { id: { in: warnings.map((w) => w.placeId) } } })).map((o) => [
      o.id,
      o.name,
    ]),
  );
  return warnings.map((w) => ({
    kind: 'WARNING' as const,
    id: w.id,
    path: '/warnings',
    title: `${w.ruleName} · ${w.count} 件`,
    urgent: false,
    facts: [
      ...(w.categoryCode
        ? [{ key: 'category' as const, text: categories.get(w.categoryCode) ?? w.categoryCode, at: null }]
        : []),
      // A same-person warning's subject is a hashed identity: the card names the office instead.
      {
        key: 'address' as const,
        text: (w.kind === 'same-person' ? null : w.subject) ?? places.get(w.placeId) ?? w.placeId,
        at: null,
      },
    ],
  }));
};
