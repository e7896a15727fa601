import type { CaseKind } from '@prisma/client';

/**
 * The variable that names each kind of case in its process, first match wins. The event comes
 * first: an event handed to mediation also carries the dispute's id (`disputeId`, for the call
 * activity), yet its own tasks are the event's; the dispute's instance has no `eventId`.
 * The inbox migration's backfill (20261203153207_case_reference) follows the same order.
 */
const CASE_VARIABLES: [CaseKind, string][] = [
  ['EVENT', 'eventId'],
  ['DISPUTE', 'disputeId'],
  ['PETITION', 'petitionId'],
  ['PERSON', 'personId'],
  ['JOINT_INSPECTION', 'inspectionId'],
  // A 民调 call carries the sampled event's id, so it comes out as the event's task above.
  ['WARNING', 'warningId'],
];

/** The variables that tie an instance to a case record (and its number): never set by a form, whatever the process. */
export const CASE_REFERENCE_VARIABLES = [...CASE_VARIABLES.map(([, name]) => name), 'caseNo'];

export interface CaseRef {
  caseKind: CaseKind | null;
  caseId: string | null;
  caseNo: string | null;
}

/**
 * The case a task works on, from its process instance's variables (the loops start them so); an
 * instance of a designer's process, which has no case record, is its own case.
 */
export function caseRefOf(variables: Record<string, unknown>, processInstanceId: string): CaseRef {
  for (const [caseKind, name] of CASE_VARIABLES) {
    const id = variables[name];
    if (typeof id !== 'string' || !id) continue;
    // A person's file has no case number; every other loop starts its instance with `caseNo`.
    const caseNo = caseKind !== 'PERSON' && typeof variables.caseNo === 'string' ? variables.caseNo : null;
    return { caseKind, caseId: id, caseNo };
  }
  return { caseKind: 'PROCESS', caseId: processInstanceId, caseNo: null };
}
