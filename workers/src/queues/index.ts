import { Worker } from 'bullmq';
import { QUEUE, redisConnection, createQueues } from '../../../lib/queues';
import { importProcessor } from './import.processor';
import { notifyProcessor } from './notify.processor';
import { auditRetentionProcessor } from './audit-retention.processor';
import { overdueScanProcessor } from './overdue-scan.processor';
import { patientTargetsProcessor } from './patient-targets.processor';
import { engineOutboxProcessor } from './engine-outbox.processor';
import { fieldWorkProcessor } from './field-work.processor';
import type { QueueDeps } from './types';
import { webhookProcessor } from './webhook.processor';
import { opinionPollProcessor } from './opinion-poll.processor';

/**
 * The BullMQ side of the workers deployable: notices, webhook deliveries, the repeated
 * overdue scan, bulk imports, the case starts the API could not deliver, the daily retention of audit entries
 * and delivered notices, the repeated check of streets against their key-person targets, the polling of 舆情 feeds
 * and the field-work jobs (民调 draw, early warnings, the joint-inspection planner).
 * Any number of processes may run this; BullMQ hands each job to one of them, and the scan's
 * scheduler is one per queue however many call upsert.
 */
export async function startQueueProcessors(deps: Omit<QueueDeps, 'queues'>) {
  const queues = createQueues(deps.config.REDIS_URL, (err) => deps.log.warn({ err: err.message }, 'queue'));
  const full = { ...deps, queues };
  const connection = redisConnection(deps.config.REDIS_URL);
  const workers = [
    new Worker(QUEUE.notify, notifyProcessor(full), { connection }),
    new Worker(QUEUE.webhook, webhookProcessor(full), { connection, concurrency: 4 }),
    new Worker(QUEUE.overdueScan, overdueScanProcessor(full), { connection }),
    // A large import holds one transaction for a while: extend its lock so it is not handed out twice.
    new Worker(QUEUE.imports, importProcessor(full), { connection, lockDuration: 120_000 }),
    new Worker(QUEUE.auditRetention, auditRetentionProcessor(full), { connection }),
    new Worker(QUEUE.engineOutbox, engineOutboxProcessor(full), { connection }),
    new Worker(QUEUE.patientTargets, patientTargetsProcessor(full), { connection }),
    new Worker(QUEUE.opinionPoll, opinionPollProcessor(full), { connection }),
    new Worker(QUEUE.fieldWork, fieldWorkProcessor(full), { connection }),
  ];
  for (const w of workers) {
    w.on('error', (err) => deps.log.warn({ queue: w.name, err: err.message }, 'queue worker'));
    w.on('failed', (job, err) =>
      deps.log.warn(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
  }
  await queues.overdueScan.upsertJobScheduler(
    'overdue-scan',
    { every: deps.config.OVERDUE_SCAN_INTERVAL_MS },
    { name: 'scan', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  await queues.engineOutbox.upsertJobScheduler(
    'engine-outbox',
    { every: deps.config.ENGINE_OUTBOX_INTERVAL_MS },
    { name: 'deliver', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  await queues.auditRetention.upsertJobScheduler(
    'audit-retention',
    { pattern: deps.config.AUDIT_RETENTION_CRON, tz: 'Asia/Shanghai' },
    { name: 'delete-expired', opts: { removeOnComplete: 30, removeOnFail: 30 } },
  );
  await queues.patientTargets.upsertJobScheduler(
    'patient-target-reminders',
    { every: deps.config.PATIENT_TARGET_CHECK_INTERVAL_MS },
    { name: 'remind', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  await queues.opinionPoll.upsertJobScheduler(
    'opinion-poll',
    { every: deps.config.OPINION_POLL_INTERVAL_MS },
    { name: 'poll', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  await queues.fieldWork.upsertJobScheduler(
    'sampling-draw',
    { pattern: deps.config.SAMPLING_CRON, tz: 'Asia/Shanghai' },
    { name: 'sampling-draw', opts: { removeOnComplete: 30, removeOnFail: 30 } },
  );
  await queues.fieldWork.upsertJobScheduler(
    'inspection-merge',
    { pattern: deps.config.INSPECTION_MERGE_CRON, tz: 'Asia/Shanghai' },
    { name: 'inspection-merge', opts: { removeOnComplete: 30, removeOnFail: 30 } },
  );
  await queues.fieldWork.upsertJobScheduler(
    'warnings',
    { every: deps.config.WARNING_CHECK_INTERVAL_MS },
    { name: 'warnings', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  return {
    queues,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
  };
}
