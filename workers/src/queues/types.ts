import type { Logger } from 'pino';
import type { Db } from '../../../lib/db';
import type { Queues } from '../../../lib/queues';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import type { WorkersConfig } from '../config';

export interface QueueDeps {
  db: Db;
  engine: ProcessEngine;
  config: WorkersConfig;
  queues: Queues;
  log: Logger;
}

/** One message for one group robot; its URL and secret are opened from the database at delivery. */
export interface WebhookJob {
  robotId: string;
  title: string;
  text: string;
}
