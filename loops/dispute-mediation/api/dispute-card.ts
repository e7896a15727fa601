import type { CardReader } from '../../../api/src/modules/inbox/case-cards';
import type { FileReader } from '../../../api/src/modules/inbox/case-files';
import { eventFiles } from '../../event-handling/api/event-card';

/** A dispute on a task's card (调解): its type and matter, the parties, the stage and its limit. */
export const disputeCards: CardReader = async (db, ids) =>
  (
    await db.dispute.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        summary: true,
        stage: true,
        stageDueAt: true,
        riskLevel: true,
        type: { select: { name: true } },
        parties: { select: { name: true }, orderBy: { id: 'asc' } },
      },
    })
  ).map((d) => ({
    kind: 'DISPUTE' as const,
    id: d.id,
    path: `/disputes/${d.id}`,
    title: `${d.type.name} · ${d.summary.length > 40 ? `${d.summary.slice(0, 40)}…` : d.summary}`,
    urgent: d.riskLevel === 'HIGH',
    facts: [
      { key: 'parties' as const, text: d.parties.map((p) => p.name).join('、'), at: null },
      { key: 'stage' as const, text: d.stage, at: null },
      { key: 'stageDue' as const, text: null, at: d.stageDueAt },
    ],
  }));

/** A dispute's photos on a task's drawer: those of the event it was handed over from, if any. */
export const disputeFiles: FileReader = async (db, id, who) => {
  const dispute = await db.dispute.findUnique({ where: { id }, select: { eventId: true } });
  return dispute?.eventId ? eventFiles(db, dispute.eventId, who) : [];
};
