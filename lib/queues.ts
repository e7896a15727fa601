import { Queue, type ConnectionOptions } from 'bullmq';
import type { CardKind } from '@prisma/client';
import type { Localized } from './i18n';

/**
 * BullMQ queue names: fan-out of one notice, one webhook delivery, the periodic overdue scan, one
 * bulk import (ImportRun), the daily deletion of audit entries past their retention, the periodic
 * delivery of what the API committed for the engine and could not deliver (case starts and instance changes: lib/engine-starts.ts, lib/engine-commands.ts), the periodic check of streets against their key-person targets, the polling of 舆情 feeds that are due, the month's 民调 draw and the
 * early-warning evaluation (`field-work`, jobs `sampling-draw` and `warnings`).
 */
export const QUEUE = {
  notify: 'notifications',
  webhook: 'webhooks',
  overdueScan: 'overdue-scan',
  imports: 'imports',
  auditRetention: 'audit-retention',
  engineOutbox: 'engine-outbox',
  patientTargets: 'patient-target-reminders',
  opinionPoll: 'opinion-poll',
  fieldWork: 'field-work',
} as const;

/** One bulk import to apply: the ImportRun row holds the file and is where progress is kept. */
export interface ImportJob {
  runId: string;
}

/** One notice, fanned out to in-app notifications and group webhooks: a card, or a message. */
export type NoticeJob = CardNotice | MessageNotice;

/** A supervision card on a case or task (督办/催办, yellow and red cards). */
export interface CardNotice {
  /** Unique per fact (the card's dedupKey): repeated deliveries notify once. */
  dedupKey: string;
  kind: CardKind;
  auto: boolean;
  /** The pressed unit: its users are told when the task has no assignee; its webhooks and those above it fire. */
  unitId: string;
  eventId?: string | null;
  caseNo?: string | null;
  taskKey?: string | null;
  taskName?: string | null;
  reason?: string | null;
  /** A notice that is not a card (a risk alert, a reminder) says what it is itself: title and text. */
  text?: { title: Localized; body: Localized };
}

/** The digest of one person's notices of one period (queue `notifications`, job name `digest`). */
export interface DigestJob {
  userId: string;
  /** Start of the period (ms since the epoch). */
  periodStart: number;
}

/**
 * A message to named users with its own text: an alert (a key person's new follow-up, an
 * emergency) or a system message (a street below its target). Robots on `unitId` and above get it too.
 */
export interface MessageNotice {
  /** Unique per fact: repeated deliveries notify once. */
  dedupKey: string;
  kind: 'ALERT' | 'MESSAGE';
  unitId: string;
  userIds: string[];
  title: Localized;
  body: Localized;
  /** Where the notice opens in the web app (an alert: the key person's file, with the step to do). */
  path?: string;
}

/**
 * BullMQ makes its own connections from these options: it bundles its own ioredis major, so an
 * ioredis instance from the app cannot be handed over.
 */
export function redisConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: Number(url.pathname.slice(1) || 0),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    maxRetriesPerRequest: null,
  };
}

/** BullMQ refuses custom job ids with ':'; our dedup keys use it. */
export const jobIdFor = (dedupKey: string) => dedupKey.replaceAll(':', '_');

/**
 * The queues, each reporting connection errors to `onError` (the deployable's logger): BullMQ
 * prints an unhandled queue error to the console, past the structured log.
 */
export function createQueues(redisUrl: string, onError: (err: Error) => void) {
  const connection = redisConnection(redisUrl);
  const queues = {
    notify: new Queue<NoticeJob | DigestJob>(QUEUE.notify, { connection }),
    webhook: new Queue(QUEUE.webhook, { connection }),
    overdueScan: new Queue(QUEUE.overdueScan, { connection }),
    imports: new Queue<ImportJob>(QUEUE.imports, { connection }),
    auditRetention: new Queue(QUEUE.auditRetention, { connection }),
    engineOutbox: new Queue(QUEUE.engineOutbox, { connection }),
    patientTargets: new Queue(QUEUE.patientTargets, { connection }),
    opinionPoll: new Queue(QUEUE.opinionPoll, { connection }),
    fieldWork: new Queue(QUEUE.fieldWork, { connection }),
  };
  for (const q of Object.values(queues)) q.on('error', onError);
  return {
    ...queues,
    all: Object.values(queues),
    /** Enqueue a notice once per dedupKey (a retried request or re-run scan adds nothing). */
    notice: (job: NoticeJob) =>
      queues.notify.add('notice', job, {
        jobId: jobIdFor(job.dedupKey),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: false,
      }),
    close: () => Promise.all(Object.values(queues).map((q) => q.close())),
  };
}

export type Queues = ReturnType<typeof createQueues>;
