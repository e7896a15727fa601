import type { Db } from '../../../../lib/db';

export interface AuditEntry {
  /** The acting user; null for channels and the system. */
  by: string | null;
  /** Dotted verb: `patient.read`, `petition.decide`, `user.sessions.revoke`… */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The caller's address (ctx.ip). */
  address?: string;
  detail?: object;
}

/**
 * The one way anything writes the audit log, so every entry has the same shape: who, when, what,
 * on which record and from which address. Sensitive reads (patients, petitions) call `record` with
 * a `.read` action inside the same request that answers them.
 */
export function createAuditLog(db: Pick<Db, 'auditLog'>) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditLog.create({
        data: {
          userId: entry.by,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          address: entry.address ?? null,
          detail: entry.detail ?? undefined,
        },
      });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
