/**
 * Writes the files made from the workers' declarations (workers/src/catalog.ts):
 * - lint/bpmnlint-plugin-zhizhi/topics.json: the external-task topics the workers serve, so the
 *   lint rule `zhizhi/external-task-topic` rejects a diagram whose topic no worker takes;
 * - processes/.camunda/element-templates/zhizhi-workers.json: the designer's worker catalog, one
 *   Camunda 7 element template per worker (the web modeler loads it from the API; the desktop
 *   Camunda Modeler finds it beside the diagrams).
 * The worker modules are loaded (not run), so this needs neither a database nor the engine.
 * Usage: npm run topics [-- <folder holding the loops' workers>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../workers/src/catalog';
import { findWorkers } from '../workers/src/registry';

const ROOT = path.resolve(__dirname, '..');
const defs = findWorkers(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
for (const [file, content] of Object.entries(generatedFiles(defs))) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`[topics] ${path.relative(ROOT, file)}`);
}
console.log(`[topics] ${defs.length} workers: ${defs.map((d) => d.topic).join(', ')}`);
