/**
 * Writes lint/bpmnlint-plugin-zhizhi/topics.json: the external-task topics the workers serve, so
 * the lint rule `zhizhi/external-task-topic` rejects a diagram whose topic no worker takes.
 * Each `workers/src/**\/*.worker.ts` default-exports an object with `topic: '<topic>'`; the files
 * are read as text, so this needs neither a database nor the engine.
 * Usage: npm run topics [-- <workers source folder>]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'lint', 'bpmnlint-plugin-zhizhi', 'topics.json');
const TOPIC = /\btopic: '([^']+)'/g;

function workerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return workerFiles(file);
    return entry.name.endsWith('.worker.ts') ? [file] : [];
  });
}

const source = path.resolve(process.argv[2] ?? path.join(ROOT, 'workers', 'src'));
const topics = new Set<string>();
for (const file of workerFiles(source)) {
  const found = [...readFileSync(file, 'utf8').matchAll(TOPIC)].map((m) => m[1]);
  if (found.length === 0) console.warn(`[topics] ${path.relative(ROOT, file)} names no topic: '...'`);
  found.forEach((t) => topics.add(t));
}
const list = [...topics].sort();
writeFileSync(OUT, JSON.stringify(list, null, 2) + '\n');
console.log(`[topics] ${list.length} topics -> ${path.relative(ROOT, OUT)}: ${list.join(', ')}`);
