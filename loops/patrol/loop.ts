/**
 * 巡查打点: a grid member's patrols (track, check-ins at buildings, notes) and the community's and
 * street's view of them. No process: a patrol is the member's own record, not a case with steps;
 * a problem found on the way is reported as an event (发现问题), which runs the event loop.
 */

/** What one request may carry: a phone queues positions while offline and sends them in batches. */
export const patrolLimits = { pointsPerBatch: 500 } as const;
