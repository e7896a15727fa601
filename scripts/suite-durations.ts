/**
 * Writes test/suite-durations.json, the order a clean clone runs the suites in (slowest first:
 * test/suite-sequencer.js), from the times Jest cached for this checkout in its last full run.
 * Usage: npm test, then npm run test:durations.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const cacheDir = process.env.JEST_CACHE_DIR ?? path.join(tmpdir(), `jest_${process.getuid!().toString(36)}`);
const seconds: Record<string, number> = {};
for (const file of readdirSync(cacheDir).filter((f) => f.startsWith('perf-cache-'))) {
  const cache = JSON.parse(readFileSync(path.join(cacheDir, file), 'utf8')) as Record<
    string,
    [number, number]
  >;
  for (const [suite, [, ms]] of Object.entries(cache))
    if (suite.startsWith(ROOT + path.sep) && ms)
      seconds[path.relative(ROOT, suite)] = Math.round(ms / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(path.join(ROOT, 'test', 'suite-durations.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`[durations] ${Object.keys(sorted).length} suites`);
