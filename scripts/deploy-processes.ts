import { createPrisma } from '../lib/db';
import { configOrExit } from '../lib/config';
import { diagrams, loadSetupConfig } from '../lib/setup';

const config = configOrExit(loadSetupConfig);
const db = createPrisma(config.DATABASE_URL);
diagrams(config, db)
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
