/**
 * The Jest environment of the integration suites: Node's, with the suite's own app database (cloned
 * before the suite, dropped after its last hook) and its worker's Redis db and engine cleared of
 * what the suite before it left (test/suite-state.ts). test/env.ts reads the database's name.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { suiteDatabase, workerIndex } from './env';
import { dropSuiteDatabase, startSuiteState } from './suite-state';

export default class SuiteEnvironment extends TestEnvironment {
  private readonly db: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.db = suiteDatabase(context.testPath);
    this.global.process.env.ZHIZHI_TEST_SUITE_DB = this.db;
  }

  override async setup() {
    await super.setup();
    await startSuiteState(this.db, workerIndex());
  }

  override async teardown() {
    // ZHIZHI_KEEP_DB=1 keeps it to look at after a failure.
    if (process.env.ZHIZHI_KEEP_DB !== '1') await dropSuiteDatabase(this.db);
    await super.teardown();
  }
}
