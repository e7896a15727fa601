/* global process, __dirname */
/**
 * Jest's order, slowest first so that both workers stay busy to the end, or every suite in reverse
 * path order with ZHIZHI_TEST_ORDER=reverse: a suite must pass whatever ran before it.
 *
 * Jest knows a suite's time only from an earlier run in the same checkout (its cache is keyed by
 * the project's path), so a clean clone, as CI has, would start with the largest files rather than
 * the slowest suites and finish on a long tail. test/suite-durations.json holds the seconds of a
 * measured run (`npm run test:durations` writes it from Jest's cache after a full run); suites it
 * does not know run after the known ones, largest first.
 */
// Jest loads this file untransformed, as CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const MEASURED = require('./suite-durations.json');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..');

class SuiteSequencer extends Sequencer {
  sort(tests) {
    if (process.env.ZHIZHI_TEST_ORDER === 'reverse')
      return [...tests].sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
    const seconds = (test) => MEASURED[path.relative(ROOT, test.path)] ?? -1;
    // Jest's own order (failed first, then its cached times or file sizes) breaks the ties.
    const jestOrder = new Map(super.sort(tests).map((test, i) => [test, i]));
    return [...tests].sort((a, b) => seconds(b) - seconds(a) || jestOrder.get(a) - jestOrder.get(b));
  }
}

module.exports = SuiteSequencer;
