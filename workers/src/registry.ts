import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ZeebeClient } from '../../lib/camunda';
import type { WorkerDefinition, WorkerDeps } from './types';

const WORKER_FILE = /\.worker\.(ts|js)$/;

/** Every `*.worker.ts` under workers/src, one per task type. */
export function findWorkers(dir = __dirname): WorkerDefinition[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => WORKER_FILE.test(f) && !f.includes('__tests__'))
    .sort();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return files.map((f) => (require(path.join(dir, f)) as { default: WorkerDefinition }).default);
}

/** Register every worker found in workers/src with the injected client. */
export function startWorkers(zeebe: ZeebeClient, deps: WorkerDeps, definitions = findWorkers()) {
  return definitions.map((d) =>
    zeebe.createWorker({
      taskType: d.taskType,
      taskHandler: d.handler(deps),
      timeout: d.timeout?.(deps),
    }),
  );
}
