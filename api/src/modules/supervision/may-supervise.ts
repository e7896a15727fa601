import { subject } from '@casl/ability';
import type { Db } from '../../../../lib/db';
import { pressedUnit } from '../../../../lib/supervision';
import type { AppAbility, SessionUser } from '../../abilities';

/**
 * Whether the caller may 督办/催办 a case, as POST /api/supervision/cards decides it: the unit a
 * card would press (`pressedUnit`) is one the caller's SupervisionCard ability reaches. The case
 * pages answer it, so the button shows only to those whose card the API would take.
 */
export async function maySupervise(
  db: Db,
  who: { user: SessionUser; ability: AppAbility },
  open: Parameters<typeof pressedUnit>[1],
  handlerUnitId: string | null,
) {
  const pressed = await pressedUnit(db, open, handlerUnitId, who.user.org.path);
  return (
    !!pressed &&
    who.ability.can(
      'create',
      subject('SupervisionCard', { unitId: pressed.unit.id, unitPath: pressed.unit.path } as never),
    )
  );
}
