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
  /** The actor's unit path; looked up from `by` when not given. */
  actorPath?: string | null;
}

/**
 * The one way anything writes the audit log, so every entry has the same shape: who, when, what,
 * on which record, from which address and with what outcome. Sensitive reads (patients, petitions)
 * call `record` with a `.read` action inside the same request that answers them; every write is
 * recorded by the audit middleware with `begin` before it runs and `finish` after it is answered.
 */
export function createAuditLog(db: Pick<Db, 'auditLog' | 'user'>) {
  // The actor's unit is kept on the entry as it was when they acted: a street's audit
  // administrator reads its subtree's trail even after a user moved or left.
  const actorPathOf = async (entry: AuditEntry) =>
    entry.actorPath !== undefined || !entry.by
      ? (entry.actorPath ?? null)
      : ((await db.user.findUnique({ where: { id: entry.by }, select: { org: { select: { path: true } } } }))
          ?.org.path ?? null);
  const data = async (entry: AuditEntry) => ({
    actorPath: await actorPathOf(entry),
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
      await db.auditLog.create({ data: await data(entry) });
    },
    /** An entry for an action about to run, without its outcome yet; its id for `finish`. */
    async begin(entry: AuditEntry): Promise<bigint> {
      return (await db.auditLog.create({ data: await data(entry), select: { id: true } })).id;
    },
    /** The entry `begin` wrote, completed with what is known once the action was answered. */
    async finish(id: bigint, entry: AuditEntry): Promise<void> {
      await db.auditLog.update({ where: { id }, data: await data(entry) });
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
 * The audit log as an audit administrator may search it, newest first. A district (root) one sees
 * every entry, channels and anonymous attempts included; one lower in the tree only the entries
 * of actors who were in its subtree when they acted (分级分权: a street never reads a sibling
 * street's trail), the other administrators' included.
 */
export async function searchAuditLog(
  db: Db,
  q: AuditQuery,
  auditor: SessionUser,
  /** An export reads page after page and needs no total: no count per page. */
  { counted = true } = {},
) {
  const named = q.user
    ? await db.user.findUnique({ where: { username: q.user }, select: { id: true } })
    : undefined;
  if (named === null) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const where: Prisma.AuditLogWhereInput = {
    ...(auditor.org.parentId ? { actorPath: { startsWith: auditor.org.path } } : {}),
    ...(named ? { userId: named.id } : {}),
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
    counted ? db.auditLog.count({ where }) : -1,
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
  const names = await subjectNames(db, rows);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      user: r.userId ? (users.get(r.userId) ?? { id: r.userId }) : null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      subjectName: names.get(`${r.subjectType}:${r.subjectId}`) ?? null,
      address: r.address,
      status: r.status,
      detail: r.detail,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * What an entry's subject is called where it has a name people use: a user's name, a unit's, a
 * case's number, a task's case number and step. Never case content: the audit administrator reads
 * who did what to which record, not the record (三员分立).
 */
async function subjectNames(db: Db, rows: { subjectType: string; subjectId: string }[]) {
  const idsOf = (...types: string[]) => [
    ...new Set(rows.filter((r) => types.includes(r.subjectType) && r.subjectId).map((r) => r.subjectId)),
  ];
  const names = new Map<string, string>();
  const put = (types: string[], id: string, name: string) =>
    types.forEach((t) => names.set(`${t}:${id}`, name));
  const userTypes = ['User', 'users'];
  for (const u of await db.user.findMany({
    where: { id: { in: idsOf(...userTypes) } },
    select: { id: true, displayName: true },
  }))
    // The name people know; the username is a login id (the entry's user column says who acted).
    put(userTypes, u.id, u.displayName);
  const orgTypes = ['Org', 'orgs'];
  for (const o of await db.org.findMany({
    where: { id: { in: idsOf(...orgTypes) } },
    select: { id: true, name: true },
  }))
    put(orgTypes, o.id, o.name);
  const caseTypes: [string[], (ids: string[]) => Promise<{ id: string; caseNo: string }[]>][] = [
    [
      ['Event', 'events'],
      (ids) => db.event.findMany({ where: { id: { in: ids } }, select: { id: true, caseNo: true } }),
    ],
    [
      ['Dispute', 'disputes'],
      (ids) => db.dispute.findMany({ where: { id: { in: ids } }, select: { id: true, caseNo: true } }),
    ],
    [
      ['Petition', 'petitions'],
      (ids) => db.petition.findMany({ where: { id: { in: ids } }, select: { id: true, caseNo: true } }),
    ],
  ];
  for (const [types, read] of caseTypes)
    for (const c of await read(idsOf(...types))) put(types, c.id, c.caseNo);
  for (const t of await db.inboxTask.findMany({
    where: { key: { in: idsOf('tasks') } },
    select: { key: true, caseNo: true, name: true },
  }))
    put(['tasks'], t.key, `${t.caseNo ?? ''} ${t.name}`.trim());
  return names;
}
