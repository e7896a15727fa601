import { eventHandlingLoop } from '../loop';
import { createHash } from 'node:crypto';
import { subject } from '@casl/ability';
import { Prisma, type EventLevel, type EventStatus, type Urgency } from '@prisma/client';
import { EngineError, type ProcessEngine } from '../../../lib/engine/process-engine';
import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import { nextCaseNo } from '../../../lib/case-no';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { objectOf } from '../../../lib/json';
import { eventLinks } from './events.answers';
import { recordTimeline } from '../../../lib/timeline';
import { pathFromHistory } from '../../../lib/case-path';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import { locateGrid } from '../../../lib/grid-location';
import { deadlineStateOf } from '../../../lib/deadlines';
import { maySupervise } from '../../../api/src/modules/supervision/may-supervise';
import { requestReopen } from './reopen-request';
import { namedRoom } from '../../base-data/api/building-link';

export interface NewEvent {
  category: string;
  urgency: 'URGENT' | 'NORMAL';
  gridId?: string;
  /** Required unless a building is named: then the building's standard address (and room) stands in. */
  address?: string;
  /** The building and room of the address base (#27) it happened at; the case keeps the link. */
  buildingId?: string;
  roomId?: string;
  latitude?: number;
  longitude?: number;
  description: string;
  reporterName?: string;
  attachments: { name: string; url: string }[];
  /** Photos and videos uploaded first (POST /api/attachments) by the reporter. */
  attachmentIds: string[];
  /** The phone's id for a draft written offline: the same reporter's second send is a replay. */
  clientRef?: string;
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
  /** 我上报的: only the caller's own reports. */
  mine?: boolean;
  /** Search: a case number, or words of the address, the reporter's name or the description. */
  q?: string;
  /** Reported at or after, before (ISO 8601). */
  from?: string;
  to?: string;
}

/** The list's filters as one where clause, within what the caller may read (lists, search, export). */
export function eventListWhere(
  query: Omit<EventListQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
  { user, ability }: Caller,
): Prisma.EventWhereInput {
  const q = query.q?.trim();
  return {
    AND: [
      accessibleBy(ability, 'read').ofType('Event'),
      query.status ? { status: query.status } : {},
      query.category ? { categoryCode: query.category } : {},
      query.level ? { level: query.level } : {},
      query.urgency ? { urgency: query.urgency } : {},
      query.mine ? { reporterId: user.id } : {},
      query.from ? { createdAt: { gte: new Date(query.from) } } : {},
      query.to ? { createdAt: { lt: new Date(query.to) } } : {},
      q
        ? {
            OR: [
              { caseNo: { contains: q, mode: 'insensitive' } },
              { address: { contains: q, mode: 'insensitive' } },
              { reporterName: { contains: q, mode: 'insensitive' } },
              { description: { contains: q, mode: 'insensitive' } },
            ],
          }
        : {},
    ],
  };
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

/**
 * The building (and room) an event is reported at, checked to exist and to lie in the reporter's
 * area (its community or grid under the reporter's unit): a 400 naming the field otherwise.
 */
async function placeOf(db: Db, input: Pick<NewEvent, 'buildingId' | 'roomId'>, scopePath: string) {
  if (!input.buildingId && !input.roomId) return null;
  const room = await namedRoom(db, input);
  const building = room?.building ?? (await db.building.findUnique({ where: { id: input.buildingId! } }));
  const inScope = (path: string | null | undefined) => !!path && path.startsWith(scopePath);
  if (!building || building.retiredAt || !(inScope(building.orgPath) || inScope(building.gridPath)))
    throw fieldError(
      input.roomId && !input.buildingId ? 'roomId' : 'buildingId',
      t('error.buildingNotInArea'),
    );
  return {
    buildingId: building.id,
    roomId: room?.id ?? null,
    gridId: building.gridId,
    address: room
      ? `${building.address}${room.unitNo ? `${room.unitNo}单元` : ''}${room.roomNo}`
      : building.address,
  };
}

/** An event the caller may read; one outside their scope is reported missing. */
export async function readableEvent(db: Db, id: string, { ability, user }: Caller, withCategory = false) {
  const event = await db.event.findUnique({ where: { id }, include: { category: withCategory } });
  if (!event) throw new HttpError(404, 'error.notFound');
  if (ability.can('read', subject('Event', event))) return event;
  // A delegate (委派) may be outside the case's area; they read it while they hold one of its tasks.
  const delegated =
    event.processInstanceId &&
    (await db.inboxTask.count({
      where: {
        AND: [
          accessibleBy(ability, 'resolve').ofType('InboxTask'),
          { processInstanceId: event.processInstanceId, state: 'OPEN' },
        ],
      },
    }));
  // So may whoever one of its tasks was copied to or co-signed by (抄送, 加签).
  const shared =
    !delegated &&
    event.processInstanceId &&
    (await db.taskShare.count({
      where: { toUserId: user.id, task: { processInstanceId: event.processInstanceId } },
    }));
  if (!delegated && !shared) throw new HttpError(404, 'error.notFound');
  return event;
}

export function createEventsService(db: Db, engine: ProcessEngine, options: { reopenWindowHours: number }) {
  const readable = (id: string, who: Caller, withCategory = false) =>
    readableEvent(db, id, who, withCategory);

  return {
    readable: (id: string, who: Caller) => readable(id, who),

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
      const clientRef = reporter.userId ? input.clientRef : undefined;
      const sent = async () =>
        clientRef
          ? db.event.findUnique({
              where: { reporterId_clientRef: { reporterId: reporter.userId!, clientRef } },
            })
          : null;
      const before = await sent();
      if (before) return { ...before, replayed: true as boolean };
      const place = await placeOf(db, input, reporter.scopePath);
      const address = input.address ?? place?.address;
      if (!address) throw fieldError('address', t('error.required'));
      // The grid the location falls in (point in polygon within the reporter's area), as the
      // reporter was shown it; they confirm it or choose another (gridId), and both are kept.
      const located =
        input.latitude !== undefined && input.longitude !== undefined
          ? await locateGrid(db, reporter.scopePath, input.latitude, input.longitude)
          : null;
      const gridId = input.gridId ?? place?.gridId ?? located?.id;
      if (!gridId)
        throw fieldError(
          'gridId',
          t(input.latitude === undefined ? 'error.gridOrLocation' : 'error.noGridHere'),
        );
      const [category, grid] = await Promise.all([
        db.eventCategory.findFirst({ where: { code: input.category, active: true } }),
        db.org.findUnique({
          where: { id: gridId },
          include: { parent: { include: { parent: true } } },
        }),
      ]);
      if (!category) throw fieldError('category', t('error.unknownCategory'));
      if (!grid || grid.type !== 'GRID' || grid.retiredAt || !grid.parent?.parent?.parentId)
        throw fieldError('gridId', t('error.notAGrid'));
      if (!grid.path.startsWith(reporter.scopePath)) throw fieldError('gridId', t('error.outsideScope'));
      const attachmentIds = [...new Set(input.attachmentIds)];
      if (attachmentIds.length && !reporter.userId)
        throw fieldError('attachmentIds', t('error.channelAttachments'));

      const chain = {
        communityId: grid.parent.id,
        streetId: grid.parent.parent.id,
        districtId: grid.parent.parent.parentId,
      };
      const event = await db
        .$transaction(async (tx) => {
          const caseNo = await nextCaseNo(db, 'SJ', undefined, tx);
          const created = await tx.event.create({
            data: {
              caseNo,
              categoryCode: category.code,
              urgency: input.urgency,
              source: reporter.source,
              gridId: grid.id,
              gridPath: grid.path,
              address,
              buildingId: place?.buildingId,
              roomId: place?.roomId,
              latitude: input.latitude,
              longitude: input.longitude,
              locatedGridId: located?.id,
              description: input.description,
              reporterId: reporter.userId,
              reporterName: input.reporterName ?? reporter.name,
              clientRef,
              attachments: input.attachments,
            },
          });
          await recordTimeline(tx, {
            eventId: created.id,
            action: 'reported',
            dedupKey: `reported:${created.id}`,
            actorId: reporter.userId,
            unitId: reporter.unitId,
            detail: { source: reporter.source, ...(located ? { locatedGridId: located.id } : {}) },
          });
          if (attachmentIds.length) {
            // Only the reporter's own uploads that no report has claimed yet; else nothing is written.
            const { count } = await tx.attachment.updateMany({
              where: { id: { in: attachmentIds }, uploadedById: reporter.userId!, eventId: null },
              data: { eventId: created.id },
            });
            if (count !== attachmentIds.length)
              throw fieldError('attachmentIds', t('error.attachmentNotYours'));
          }
          await queueStart(tx, {
            caseKind: 'EVENT',
            caseId: created.id,
            processKey: eventHandlingLoop.processId,
            businessKey: caseNo,
            variables: {
              eventId: created.id,
              caseNo,
              category: created.categoryCode,
              urgency: created.urgency,
              gridId: grid.id,
              ...chain,
              level: 'GRID',
              reopenWindowHours: options.reopenWindowHours,
            },
          });
          return created;
        })
        .catch(async (err: unknown) => {
          // The same draft sent twice at once: the second waits on the first's unique key.
          const unique = err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
          const first = unique ? await sent() : null;
          if (first) return Object.assign(first, { replayed: true });
          throw err;
        });
      if ('replayed' in event) return event;

      // No case without its cycle: the engine's refusal is the reporter's answer (the case is taken
      // back); an engine that is away starts it later (lib/engine-starts.ts).
      const started = await startAfterCommit(db, engine, event.id, (tx) =>
        tx.event.delete({ where: { id: event.id } }),
      );
      return { ...event, ...started, replayed: false as boolean };
    },

    /** The managed category list a reporter chooses from (the codes the dispatch table matches). */
    categories: () => db.eventCategory.findMany({ where: { active: true }, orderBy: { code: 'asc' } }),

    /**
     * 重办: the reporter reopens an archived case within its window. The engine buffers no
     * messages, so the message goes only to an instance that waits for it; otherwise 409 says
     * why: the case is not archived yet, it was reopened already, or the window has closed.
     */
    async reopen(id: string, reason: string, { user, ability }: Caller) {
      const event = await db.event.findUnique({ where: { id } });
      if (!event || !ability.can('read', subject('Event', event))) throw new HttpError(404, 'error.notFound');
      if (!ability.can('reopen', subject('Event', event))) throw new HttpError(403, 'error.forbidden');
      await requestReopen(db, engine, event, { reason, actorId: user.id });
      return { id: event.id, caseNo: event.caseNo, reopenRequested: true };
    },

    /**
     * The diagram version the case runs on, its current steps (active) and the path it took
     * (completed elements and flows) from the engine's history, for the bpmn-js viewer.
     */
    async diagram(id: string, who: Caller) {
      const event = await readable(id, who);
      const definition = event.processDefinitionId
        ? await db.processDefinition.findUnique({ where: { id: event.processDefinitionId } })
        : null;
      if (!definition?.xml || !event.processInstanceId) throw new HttpError(404, 'error.noDiagram');
      let history;
      try {
        history = await engine.activityHistory(event.processInstanceId);
      } catch (err) {
        if (err instanceof EngineError) throw new HttpError(404, 'error.noDiagram');
        throw new HttpError(503, 'error.engineUnavailable');
      }
      const path = pathFromHistory(
        definition.xml,
        history.map((a) => ({
          activityId: a.activityId!,
          startTime: a.startTime!,
          endTime: a.endTime ?? null,
          canceled: a.canceled ?? false,
        })),
      );
      return {
        xml: definition.xml,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        ...path,
      };
    },

    /** The case view: the event, its open steps and handlers, and its whole timeline. */
    async caseView(id: string, who: Caller) {
      const event = await readable(id, who, true);
      const [timeline, openTasks, files] = await Promise.all([
        db.timelineEntry.findMany({ where: { eventId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
        event.processInstanceId
          ? db.inboxTask.findMany({
              where: { processInstanceId: event.processInstanceId, state: 'OPEN' },
              orderBy: { createdAt: 'asc' },
            })
          : [],
        db.attachment.findMany({
          where: { eventId: id },
          orderBy: { createdAt: 'asc' },
          select: { id: true, name: true, contentType: true, size: true, field: true },
        }),
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
      const [units, people, supervisable] = await Promise.all([
        db.org.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true } }),
        db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, displayName: true } }),
        event.status === 'OPEN' && maySupervise(db, who, openTasks, event.handlerUnitId),
      ]);
      const now = new Date();
      return {
        event: { ...event, attachments: eventLinks.catch([]).parse(event.attachments) },
        files,
        units: Object.fromEntries(units.map((u) => [u.id, u.name])),
        people: Object.fromEntries(people.map((u) => [u.id, u.displayName])),
        currentSteps: openTasks.map((task) => ({
          taskKey: task.key,
          elementId: task.elementId,
          name: task.name,
          unitId: task.orgId,
          assignee: task.assignee,
          dueDate: task.dueDate,
          deadlineState: deadlineStateOf(task, now),
        })),
        timeline: timeline.map((e) => ({ ...e, id: String(e.id), detail: objectOf(e.detail) })),
        maySupervise: supervisable,
      };
    },

    /**
     * 案件: the cases of the caller's area (or, with `mine`, their own reports; with `q`, those
     * matching a search), filtered, sorted and paged by the database, each with its open steps:
     * their names, the units holding them and where each stands against its deadline.
     */
    async list(query: EventListQuery, who: Caller) {
      const { page, pageSize, sort, order } = query;
      const where = eventListWhere(query, who);
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
      const instanceIds = items.flatMap((e) => (e.processInstanceId ? [e.processInstanceId] : []));
      const steps = await db.inboxTask.findMany({
        where: { processInstanceId: { in: instanceIds }, state: 'OPEN' },
        select: { processInstanceId: true, name: true, orgId: true, dueDate: true, redAt: true },
        orderBy: { createdAt: 'asc' },
      });
      const unitNames = new Map(
        (
          await db.org.findMany({
            where: { id: { in: [...new Set(steps.flatMap((s) => (s.orgId ? [s.orgId] : [])))] } },
            select: { id: true, name: true },
          })
        ).map((o) => [o.id, o.name]),
      );
      const now = new Date();
      return {
        total,
        page,
        pageSize,
        items: items.map((e) => ({
          ...e,
          currentSteps: steps
            .filter((s) => s.processInstanceId === e.processInstanceId)
            .map((s) => ({
              name: s.name,
              unitId: s.orgId,
              unitName: s.orgId ? unitNames.get(s.orgId) : null,
              deadlineState: deadlineStateOf(s, now),
            })),
        })),
      };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
