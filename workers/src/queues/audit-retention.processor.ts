/**
 * Queue `audit-retention`, daily (AUDIT_RETENTION_CRON), the workers' housekeeping:
 * - deletes audit entries older than AUDIT_RETENTION_DAYS (never below 180: the config refuses
 *   it), oldest first;
 * - deletes the digest's waiting notices (PendingNotice) delivered more than
 *   NOTICE_RETENTION_DAYS ago: once folded into a Notification a row is read by nothing (the
 *   Notification keeps its lines), and one is written per card and person, so the table only grows.
 * - erases the files of imports (ImportRun.content: names, phones, ID numbers) finished more than
 *   IMPORT_FILE_RETENTION_DAYS ago, keeping each run's summary (counts, status, file name and hash);
 * - deletes expired sessions (a session past expiresAt is refused anyway; the row only waits);
 * - deletes uploads no report claimed within UNCLAIMED_ATTACHMENT_RETENTION_HOURS, row and bytes
 *   (a photo of a report never sent is personal data nobody can reach through the app).
 * In batches of AUDIT_RETENTION_BATCH, so no statement holds a long lock on a table written
 * all day. Idempotent: a repeated or overlapping run finds fewer (or no) rows past the cut-off.
 */
import { createAttachmentStore } from '../../../lib/attachments/attachment-store';
import type { QueueDeps } from './types';

type Deps = Pick<QueueDeps, 'db' | 'config' | 'log'>;
const DAY_MS = 24 * 3600 * 1000;

/** Runs one batched DELETE until it deletes less than a batch; how many it deleted in all. */
async function deleteInBatches(batch: number, deleteBatch: () => Promise<number>) {
  let deleted = 0;
  for (;;) {
    const n = await deleteBatch();
    deleted += n;
    if (n < batch) return deleted;
  }
}

/** Deletes what is past retention as of `now`; how many and the cut-off. */
export async function deleteExpiredAuditEntries({ db, config, log }: Deps, now: Date) {
  const cutoff = new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * DAY_MS);
  const batch = config.AUDIT_RETENTION_BATCH;
  const deleted = await deleteInBatches(
    batch,
    () => db.$executeRaw`
        DELETE FROM "AuditLog" WHERE id IN (
          SELECT id FROM "AuditLog" WHERE at < ${cutoff} ORDER BY at LIMIT ${batch}
        )`,
  );
  log.info({ deleted, cutoff, days: config.AUDIT_RETENTION_DAYS }, 'audit retention');
  return { deleted, cutoff };
}

/** Deletes the waiting notices delivered in a digest before the retention as of `now`; never one not yet delivered. */
export async function deleteDeliveredNotices({ db, config, log }: Deps, now: Date) {
  const cutoff = new Date(now.getTime() - config.NOTICE_RETENTION_DAYS * DAY_MS);
  const batch = config.AUDIT_RETENTION_BATCH;
  const deleted = await deleteInBatches(
    batch,
    () => db.$executeRaw`
        DELETE FROM "PendingNotice" WHERE id IN (
          SELECT id FROM "PendingNotice" WHERE "digestedAt" < ${cutoff} ORDER BY "digestedAt" LIMIT ${batch}
        )`,
  );
  log.info({ deleted, cutoff, days: config.NOTICE_RETENTION_DAYS }, 'delivered notices retention');
  return { deleted, cutoff };
}

/** Erases the files of finished imports uploaded before the retention as of `now`; never a run still to do. */
export async function eraseImportFiles({ db, config, log }: Deps, now: Date) {
  const cutoff = new Date(now.getTime() - config.IMPORT_FILE_RETENTION_DAYS * DAY_MS);
  const batch = config.AUDIT_RETENTION_BATCH;
  const erased = await deleteInBatches(
    batch,
    () => db.$executeRaw`
        UPDATE "ImportRun" SET content = ''::bytea WHERE id IN (
          SELECT id FROM "ImportRun"
          WHERE "createdAt" < ${cutoff} AND status IN ('DONE', 'FAILED') AND length(content) > 0
          LIMIT ${batch}
        )`,
  );
  log.info({ erased, cutoff, days: config.IMPORT_FILE_RETENTION_DAYS }, 'import files retention');
  return { erased, cutoff };
}

/** Deletes the sessions expired as of `now`. */
export async function deleteExpiredSessions({ db, config, log }: Deps, now: Date) {
  const batch = config.AUDIT_RETENTION_BATCH;
  const deleted = await deleteInBatches(
    batch,
    () => db.$executeRaw`
        DELETE FROM "Session" WHERE id IN (
          SELECT id FROM "Session" WHERE "expiresAt" < ${now} LIMIT ${batch}
        )`,
  );
  log.info({ deleted }, 'expired sessions');
  return { deleted };
}

/**
 * Deletes the uploads that no report or patrol note claimed (eventId, patrolNoteId still null) before the retention as of
 * `now`, then their bytes. The row goes first: a report claiming the upload at that moment finds
 * it gone and is refused (400 naming attachmentIds) rather than pointing at missing bytes. Bytes
 * that cannot be removed are counted and logged, their row already gone.
 */
export async function purgeUnclaimedAttachments({ db, config, log }: Deps, now: Date) {
  const cutoff = new Date(now.getTime() - config.UNCLAIMED_ATTACHMENT_RETENTION_HOURS * 3600_000);
  const batch = config.AUDIT_RETENTION_BATCH;
  const store = createAttachmentStore(config);
  let failed = 0;
  const deleted = await deleteInBatches(batch, async () => {
    const rows = await db.$queryRaw<{ storageKey: string }[]>`
        DELETE FROM "Attachment" WHERE id IN (
          SELECT id FROM "Attachment"
          WHERE "eventId" IS NULL AND "patrolNoteId" IS NULL AND "createdAt" < ${cutoff}
          ORDER BY "createdAt" LIMIT ${batch}
        ) RETURNING "storageKey"`;
    for (const { storageKey } of rows)
      await store.remove(storageKey).catch((err: unknown) => {
        failed += 1;
        log.error({ err, storageKey }, 'unclaimed attachment: bytes not removed');
      });
    return rows.length;
  });
  log.info(
    { deleted, failed, cutoff, hours: config.UNCLAIMED_ATTACHMENT_RETENTION_HOURS, store: store.where },
    'unclaimed attachments',
  );
  return { deleted, failed, cutoff };
}

export const auditRetentionProcessor = (deps: QueueDeps) => async () => {
  const now = new Date();
  return {
    audit: await deleteExpiredAuditEntries(deps, now),
    notices: await deleteDeliveredNotices(deps, now),
    importFiles: await eraseImportFiles(deps, now),
    sessions: await deleteExpiredSessions(deps, now),
    unclaimedAttachments: await purgeUnclaimedAttachments(deps, now),
  };
};
