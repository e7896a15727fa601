import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AttachmentStore } from '../../../../lib/attachments/attachment-store';
import type { Db } from '../../../../lib/db';
import { t, tf } from '../../../../lib/i18n';
import type { AppAbility, SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import type { EventsService } from '../../../../loops/event-handling/api/events.service';
import { ACCEPTED, SNIFF_BYTES } from './file-check';

type Caller = { user: SessionUser; ability: AppAbility };

export interface UploadLimits {
  imageBytes: number;
  videoBytes: number;
}

const MB = 1024 * 1024;

/**
 * Photos and videos of reports. An upload is checked at the edge (type, declared and streamed
 * size, first bytes) and stored under a random key; until a report names it only its uploader
 * may read it, afterwards whoever may read the case (anyone else: 404).
 */
export function createAttachmentsService(
  db: Db,
  store: AttachmentStore,
  events: Pick<EventsService, 'readable'>,
  limits: UploadLimits,
) {
  const tooLarge = () =>
    new HttpError(413, 'error.fileTooLarge', [], {
      message: tf('error.fileTooLarge', {
        imageMb: Math.floor(limits.imageBytes / MB),
        videoMb: Math.floor(limits.videoBytes / MB),
      }),
    });
  const badType = () =>
    new HttpError(415, 'error.fileType', [{ field: 'file', message: t('error.fileType') }]);

  /** The body as it streams in, refused once it passes the limit or when its first bytes lie. */
  async function* checked(body: AsyncIterable<Buffer>, limit: number, matches: (head: Buffer) => boolean) {
    let size = 0;
    let head = Buffer.alloc(0);
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      if (head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= SNIFF_BYTES && !matches(head)) throw badType();
      }
      yield chunk;
    }
    if (size === 0)
      throw new HttpError(400, 'error.validation', [{ field: 'file', message: t('error.fileEmpty') }]);
    if (head.length < SNIFF_BYTES && !matches(head)) throw badType();
  }

  return {
    async upload(
      input: { name: string; contentType: string; length?: number; body: AsyncIterable<Buffer> },
      { user, ability }: Caller,
    ) {
      if (!ability.can('create', 'Event')) throw new HttpError(403, 'error.forbidden');
      const type = ACCEPTED[input.contentType];
      if (!type) throw badType();
      const limit = type.kind === 'image' ? limits.imageBytes : limits.videoBytes;
      if (input.length !== undefined && input.length > limit) throw tooLarge();
      const storageKey = randomBytes(16).toString('hex');
      let size = 0;
      const counted = async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          yield chunk;
        }
      };
      try {
        await store.put(storageKey, Readable.from(counted(checked(input.body, limit, type.matches))), {
          contentType: input.contentType,
        });
      } catch (err) {
        await store.remove(storageKey).catch(() => undefined);
        if (err instanceof HttpError) throw err;
        throw new HttpError(503, 'error.storageUnavailable');
      }
      const row = await db.attachment.create({
        data: { uploadedById: user.id, name: input.name, contentType: input.contentType, size, storageKey },
      });
      return { id: row.id, name: row.name, contentType: row.contentType, size: row.size };
    },

    /** The file, if the caller may read it: its uploader before a report names it, the case's readers after. */
    async open(id: string, who: Caller) {
      const row = await db.attachment.findUnique({ where: { id } });
      if (!row) throw new HttpError(404, 'error.notFound');
      if (row.eventId) await events.readable(row.eventId, who);
      else if (row.uploadedById !== who.user.id) throw new HttpError(404, 'error.notFound');
      try {
        return { row, body: await store.get(row.storageKey) };
      } catch {
        throw new HttpError(503, 'error.storageUnavailable');
      }
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
