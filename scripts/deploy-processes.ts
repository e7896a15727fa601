import { createZeebeClient } from '../lib/camunda';
import { createPrisma } from '../lib/db';
import { loadConfig, commonEnv } from '../lib/config';
import { deployProcesses } from '../lib/processes';
import { z } from 'zod';

const config = loadConfig(z.object(commonEnv));
const db = createPrisma(config.DATABASE_URL);
const zeebe = createZeebeClient(config);
deployProcesses(zeebe, db)
  .then(({ deployed, kept }) => {
    for (const p of deployed) console.log(`[deploy] ${p.bpmnProcessId} version ${p.version}`);
    for (const k of kept)
      console.log(
        `[deploy] ${k.file} skipped: a designer deployed ${k.bpmnProcessId} version ${k.latestVersion} after it`,
      );
  })
  .catch((err) => {
    console.error('[deploy] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([zeebe.close(), db.$disconnect()]));
