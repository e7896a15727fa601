import { createPrisma } from '../lib/db';
import { loadConfig, commonEnv } from '../lib/config';
import { createProcessEngine } from '../lib/engine/process-engine';
import { deployProcesses } from '../lib/processes';
import { z } from 'zod';

const config = loadConfig(
  z.object({
    ...commonEnv,
    ENGINE_USER: z.string().min(1).default('zhizhiApi'),
    ENGINE_PASSWORD: z.string().min(1).default('zhizhiApi'),
  }),
);
const db = createPrisma(config.DATABASE_URL);
deployProcesses(createProcessEngine(config), db)
  .then(({ deployed, kept }) => {
    for (const p of deployed) console.log(`[deploy] ${p.bpmnProcessId} version ${p.version}`);
    for (const k of kept)
      console.log(
        `[deploy] ${k.file} skipped: a designer deployed ${k.id} version ${k.latestVersion} after it`,
      );
  })
  .catch((err) => {
    console.error('[deploy] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
