/**
 * BPMN element: service task 选定核查单位 (`pick-verifier`) of `event-handling`, after 处置 resolved
 * the case and before 核查 and 回访评价, which are offered to the unit it picks.
 * Reads: eventId, gridId.
 * Writes: verifierUnitId (the grid, or the nearest unit above it with a case worker who neither
 * handled nor reported the case: lib/separation.ts). Records the move on the timeline when it is
 * not the grid.
 * Errors: none. Idempotent: the unit follows from the case; one timeline entry per task.
 */
import { recordTimeline } from '../../../lib/timeline';
import { barredPeople, unitWithSomeoneElse } from '../../../lib/separation';
import { complete, type WorkerDefinition } from '../../../workers/src/types';
import type { EventVariables } from './variables';

const worker: WorkerDefinition = {
  topic: 'event-handling-pick-verifier',
  name: { zh: '选定核查单位', en: 'Pick the verifying unit' },
  description: {
    zh: '核查与回访由网格办理；网格内除处置人和上报人外无人时，交上一级单位（四眼原则）。',
    en: 'Verification and the return visit stay with the grid unless only the handler or the reporter works there; then the unit above takes them (four eyes).',
  },
  reads: ['eventId', 'gridId'],
  writes: ['verifierUnitId'],
  lockDuration: 'WORKER_LOCK_MS',
  handler: (deps) => async (task) => {
    const v = task.variables as unknown as EventVariables;
    const barred = await barredPeople(deps, {
      bpmnProcessId: task.processDefinitionKey,
      elementId: 'verify',
      processInstanceId: task.processInstanceId,
      caseKind: 'EVENT',
      caseId: v.eventId,
    });
    const verifierUnitId = await unitWithSomeoneElse(deps.db, v.gridId, barred);
    if (verifierUnitId !== v.gridId) {
      await recordTimeline(deps.db, {
        eventId: v.eventId,
        action: 'verifierRaised',
        dedupKey: `pick-verifier:${task.id}`,
        unitId: verifierUnitId,
        detail: {},
      });
    }
    return complete({ verifierUnitId });
  },
};

export default worker;
