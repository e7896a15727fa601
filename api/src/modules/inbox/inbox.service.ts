import { subject } from '@casl/ability';
import type { InboxTask, Prisma } from '@prisma/client';
import {
  EngineError,
  EngineUnavailableError,
  VariableTypeError,
  type ProcessEngine,
  type Variables,
} from '../../../../lib/engine/process-engine';
import { serialised } from '../../../../lib/engine/task-lock';
import type { Db } from '../../../../lib/db';
import { lockInboxRow, type FeedPosition } from '../../../../lib/engine/feed-position';
import { accessibleBy, candidateGroupsOf, type AppAbility, type SessionUser } from '../../abilities';
import { engineHttpError, fieldError, HttpError, parse } from '../../http/errors';
import { formContract, formFieldKeys, photoFieldKeys, protectedVariablesOf } from './form-contract';
import { checkStepPhotos, claimStepPhotos, type StepPhotos } from './step-photos';
import { t, tf } from '../../../../lib/i18n';
import { partiesWithoutConsent, usableConsents } from '../../../../loops/dispute-mediation/dispute-consents';
import { loopOfProcess } from '../../../../loops';
import { checkPicked, nameableUnit, pickerOptions } from './form-pickers';
import { checkPetitionTarget } from '../../../../loops/petition/api/petition-target';
import { warningPlace } from '../../../../loops/early-warning/warning-place';
import { deadlineStateOf, deadlineWhere, type DeadlineState } from '../../../../lib/deadlines';
import { recordTimeline } from '../../../../lib/timeline';
import { barredPeople, overrideRolesOf, REPORTER, separationOf } from '../../../../lib/separation';
import type { WorkingCalendar } from '../../../../lib/calendar';
import { workingCalendar } from '../../../../lib/working-calendar';
import { deploymentBoundForms } from '../../../../lib/processes';
import { createTaskShares, refuseUnsigned, sharesTo } from './task-share.service';
import { caseCards, caseFilesOf, SENSITIVE_CARDS } from './case-cards';
import { createAuditLog } from '../audit/audit.service';

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
  step?: string;
  scope: 'all' | 'mine' | 'unit' | 'delegated' | 'area';
  /** true = past the due date (yellow or red), false = on time; or one deadline state. */
  overdue?: boolean | DeadlineState;
}

import type { ReadOnlyReason, TaskActionName } from './inbox.answers';
/** Tasks without a due or completion date sort last; priority always has a value. */
function orderOf({ sort, order }: InboxQuery): Prisma.InboxTaskOrderByWithRelationInput {
  return sort === 'priority' || sort === 'createdAt'
    ? { [sort]: order }
    : { [sort]: { sort: order, nulls: 'last' } };
}

/** The tasks in a deadline state now (true: yellow or red; false: on time). */
function overdueFilter(overdue: InboxQuery['overdue']): Prisma.InboxTaskWhereInput {
  if (overdue === undefined) return {};
  return deadlineWhere(overdue === true ? 'overdue' : overdue === false ? 'onTime' : overdue, new Date());
}

/** 退回 / 转办 / 申请延期: each is a completion with an outcome that the diagram routes. */
export type TaskAction =
  | { action: 'return'; reason: string }
  | { action: 'transfer'; unitId: string; reason: string }
  | { action: 'extension'; days: number; reason: string };

/** What a completion may have passed through for 撤回 to take it back: routing, not work. */
const ROUTING = new Set(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'userTask']);

/** Which user tasks offer which actions (process id:element id). */
const OFFERED_ACTIONS: Record<string, TaskAction['action'][]> = {
  'event-handling:handle': ['return', 'transfer', 'extension'],
  'petition:handle': ['extension'],
};

type Caller = { user: SessionUser; ability: AppAbility };

/**
 * 待办 is the work a person may act on: offered to their unit or roles, claimed by them, or
 * delegated by them. What they may only read (a supervisor's whole area, an admin's everything)
 * is asked for by name (scope 'area'), never offered as work they would be refused.
 */
function todoScope(user: SessionUser, scope: InboxQuery['scope']): Prisma.InboxTaskWhereInput {
  switch (scope) {
    case 'mine':
      return { OR: [{ assignee: user.id }, { delegatedById: user.id }] };
    case 'unit':
      return { orgId: user.orgId };
    case 'delegated':
      return { assignee: user.id, delegatedById: { not: null } };
    case 'area':
      // Everything the caller may read: a supervisor follows their area's work (read-only there).
      return {};
    default:
      return {
        OR: [
          { candidateGroups: { hasSome: candidateGroupsOf(user) } },
          { assignee: user.id },
          { delegatedById: user.id },
        ],
      };
  }
}

/** A completion's own entry in the case timeline: what the person chose (outcome, verified, …). */
const completionKey = (key: string) => `complete:${key}`;

/**
 * What a choice in a form needs besides the form's required fields: the fields the form shows
 * (and form-js requires) only after that choice, which the contract alone cannot require:
 * 本级无法解决 needs its reason, 核查 不通过 (verified false) says what was not done.
 */
const CHOICE_FIELDS: Record<string, Record<string, string[]>> = {
  outcome: { cannotResolve: ['reason'] },
  verified: { false: ['verifyComment'] },
};

const offeredActions = (task: InboxTask) => OFFERED_ACTIONS[`${task.bpmnProcessId}:${task.elementId}`] ?? [];

/** The case a task belongs to, by the variable its process keeps: an event, or a dispute. */
const caseIdOf = (task: InboxTask, name: 'eventId' | 'disputeId') => {
  const id = (task.variables as Record<string, unknown>)[name];
  return typeof id === 'string' ? id : null;
};
const eventIdOf = (task: InboxTask) => caseIdOf(task, 'eventId');

/** The deadline state and the working days left (negative: overdue by that many), counted on the working calendar. */
function deadlineOf(task: InboxTask, calendar: WorkingCalendar, now: Date) {
  const deadlineState = task.dueDate ? deadlineStateOf(task, now) : null;
  const workingDaysLeft = task.dueDate ? calendar.workingDaysBetween(now, task.dueDate) : null;
  return { deadlineState, workingDaysLeft };
}

/** The engine's answer as the caller's error: gone, taken by someone else, refused, or unavailable. */
function engineFailure(err: unknown): never {
  if (err instanceof HttpError) throw err;
  if (err instanceof VariableTypeError) throw fieldError('variables', t('error.badVariable'));
  if (err instanceof EngineError) {
    if (err.status === 404) throw new HttpError(409, 'error.taskGone');
    // The engine answers a claim of a task someone else holds with 500 (TaskAlreadyClaimedException).
    if (err.type === 'TaskAlreadyClaimedException' || /already claimed/i.test(err.message))
      throw new HttpError(409, 'error.taskClaimed');
    if (err.status === 400) throw new HttpError(409, 'error.taskNotOpen');
  }
  if (err instanceof EngineUnavailableError || err instanceof EngineError)
    throw engineHttpError(err, 'variables');
  throw err;
}

/** How many versions × steps of forms (and versions of diagrams) one API process keeps. */
const KEPT_FORMS = 500;

export function createInboxService(db: Db, engine: ProcessEngine, feed: FeedPosition) {
  const keptForms = new Map<string, NonNullable<Parameters<typeof formContract>[0]>>();
  const boundByVersion = new Map<string, Set<string>>();
  const shares = createTaskShares(db);
  const audit = createAuditLog(db);
  /** One engine call on a task, serialised with every other change to it, its failure mapped. */
  const onTask = <T>(key: string, change: () => Promise<T>) =>
    serialised(db, `task:${key}`, change).catch(engineFailure);

  /**
   * One engine call that moves a task's assignee, then the inbox row moved the same way when it
   * still matches `where`, both serialised with every other change to the task: the row takes
   * the newest feed row of the task as `assigneeSeq`, so the feed consumer never puts back an
   * assignee from a snapshot older than this answer (one claim and unclaim apart, a consumer's
   * late batch once showed the claim again, and the authorisation matrix saw a 200 where the
   * task was no longer the caller's). Under the consumer's lock for the task, like its fold.
   * Returns how many rows matched (0: someone moved it meanwhile).
   */
  const moveAssignee = (
    key: string,
    engineCall: () => Promise<unknown>,
    where: Prisma.InboxTaskWhereInput,
    data: Prisma.InboxTaskUpdateManyMutationInput,
  ) =>
    onTask(key, async () => {
      await engineCall();
      // Without the engine's database the row is still written; only the guard is lost.
      const seq = await feed.newestRow(key).catch(() => 0n);
      return db.$transaction(async (tx) => {
        await lockInboxRow(tx, key);
        const current = await tx.inboxTask.findUnique({ where: { key }, select: { assigneeSeq: true } });
        const known = BigInt(current?.assigneeSeq ?? '0');
        const { count } = await tx.inboxTask.updateMany({
          where: { key, ...where },
          data: { ...data, assigneeSeq: String(seq > known ? seq : known) },
        });
        return count;
      });
    });

  /** The API claims for the person before acting, so the engine records who did it. */
  async function claimFor(key: string, userId: string) {
    const task = await engine.task(key);
    if (task.assignee === userId) return;
    if (task.assignee) await engine.setAssignee(key, userId);
    else await engine.claim(key, userId);
  }

  /** Four eyes: who the loop's rule bars from this task (user id → the earlier step or `reporter`). */
  async function barredOf(task: InboxTask) {
    if (!separationOf(task.bpmnProcessId, task.elementId).length) return new Map<string, string>();
    return barredPeople({ db, engine }, task).catch(engineFailure);
  }

  /**
   * Four eyes: the earlier step (or `reporter`) that bars the person from this task, or null; null
   * too when a supervisor allowed them this task (准予例外).
   */
  async function barredBy(task: InboxTask, userId: string) {
    const step = (await barredOf(task)).get(userId) ?? null;
    if (!step) return null;
    const allowed = await db.separationOverride.findUnique({
      where: { taskKey_userId: { taskKey: task.key, userId } },
      select: { id: true },
    });
    return allowed ? null : step;
  }

  /** Whether the caller may allow a barred person this task: a role the loop names, over the task's unit. */
  const mayPermit = (task: InboxTask, who: Caller) =>
    task.state === 'OPEN' &&
    who.user.roles.some((r) => overrideRolesOf(task.bpmnProcessId).includes(r)) &&
    who.ability.can('permit', subject('InboxTask', task));

  /** Whom the rule bars from the task, by name, and whether a supervisor already allowed them it. */
  async function permitsOf(task: InboxTask) {
    const barred = await barredOf(task).catch(() => new Map<string, string>());
    if (!barred.size) return [];
    const [people, allowed] = await Promise.all([
      db.user.findMany({
        where: { id: { in: [...barred.keys()] } },
        select: { id: true, displayName: true },
      }),
      db.separationOverride.findMany({ where: { taskKey: task.key }, select: { userId: true } }),
    ]);
    return people.map((p) => ({
      userId: p.id,
      name: p.displayName,
      // The earlier step's name; null for the reporter.
      step: barred.get(p.id) === REPORTER ? null : barred.get(p.id)!,
      permitted: allowed.some((a) => a.userId === p.id),
    }));
  }

  /** The event whose timeline a task's case keeps: its own, or the one a dispute was handed over from. */
  async function timelineEventOf(task: InboxTask) {
    const disputeId = caseIdOf(task, 'disputeId');
    if (eventIdOf(task) || !disputeId) return eventIdOf(task);
    return (
      (await db.dispute.findUnique({ where: { id: disputeId }, select: { eventId: true } }))?.eventId ?? null
    );
  }

  async function refuseBarred(task: InboxTask, userId: string) {
    const step = await barredBy(task, userId);
    if (step === REPORTER) throw new HttpError(403, 'error.fourEyesReporter');
    if (step) throw new HttpError(403, 'error.fourEyes', [], { message: tf('error.fourEyes', { step }) });
  }

  async function load(
    key: string,
    { ability, user }: Caller,
    action: 'read' | 'complete' | 'claim' | 'update' | 'delegate' | 'resolve' | 'recall',
  ) {
    const task = await db.inboxTask.findUnique({ where: { key } });
    // A task the caller may not even read is reported as missing, so keys of other units leak
    // nothing; one shared with them (抄送, 加签) they may read.
    const own = !!task && ability.can('read', subject('InboxTask', task));
    const shared = !!task && !own && action === 'read' && (await sharesTo(db, key, user.id)).length > 0;
    if (!task || !(own || shared)) throw new HttpError(404, 'error.notFound');
    if (shared) return task;
    if (action === 'complete' && task.delegatedById && task.state === 'OPEN')
      throw new HttpError(409, 'error.taskDelegated');
    if (!ability.can(action, subject('InboxTask', task))) throw new HttpError(403, 'error.forbidden');
    if ((action === 'claim' || action === 'complete') && task.state === 'OPEN')
      await refuseBarred(task, user.id);
    // 加签: the task waits for every co-signer.
    if (action === 'complete' && task.state === 'OPEN') await refuseUnsigned(db, key);
    return task;
  }

  /**
   * The card of the task's case for its drawer; a key person's or a petition's is a read of a
   * sensitive record, audited like opening the file.
   */
  async function cardOf(task: InboxTask, who: Caller) {
    const card = (await caseCards(db, [task]))(task);
    const sensitive = card && SENSITIVE_CARDS[card.kind];
    if (card && sensitive)
      await audit.record({
        by: who.user.id,
        ...sensitive,
        subjectId: card.id,
        detail: { via: 'task', taskKey: task.key },
      });
    return card;
  }

  /** Whether the caller works on the task: may claim or complete it. */
  const worksOn = (task: InboxTask, who: Caller) =>
    (['claim', 'complete'] as const).some((a) => who.ability.can(a, subject('InboxTask', task)));

  /** A task the caller works on (may claim or complete): what 抄送 and 加签 need. */
  async function loadWorked(key: string, who: Caller) {
    const task = await load(key, who, 'read');
    if (!worksOn(task, who)) throw new HttpError(403, 'error.forbidden');
    if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
    if (task.delegatedById) throw new HttpError(409, 'error.taskDelegated');
    return task;
  }

  /**
   * Moves an open task from one assignee to another in the engine (`engineCall`), then in the
   * inbox, only if nobody moved it meanwhile.
   */
  async function reassign(
    task: InboxTask,
    engineCall: () => Promise<unknown>,
    data: { assignee: string; delegatedById: string | null },
    timeline: { action: string; actorId: string; detail: Prisma.InputJsonObject },
  ) {
    const at = new Date();
    // Guarded by the delegation, which only the API writes: an assignee read a moment ago
    // proves nothing, and the engine has already accepted the call.
    const count = await moveAssignee(
      task.key,
      engineCall,
      { state: 'OPEN', delegatedById: task.delegatedById },
      data,
    );
    if (count === 0) throw new HttpError(409, 'error.taskClaimed');
    const eventId = eventIdOf(task);
    if (eventId) {
      await recordTimeline(db, {
        eventId,
        action: timeline.action,
        dedupKey: `${timeline.action}:${task.key}:${at.getTime()}`,
        at,
        actorId: timeline.actorId,
        unitId: task.orgId,
        detail: { step: task.name, ...timeline.detail },
      });
    }
    return db.inboxTask.findUniqueOrThrow({ where: { key: task.key } });
  }

  async function claim(key: string, who: Caller) {
    const task = await load(key, who, 'claim');
    if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
    // Conditional update: two people claiming at once, one wins. The first claim is the response
    // time 签收及时率 measures; a later re-claim does not move it.
    const count = await moveAssignee(
      key,
      () => (task.assignee === who.user.id ? Promise.resolve() : engine.claim(key, who.user.id)),
      { state: 'OPEN', OR: [{ assignee: null }, { assignee: who.user.id }] },
      { assignee: who.user.id, claimedAt: task.claimedAt ?? new Date() },
    );
    if (count === 0) throw new HttpError(409, 'error.taskClaimed');
    return db.inboxTask.findUniqueOrThrow({ where: { key } });
  }

  return {
    /** 待办 (open tasks offered or assigned to the caller) and 已办 (tasks they completed), paged. */
    async list(query: InboxQuery, who: Caller) {
      const { user, ability } = who;
      // A unit filter names a unit like 转办 does: one the caller may name, or a 400 naming the field.
      if (query.unit) await nameableUnit(db, 'unit', query.unit, who);
      const where: Prisma.InboxTaskWhereInput = {
        AND: [
          accessibleBy(ability, 'read').ofType('InboxTask'),
          query.view === 'todo'
            ? { state: 'OPEN', ...todoScope(user, query.scope) }
            : { state: 'COMPLETED', completedById: user.id },
          query.process ? { bpmnProcessId: query.process } : {},
          query.step ? { elementId: query.step } : {},
          query.category ? { category: query.category } : {},
          query.unit ? { orgPath: { contains: `/${query.unit}/` } } : {},
          overdueFilter(query.overdue),
        ],
      };
      // The calendar does not depend on the page: read both at once on the inbox's hot path.
      const [calendar, [total, items]] = await Promise.all([
        workingCalendar(db),
        db.$transaction([
          db.inboxTask.count({ where }),
          db.inboxTask.findMany({
            where,
            orderBy: [orderOf(query), { key: 'asc' }],
            skip: (query.page - 1) * query.pageSize,
            take: query.pageSize,
          }),
        ]),
      ]);
      // One read after another: a page's few extra reads must not each take a connection from the
      // pool the whole API shares (under load, parallel reads per request starved other requests).
      const units = await db.org.findMany({
        where: { id: { in: [...new Set(items.flatMap((i) => (i.orgId ? [i.orgId] : [])))] } },
        select: { id: true, name: true },
      });
      const cardOf = await caseCards(db, items);
      const cards = await db.supervisionCard.groupBy({
        by: ['caseId', 'kind'],
        where: { caseId: { in: [...new Set(items.flatMap((i) => i.caseId ?? []))] } },
        _count: { _all: true },
      });
      const completions =
        query.view === 'done'
          ? await db.timelineEntry.findMany({
              where: { dedupKey: { in: items.map((i) => completionKey(i.key)) } },
              select: { dedupKey: true, detail: true },
            })
          : [];
      const assignees = await db.user.findMany({
        where: { id: { in: [...new Set(items.flatMap((i) => (i.assignee ? [i.assignee] : [])))] } },
        select: { id: true, displayName: true },
      });
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const assigneeName = new Map(assignees.map((u) => [u.id, u.displayName]));
      const detailOf = new Map(completions.map((c) => [c.dedupKey, c.detail as Record<string, unknown>]));
      const now = new Date();
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: items.map((task) => {
          const detail = detailOf.get(completionKey(task.key));
          return {
            ...task,
            unitName: task.orgId ? (unitName.get(task.orgId) ?? null) : null,
            // 签收人: who holds it, by name.
            assigneeName: task.assignee ? (assigneeName.get(task.assignee) ?? null) : null,
            ...deadlineOf(task, calendar, now),
            eventId: eventIdOf(task),
            // The case at a glance, whatever the loop: person and risk, parties and stage, petitioner and clocks.
            caseCard: cardOf(task),
            // 催办/督办 and yellow/red cards the case has had, by kind: the row's badge.
            cards: Object.fromEntries(
              cards
                .filter((c) => task.caseId && c.caseId === task.caseId)
                .map((c) => [c.kind, c._count._all]),
            ),
            // 已办: what the person chose (the outcome of 处置, 核查 passed or not, …).
            outcome: detail
              ? {
                  outcome: typeof detail.outcome === 'string' ? detail.outcome : null,
                  verified: typeof detail.verified === 'boolean' ? detail.verified : null,
                }
              : null,
          };
        }),
      };
    },

    /** 待办's steps (element id and name) with their counts, for the step filter. */
    async steps(who: Caller) {
      const rows = await db.inboxTask.groupBy({
        by: ['bpmnProcessId', 'elementId', 'name'],
        where: {
          AND: [
            accessibleBy(who.ability, 'read').ofType('InboxTask'),
            { state: 'OPEN' },
            todoScope(who.user, 'all'),
          ],
        },
        _count: { _all: true },
        orderBy: [{ bpmnProcessId: 'asc' }, { elementId: 'asc' }],
      });
      return {
        items: rows.map((r) => ({
          bpmnProcessId: r.bpmnProcessId,
          elementId: r.elementId,
          name: r.name,
          count: r._count._all,
        })),
      };
    },

    /**
     * The deployed processes by the name their diagram gives them (the BPMN process `name`),
     * latest version each, for the inbox's process filter and column.
     */
    async processNames({ ability }: Caller) {
      const definitions = await db.processDefinition.findMany({
        where: accessibleBy(ability, 'read').ofType('ProcessDefinition'),
        orderBy: [{ bpmnProcessId: 'asc' }, { version: 'desc' }],
        distinct: ['bpmnProcessId'],
        select: { bpmnProcessId: true, version: true, elementNames: true },
      });
      return {
        items: definitions.map(({ bpmnProcessId, version, elementNames }) => ({
          bpmnProcessId,
          version,
          name: (elementNames as Record<string, string>)[bpmnProcessId] ?? bpmnProcessId,
        })),
      };
    },

    /** One task, with what the caller may do with it and the case it belongs to. */
    async get(key: string, who: Caller) {
      const task = await load(key, who, 'read');
      const open = task.state === 'OPEN';
      // Delegation decides first: a delegated task is given back or recalled, never completed or
      // delegated again; one not delegated has nothing to give back or recall (an admin's
      // 'manage all' included).
      const delegated = task.delegatedById !== null;
      const may = (action: 'complete' | 'delegate' | 'resolve' | 'recall') =>
        open &&
        delegated === (action === 'resolve' || action === 'recall') &&
        who.ability.can(action, subject('InboxTask', task));
      // Four eyes: a step the caller may not do offers them neither 签收 nor 完成.
      const barred = open ? await barredBy(task, who.user.id).catch(() => null) : null;
      const canAct = may('complete') && !barred;
      // One read of the task's shares: what the caller received, what they asked, what everyone sees.
      const shared = await shares.of(key);
      const received = shared.filter((r) => r.toUserId === who.user.id);
      const unread = received.filter((r) => r.kind === 'COPY' && !r.doneAt);
      if (unread.length) {
        await shares.markRead(key, who.user.id);
        unread.forEach((r) => (r.doneAt = new Date()));
      }
      const works = open && !delegated && !barred && worksOn(task, who);
      const [people, calendar] = await Promise.all([
        db.user.findMany({
          where: { id: { in: [task.assignee, task.delegatedById].filter((id): id is string => !!id) } },
          select: { id: true, displayName: true },
        }),
        workingCalendar(db),
      ]);
      const nameOf = (id: string | null) => people.find((p) => p.id === id)?.displayName ?? null;
      const when = (cond: boolean, ...names: TaskActionName[]) => (cond ? names : []);
      // 准予例外: whom the rule bars here, for a supervisor who may allow one of them this task.
      const permits = mayPermit(task, who) ? await permitsOf(task) : null;
      const actions = [
        ...when(canAct, 'complete', ...offeredActions(task)),
        ...when(may('delegate'), 'delegate'),
        ...when(may('resolve'), 'resolve'),
        ...when(may('recall'), 'recall'),
        // 签收 an offered task nobody holds; 取消签收 one's own claim.
        ...when(
          open && !task.assignee && !barred && who.ability.can('claim', subject('InboxTask', task)),
          'claim',
        ),
        ...when(open && !delegated && task.assignee === who.user.id, 'unclaim'),
        ...when(works, 'copy'),
        ...when(canAct, 'cosign'),
        // 撤销加签: while a co-signer the caller asked has not signed.
        ...when(
          open &&
            task.assignee === who.user.id &&
            shared.some((r) => r.kind === 'COSIGN' && r.fromUserId === who.user.id && !r.doneAt),
          'cancelCosign',
        ),
        ...when(open && received.some((r) => r.kind === 'COSIGN' && !r.doneAt), 'sign'),
        ...when(await mayWithdraw(task, who.user.id), 'withdraw'),
        ...when(!!permits?.length, 'permit'),
      ];
      // Why a task offers nothing: ended, held by someone else, barred by four eyes, or only
      // followed (a supervisor's area).
      const readOnlyReason: ReadOnlyReason | null = actions.length
        ? null
        : received.length
          ? 'copied'
          : !open
            ? 'closed'
            : task.assignee && task.assignee !== who.user.id
              ? 'claimedByOther'
              : barred
                ? barred === REPORTER
                  ? 'fourEyesReporter'
                  : 'fourEyes'
                : 'notYours';
      return {
        ...task,
        ...deadlineOf(task, calendar, new Date()),
        eventId: eventIdOf(task),
        disputeId: caseIdOf(task, 'disputeId'),
        assigneeName: nameOf(task.assignee),
        delegatedByName: nameOf(task.delegatedById),
        actions,
        readOnlyReason,
        barredBy: barred === REPORTER ? null : barred,
        separation: permits,
        // A process without a page of its own (built in the designer or imported) opens on the generic case page.
        genericCase: !loopOfProcess(task.bpmnProcessId),
        shares: shared.map(({ fromUserId: _from, toUserId: _to, ...share }) => share),
        caseCard: await cardOf(task, who),
        files: await caseFilesOf(db, task, who),
      };
    },

    /** 抄送: copies an open task one works on to people who should know, for reading. */
    async copy(key: string, input: { userIds: string[]; note?: string }, who: Caller) {
      return shares.share(await loadWorked(key, who), 'COPY', input, who);
    },

    /** 加签: asks colleagues to co-sign before the caller completes; the caller holds the task meanwhile. */
    async cosign(key: string, input: { userIds: string[]; note?: string }, who: Caller) {
      // Not load(…, 'complete'): a second co-signer may be asked while the first has not signed.
      const task = await load(key, who, 'read');
      if (!who.ability.can('complete', subject('InboxTask', task)))
        throw new HttpError(403, 'error.forbidden');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      await refuseBarred(task, who.user.id);
      // A co-signer vouches for the step: four eyes bar them as they would bar doing it.
      const barred = await barredOf(task);
      for (const userId of new Set(input.userIds.filter((id) => barred.has(id))))
        if (await barredBy(task, userId)) throw fieldError('userIds', t('error.fourEyesCosign'));
      return shares.share(task, 'COSIGN', input, who, () =>
        task.assignee === who.user.id ? Promise.resolve() : claim(key, who),
      );
    },

    /**
     * 准予例外: a supervisor allows one person the loop's four eyes bar to do this task anyway, with
     * a reason. Audited and put on the case's timeline; 考评 counts it against the task's unit once
     * the person completes the task. 400 naming `userId` when the person is not barred here or is
     * the caller.
     */
    async permit(key: string, input: { userId: string; reason: string }, who: Caller) {
      const task = await load(key, who, 'read');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      if (!mayPermit(task, who)) throw new HttpError(403, 'error.forbidden');
      if (input.userId === who.user.id) throw fieldError('userId', t('error.permitSelf'));
      const step = (await barredOf(task)).get(input.userId);
      if (!step) throw fieldError('userId', t('error.permitNotBarred'));
      const person = await db.user.findUnique({ where: { id: input.userId }, select: { displayName: true } });
      const { count } = await db.separationOverride.createMany({
        data: [
          {
            taskKey: key,
            userId: input.userId,
            grantedById: who.user.id,
            barredBy: step,
            reason: input.reason,
          },
        ],
        skipDuplicates: true,
      });
      if (count) {
        const detail = {
          step: task.name,
          person: person?.displayName ?? '',
          barredBy: step === REPORTER ? t('fourEyes.reporter')['zh-CN'] : step,
          reason: input.reason,
        };
        await audit.record({
          by: who.user.id,
          action: 'task.separation.permit',
          subjectType: 'InboxTask',
          subjectId: key,
          detail: { ...detail, userId: input.userId, caseNo: task.caseNo },
        });
        const eventId = await timelineEventOf(task);
        if (eventId)
          await recordTimeline(db, {
            eventId,
            action: 'separation-permitted',
            dedupKey: `separation-permitted:${key}:${input.userId}`,
            actorId: who.user.id,
            unitId: task.orgId,
            detail,
          });
      }
      return { created: count };
    },

    /** 撤销加签: the asker takes back the co-signing nobody has done yet. */
    async cancelCosign(key: string, who: Caller) {
      const task = await load(key, who, 'read');
      if (task.assignee !== who.user.id) throw new HttpError(403, 'error.forbidden');
      return shares.cancelCosign(task, who);
    },

    /** A co-signer's opinion. */
    async sign(key: string, opinion: string, who: Caller) {
      return shares.sign(await load(key, who, 'read'), opinion, who);
    },

    /** 抄送我的 / 待我会签. */
    received: shares.received,

    /**
     * 撤回: the person who completed a step takes it back while the step it led to is still
     * unclaimed: the engine starts the step again (claimed for them, its values kept) and cancels
     * the steps it had led to. 409 naming why when the case has moved on.
     */
    async withdraw(key: string, who: Caller) {
      const task = await load(key, who, 'read');
      if (task.state !== 'COMPLETED') throw new HttpError(409, 'error.taskNotOpen');
      if (task.completedById !== who.user.id) throw new HttpError(403, 'error.withdrawNotYours');
      if (task.withdrawnAt) throw new HttpError(409, 'error.withdrawnAlready');
      const next = await nextSteps(task);
      // Each next step is locked like a claim of it, so a claim cannot land between the check and the move.
      const locked = (i: number): Promise<void> =>
        i === next.length
          ? withdrawNow(task, who)
          : serialised(db, `task:${next[i].id}`, () => locked(i + 1));
      await locked(0).catch(engineFailure);
      return db.inboxTask.findUniqueOrThrow({ where: { key } });
    },

    /**
     * 委派: the assignee hands the task to a colleague of their own unit or a unit below. The
     * engine's job stays active and untouched; the delegate works it and gives it back (resolve).
     */
    async delegate(key: string, input: { userId: string; reason?: string }, who: Caller) {
      const task = await load(key, who, 'delegate');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      if (input.userId === who.user.id) throw fieldError('userId', t('error.delegateToSelf'));
      const target = await db.user.findUnique({ where: { id: input.userId }, include: { org: true } });
      if (!target?.active) throw fieldError('userId', t('error.unknownUser'));
      if (!who.ability.can('assign', subject('Org', target.org)))
        throw fieldError('userId', t('error.userOutsideScope'));
      if (await barredBy(task, target.id)) throw fieldError('userId', t('error.fourEyesDelegate'));
      return reassign(
        task,
        async () => {
          await claimFor(key, who.user.id);
          await engine.delegate(key, target.id);
        },
        { assignee: target.id, delegatedById: who.user.id },
        {
          action: 'delegated',
          actorId: who.user.id,
          detail: { to: target.displayName, toUserId: target.id, reason: input.reason ?? '' },
        },
      );
    },

    /** The delegate gives the task back, with what they did; the delegator completes it. */
    async resolve(key: string, result: string, who: Caller) {
      const task = await load(key, who, 'resolve');
      if (task.state !== 'OPEN' || !task.delegatedById) throw new HttpError(409, 'error.taskNotOpen');
      return reassign(
        task,
        () => engine.resolve(key),
        { assignee: task.delegatedById, delegatedById: null },
        { action: 'delegation-resolved', actorId: who.user.id, detail: { result } },
      );
    },

    /** The delegator takes the task back before it is given back (the delegate is away, say). */
    async recall(key: string, who: Caller) {
      const task = await load(key, who, 'recall');
      // Only a delegated task is taken back: an admin (who may recall any task) must not use it to
      // take a task nobody delegated.
      if (task.state !== 'OPEN' || !task.delegatedById) throw new HttpError(409, 'error.taskNotOpen');
      // 收回 is the owner resolving the delegation: the task returns to them.
      return reassign(
        task,
        () => engine.resolve(key),
        { assignee: who.user.id, delegatedById: null },
        { action: 'delegation-recalled', actorId: who.user.id, detail: {} },
      );
    },

    /**
     * The Camunda Form of a task, as the engine deployed it with its diagram; null when the task
     * has none or has ended (the engine serves forms of open tasks only).
     */
    async form(key: string, who: Caller) {
      const task = await load(key, who, 'read');
      const schema = task.state === 'OPEN' ? ((await formOf(task)) as { id?: string } | null) : null;
      // Each step's fields start empty: the grid's 上报原因 is not the community's own reason. The
      // case's earlier handling is shown beside the form (the drawer's case summary), not in it.
      const own = formFieldKeys(schema);
      const variables = Object.fromEntries(
        Object.entries(task.variables as Record<string, unknown>).filter(([name]) => !own.has(name)),
      );
      // A unit or person field is a picker of what the caller may name (form-pickers.ts).
      Object.assign(variables, await pickerOptions(db, schema, who));
      return { formId: schema?.id ?? null, schema, variables };
    },

    claim,

    async unclaim(key: string, who: Caller) {
      const task = await load(key, who, 'update');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      await moveAssignee(key, () => engine.unclaim(key), {}, { assignee: null });
      return db.inboxTask.findUniqueOrThrow({ where: { key } });
    },

    async act(key: string, input: TaskAction, who: Caller) {
      const task = await load(key, who, 'complete');
      if (!offeredActions(task).includes(input.action)) {
        throw new HttpError(409, 'error.actionNotOffered');
      }
      if (input.action === 'transfer') await nameableUnit(db, 'unitId', input.unitId, who);
      const variables =
        input.action === 'transfer'
          ? { outcome: 'transfer', handlerOverride: input.unitId, reason: input.reason }
          : input.action === 'extension'
            ? { outcome: 'extension', extensionDays: input.days, reason: input.reason }
            : { outcome: 'return', reason: input.reason };
      return finish(task, variables, who);
    },

    /**
     * Completes a task with its form's fields and nothing else (form-contract.ts): unknown or
     * protected fields, wrong types, a missing required field or a unit the caller may not name
     * are a 400 naming the field, before anything is written.
     */
    async complete(key: string, variables: Record<string, unknown>, who: Caller): Promise<InboxTask> {
      const task = await load(key, who, 'complete');
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      const checked = await checkCompletion(task, variables, who);
      return finish(task, checked.variables, who, checked.photos);
    },
  };

  /**
   * The open steps a completion led to, from the engine (the feed may lag): those created after it.
   * 409 when there is nothing to take back: a later step was completed, the instance ended, the
   * completion led through automatic work (a worker's writes cannot be taken back with the token:
   * the event's unit and level, a notice sent), or the next step is not there yet.
   */
  async function nextSteps(task: InboxTask) {
    const later = await db.inboxTask.findFirst({
      where: {
        processInstanceId: task.processInstanceId,
        state: 'COMPLETED',
        completedAt: { gt: task.completedAt ?? new Date(0) },
      },
      select: { name: true },
    });
    if (later)
      throw new HttpError(409, 'error.withdrawMovedOn', [], {
        message: tf('error.withdrawMovedOn', { step: later.name }),
      });
    const instance = await engine.processInstance(task.processInstanceId).catch(() => null);
    if (!instance || instance.ended) throw new HttpError(409, 'error.withdrawEnded');
    const history = await engine.activityHistory(task.processInstanceId).catch(engineFailure);
    const own = history.find((a) => a.taskId === task.key);
    const endedAt = new Date(own?.endTime ?? task.completedAt ?? 0).getTime();
    const since = history.filter((a) => a !== own && new Date(a.startTime ?? 0).getTime() >= endedAt);
    const automated = since.find((a) => !ROUTING.has(a.activityType ?? ''));
    if (automated)
      throw new HttpError(409, 'error.withdrawAfterAutomation', [], {
        message: tf('error.withdrawAfterAutomation', {
          step: automated.activityName ?? automated.activityId ?? '',
        }),
      });
    const open = await engine.tasks({ processInstanceId: task.processInstanceId }).catch(engineFailure);
    const next = open.flatMap((n) => {
      const started = since.find((a) => a.taskId === n.id);
      return started ? [{ ...n, activityInstanceId: started.id }] : [];
    });
    if (!next.length) throw new HttpError(409, 'error.withdrawNothingNext');
    return next;
  }

  /** Under the next steps' locks: still unclaimed, then the move, then the step claimed for the person. */
  async function withdrawNow(task: InboxTask, who: Caller) {
    const next = await nextSteps(task);
    const claimed = next.find((n) => n.assignee);
    if (claimed) {
      const holder = await db.user.findUnique({
        where: { id: claimed.assignee! },
        select: { displayName: true },
      });
      throw new HttpError(409, 'error.withdrawClaimed', [], {
        message: tf('error.withdrawClaimed', { step: claimed.name ?? '', name: holder?.displayName ?? '' }),
      });
    }
    await engine.modifyInstance(task.processInstanceId, {
      skipCustomListeners: false,
      skipIoMappings: false,
      annotation: `withdrawn by ${who.user.id}`,
      instructions: [
        { type: 'startBeforeActivity', activityId: task.elementId },
        ...next.map((n) => ({ type: 'cancel' as const, activityInstanceId: n.activityInstanceId })),
      ],
    });
    const again = (
      await engine.tasks({ processInstanceId: task.processInstanceId, taskDefinitionKey: task.elementId })
    )[0];
    if (again?.id) await engine.claim(again.id, who.user.id);
    await db.inboxTask.update({ where: { key: task.key }, data: { withdrawnAt: new Date() } });
    const eventId = eventIdOf(task);
    if (eventId)
      await recordTimeline(db, {
        eventId,
        action: 'withdrawn',
        dedupKey: `withdrawn:${task.key}`,
        actorId: who.user.id,
        unitId: task.orgId,
        detail: { step: task.name, cancelled: next.map((n) => n.name ?? '').join('、') },
      });
  }

  /** Whether 撤回 is worth offering: the caller's own completion, and the next steps still unclaimed. */
  async function mayWithdraw(task: InboxTask, userId: string) {
    if (task.state !== 'COMPLETED' || task.completedById !== userId || task.withdrawnAt) return false;
    const next = await nextSteps(task).catch(() => []);
    return next.length > 0 && next.every((n) => !n.assignee);
  }

  /** An open task's form as the engine serves it (deployed with its diagram); null for a task without one. */
  /**
   * The Camunda Form of an open task as the engine deployed it; null when it has none or has
   * ended. A form bound to its diagram's deployment is kept per version and step (it cannot
   * change), which spares the engine a call on every completion; other bindings are asked anew.
   */
  async function formOf(task: InboxTask) {
    const kept = `${task.processDefinitionId}:${task.elementId}`;
    if (keptForms.has(kept)) return keptForms.get(kept)!;
    let form: Parameters<typeof formContract>[0];
    try {
      form = (await engine.deployedForm(task.key)) as typeof form;
    } catch (err) {
      if (err instanceof EngineError && err.status < 500) return null;
      throw new HttpError(503, 'error.engineUnavailable');
    }
    if (form && (await boundForms(task.processDefinitionId)).has(task.elementId)) {
      if (keptForms.size >= KEPT_FORMS) keptForms.clear();
      keptForms.set(kept, form);
    }
    return form;
  }
  async function boundForms(processDefinitionId: string) {
    let bound = boundByVersion.get(processDefinitionId);
    if (!bound) {
      bound = deploymentBoundForms(await engine.processDefinitionXml(processDefinitionId));
      if (boundByVersion.size >= KEPT_FORMS) boundByVersion.clear();
      boundByVersion.set(processDefinitionId, bound);
    }
    return bound;
  }

  /**
   * A mediation extension without every party's consent would be accepted and change nothing (the
   * `extend` worker keeps the limit): 409 naming the parties whose consent is missing.
   */
  async function extensionConsented(task: InboxTask, values: Record<string, unknown>) {
    const disputeId = caseIdOf(task, 'disputeId');
    if (task.bpmnProcessId !== 'dispute-mediation' || values.outcome !== 'extend' || !disputeId) return;
    const days = Math.max(1, Math.round(Number(values.extendDays) || 0));
    const dispute = await db.dispute.findUnique({ where: { id: disputeId } });
    if (!dispute) return;
    const { parties, consents } = await db.dispute.findUniqueOrThrow({
      where: { id: dispute.id },
      include: { parties: true, consents: usableConsents(dispute.stage, days) },
    });
    const missing = partiesWithoutConsent(parties, consents);
    if (missing.length)
      throw new HttpError(409, 'error.consentsMissing', [], {
        message: tf('error.consentsMissing', { parties: missing.map((p) => p.name).join('、') }),
        detail: { missingConsents: missing.map((p) => ({ partyId: p.id, name: p.name })) },
      });
  }

  async function checkCompletion(task: InboxTask, variables: Record<string, unknown>, who: Caller) {
    const form = await formOf(task);
    const values = parse(
      formContract(form, protectedVariablesOf(task.bpmnProcessId)),
      variables,
      'variables',
    ) as Record<string, unknown>;
    const missing = Object.entries(CHOICE_FIELDS)
      .flatMap(([name, needs]) => (name in values ? (needs[String(values[name])] ?? []) : []))
      .filter((f) => values[f] === undefined || values[f] === null || values[f] === '');
    if (missing.length)
      throw new HttpError(
        400,
        'error.validation',
        missing.map((f) => ({ field: `variables.${f}`, message: t('error.required') })),
      );
    await checkPicked(db, form, values, who);
    await extensionConsented(task, values);
    if (task.bpmnProcessId === 'petition' && task.elementId === 'decide')
      await checkPetitionTarget(db, values, who, 'variables.targetUnitId');
    if (task.bpmnProcessId === 'early-warning-review' && values.reviewDecision === 'openCase') {
      const warningId = (task.variables as Record<string, unknown>).warningId;
      if (typeof warningId === 'string' && !(await warningPlace(db, warningId))?.place)
        throw fieldError('variables.reviewDecision', t('error.warningNoPlace'));
    }
    // Photo fields name attachments, kept by the case rather than the engine.
    const photos: StepPhotos = {};
    for (const field of photoFieldKeys(form)) {
      if (Array.isArray(values[field])) photos[field] = values[field] as string[];
      delete values[field];
    }
    await checkStepPhotos(db, eventIdOf(task), photos, who.user.id);
    return {
      variables: Object.fromEntries(
        Object.entries(values).filter(([, v]) => v !== undefined && v !== null),
      ) as Variables,
      photos,
    };
  }

  /**
   * Gives the task to the person and completes it in the engine first (one engine transaction:
   * the engine records who held the step, which four eyes reads). Only then Zhizhi's own
   * records: if they fail, the engine has moved on and the feed brings the next step and closes
   * this one regardless, so the case is never stuck; if the engine refuses, nothing was written.
   */
  async function finish(
    task: InboxTask,
    variables: Variables,
    who: Caller,
    photos: StepPhotos = {},
  ): Promise<InboxTask> {
    const { key } = task;
    // Dated before the engine moves on, so it precedes what the next steps' workers record.
    const at = new Date();
    await onTask(key, () => engine.completeAs(key, who.user.id, variables));
    const eventId = eventIdOf(task);
    if (eventId) {
      await claimStepPhotos(db, eventId, photos, who.user.id);
      await recordTimeline(db, {
        eventId,
        action: `completed:${task.elementId}`,
        dedupKey: completionKey(key),
        at,
        actorId: who.user.id,
        unitId: task.orgId,
        // The photos' ids, so the entry shows them (处置后照片) where it is read.
        detail: { step: task.name, ...(variables as Prisma.InputJsonObject), ...photos },
      });
    }
    const now = new Date();
    // 准予例外 used: the finding 考评 counts.
    await db.separationOverride.updateMany({
      where: { taskKey: key, userId: who.user.id, usedAt: null },
      data: { usedAt: now },
    });
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
  }
}

export type InboxService = ReturnType<typeof createInboxService>;
