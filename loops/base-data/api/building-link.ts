import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import { fieldError } from '../../../api/src/http/errors';

/**
 * A building a case names (a key person's file, a dispute, a petition), checked to exist and to lie
 * where the case does: under `areaPath` (the file's grid, the dispute's community, the 信访 office's
 * level). A 400 naming `field` otherwise, so no case points at another community's building.
 */
export async function linkedBuilding(
  db: Db,
  buildingId: string | undefined,
  areaPath: string,
  field = 'buildingId',
) {
  if (!buildingId) return null;
  const b = await db.building.findUnique({ where: { id: buildingId } });
  const inArea = b && !b.retiredAt && (areaPath.startsWith(b.orgPath) || b.orgPath.startsWith(areaPath));
  if (!inArea) throw fieldError(field, t('error.buildingNotInArea'));
  return b;
}

/**
 * The room a case names, with its building: a 400 naming `roomId` when it is unknown, retired or
 * not in the building also named.
 */
export async function namedRoom(db: Db, place: { buildingId?: string; roomId?: string }) {
  if (!place.roomId) return null;
  const room = await db.room.findUnique({ where: { id: place.roomId }, include: { building: true } });
  if (!room || room.retiredAt || (place.buildingId && room.buildingId !== place.buildingId))
    throw fieldError('roomId', t('error.unknownRoom'));
  return room;
}

/**
 * A building and room a case names: a room alone names its building, checked as `linkedBuilding`
 * does (the 400 then names `roomId`).
 */
export async function linkedPlace(db: Db, place: { buildingId?: string; roomId?: string }, areaPath: string) {
  const room = await namedRoom(db, place);
  const building = await linkedBuilding(
    db,
    room?.buildingId ?? place.buildingId,
    areaPath,
    room && !place.buildingId ? 'roomId' : 'buildingId',
  );
  return { building, room };
}
