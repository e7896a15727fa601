import type { Prisma } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import type { SessionUser } from '../../abilities';

export interface AuditEntry {
  /** The acting user; null for channels and the system. */
  by: string | null;
  /** Dotted verb: `patient.read`, `petition.decide`, `user.sessions.revoke`… or the route of a write. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The caller's address (ctx.ip). */
  address?: string;
  /** The HTTP status of the answer. */
  status?: number;
  detail?: object;
}

/**
 * The one way anything writes the audit log, so every entry has the same shape: who, when, what,
 * on which record, from which address and with what outcome. Sensitive reads (patients, petitions)
 * call `record` with a `.read` action inside the same request that answers them; every write is
 * recorded by the audit middleware with `begin` before it runs and `finish` after it is answered.
 */
export function createAuditLog(db: Pick<Db, 'auditLog'>) {
  const data = (entry: AuditEntry) => ({
    userId: entry.by,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    address: entry.address ?? null,
    status: entry.status ?? null,
    detail: entry.detail ?? undefined,
  });
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditLog.create({ data: data(entry) });
    },
    /** An entry for an action about to run, without its outcome yet; its id for `finish`. */
    async begin(entry: AuditEntry): Promise<bigint> {
      return (await db.auditLog.create({ data: data(entry), select: { id: true } })).id;
    },
    /** The entry `begin` wrote, completed with what is known once the action was answered. */
    async finish(id: bigint, entry: AuditEntry): Promise<void> {
      await db.auditLog.update({ where: { id }, data: data(entry) });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export interface AuditQuery {
  page: number;
  pageSize: number;
  /** A username. */
  user?: string;
  /** Part of the action: a route (`POST /api/tasks`) or a verb (`password`). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** The start of an address: `10.1.` finds a subnet. */
  address?: string;
  from?: Date;
  to?: Date;
}

/**
 * The audit log as an admin may search it, newest first. A district (root) admin sees every
 * entry, channels and anonymous attempts included; an admin lower in the tree only entries by
 * users of their own subtree (分级分权: a street never reads a sibling street's trail).
 */
export async function searchAuditLog(db: Db, q: AuditQuery, admin: SessionUser) {
  const scopedUsers = admin.org.parentId
    ? (
        await db.user.findMany({
          where: { org: { path: { startsWith: admin.org.path } } },
          select: { id: true },
        })
      ).map((u) => u.id)
    : undefined;
  const named = q.user
    ? await db.user.findUnique({ where: { username: q.user }, select: { id: true } })
    : undefined;
  if (named === null) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const userIds = named ? (scopedUsers && !scopedUsers.includes(named.id) ? [] : [named.id]) : scopedUsers;
  const where: Prisma.AuditLogWhereInput = {
    ...(userIds ? { userId: { in: userIds } } : {}),
    ...(q.action ? { action: { contains: q.action, mode: 'insensitive' } } : {}),
    ...(q.subjectType ? { subjectType: q.subjectType } : {}),
    ...(q.subjectId ? { subjectId: q.subjectId } : {}),
    ...(q.address ? { address: { startsWith: q.address } } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db.auditLog.count({ where }),
  ]);
  const ids = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const users = new Map(
    (
      await db.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, username: true, displayName: true, org: { select: { id: true, name: true } } },
      })
    ).map((u) => [u.id, u]),
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      user: r.userId ? (users.get(r.userId) ?? { id: r.userId }) : null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      address: r.address,
      status: r.status,
      detail: r.detail,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
