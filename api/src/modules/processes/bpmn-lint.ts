import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LintIssue {
  rule: string;
  elementId: string;
  message: string;
  category: 'error' | 'warn';
}

export type CheckResult =
  | { ok: false; parseError: string }
  | { ok: true; processIds: string[]; errors: LintIssue[]; warnings: LintIssue[] };

/**
 * Parses a diagram with the Camunda 7 extension and lints it with the project's `.bpmnlintrc`, so a
 * designer cannot deploy what the repository would refuse (see lint-thread.mjs for why a thread).
 */
export function checkDiagram(xml: string): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'lint-thread.mjs'), { workerData: xml });
    worker.once('message', (result: CheckResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
