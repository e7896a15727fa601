// The path a case took through its diagram, for the case view: from the engine's history.
import { diagramGraph } from '../../../../lib/processes';

/** One activity instance of the engine's history (`/history/activity-instance`). */
export interface ActivityRecord {
  activityId: string;
  startTime: string;
  endTime: string | null;
}

/**
 * Completed elements are those with an ended history record, active ones those with an open
 * record. The engine does not record sequence flows, so a flow counts as taken when its target
 * started at or after its source ended (a boundary event's flow: its host was entered).
 */
export function pathFromHistory(xml: string, history: ActivityRecord[]) {
  const { flows, boundaryHosts } = diagramGraph(xml);
  const completed = new Set<string>();
  const active = new Set<string>();
  const ends = new Map<string, number[]>();
  const starts = new Map<string, number[]>();
  for (const a of history) {
    (a.endTime ? completed : active).add(a.activityId);
    starts.set(a.activityId, [...(starts.get(a.activityId) ?? []), Date.parse(a.startTime)]);
    if (a.endTime) ends.set(a.activityId, [...(ends.get(a.activityId) ?? []), Date.parse(a.endTime)]);
  }
  for (const [boundary, host] of boundaryHosts) if (completed.has(boundary)) completed.add(host);
  const taken = flows.filter((f) => {
    const sourceEnds = ends.get(f.sourceRef) ?? [];
    const targetStarts = starts.get(f.targetRef) ?? [];
    return sourceEnds.some((end) => targetStarts.some((start) => start >= end));
  });
  return { completed: [...completed], active: [...active], flows: taken.map((f) => f.id) };
}
