import type { CardReader } from '../../../api/src/modules/inbox/case-cards';

/** A petition on a task's card (受理审查, 办理, …): the petitioner, the matter and its statutory clocks. */
export const petitionCards: CardReader = async (db, ids) =>
  (
    await db.petition.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        petitionerName: true,
        matter: true,
        decidedAt: true,
        decisionDueAt: true,
        handleDueAt: true,
      },
    })
  ).map((p) => ({
    kind: 'PETITION' as const,
    id: p.id,
    path: `/petitions/${p.id}`,
    title: `${p.petitionerName} · ${p.matter.length > 40 ? `${p.matter.slice(0, 40)}…` : p.matter}`,
    urgent: false,
    facts: [
      { key: 'petitioner' as const, text: p.petitionerName, at: null },
      // 受理 within 15 days (Art. 22) until decided; then the handling limit (Art. 32).
      p.decidedAt
        ? { key: 'handleDue' as const, text: null, at: p.handleDueAt }
        : { key: 'decisionDue' as const, text: null, at: p.decisionDueAt },
    ],
  }));
