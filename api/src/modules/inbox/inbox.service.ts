import { accessibleBy } from '@casl/prisma';
import { subject } from '@casl/ability';
import type { InboxTask, Prisma } from '@prisma/client';
import { GRPC_NOT_FOUND, type ZeebeClient } from '../../../../lib/camunda';
import type { Db } from '../../../../lib/db';
import type { AppAbility, SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import { t } from '../../../../lib/i18n';
import { recordTimeline } from '../../../../lib/timeline';

export interface InboxQuery {
  view: 'todo' | 'done';
  page: number;
  pageSize: number;
  sort: 'dueDate' | 'createdAt' | 'completedAt' | 'priority';
  order: 'asc' | 'desc';
  process?: string;
  category?: string;
  /** A unit id: only tasks of that unit and the units below it. */
  unit?: string;
  overdue?: boolean;
}

/** Tasks without a due or completion date sort last; priority always has a value. */
function orderOf({ sort, order }: InboxQuery): Prisma.InboxTaskOrderByWithRelationInput {
  return sort === 'priority' || sort === 'createdAt'
    ? { [sort]: order }
    : { [sort]: { sort: order, nulls: 'last' } };
}

function overdueFilter(overdue: boolean | undefined): Prisma.InboxTaskWhereInput {
  if (overdue === undefined) return {};
  const now = new Date();
  return overdue ? { dueDate: { lt: now } } : { OR: [{ dueDate: null }, { dueDate: { gte: now } }] };
}

/** 退回 / 转办 / 申请延期: each is a completion with an outcome that the diagram routes. */
export type TaskAction =
  | { action: 'return'; reason: string }
  | { action: 'transfer'; unitId: string; reason: string }
  | { action: 'extension'; days: number; reason: string };

/** Which user tasks offer which actions (process id:element id). */
const OFFERED_ACTIONS: Record<string, TaskAction['action'][]> = {
  'event-handling:handle': ['return', 'transfer', 'extension'],
};

type Caller = { user: SessionUser; ability: AppAbility };

export function createInboxService(db: Db, zeebe: ZeebeClient) {
  async function load(key: string, { ability }: Caller, action: 'read' | 'complete' | 'claim' | 'update') {
    const task = await db.inboxTask.findUnique({ where: { key } });
    // A task the caller may not even read is reported as missing, so keys of other units leak nothing.
    if (!task || !ability.can('read', subject('InboxTask', task))) throw new HttpError(404, 'error.notFound');
    if (!ability.can(action, subject('InboxTask', task))) throw new HttpError(403, 'error.forbidden');
    return task;
  }

  return {
    /** 待办 (open tasks offered or assigned to the caller) and 已办 (tasks they completed), paged. */
    async list(query: InboxQuery, { user, ability }: Caller) {
      const where: Prisma.InboxTaskWhereInput = {
        AND: [
          accessibleBy(ability, 'read').ofType('InboxTask'),
          query.view === 'todo' ? { state: 'OPEN' } : { state: 'COMPLETED', completedById: user.id },
          query.process ? { bpmnProcessId: query.process } : {},
          query.category ? { category: query.category } : {},
          query.unit ? { orgPath: { contains: `/${query.unit}/` } } : {},
          overdueFilter(query.overdue),
        ],
      };
      const [total, items] = await db.$transaction([
        db.inboxTask.count({ where }),
        db.inboxTask.findMany({
          where,
          orderBy: [orderOf(query), { key: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      return { total, page: query.page, pageSize: query.pageSize, items };
    },

    get: (key: string, who: Caller) => load(key, who, 'read'),

    /** The Camunda Form of a task, as deployed with its diagram; null when the task has none. */
    async form(key: string, who: Caller) {
      const task = await load(key, who, 'read');
      const form = task.formKey ? await db.formDefinition.findUnique({ where: { key: task.formKey } }) : null;
      return { formId: form?.formId ?? null, schema: form?.schema ?? null, variables: task.variables };
    },

    async claim(key: string, who: Caller) {
      const task = await load(key, who, 'claim');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      // Conditional update: two people claiming at once, one wins.
      const { count } = await db.inboxTask.updateMany({
        where: { key, state: 'OPEN', OR: [{ assignee: null }, { assignee: who.user.id }] },
        data: { assignee: who.user.id },
      });
      if (count === 0) throw new HttpError(409, 'error.taskClaimed');
      // The first claim is the response time 签收及时率 measures; a later re-claim does not move it.
      await db.inboxTask.updateMany({ where: { key, claimedAt: null }, data: { claimedAt: new Date() } });
      return db.inboxTask.findUniqueOrThrow({ where: { key } });
    },

    async unclaim(key: string, who: Caller) {
      const task = await load(key, who, 'update');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      return db.inboxTask.update({ where: { key }, data: { assignee: null } });
    },

    async act(key: string, input: TaskAction, who: Caller) {
      const task = await load(key, who, 'complete');
      if (!OFFERED_ACTIONS[`${task.bpmnProcessId}:${task.elementId}`]?.includes(input.action)) {
        throw new HttpError(409, 'error.actionNotOffered');
      }
      if (input.action === 'transfer' && !(await db.org.findUnique({ where: { id: input.unitId } }))) {
        throw new HttpError(400, 'error.validation', [{ field: 'unitId', message: t('error.unknownUnit') }]);
      }
      const variables =
        input.action === 'transfer'
          ? { outcome: 'transfer', handlerOverride: input.unitId, reason: input.reason }
          : input.action === 'extension'
            ? { outcome: 'extension', extensionDays: input.days, reason: input.reason }
            : { outcome: 'return', reason: input.reason };
      return this.complete(key, variables, who);
    },

    /**
     * Completes the task in the engine first; the projection closes only once the engine
     * has accepted the completion, so a failure leaves the task open and retryable.
     */
    async complete(key: string, variables: Record<string, unknown>, who: Caller): Promise<InboxTask> {
      const task = await load(key, who, 'complete');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      try {
        await zeebe.completeJob({ jobKey: key, variables: variables as Record<string, never> });
      } catch (err) {
        if ((err as { code?: number }).code === GRPC_NOT_FOUND) {
          await db.inboxTask.updateMany({ where: { key, state: 'OPEN' }, data: { state: 'CANCELED' } });
          throw new HttpError(409, 'error.taskGone');
        }
        throw new HttpError(503, 'error.engineUnavailable');
      }
      const eventId = (task.variables as { eventId?: unknown }).eventId;
      if (typeof eventId === 'string') {
        await recordTimeline(db, {
          eventId,
          action: `completed:${task.elementId}`,
          dedupKey: `complete:${key}`,
          actorId: who.user.id,
          unitId: task.orgId,
          detail: { step: task.name, ...(variables as Prisma.InputJsonObject) },
        });
      }
      const now = new Date();
      return db.inboxTask.update({
        where: { key },
        data: {
          state: 'COMPLETED',
          completedAt: now,
          completedById: who.user.id,
          assignee: task.assignee ?? who.user.id,
          // Completing without claiming first is a claim at that moment.
          claimedAt: task.claimedAt ?? now,
        },
      });
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
