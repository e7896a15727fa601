import type { Logger } from 'pino';
import type { Db } from '../../lib/db';
import type { WorkersConfig } from './config';
import type { ZeebeClient } from '../../lib/camunda';

export interface WorkerDeps {
  db: Db;
  config: WorkersConfig;
  log: Logger;
}

type TaskHandler = Parameters<ZeebeClient['createWorker']>[0]['taskHandler'];
type Job = Parameters<TaskHandler>[0];

/** What every `*.worker.ts` exports as default: one task type and its handler. */
export interface WorkerDefinition {
  taskType: string;
  /** Job timeout in ms (default: the SDK's). */
  timeout?: (deps: WorkerDeps) => number;
  handler: (deps: WorkerDeps) => (job: Job) => ReturnType<TaskHandler>;
}

export type { Job };
