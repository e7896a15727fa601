import { randomUUID } from 'node:crypto';
import { subject } from '@casl/ability';
import { Prisma, type CardKind, type CaseKind } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import type { Queues } from '../../../../lib/queues';
import type { ProcessEngine } from '../../../../lib/engine/process-engine';
import { issueCard, pressedUnit } from '../../../../lib/supervision';
import { subtreeRange } from '../../../../lib/org-tree';
import {
  deadlineStateOf,
  deadlineWhere,
  notReached,
  notReachedSql,
  reached,
  reachedSql,
} from '../../../../lib/deadlines';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';

type Caller = { user: SessionUser; ability: AppAbility };

/** Age of overdue work since its yellow time, in calendar days: the heat map's columns. */
export const AGE_BUCKETS = ['lt1d', 'd1to3', 'd3to7', 'gt7d'] as const;

/**
 * Open tasks past their yellow time below `path`, counted per child unit × age bucket, yellow
 * (not yet red) and red apart. Exported for the benchmark's EXPLAIN.
 */
export function overdueByUnitSql(path: string, now: Date) {
  const range = subtreeRange(path);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  return Prisma.sql`
    SELECT split_part(substr("orgPath", ${path.length + 1}), '/', 1) AS child,
      CASE WHEN "dueDate" > ${daysAgo(1)} THEN 'lt1d'
           WHEN "dueDate" > ${daysAgo(3)} THEN 'd1to3'
           WHEN "dueDate" > ${daysAgo(7)} THEN 'd3to7'
           ELSE 'gt7d' END AS bucket,
      count(*) FILTER (WHERE ${notReachedSql('redAt', now, null)}) AS yellow,
      count(*) FILTER (WHERE ${reachedSql('redAt', now, null)}) AS red
    FROM "InboxTask"
    WHERE state = 'OPEN' AND "orgPath" >= ${range.gte} AND "orgPath" < ${range.lt} AND ${reachedSql('dueDate', now, null)}
    GROUP BY 1, 2`;
}

const emptyCardCounts = () => ({ REMIND: 0, NORMAL: 0, YELLOW: 0, RED: 0, total: 0 });

/** Card ids are BIGINT; JSON has no such number. */
const serialCard = <C extends { id: bigint }>(card: C) => ({ ...card, id: String(card.id) });

export function createSupervisionService(db: Db, engine: ProcessEngine, queues: Pick<Queues, 'notice'>) {
  /** The unit a supervisor looks at: their own, or one below it; anything else is 404. */
  async function scopeUnit(who: Caller, unitId: string | undefined) {
    if (!who.user.roles.includes('SUPERVISOR')) {
      throw new HttpError(403, 'error.forbidden');
    }
    if (!unitId) return who.user.org;
    const unit = await db.org.findUnique({ where: { id: unitId } });
    // The supervisor's data scope (their subtree), not every unit they may name: a street names the
    // departments to transfer work to, but their overdue work and cards are not the street's to see.
    if (!unit || !who.ability.can('read', subject('SupervisionCard', { unitPath: unit.path } as never)))
      throw new HttpError(404, 'error.notFound');
    return unit;
  }

  const unitNames = async (ids: string[]) =>
    new Map(
      (
        await db.org.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })
      ).map((o) => [o.id, o.name]),
    );

  /** Cards per case (by its id) and kind (催办, 督办, yellow, red) and in all. */
  async function cardsPerCase(caseIds: string[]) {
    const rows = caseIds.length
      ? await db.supervisionCard.groupBy({
          by: ['caseId', 'kind'],
          where: { caseId: { in: caseIds } },
          _count: { _all: true },
        })
      : [];
    const out = new Map<string, ReturnType<typeof emptyCardCounts>>();
    for (const r of rows) {
      const counts = out.get(r.caseId!) ?? emptyCardCounts();
      counts[r.kind] = r._count._all;
      counts.total += r._count._all;
      out.set(r.caseId!, counts);
    }
    return out;
  }

  /**
   * A case of any loop that the caller may read, with its number and the unit answering for it
   * when none of its tasks is open (the handling unit); anything else is 404, as the loop's own
   * page answers.
   */
  async function readableCase(caseKind: CaseKind, id: string, { ability }: Caller) {
    // The loop's own read rule as a query (as its page reads it): conditions such as a petition's
    // optional handler path or a file's team are the database's to evaluate.
    const readable = <T extends 'Event' | 'Dispute' | 'Petition' | 'Person'>(type: T) => ({
      AND: [accessibleBy(ability, 'read').ofType(type), { id }],
    });
    const found =
      caseKind === 'EVENT'
        ? await db.event
            .findFirst({ where: readable('Event') })
            .then((e) => e && { caseNo: e.caseNo, handlerUnitId: e.handlerUnitId })
        : caseKind === 'DISPUTE'
          ? await db.dispute
              .findFirst({ where: readable('Dispute') })
              .then((d) => d && { caseNo: d.caseNo, handlerUnitId: d.handlerUnitIds.at(-1) ?? d.communityId })
          : caseKind === 'PETITION'
            ? await db.petition
                .findFirst({ where: readable('Petition') })
                .then((p) => p && { caseNo: p.caseNo, handlerUnitId: p.handlerUnitId ?? p.officeUnitId })
            : caseKind === 'PERSON'
              ? await db.person
                  .findFirst({ where: readable('Person') })
                  .then((p) => p && { caseNo: null, handlerUnitId: p.gridId })
              : // A designer's process: read through its steps, as its page is; the unit of its latest step answers.
                await db.inboxTask
                  .findFirst({
                    where: {
                      AND: [accessibleBy(ability, 'read').ofType('InboxTask'), { caseKind, caseId: id }],
                    },
                    orderBy: { createdAt: 'desc' },
                  })
                  .then((t) => t && { caseNo: null, handlerUnitId: t.orgId });
    if (!found) throw new HttpError(404, 'error.notFound');
    return found;
  }

  /**
   * 督办 (normal, yellow, red) or 催办 on a case of any loop: presses the unit of the case's open
   * task in the caller's subtree (else the handling unit), records it, raises the case's tasks in
   * the inbox and notifies the handler.
   */
  async function issue(
    input: { caseKind: CaseKind; caseId: string; kind: CardKind; reason: string },
    who: Caller,
  ) {
    const found = await readableCase(input.caseKind, input.caseId, who);
    const open = await db.inboxTask.findMany({
      where: { caseKind: input.caseKind, caseId: input.caseId, state: 'OPEN', orgId: { not: null } },
      orderBy: { createdAt: 'asc' },
    });
    const pressed = await pressedUnit(db, open, found.handlerUnitId, who.user.org.path);
    if (!pressed) throw new HttpError(409, 'error.nothingToSupervise');
    const { unit, task } = pressed;
    const card = { unitId: unit.id, unitPath: unit.path };
    if (!who.ability.can('create', subject('SupervisionCard', card as never))) {
      throw new HttpError(403, 'error.forbidden');
    }
    const dedupKey = `manual:${randomUUID()}`;
    await issueCard(db, engine, queues, {
      kind: input.kind,
      auto: false,
      dedupKey,
      ...card,
      caseKind: input.caseKind,
      caseId: input.caseId,
      caseNo: found.caseNo,
      taskKey: task?.key ?? null,
      taskName: task?.name ?? null,
      reason: input.reason,
      issuedById: who.user.id,
    });
    return serialCard(await db.supervisionCard.findUniqueOrThrow({ where: { dedupKey } }));
  }

  return {
    /**
     * Overdue open work below a unit, by child unit × age bucket, split yellow (past due) and
     * red (past the red time). One grouped range scan over the index; no per-row calendar maths.
     */
    async overdue(query: { unit?: string }, who: Caller) {
      const unit = await scopeUnit(who, query.unit);
      const now = new Date();
      const rows = await db.$queryRaw<{ child: string; bucket: string; yellow: bigint; red: bigint }[]>(
        overdueByUnitSql(unit.path, now),
      );
      const childIds = [...new Set(rows.map((r) => r.child || unit.id))];
      const names = new Map(
        (await db.org.findMany({ where: { id: { in: childIds } }, select: { id: true, name: true } })).map(
          (o) => [o.id, o.name],
        ),
      );
      const units = new Map<string, { unitId: string; name: string; yellow: number; red: number }>();
      const cells = rows.map((r) => {
        const unitId = r.child || unit.id;
        const row = units.get(unitId) ?? { unitId, name: names.get(unitId) ?? unitId, yellow: 0, red: 0 };
        row.yellow += Number(r.yellow);
        row.red += Number(r.red);
        units.set(unitId, row);
        return { unitId, bucket: r.bucket, count: Number(r.yellow) + Number(r.red) };
      });
      const byUnit = [...units.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow);
      const byAge = AGE_BUCKETS.map((bucket) => ({
        bucket,
        count: cells.filter((c) => c.bucket === bucket).reduce((n, c) => n + c.count, 0),
      }));
      return {
        unit: { id: unit.id, name: unit.name, type: unit.type },
        at: now.toISOString(),
        totals: {
          yellow: byUnit.reduce((n, u) => n + u.yellow, 0),
          red: byUnit.reduce((n, u) => n + u.red, 0),
        },
        byUnit,
        byAge,
        cells,
      };
    },

    /** The overdue tasks behind a count, with their cases, most overdue first. */
    async overdueTasks(
      query: { unit?: string; level: 'yellow' | 'red' | 'all'; page: number; pageSize: number },
      who: Caller,
    ) {
      const unit = await scopeUnit(who, query.unit);
      const now = new Date();
      const level: Prisma.InboxTaskWhereInput =
        query.level === 'red'
          ? deadlineWhere('red', now)
          : query.level === 'yellow'
            ? notReached('redAt', now)
            : {};
      // The subtree was checked against the caller's ability on the unit, and a supervisor reads
      // every task in it (abilities.ts), so the range is the whole filter: the count stays an
      // index-only scan and the page walks the (state, dueDate) index (bench/overdue.ts).
      const where: Prisma.InboxTaskWhereInput = {
        AND: [{ state: 'OPEN', orgPath: subtreeRange(unit.path) }, reached('dueDate', now), level],
      };
      const [total, tasks] = await Promise.all([
        db.inboxTask.count({ where }),
        db.inboxTask.findMany({
          where,
          orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          omit: { variables: true },
        }),
      ]);
      // Events show their address; other loops' cases show their number only (petitioners and
      // patients are not named in supervision lists).
      const events = await db.event.findMany({
        where: { id: { in: tasks.flatMap((t) => (t.caseKind === 'EVENT' && t.caseId ? [t.caseId] : [])) } },
        select: { id: true, address: true },
      });
      const addressOf = new Map(events.map((e) => [e.id, e.address]));
      // A key person's file has no number: its row names the person, only where the caller may
      // read that file (the chain above the grid does), for the supervisor to open it.
      const persons = await db.person.findMany({
        where: {
          AND: [
            accessibleBy(who.ability, 'read').ofType('Person'),
            { id: { in: tasks.flatMap((t) => (t.caseKind === 'PERSON' && t.caseId ? [t.caseId] : [])) } },
          ],
        },
        select: { id: true, name: true },
      });
      const personName = new Map(persons.map((p) => [p.id, p.name]));
      // Names, not codes; and the cards each case already has, so nobody cards it twice unknowingly.
      const [names, cards] = await Promise.all([
        unitNames(tasks.flatMap((t) => (t.orgId ? [t.orgId] : []))),
        cardsPerCase(tasks.flatMap((t) => (t.caseId ? [t.caseId] : []))),
      ]);
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: tasks.map((t) => ({
          ...t,
          unitName: t.orgId ? (names.get(t.orgId) ?? null) : null,
          overdue: deadlineStateOf(t, now),
          address: (t.caseId ? addressOf.get(t.caseId) : undefined) ?? null,
          personName: (t.caseKind === 'PERSON' && t.caseId ? personName.get(t.caseId) : undefined) ?? null,
          cards: (t.caseId ? cards.get(t.caseId) : undefined) ?? emptyCardCounts(),
        })),
      };
    },

    /**
     * 批量催办/督办: the same card on many cases, one by one, each checked as if issued alone.
     * Every case gets its own outcome (issued, or the refusal's status and code), so one case out
     * of scope does not stop the others.
     */
    async issueBatch(
      input: { cases: { caseKind: CaseKind; caseId: string }[]; kind: CardKind; reason: string },
      who: Caller,
    ) {
      if (!who.user.roles.includes('SUPERVISOR')) throw new HttpError(403, 'error.forbidden');
      const results = [];
      const seen = new Set<string>();
      for (const { caseKind, caseId } of input.cases) {
        if (seen.has(`${caseKind}:${caseId}`)) continue;
        seen.add(`${caseKind}:${caseId}`);
        try {
          const card = await issue({ caseKind, caseId, kind: input.kind, reason: input.reason }, who);
          results.push({ caseKind, caseId, status: 201, cardId: card.id });
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          results.push({ caseKind, caseId, status: err.status, code: err.code });
        }
      }
      return { issued: results.filter((r) => r.status === 201).length, results };
    },

    issue,

    /** Cards on the units of a subtree, newest first. */
    async cards(query: { unit?: string; page: number; pageSize: number }, who: Caller) {
      const unit = await scopeUnit(who, query.unit);
      const where: Prisma.SupervisionCardWhereInput = {
        AND: [
          accessibleBy(who.ability, 'read').ofType('SupervisionCard'),
          { unitPath: subtreeRange(unit.path) },
        ],
      };
      const [total, items] = await Promise.all([
        db.supervisionCard.count({ where }),
        db.supervisionCard.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      const names = await unitNames(items.map((c) => c.unitId));
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: items.map((c) => ({ ...serialCard(c), unitName: names.get(c.unitId) ?? null })),
      };
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
