// The path a case took through its diagram, for the case view: from the engine's history.
import { diagramGraph } from './processes';

/** One activity instance of the engine's history (`/history/activity-instance`). */
export interface ActivityRecord {
  activityId: string;
  startTime: string;
  endTime: string | null;
  /** Ended without completing (an interrupting boundary event, a cancellation): it left by no flow. */
  canceled?: boolean;
}

/**
 * Completed elements are those with an ended history record, active ones those with an open
 * record. The engine does not record sequence flows, so each entered element is traced back to
 * the one that led into it: of the elements with a flow into it, the instance that completed
 * last before it started and has not already led somewhere else. That flow is the one taken; a
 * flow whose source completed earlier but led elsewhere (an exclusive gateway's other branches)
 * is not. A boundary event is entered from its host, which counts as completed with it.
 */
export function pathFromHistory(xml: string, history: ActivityRecord[]) {
  const { flows, boundaryHosts } = diagramGraph(xml);
  // Parallel and inclusive gateways may send one arrival down several flows.
  const forking = new Set(
    [...xml.matchAll(/<(?:\w+:)?(?:parallel|inclusive|complex)Gateway\b[^>]*?\bid="([^"]+)"/g)].map(
      (m) => m[1],
    ),
  );
  const records = history.map((a, order) => ({
    ...a,
    order,
    start: Date.parse(a.startTime),
    end: a.endTime ? Date.parse(a.endTime) : undefined,
  }));
  const completed = new Set<string>();
  const active = new Set<string>();
  for (const a of records) (a.end !== undefined ? completed : active).add(a.activityId);
  for (const [boundary, host] of boundaryHosts) if (completed.has(boundary)) completed.add(host);

  const incoming = new Map<string, typeof flows>();
  for (const f of flows) incoming.set(f.targetRef, [...(incoming.get(f.targetRef) ?? []), f]);
  // An instance that completed leads on by one flow; a forking gateway may lead on by several.
  const used = new Set<number>();
  const taken = new Set<string>();
  for (const target of [...records].sort((a, b) => a.start - b.start || a.order - b.order)) {
    let best: { flow: string; source: (typeof records)[number] } | undefined;
    for (const f of incoming.get(target.activityId) ?? []) {
      for (const source of records) {
        if (source === target || source.activityId !== f.sourceRef || source.end === undefined) continue;
        if (source.canceled || used.has(source.order) || source.end > target.start) continue;
        if (
          !best ||
          source.end > best.source.end! ||
          (source.end === best.source.end && source.order > best.source.order)
        )
          best = { flow: f.id, source };
      }
    }
    if (!best) continue;
    taken.add(best.flow);
    if (!forking.has(best.source.activityId)) used.add(best.source.order);
  }
  return {
    completed: [...completed],
    active: [...active],
    flows: flows.filter((f) => taken.has(f.id)).map((f) => f.id),
  };
}
