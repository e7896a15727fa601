/**
 * Queue `audit-retention`, daily (AUDIT_RETENTION_CRON): deletes audit entries older than
 * AUDIT_RETENTION_DAYS (never below 180: the config refuses it), oldest first, in batches of
 * AUDIT_RETENTION_BATCH so no statement holds a long lock on a table every write appends to.
 * Idempotent: a repeated or overlapping run finds fewer (or no) rows past the cut-off.
 */
import type { QueueDeps } from './types';

/** Deletes what is past retention as of `now`; how many and the cut-off. */
export async function deleteExpiredAuditEntries(
  { db, config, log }: Pick<QueueDeps, 'db' | 'config' | 'log'>,
  now: Date,
) {
  const cutoff = new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * 24 * 3600 * 1000);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
        DELETE FROM "AuditLog" WHERE id IN (
          SELECT id FROM "AuditLog" WHERE at < ${cutoff} ORDER BY at LIMIT ${config.AUDIT_RETENTION_BATCH}
        )`;
    deleted += n;
    if (n < config.AUDIT_RETENTION_BATCH) break;
  }
  log.info({ deleted, cutoff, days: config.AUDIT_RETENTION_DAYS }, 'audit retention');
  return { deleted, cutoff };
}

export const auditRetentionProcessor = (deps: QueueDeps) => () => deleteExpiredAuditEntries(deps, new Date());
