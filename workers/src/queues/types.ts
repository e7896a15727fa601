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

/** One message for one group robot; the robot's URL comes from config at delivery. */
export interface WebhookJob {
  unitId: string;
  format: 'wecom' | 'dingtalk';
  title: string;
  text: string;
}
