/* global process */
/**
 * Jest's order (slowest and last failed first, which keeps both workers busy), or every suite in
 * reverse path order with ZHIZHI_TEST_ORDER=reverse: a suite must pass whatever ran before it.
 */
// Jest loads this file untransformed, as CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require('@jest/test-sequencer').default;

class SuiteSequencer extends Sequencer {
  sort(tests) {
    if (process.env.ZHIZHI_TEST_ORDER !== 'reverse') return super.sort(tests);
    return [...tests].sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  }
}

module.exports = SuiteSequencer;
