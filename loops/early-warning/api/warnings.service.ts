import { subject } from '@casl/ability';
import type { WarningStatus } from '@prisma/client';
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { HttpError } from '../../../api/src/http/errors';
import { areaCentre, isArea } from '../../../lib/grid-location';
import { evaluateWarnings, warningRules } from '../evaluate';

/** Most warnings one map answer carries (newest first); the answer says when more are open. */
const MAP_LIMIT = 500;

type Caller = { user: SessionUser; ability: AppAbility };

export function createWarningsService(db: Db, engine: ProcessEngine) {
  return {
    /** 预警 of the caller's area and of their unit's 研判, newest first. */
    async list(query: { status?: WarningStatus; page: number; pageSize: number }, { ability }: Caller) {
      const where = {
        AND: [accessibleBy(ability, 'read').ofType('Warning'), query.status ? { status: query.status } : {}],
      };
      const [items, total] = await Promise.all([
        db.warning.findMany({
          where,
          orderBy: { createdAt: 'desc' },
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          include: { _count: { select: { cases: true } } },
        }),
        db.warning.count({ where }),
      ]);
      return {
        items: items.map(({ _count, ...w }) => ({ ...w, caseCount: _count.cases })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** One warning with the cases behind it (their number, place and position for the map layer). */
    async read(id: string, { ability }: Caller) {
      const warning = await db.warning.findUnique({ where: { id } });
      if (!warning || !ability.can('read', subject('Warning', warning)))
        throw new HttpError(404, 'error.notFound');
      const events = await db.event.findMany({
        where: {
          id: {
            in: (await db.warningCase.findMany({ where: { warningId: id }, select: { eventId: true } })).map(
              (c) => c.eventId,
            ),
          },
        },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          caseNo: true,
          categoryCode: true,
          address: true,
          latitude: true,
          longitude: true,
          createdAt: true,
        },
      });
      return { ...warning, caseCount: events.length, events };
    },

    /**
     * The open warnings of the caller's area (or of a unit in it) for the map layer, each with its
     * place: the middle of its located cases, else the centre of its grid or community; one with
     * neither is listed without a point (`unplaced`).
     */
    async map(query: { unit?: string }, { user, ability }: Caller) {
      const unit = query.unit ? await db.org.findUnique({ where: { id: query.unit } }) : user.org;
      if (!unit || !unit.path.startsWith(user.org.path)) throw new HttpError(404, 'error.notFound');
      const where = {
        AND: [
          accessibleBy(ability, 'read').ofType('Warning'),
          { status: 'OPEN' as const, placePath: { startsWith: unit.path } },
        ],
      };
      const [rows, total] = await Promise.all([
        db.warning.findMany({ where, orderBy: { createdAt: 'desc' }, take: MAP_LIMIT }),
        db.warning.count({ where }),
      ]);
      const ids = rows.map((w) => w.id);
      const [middles, places] = await Promise.all([
        ids.length
          ? db.$queryRaw<{ warningId: string; lat: number; lng: number }[]>`
              SELECT c."warningId", avg(e.latitude) AS lat, avg(e.longitude) AS lng
              FROM "WarningCase" c JOIN "Event" e ON e.id = c."eventId"
              WHERE c."warningId" = ANY(${ids}::text[]) AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
              GROUP BY c."warningId"`
          : [],
        db.org.findMany({
          where: { id: { in: [...new Set(rows.map((w) => w.placeId))] } },
          select: { id: true, name: true, boundary: true },
        }),
      ]);
      const middle = new Map(middles.map((m) => [m.warningId, [m.lng, m.lat] as [number, number]]));
      const place = new Map(places.map((p) => [p.id, p]));
      const items = rows.map((w) => {
        const org = place.get(w.placeId);
        const at = middle.get(w.id) ?? (isArea(org?.boundary) ? areaCentre(org.boundary) : null);
        return {
          id: w.id,
          ruleName: w.ruleName,
          kind: w.kind,
          placeId: w.placeId,
          placeName: org?.name ?? w.placeId,
          categoryCode: w.categoryCode,
          subject: w.subject,
          count: w.count,
          createdAt: w.createdAt,
          lng: at?.[0] ?? null,
          lat: at?.[1] ?? null,
        };
      });
      return {
        items,
        total,
        truncated: total > rows.length,
        unplaced: items.filter((w) => w.lng === null).length,
      };
    },

    /** The evaluation now, as the workers' scheduled job runs it: the warnings it created. */
    async evaluate() {
      const rules = await warningRules(engine);
      if (typeof rules === 'string')
        throw new HttpError(409, 'error.badWarningRules', [], { detail: { rules } });
      return { created: await evaluateWarnings(db, engine, rules) };
    },
  };
}

export type WarningsService = ReturnType<typeof createWarningsService>;
