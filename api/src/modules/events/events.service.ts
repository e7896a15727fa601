import { createHash } from 'node:crypto';
import { accessibleBy } from '@casl/prisma';
import { subject } from '@casl/ability';
import type { EventLevel, EventStatus, Prisma, Urgency } from '@prisma/client';
import type { ZeebeClient } from '../../../../lib/camunda';
import type { Db } from '../../../../lib/db';
import { t } from '../../../../lib/i18n';
import { recordTimeline } from '../../../../lib/timeline';
import { pathTaken, stepsOf } from './case-path';
import type { AppAbility, SessionUser } from '../../abilities';
import { fieldError, HttpError } from '../../http/errors';

export interface NewEvent {
  category: string;
  urgency: 'URGENT' | 'NORMAL';
  gridId: string;
  address: string;
  latitude?: number;
  longitude?: number;
  description: string;
  reporterName?: string;
  attachments: { name: string; url: string }[];
}

type Caller = { user: SessionUser; ability: AppAbility };

export interface EventListQuery {
  page: number;
  pageSize: number;
  status?: EventStatus;
  category?: string;
  level?: EventLevel;
  urgency?: Urgency;
  sort: 'createdAt' | 'caseNo' | 'level' | 'urgency';
  order: 'asc' | 'desc';
}

/** Who reports: a signed-in user within their subtree, or an external channel anywhere. */
export interface Reporter {
  source: string;
  scopePath: string;
  userId: string | null;
  unitId: string | null;
  name: string | null;
}

export function userReporter({ user, ability }: Caller): Reporter {
  if (!ability.can('create', 'Event')) throw new HttpError(403, 'error.forbidden');
  return {
    source: 'grid',
    scopePath: user.org.path,
    userId: user.id,
    unitId: user.orgId,
    name: user.displayName,
  };
}

/** SJ-2026-000123: a per-year counter, taken in the same transaction as the event row. */
async function nextCaseNo(tx: Prisma.TransactionClient, now: Date) {
  const year = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const counter = await tx.caseCounter.upsert({
    where: { prefix_year: { prefix: 'SJ', year } },
    create: { prefix: 'SJ', year, value: 1 },
    update: { value: { increment: 1 } },
  });
  return `SJ-${year}-${String(counter.value).padStart(6, '0')}`;
}

export function createEventsService(db: Db, zeebe: ZeebeClient, options: { reopenWindowHours: number }) {
  /** An event the caller may read; one outside their scope is reported missing. */
  async function readable(id: string, { ability }: Caller, withCategory = false) {
    const event = await db.event.findUnique({ where: { id }, include: { category: withCategory } });
    if (!event) throw new HttpError(404, 'error.notFound');
    if (ability.can('read', subject('Event', event))) return event;
    // A delegate (委派) may be outside the case's area; they read it while they hold one of its tasks.
    const delegated =
      event.processInstanceKey &&
      (await db.inboxTask.count({
        where: {
          AND: [
            accessibleBy(ability, 'resolve').ofType('InboxTask'),
            { processInstanceKey: event.processInstanceKey, state: 'OPEN' },
          ],
        },
      }));
    if (!delegated) throw new HttpError(404, 'error.notFound');
    return event;
  }

  return {
    /**
     * Records the event and starts its `event-handling` instance. If the engine refuses, the
     * event row is removed again, so nothing half-written stays behind.
     */
    /** An intake channel by its API key (12345, WeChat, video AI); 401 for an unknown or disabled key. */
    async channelReporter(key: string): Promise<Reporter> {
      const channel = await db.channel.findUnique({
        where: { keyHash: createHash('sha256').update(key).digest('hex') },
      });
      if (!channel?.active) throw new HttpError(401, 'error.badChannelKey');
      return { source: channel.id, scopePath: '/', userId: null, unitId: null, name: null };
    },

    async report(input: NewEvent, reporter: Reporter) {
      // A citizen channel must say who reported; staff are known by their session.
      if (!reporter.userId && !input.reporterName) throw fieldError('reporterName', t('error.required'));
      const [category, grid] = await Promise.all([
        db.eventCategory.findFirst({ where: { code: input.category, active: true } }),
        db.org.findUnique({
          where: { id: input.gridId },
          include: { parent: { include: { parent: true } } },
        }),
      ]);
      if (!category) throw fieldError('category', t('error.unknownCategory'));
      if (!grid || grid.type !== 'GRID' || !grid.parent?.parent?.parentId)
        throw fieldError('gridId', t('error.notAGrid'));
      if (!grid.path.startsWith(reporter.scopePath)) throw fieldError('gridId', t('error.outsideScope'));
      const chain = {
        GRID: grid.id,
        COMMUNITY: grid.parent.id,
        STREET: grid.parent.parent.id,
        DISTRICT: grid.parent.parent.parentId,
      };

      const event = await db.$transaction(async (tx) => {
        const caseNo = await nextCaseNo(tx, new Date());
        const created = await tx.event.create({
          data: {
            caseNo,
            categoryCode: category.code,
            urgency: input.urgency,
            source: reporter.source,
            gridId: grid.id,
            gridPath: grid.path,
            address: input.address,
            latitude: input.latitude,
            longitude: input.longitude,
            description: input.description,
            reporterId: reporter.userId,
            reporterName: input.reporterName ?? reporter.name,
            attachments: input.attachments,
          },
        });
        await recordTimeline(tx, {
          eventId: created.id,
          action: 'reported',
          dedupKey: `reported:${created.id}`,
          actorId: reporter.userId,
          unitId: reporter.unitId,
          detail: { source: reporter.source },
        });
        return created;
      });

      try {
        const instance = await zeebe.createProcessInstance({
          bpmnProcessId: 'event-handling',
          variables: {
            eventId: event.id,
            caseNo: event.caseNo,
            category: event.categoryCode,
            urgency: event.urgency,
            gridId: grid.id,
            level: 'GRID',
            chain,
            reopenWindowHours: options.reopenWindowHours,
          },
        });
        return db.event.update({
          where: { id: event.id },
          data: {
            processInstanceKey: instance.processInstanceKey,
            processDefinitionKey: instance.processDefinitionKey,
          },
        });
      } catch {
        await db.event.delete({ where: { id: event.id } });
        throw new HttpError(503, 'error.engineUnavailable');
      }
    },

    /** The managed category list a reporter chooses from (the codes the dispatch table matches). */
    categories: () => db.eventCategory.findMany({ where: { active: true }, orderBy: { code: 'asc' } }),

    /** 重办: the reporter reopens an archived case within its window; the engine takes it from there. */
    async reopen(id: string, reason: string, { user, ability }: Caller) {
      const event = await db.event.findUnique({ where: { id } });
      if (!event || !ability.can('read', subject('Event', event))) throw new HttpError(404, 'error.notFound');
      if (!ability.can('reopen', subject('Event', event))) throw new HttpError(403, 'error.forbidden');
      if (event.status !== 'ARCHIVED') throw new HttpError(409, 'error.notArchived');
      if (!event.reopenUntil || event.reopenUntil < new Date())
        throw new HttpError(409, 'error.reopenClosed');
      try {
        // The id makes a repeated request one message; the time to live covers the instant between
        // archiving and the engine opening its subscription.
        await zeebe.publishMessage({
          name: 'event-reopen',
          correlationKey: event.id,
          messageId: `reopen:${event.id}:${event.reopenCount}`,
          timeToLive: 60_000,
          variables: { reopenReason: reason, reopenedBy: user.id },
        });
      } catch {
        throw new HttpError(503, 'error.engineUnavailable');
      }
      return { id: event.id, caseNo: event.caseNo, reopenRequested: true };
    },

    /**
     * The diagram version the case runs on, its current steps (active) and the path it took
     * (completed elements and flows), for the bpmn-js viewer.
     */
    async diagram(id: string, who: Caller) {
      const event = await readable(id, who);
      const definition = event.processDefinitionKey
        ? await db.processDefinition.findUnique({ where: { key: event.processDefinitionKey } })
        : null;
      if (!definition?.xml || !event.processInstanceKey) throw new HttpError(404, 'error.noDiagram');
      const [timeline, openTasks] = await Promise.all([
        db.timelineEntry.findMany({
          where: { eventId: id },
          select: { action: true },
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
        }),
        db.inboxTask.findMany({
          where: { processInstanceKey: event.processInstanceKey, state: 'OPEN' },
          select: { elementId: true },
        }),
      ]);
      const active = new Set(openTasks.map((t) => t.elementId));
      const { completed, flows } = pathTaken(definition.xml, stepsOf(timeline.map((e) => e.action)), active);
      return {
        xml: definition.xml,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        active: [...active],
        completed,
        flows,
      };
    },

    /** The case view: the event, its open steps and handlers, and its whole timeline. */
    async caseView(id: string, who: Caller) {
      const event = await readable(id, who, true);
      const [timeline, openTasks] = await Promise.all([
        db.timelineEntry.findMany({ where: { eventId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
        event.processInstanceKey
          ? db.inboxTask.findMany({ where: { processInstanceKey: event.processInstanceKey, state: 'OPEN' } })
          : [],
      ]);
      // Units and people by name rather than id: those the timeline and the open steps name.
      const unitIds = new Set<string>([event.gridId]);
      const userIds = new Set<string>();
      for (const e of timeline) {
        const detail = (e.detail ?? {}) as Record<string, unknown>;
        for (const id of [e.unitId, detail.againstUnit, detail.handlerOverride])
          if (typeof id === 'string') unitIds.add(id);
        if (e.actorId) userIds.add(e.actorId);
      }
      for (const task of openTasks) {
        if (task.orgId) unitIds.add(task.orgId);
        if (task.assignee) userIds.add(task.assignee);
      }
      if (event.handlerUnitId) unitIds.add(event.handlerUnitId);
      const [units, people] = await Promise.all([
        db.org.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true } }),
        db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, displayName: true } }),
      ]);
      return {
        event,
        units: Object.fromEntries(units.map((u) => [u.id, u.name])),
        people: Object.fromEntries(people.map((u) => [u.id, u.displayName])),
        currentSteps: openTasks.map((task) => ({
          taskKey: task.key,
          elementId: task.elementId,
          name: task.name,
          unitId: task.orgId,
          assignee: task.assignee,
          dueDate: task.dueDate,
        })),
        timeline: timeline.map((e) => ({ ...e, id: String(e.id) })),
      };
    },

    /** 案件: the cases of the caller's area, filtered, sorted and paged by the database. */
    async list(query: EventListQuery, { ability }: Caller) {
      const { page, pageSize, sort, order } = query;
      const where: Prisma.EventWhereInput = {
        AND: [
          accessibleBy(ability, 'read').ofType('Event'),
          query.status ? { status: query.status } : {},
          query.category ? { categoryCode: query.category } : {},
          query.level ? { level: query.level } : {},
          query.urgency ? { urgency: query.urgency } : {},
        ],
      };
      const [total, items] = await db.$transaction([
        db.event.count({ where }),
        db.event.findMany({
          where,
          include: { category: { select: { name: true } } },
          orderBy: [{ [sort]: order }, { createdAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, page, pageSize, items };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
