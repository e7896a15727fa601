/**
 * Photos a step's form brings to its case (a form-js `filepicker` field, such as 处置's
 * 处置后照片): uploaded first (POST /api/attachments), named by id at completion, then stored as
 * the case's attachments under the field's key. The engine never holds them (its variables are
 * primitives): the ids go to the attachment rows and the timeline entry of the completion.
 */
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { fieldError } from '../../http/errors';

/** A step's photos by field key: attachment ids, as the form sent them. */
export type StepPhotos = Record<string, string[]>;

/** The attachments a caller may name in a step's photo field: their own, unclaimed, or already this field's of this case (a retried completion). */
const claimable = (eventId: string, field: string, ids: string[], userId: string) => ({
  id: { in: ids },
  uploadedById: userId,
  OR: [{ eventId: null }, { eventId, field }],
});

/**
 * Refuses, before anything is written, photos that are not the caller's uploads for this case
 * (another's, already another case's, unknown), or photos on a step whose case keeps none (only
 * an event holds attachments): a 400 naming the field.
 */
export async function checkStepPhotos(db: Db, eventId: string | null, photos: StepPhotos, userId: string) {
  for (const [field, list] of Object.entries(photos)) {
    const ids = [...new Set(list)];
    if (!ids.length) continue;
    const name = `variables.${field}`;
    if (!eventId) throw fieldError(name, t('error.stepTakesNoPhotos'));
    const count = await db.attachment.count({ where: claimable(eventId, field, ids, userId) });
    if (count !== ids.length) throw fieldError(name, t('error.attachmentNotYours'));
  }
}

/** Attaches the checked photos to the case under their field, once the step is completed. */
export async function claimStepPhotos(db: Db, eventId: string, photos: StepPhotos, userId: string) {
  for (const [field, ids] of Object.entries(photos))
    if (ids.length)
      await db.attachment.updateMany({
        where: claimable(eventId, field, [...new Set(ids)], userId),
        data: { eventId, field },
      });
}
