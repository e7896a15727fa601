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
  /** How often the overdue scan looks for open tasks past yellow or red to raise cards. */
  OVERDUE_SCAN_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
  /** Most tasks carded per colour in one scan run; the next run goes on. */
  OVERDUE_SCAN_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  /**
   * Group robots told about cards, as JSON: [{"unitId":"BA-XA","format":"wecom"|"dingtalk","url":"…"}].
   * A robot hears about cards on its unit and every unit below it.
   */
  NOTIFY_WEBHOOKS: z
    .string()
    .default('[]')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          unitId: z.string().min(1),
          format: z.enum(['wecom', 'dingtalk']),
          url: z.string().url(),
          /** DingTalk's 加签 secret (SEC…), when the robot's security setting is signing. */
          secret: z.string().min(1).optional(),
        }),
      ),
    ),
  /** Deliveries of one webhook message before it stays failed (visible in /admin/queues). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** First retry delay; each next one doubles. */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
});

export type WorkersConfig = z.infer<typeof schema>;

export const loadWorkersConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(schema, env);
