import { fieldWorkEnv } from '../../lib/field-work-config';
import { z } from 'zod';
import { attachmentStoreEnv, refuseDevelopmentStore } from '../../lib/attachments/attachment-store';
import { commonEnv, ConfigError, loadConfig, refuseWeakSecrets } from '../../lib/config';

const schema = z.object({
  ...commonEnv,
  /** The engine user the workers call as (HTTP basic), not the API's. */
  ENGINE_USER: z.string().min(1).default('zhizhiWorkers'),
  ENGINE_PASSWORD: z.string().min(1).default('zhizhiWorkers'),
  /** External tasks fetched at most per poll, and in flight at once. */
  WORKER_MAX_TASKS: z.coerce.number().int().min(1).max(500).default(32),
  /**
   * Long-poll wait of one fetch. With several engine nodes a task created on another node is seen
   * only when the poll returns, so this is also the worst extra delay; keep it below the shutdown timeout.
   */
  WORKER_POLL_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** How long a fetched task stays locked to this worker before the engine hands it out again. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Attempts of a failing handler before the task becomes an incident, and the first back-off (doubling). */
  WORKER_RETRIES: z.coerce.number().int().min(1).max(20).default(3),
  WORKER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(5000),
  /** How long a graceful shutdown waits for tasks in flight before it leaves them to their locks. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Task-feed rows read per batch, and the pause when the feed is empty. */
  FEED_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
  FEED_IDLE_MS: z.coerce.number().int().min(10).max(10_000).default(100),
  /** How often the overdue scan looks for open tasks past yellow or red to raise cards. */
  OVERDUE_SCAN_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
  /** Most tasks carded per colour in one scan run; the next run goes on. */
  OVERDUE_SCAN_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  /**
   * Days the audit log is kept; older entries are deleted by a daily job. 等保 三级 asks for at
   * least six months, so a shorter setting stops the workers at start-up.
   */
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(180, 'must be at least 180 days (等保 三级: six months of audit trail)')
    .default(180),
  /** Entries deleted per statement by the retention job (short transactions, no long lock). */
  AUDIT_RETENTION_BATCH: z.coerce.number().int().min(1).max(100_000).default(5000),
  /**
   * Days a waiting notice (PendingNotice) is kept after its digest delivered it; the same daily
   * job deletes older ones. Nothing reads a delivered one: its digest Notification has its line.
   */
  NOTICE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Import files hold personal data: their bytes are erased this many days after upload; the run's summary stays. */
  IMPORT_FILE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /**
   * Hours an upload may wait for the report that names it; the daily job then deletes it and its
   * bytes. A photo is taken while the report is written, so a day is ample.
   */
  UNCLAIMED_ATTACHMENT_RETENTION_HOURS: z.coerce.number().int().min(1).default(24),
  /** The attachment store, for that purge: the API's own variables, set alike for both. */
  ...attachmentStoreEnv,
  ...fieldWorkEnv,
  /** When the month's 民调 sample is drawn: a cron pattern in China time (default the 2nd, 09:00). */
  SAMPLING_CRON: z.string().min(9).default('0 9 2 * *'),
  /**
   * When the planner merges the filed inspection plans by itself (合并排期, as the district's
   * button does): a cron pattern in China time (default daily at 02:00).
   */
  INSPECTION_MERGE_CRON: z.string().min(9).default('0 2 * * *'),
  /** How often the early-warning rules are evaluated (default hourly). */
  WARNING_CHECK_INTERVAL_MS: z.coerce.number().int().min(500).default(3600_000),
  /** When the retention job runs: a cron pattern in China time (default 03:30 daily). */
  AUDIT_RETENTION_CRON: z.string().min(9).default('30 3 * * *'),
  /**
   * How often what the API committed for the engine and could not deliver is delivered (case starts
   * and instance changes: lib/engine-starts.ts, lib/engine-commands.ts), and how old a row must be
   * first: the API's own attempt right after its commit comes first.
   */
  ENGINE_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(500).default(5_000),
  ENGINE_OUTBOX_AFTER_MS: z.coerce.number().int().min(0).default(3_000),
  /**
   * How often streets are checked against their key-person targets (目标值) of the current year
   * and quarter; a street below one is told once per period however often this runs.
   */
  PATIENT_TARGET_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(500)
    .default(6 * 3600_000),
  /**
   * How often the workers look for 舆情 feeds due to be polled; each feed's own interval (set by
   * the administrator, 30 minutes by default) decides whether it is polled then.
   */
  OPINION_POLL_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
  /** Deliveries of one webhook message before it stays failed (visible in /admin/queues). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** First retry delay; each next one doubles. */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * In-app notices are grouped per person and period: everything a person is told within one
   * period arrives as one digest at its end (a grid member once got 38 notices in 4 minutes).
   */
  NOTICE_DIGEST_MS: z.coerce
    .number()
    .int()
    .min(200)
    .default(10 * 60_000),
});

/** Every variable the workers read (.env.example lists them all; a test holds it to that). */
export const WORKERS_VARIABLES = Object.keys(schema.shape);

export type WorkersConfig = z.infer<typeof schema>;

/** The workers open sealed robot secrets, call the engine and purge attachments: production refuses weak ones. */
const checked = schema.superRefine((env, ctx) => {
  refuseWeakSecrets(env, ctx, ['SECRETS_KEY', 'ENGINE_PASSWORD']);
  refuseDevelopmentStore(env, ctx);
});

export const loadWorkersConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const config = loadConfig(checked, env);
  if (
    config.WORKER_POLL_TIMEOUT_MS >= config.WORKER_SHUTDOWN_TIMEOUT_MS &&
    config.WORKER_SHUTDOWN_TIMEOUT_MS > 0
  )
    throw new ConfigError(
      `配置错误 / invalid configuration — WORKER_POLL_TIMEOUT_MS: must be below WORKER_SHUTDOWN_TIMEOUT_MS`,
    );
  return config;
};
