import { subject } from '@casl/ability';
import type { Db } from '../../../../lib/db';
import { pressedUnit } from '../../../../lib/supervision';
import { deadlineStateOf } from '../../../../lib/deadlines';
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

/** A case's open steps, oldest first, with what its page and its 已超期 notice read of them. */
export const openSteps = (db: Db, processInstanceId: string | null) =>
  processInstanceId
    ? db.inboxTask.findMany({
        where: { processInstanceId, state: 'OPEN' },
        orderBy: { createdAt: 'asc' },
        select: {
          key: true,
          elementId: true,
          name: true,
          orgId: true,
          orgPath: true,
          dueDate: true,
          redAt: true,
          assignee: true,
        },
      })
    : Promise.resolve([]);

/**
 * A case page's open steps, each with where it stands against its deadline (the inbox's
 * yellow/red rule), and whether the caller may press the case: what its 已超期 notice shows.
 */
export async function stepsAndSupervision<
  T extends Parameters<typeof pressedUnit>[1][number] & { dueDate: Date | null; redAt: Date | null },
>(db: Db, who: { user: SessionUser; ability: AppAbility }, open: T[], handlerUnitId: string | null) {
  const now = new Date();
  return {
    // The unit's path decides who may press; the page names the unit by its id.
    steps: open.map(({ orgPath: _path, ...task }) => ({
      ...task,
      deadlineState: deadlineStateOf(task, now),
    })),
    maySupervise: open.length > 0 && (await maySupervise(db, who, open, handlerUnitId)),
  };
}
