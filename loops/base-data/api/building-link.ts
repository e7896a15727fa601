import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import { fieldError } from '../../../api/src/http/errors';

/**
 * A building a case names (a key person's file, a dispute), checked to exist and to lie where the
 * case does: under `areaPath` (the file's grid, the dispute's community). A 400 naming `buildingId`
 * otherwise, so no case points at another community's building.
 */
export async function linkedBuilding(db: Db, buildingId: string | undefined, areaPath: string) {
  if (!buildingId) return null;
  const b = await db.building.findUnique({ where: { id: buildingId } });
  const inArea = b && !b.retiredAt && (areaPath.startsWith(b.orgPath) || b.orgPath.startsWith(areaPath));
  if (!inArea) throw fieldError('buildingId', t('error.buildingNotInArea'));
  return b;
}
