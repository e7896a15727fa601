/**
 * An event a step of another loop reports in a person's name: 预警研判's 立案, a 民调 不满意 whose
 * case can no longer be reopened, a joint inspection's finding sent for enforcement. It runs the event loop like any other report; the step's own
 * key (`clientRef`) makes a re-delivered job find the event it made instead of making a second.
 */
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import { createEventsService } from './events.service';

export interface OnBehalf {
  /** The person who decided it (the event's reporter), null when the engine did not say. */
  userId: string | null;
  name: string;
  unitId: string;
  /** The timeline's source of the report: `warning`, `survey`. */
  source: string;
}

export async function reportOnBehalf(
  db: Db,
  engine: ProcessEngine,
  reopenWindowHours: number,
  by: OnBehalf,
  input: {
    category: string;
    gridId?: string;
    /** The base's building it is at (its grid and address follow from it). */
    buildingId?: string;
    address?: string;
    description: string;
    clientRef: string;
  },
) {
  const events = createEventsService(db, engine, { reopenWindowHours });
  return events.report(
    { ...input, urgency: 'NORMAL', attachments: [], attachmentIds: [], reporterName: by.name },
    { source: by.source, scopePath: '/', userId: by.userId, unitId: by.unitId, name: by.name },
  );
}
