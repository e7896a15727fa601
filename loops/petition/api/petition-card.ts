import { z } from 'zod';
import type { CardReader } from '../../../api/src/modules/inbox/case-cards';
import { linkFiles, type FileReader } from '../../../api/src/modules/inbox/case-files';
import { eventFiles } from '../../event-handling/api/event-card';

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

/**
 * A petition's files on a task's drawer: the materials registered with it (references), then the
 * photos of the event it came from, if any.
 */
export const petitionFiles: FileReader = async (db, id, who) => {
  const petition = await db.petition.findUnique({
    where: { id },
    select: { attachments: true, eventId: true },
  });
  const refs = z
    .array(z.object({ name: z.string(), ref: z.string() }))
    .catch([])
    .parse(petition?.attachments ?? []);
  return [
    ...linkFiles(refs.map((r) => ({ name: r.name, url: r.ref }))),
    ...(petition?.eventId ? await eventFiles(db, petition.eventId, who) : []),
  ];
};
