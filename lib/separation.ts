/**
 * Four eyes (四眼原则): who may not do a step because they did an earlier step of the same case or
 * reported it, as the loop's manifest says (`separation`). Who did a step is the engine's record
 * (the API claims for the person before it completes), so the rule reads the same wherever it is
 * asked: the API before a claim, a completion, a 委派 or a 加签, the inbox feed when it offers a
 * new step to a unit, and the events' 选定核查单位 worker when it picks the unit that verifies.
 */
import type { CaseKind } from '@prisma/client';
import { loopOfProcess } from '../loops';
import type { SeparatedFrom } from './loop';
import type { Db } from './db';
import type { ProcessEngine } from './engine/process-engine';
import { CASE_WORKER_ROLES } from './roles';

/** In a manifest's `separation`: whoever reported the case. */
export const REPORTER = 'reporter';

export interface StepOfCase {
  bpmnProcessId: string;
  elementId: string;
  processInstanceId: string;
  caseKind: CaseKind | null;
  caseId: string | null;
}

/** The earlier steps (and `reporter`) whose people may not do `step`; empty when it has no rule. */
export const separationOf = (processId: string, step: string): readonly SeparatedFrom[] =>
  loopOfProcess(processId)?.separation?.[step] ?? [];

/** The roles that may allow a barred person a step of the process (准予例外); none when its loop offers no exception. */
export const overrideRolesOf = (processId: string): readonly string[] =>
  loopOfProcess(processId)?.separationOverride?.roles ?? [];

/**
 * Who may not do the step: user id → the name of the earlier step whose last completion was theirs,
 * or `reporter`.
 */
export async function barredPeople(
  { db, engine }: { db: Db; engine: ProcessEngine },
  step: StepOfCase,
): Promise<Map<string, string>> {
  const barred = new Map<string, string>();
  for (const earlier of separationOf(step.bpmnProcessId, step.elementId)) {
    if (earlier === REPORTER) {
      const event =
        step.caseKind === 'EVENT' && step.caseId
          ? await db.event.findUnique({ where: { id: step.caseId }, select: { reporterId: true } })
          : null;
      if (event?.reporterId && !barred.has(event.reporterId)) barred.set(event.reporterId, REPORTER);
      continue;
    }
    const held = typeof earlier === 'object';
    const finished = await engine.finishedTasks(step.processInstanceId, held ? earlier.held : earlier);
    // The last completion is the work this step checks: a handler who passed the case up (本级无法
    // 解决) did not resolve it and may verify the level above's result. A held step counts however it
    // ended: an agreement ends 调解 by its message, and whoever held it mediated.
    const last = finished.find((done) => (held ? !!done.assignee : done.deleteReason === 'completed'));
    if (last?.assignee && !barred.has(last.assignee))
      barred.set(last.assignee, last.name ?? (held ? earlier.held : earlier));
  }
  return barred;
}

/**
 * The unit that can take a step nobody in `barred` may do: `unitId` when one of its active
 * case workers is not barred, else the nearest unit above that has one (a grid with a single
 * member who reported and handled the case: its community verifies). `unitId` itself when no unit
 * up to the root has one, so the step still shows where it belongs and the refusal explains why.
 */
export async function unitWithSomeoneElse(db: Db, unitId: string, barred: ReadonlyMap<string, string>) {
  for (let id: string | null = unitId; id;) {
    const someone = await db.user.findFirst({
      where: {
        orgId: id,
        active: true,
        roles: { hasSome: [...CASE_WORKER_ROLES] },
        id: { notIn: [...barred.keys()] },
      },
      select: { id: true },
    });
    if (someone) return id;
    id = (await db.org.findUnique({ where: { id }, select: { parentId: true } }))?.parentId ?? null;
  }
  return unitId;
}

/**
 * A new step four eyes apply to, offered to a unit where only people the rule bars work (a
 * community whose one staff member mediated the case): offered instead to the nearest unit above
 * with someone else, by moving the engine's candidate group (the feed moves the inbox row as it
 * moves any offer). The unit it moved to, or null when it stays.
 */
export async function offerToSomeoneElse(
  deps: { db: Db; engine: ProcessEngine },
  step: StepOfCase & { key: string; orgId: string | null },
): Promise<string | null> {
  if (!step.orgId || !separationOf(step.bpmnProcessId, step.elementId).length) return null;
  const barred = await barredPeople(deps, step);
  // Only a unit the rule empties: one nobody staffs at all is no matter of four eyes.
  const barredHere = await deps.db.user.count({
    where: { orgId: step.orgId, active: true, id: { in: [...barred.keys()] } },
  });
  if (!barredHere) return null;
  const unitId = await unitWithSomeoneElse(deps.db, step.orgId, barred);
  if (unitId === step.orgId) return null;
  await deps.engine.addCandidateGroup(step.key, `unit:${unitId}`);
  await deps.engine.removeCandidateGroup(step.key, `unit:${step.orgId}`);
  return unitId;
}
