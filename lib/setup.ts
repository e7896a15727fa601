/**
 * The steps of `npm run setup` (scripts/setup.ts) besides the seeds (prisma/reference-seed.ts,
 * prisma/demo-seed.ts): its configuration, the migrations and the diagrams, each returning what
 * it changed so an installer sees one line per step and a re-run shows zeros.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import pg from 'pg';
import type { Db } from './db';
import { commonEnv, loadConfig, refuseWeakSecrets } from './config';
import { createProcessEngine } from './engine/process-engine';
import { deployProcesses } from './processes';

/** The folder holding prisma.config.ts: the sources' root, or one level up when built into dist/. */
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')].find((dir) =>
  existsSync(path.join(dir, 'prisma.config.ts')),
)!;

/** The setup scripts call the engine as the API's user, and stop in production on a weak password. */
export const setupEnv = z
  .object({
    ...commonEnv,
    ENGINE_USER: z.string().min(1).default('zhizhiApi'),
    ENGINE_PASSWORD: z.string().min(1).default('zhizhiApi'),
    /**
     * The demo district (its users share a published password): only when exactly `true`, so a
     * production install that sets nothing gets none. `npm start` sets it.
     */
    SEED_DEMO: z
      .enum(['true', 'false', ''])
      .default('')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => refuseWeakSecrets(env, ctx, ['ENGINE_PASSWORD']));
export type SetupConfig = z.infer<typeof setupEnv>;

export const loadSetupConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(setupEnv, env);

async function appliedMigrations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return rows[0].n;
  } catch {
    // No database or no migrations table yet: nothing applied.
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `prisma migrate deploy`; the CLI's output only when it fails. */
export async function migrate(config: SetupConfig) {
  const before = await appliedMigrations(config.DATABASE_URL);
  const res = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`prisma migrate deploy failed:\n${res.stdout}${res.stderr}`);
  const after = await appliedMigrations(config.DATABASE_URL);
  return { applied: after - before, total: after };
}

export async function diagrams(config: SetupConfig, db: Db) {
  return deployProcesses(createProcessEngine(config), db);
}
