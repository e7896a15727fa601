import { NotificationKind } from '@prisma/client';
import { z } from 'zod';
import { instant, localized } from '../../http/answers';

/** A digest's notices, one line each, each linking to its task or case. */
export const digestLines = z.array(
  z.object({
    kind: z.enum(NotificationKind),
    caseNo: z.string().nullable(),
    eventId: z.string().nullable(),
    taskKey: z.string().nullable(),
    text: localized,
  }),
);

export const listAnswer = z.object({
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      userId: z.string(),
      kind: z.enum(NotificationKind),
      title: localized,
      body: localized,
      items: digestLines,
      eventId: z.string().nullable(),
      taskKey: z.string().nullable(),
      path: z.string().nullable(),
      readAt: instant.nullable(),
      createdAt: instant,
      dedupKey: z.string(),
    }),
  ),
});
export const readAnswer = z.object({ ok: z.literal(true) });
export const readAllAnswer = z.object({ marked: z.number() });
