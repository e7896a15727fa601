import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '../../../lib/processes';
import { findWorkers } from '../registry';

/** Topics named by the diagrams' external tasks. */
function diagramTopics(): Map<string, string> {
  const topics = new Map<string, string>();
  for (const file of readdirSync(PROCESSES_DIR).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(PROCESSES_DIR, file), 'utf8');
    for (const m of xml.matchAll(/camunda:topic="([^"]+)"/g)) topics.set(m[1], file);
  }
  return topics;
}

describe('diagrams and workers agree', () => {
  const workerTopics = findWorkers().map((w) => w.topic);
  const topics = diagramTopics();

  it('finds the workers in workers/src, one per topic', () => {
    expect(workerTopics.length).toBeGreaterThan(0);
    expect(new Set(workerTopics).size).toBe(workerTopics.length);
  });

  it('every topic a diagram names has a worker', () => {
    expect([...topics.keys()].filter((t) => !workerTopics.includes(t))).toEqual([]);
  });

  it('every worker serves a topic some diagram has, named after its process', () => {
    expect(workerTopics.filter((t) => !topics.has(t))).toEqual([]);
    for (const [topic, file] of topics) expect(topic.startsWith(file.replace(/\.bpmn$/, '-'))).toBe(true);
  });
});
