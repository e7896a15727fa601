import { createZeebeClient } from '../lib/camunda';
import { createPrisma } from '../lib/db';
import { loadConfig, commonEnv } from '../lib/config';
import { deployProcesses } from '../lib/processes';
import { CYCLE_PATTERN, startAssessmentSchedule } from '../lib/assessment-period';
import { z } from 'zod';

const config = loadConfig(
  z.object({
    ...commonEnv,
    /** How often the scheduled 考评 closes a period: `monthly`, or an ISO duration for demos (PT5M). */
    ASSESSMENT_CYCLE: z
      .string()
      .regex(CYCLE_PATTERN, 'expected monthly or PT<n>S|M|H or P<n>D')
      .default('monthly'),
  }),
);
const db = createPrisma(config.DATABASE_URL);
const zeebe = createZeebeClient(config);
deployProcesses(zeebe, db)
  .then(async ({ deployed, kept }) => {
    for (const p of deployed) console.log(`[deploy] ${p.bpmnProcessId} version ${p.version}`);
    for (const k of kept)
      console.log(
        `[deploy] ${k.file} skipped: a designer deployed ${k.id} version ${k.latestVersion} after it`,
      );
    // Starts the scheduled assessment loop the first time; later deploys leave the running loop be.
    await startAssessmentSchedule(zeebe, config.ASSESSMENT_CYCLE);
  })
  .catch((err) => {
    console.error('[deploy] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([zeebe.close(), db.$disconnect()]));
