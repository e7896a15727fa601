import type { CardReader } from '../../../api/src/modules/inbox/case-cards';
import { baseDataLoop } from '../loop';

/**
 * A base-data review on a task's card (社区审核), as other loops' cases read in the inbox: what
 * change (the proposal's one line, identity masked), at which building, proposed by whom. Its
 * tasks' case is their instance (a review has no case number), so the ids are instance ids; those
 * of other processes have no card here.
 */
export const baseChangeCards: CardReader = async (db, instanceIds) => {
  const starts = await db.engineStart.findMany({
    where: { processInstanceId: { in: instanceIds }, processKey: baseDataLoop.processId },
    select: { caseId: true, processInstanceId: true, variables: true },
  });
  const changes = await db.baseChange.findMany({
    where: { id: { in: starts.map((s) => s.caseId) } },
    select: { id: true, source: true, actorName: true, buildingId: true },
  });
  const buildings = await db.building.findMany({
    where: { id: { in: changes.flatMap((c) => (c.buildingId ? [c.buildingId] : [])) } },
    select: { id: true, address: true },
  });
  return starts.flatMap((s) => {
    const change = changes.find((c) => c.id === s.caseId);
    if (!change) return [];
    const address = buildings.find((b) => b.id === change.buildingId)?.address ?? null;
    const summary = (s.variables as { summary?: unknown }).summary;
    return [
      {
        kind: 'PROCESS' as const,
        id: s.processInstanceId!,
        path: change.buildingId ? `/base/buildings/${change.buildingId}` : '/base',
        title: typeof summary === 'string' ? summary : '',
        urgent: false,
        facts: [
          { key: 'address' as const, text: address, at: null },
          // A resident's own declaration has no account behind it: its source names it.
          { key: 'proposedBy' as const, text: change.actorName ?? `source.${change.source}`, at: null },
        ],
      },
    ];
  });
};
