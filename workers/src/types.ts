import type { Logger } from 'pino';
import type { Db } from '../../lib/db';
import type { Queues } from '../../lib/queues';
import type { ProcessEngine, Variables } from '../../lib/engine/process-engine';
import type { Primitive } from '../../lib/engine/variables';
import type { WorkersConfig } from './config';

export interface WorkerDeps {
  db: Db;
  engine: ProcessEngine;
  config: WorkersConfig;
  log: Logger;
  /** The notification queues, for steps that tell people something (reminders, alerts to a care team). */
  queues: Queues;
}

/** One fetched external task as a handler sees it. */
export interface Task {
  /** The engine's external-task id: the same on every re-delivery of one step, so a dedup key. */
  id: string;
  topic: string;
  processInstanceId: string;
  /** The BPMN process id. */
  processDefinitionKey: string;
  activityId: string;
  retries: number | null;
  variables: Record<string, Primitive>;
}

/** What a handler decides; the runtime reports it to the engine. */
export type Outcome =
  /** `after` runs once the engine has accepted the completion (and the instance moved on). */
  | { kind: 'complete'; variables: Variables; after?: () => Promise<unknown> }
  /** Retries 0: an incident at once (a fault only a person can fix, e.g. a missing SLA rule). */
  | { kind: 'fail'; message: string; retries?: number }
  | { kind: 'bpmnError'; code: string; message: string };

export const complete = (variables: Variables = {}, after?: () => Promise<unknown>): Outcome => ({
  kind: 'complete',
  variables,
  after,
});
export const fail = (message: string, retries?: number): Outcome => ({ kind: 'fail', message, retries });
export const bpmnError = (code: string, message: string): Outcome => ({ kind: 'bpmnError', code, message });

/** A text in the designer's catalog: zh-CN first, English second. */
export interface CatalogText {
  zh: string;
  en: string;
}

/**
 * What every `*.worker.ts` exports as default: one topic, its handler, and what the designer's
 * worker catalog (element templates, `npm run topics`) tells a process designer about it.
 */
export interface WorkerDefinition {
  topic: string;
  /** The step's name in the catalog (the template a designer picks). */
  name: CatalogText;
  description: CatalogText;
  /**
   * Process variables the handler reads, as in the header comment's `Reads:` line; a template
   * maps each as an input parameter. Those in `optionalReads` may be absent when the step runs.
   */
  reads: readonly string[];
  optionalReads?: readonly string[];
  /**
   * Process variables the handler's completion sets on every path, as in the header's `Writes:`
   * line; a template maps each back as an output parameter.
   */
  writes: readonly string[];
  /**
   * Lock duration in ms, longer than the handler's longest run, or `'WORKER_LOCK_MS'` for the
   * configured default.
   */
  lockDuration: number | 'WORKER_LOCK_MS';
  handler: (deps: WorkerDeps) => (task: Task) => Promise<Outcome>;
}
