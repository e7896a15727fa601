// The path a case took through its diagram, for the case view. Engine-only 8.6 keeps no history.
import { diagramGraph, type SequenceFlow } from '../../../../lib/processes';

/**
 * The diagram elements a timeline entry proves were passed. Engine-only 8.6 keeps no history,
 * so the path is what Zhizhi recorded: user tasks by their `completed:<elementId>` entries,
 * service tasks by the entries their workers write.
 */
const ELEMENTS_OF_ACTION: Record<string, string[]> = {
  reported: ['start'],
  dispatched: ['dispatch', 'assign'],
  escalated: ['escalate'],
  'escalated-overdue': ['red-deadline', 'escalate'],
  extended: ['extend'],
  archived: ['archive'],
  reopened: ['reopen-requested', 'reopen'],
};

/**
 * The path taken, from the recorded elements in the order they happened: between each recorded
 * element and the next (and from the last to each current step) the shortest way through
 * gateways only is marked, its flows and gateways with it. A boundary event's host counts as
 * entered. A pair with no such way (a step the timeline does not record in between) leaves
 * that stretch unmarked rather than guessing it.
 */
export function pathTaken(xml: string, steps: string[], active: Set<string>) {
  const { flows, gateways, boundaryHosts } = diagramGraph(xml);
  const visited = new Set(steps);
  const taken = new Set<string>();
  const link = (from: string, to: string): void => {
    const host = boundaryHosts.get(to);
    if (host) {
      link(from, host);
      visited.add(host);
      return;
    }
    // Breadth-first from `from`; only gateways may lie in between.
    const cameBy = new Map<string, SequenceFlow>();
    const queue = [from];
    while (queue.length && !cameBy.has(to)) {
      const node = queue.shift()!;
      for (const f of flows) {
        if (f.sourceRef !== node || cameBy.has(f.targetRef) || f.targetRef === from) continue;
        cameBy.set(f.targetRef, f);
        if (gateways.has(f.targetRef)) queue.push(f.targetRef);
      }
    }
    for (let f = cameBy.get(to); f; f = f.sourceRef === from ? undefined : cameBy.get(f.sourceRef)) {
      taken.add(f.id);
      if (f.sourceRef !== from) visited.add(f.sourceRef);
    }
  };
  steps.slice(1).forEach((step, i) => link(steps[i], step));
  const last = steps.at(-1);
  if (last) active.forEach((id) => link(last, id));
  // An element both passed and current again (处置 after 核查 不通过) shows as current.
  return { completed: [...visited].filter((id) => !active.has(id)), flows: [...taken] };
}

/** The elements a case passed, in order, from its timeline's actions. */
export const stepsOf = (actions: string[]) =>
  actions.flatMap((action) =>
    action.startsWith('completed:')
      ? [action.slice('completed:'.length)]
      : (ELEMENTS_OF_ACTION[action] ?? []),
  );
