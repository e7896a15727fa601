/**
 * The `dispute-mediation-route` decision (type × amount) and the units it names. Read by the intake
 * worker when mediation starts, and by the API when staff correct a dispute's type afterwards (a
 * dispute handed over from an event starts as "other"), so both route the same way.
 */
import type { Db } from '../../lib/db';
import { fromEngineVariables, type ProcessEngine } from '../../lib/engine/process-engine';

export interface DisputeRoute {
  deptKind: string;
  skipPeople: boolean;
  fastTrack: boolean;
  limitDays: number;
  warnDays: number;
  contactHours: number;
  confirmDays: number;
  reminderDays: number;
  judicialDept: string;
}

/** The department of a kind (`justice`, `court`, `women` …), as the decision names them. */
const departmentOf = async (db: Db, kind: string) =>
  (await db.org.findFirst({ where: { deptKind: kind, type: 'DEPARTMENT' }, select: { id: true } }))?.id;

/**
 * The latest deployed decision's row for a dispute, with the administrative department's and the
 * court liaison's unit ids; a string saying what is missing when the decision gives no row or names
 * a department that does not exist.
 */
export async function routeDispute(
  engine: ProcessEngine,
  db: Db,
  disputeType: string,
  amount: number | null,
): Promise<{ route: DisputeRoute; deptUnitId: string; judicialUnitId: string } | string> {
  const [row] = await engine.evaluateDecision('dispute-mediation-route', { disputeType, amount });
  if (!row) return `dispute-mediation-route gave no row for ${disputeType}`;
  const route = fromEngineVariables(row as Record<string, { value?: unknown }>) as unknown as DisputeRoute;
  const [deptUnitId, judicialUnitId] = await Promise.all([
    departmentOf(db, route.deptKind),
    departmentOf(db, route.judicialDept),
  ]);
  if (!deptUnitId || !judicialUnitId)
    return `no department ${deptUnitId ? route.judicialDept : route.deptKind}`;
  return { route, deptUnitId, judicialUnitId };
}
