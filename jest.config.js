/* global process */
/**
 * Two projects: `unit` (files named *.unit.test.ts) starts no engine, database or browser and
 * runs alone with `npm run test:unit`; `integration` runs everything else against the real
 * PostgreSQL, Redis and an engine node of its own (test/global-setup.ts).
 */
const common = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/api',
    '<rootDir>/workers',
    '<rootDir>/lib',
    '<rootDir>/test',
    '<rootDir>/prisma',
    '<rootDir>/lint',
  ],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/__tests__/**/*.unit.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/__tests__/**/*.test.ts'],
      // The PostgreSQL/Redis outage suite runs only in `npm run test:faults`: under load one request
      // in an outage once answered 500 instead of 503, not yet explained (README, Faults).
      testPathIgnorePatterns: [
        '\\.unit\\.test\\.ts$',
        '/node_modules/',
        ...(process.env.ZHIZHI_FAULTS ? [] : ['postgres-redis\\.faults']),
      ],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
