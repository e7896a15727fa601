import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../lib/processes';
import { findWorkers } from '../registry';
import { USER_TASK_JOB_TYPE } from '../shared/user-task';

/** Task types named by the diagrams' service tasks (and other job-based elements). */
function diagramTaskTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const file of readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(PROCESSES_DIR, file), 'utf8');
    for (const m of xml.matchAll(/<zeebe:taskDefinition[^>]*\stype="([^"]+)"/g)) types.set(m[1], file);
  }
  return types;
}

describe('diagrams and workers agree', () => {
  const workerTypes = findWorkers().map((w) => w.taskType);
  const diagramTypes = diagramTaskTypes();

  it('finds the workers in workers/src, one per task type', () => {
    expect(workerTypes).toContain(USER_TASK_JOB_TYPE);
    expect(new Set(workerTypes).size).toBe(workerTypes.length);
  });

  it('every task type a diagram names has a worker', () => {
    const missing = [...diagramTypes.keys()].filter((t) => !workerTypes.includes(t));
    expect(missing).toEqual([]);
  });

  it('every worker serves a type some diagram has, named after its process', () => {
    const orphans = workerTypes.filter((t) => t !== USER_TASK_JOB_TYPE && !diagramTypes.has(t));
    expect(orphans).toEqual([]);
    for (const [type, file] of diagramTypes) expect(type.startsWith(file.replace(/\.bpmn$/, '-'))).toBe(true);
  });
});
