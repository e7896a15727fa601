import { z } from 'zod';
import { commonEnv, loadConfig } from '../../lib/config';

const schema = z.object({
  ...commonEnv,
  /**
   * How long the inbox projector holds a user-task job. The engine hands the job out again
   * after this, and the projection's upsert absorbs the repeat; a short value costs re-deliveries
   * of every open task, a long one delays the inbox after a crash between activation and write.
   */
  INBOX_JOB_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(24 * 3600 * 1000),
  /** How long a graceful shutdown waits for jobs in flight before it lets the engine re-deliver them. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

export type WorkersConfig = z.infer<typeof schema>;

export const loadWorkersConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(schema, env);
