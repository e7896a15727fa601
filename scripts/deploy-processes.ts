import { createPrisma } from '../lib/db';
import { createProcessEngine } from '../lib/engine/process-engine';
import { deployProcesses } from '../lib/processes';
import { configOrExit } from '../lib/config';
import { loadScriptsConfig } from './config';

const config = configOrExit(loadScriptsConfig);
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
