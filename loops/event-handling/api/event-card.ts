import type { CardReader } from '../../../api/src/modules/inbox/case-cards';
import { linkFiles, type FileReader } from '../../../api/src/modules/inbox/case-files';
import { readableEvent } from './events.service';
import { eventLinks } from './events.answers';

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

/**
 * The files of an event as a task's drawer lists them: the photos and videos uploaded with the
 * report or a step (处置后照片), then the links the report gave. Only for a caller who reads the
 * event, as the files themselves are served (a dispute's department mediator may not).
 */
export const eventFiles: FileReader = async (db, id, who) => {
  const event = await readableEvent(db, id, who).catch(() => null);
  if (!event) return [];
  const files = await db.attachment.findMany({
    where: { eventId: id },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, contentType: true, field: true },
  });
  return [
    ...files.map((f) => ({
      name: f.name,
      url: `/api/attachments/${f.id}`,
      contentType: f.contentType,
      field: f.field,
    })),
    ...linkFiles(eventLinks.catch([]).parse(event.attachments)),
  ];
};
