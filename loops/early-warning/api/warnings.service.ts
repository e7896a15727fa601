import { subject } from '@casl/ability';
import type { WarningStatus } from '@prisma/client';
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { HttpError } from '../../../api/src/http/errors';
import { evaluateWarnings, warningRules } from '../evaluate';

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
