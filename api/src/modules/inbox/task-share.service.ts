/**
 * 抄送 and 加签: a task shown to people besides those who work it. 抄送 copies it for reading (to
 * colleagues, the units below, or the leaders above); 加签 asks colleagues of one's unit or below to
 * co-sign with an opinion, and the task cannot be completed until each has signed. Neither moves the
 * engine's task: the shares are Zhizhi's own rows, read beside the task.
 */
import { subject } from '@casl/ability';
import type { InboxTask, Prisma, TaskShareKind } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { t, tf } from '../../../../lib/i18n';
import { CASE_READER_ROLES } from '../../../../lib/roles';
import { recordTimeline } from '../../../../lib/timeline';
import type { AppAbility, SessionUser } from '../../abilities';
import { fieldError, HttpError } from '../../http/errors';

type Caller = { user: SessionUser; ability: AppAbility };

/** The shares of a task the person received: what lets them read it. */
export const sharesTo = (db: Db, taskKey: string, userId: string) =>
  db.taskShare.findMany({ where: { taskKey, toUserId: userId } });

/** 409 naming who has not yet co-signed, when anyone has not. */
export async function refuseUnsigned(db: Db, taskKey: string) {
  const pending = await db.taskShare.findMany({
    where: { taskKey, kind: 'COSIGN', doneAt: null },
    select: { toUser: { select: { displayName: true } } },
  });
  if (pending.length)
    throw new HttpError(409, 'error.cosignPending', [], {
      message: tf('error.cosignPending', { people: pending.map((p) => p.toUser.displayName).join('、') }),
    });
}

/** The case's timeline entry of a share, for the loops whose cases keep one (events). */
async function onTimeline(
  db: Db,
  task: InboxTask,
  action: string,
  dedupKey: string,
  actorId: string,
  detail: Prisma.InputJsonObject,
) {
  const eventId = (task.variables as Record<string, unknown>).eventId;
  if (typeof eventId !== 'string') return;
  await recordTimeline(db, {
    eventId,
    action,
    dedupKey,
    actorId,
    unitId: task.orgId,
    detail: { step: task.name, ...detail },
  });
}

export function createTaskShares(db: Db) {
  /**
   * The people a share may reach: active, not the caller; 加签 within the units the caller may
   * assign, 抄送 also the units above the task's (a leader kept informed). Each refusal names
   * `userIds`.
   */
  async function recipients(task: InboxTask, kind: TaskShareKind, userIds: string[], who: Caller) {
    const ids = [...new Set(userIds)];
    if (ids.includes(who.user.id)) throw fieldError('userIds', t('error.shareToSelf'));
    const people = await db.user.findMany({
      where: { id: { in: ids }, active: true },
      include: { org: true },
    });
    if (people.length !== ids.length) throw fieldError('userIds', t('error.unknownUser'));
    for (const person of people) {
      // 三员分立: a share gives case content, so it reaches only people who work cases.
      if (!person.roles.some((r) => CASE_READER_ROLES.includes(r)))
        throw fieldError('userIds', t('error.shareNotCaseWorker'));
      const below = who.ability.can('assign', subject('Org', person.org));
      const above = kind === 'COPY' && !!task.orgPath?.startsWith(person.org.path);
      if (!below && !above) throw fieldError('userIds', t('error.shareOutsideScope'));
    }
    return people;
  }

  return {
    /**
     * Shares an open task the caller works on (they may claim or complete it). The same person
     * twice is one share: a request that adds nobody answers `created: 0`.
     */
    async share(
      task: InboxTask,
      kind: TaskShareKind,
      input: { userIds: string[]; note?: string },
      who: Caller,
      /** What the share needs done once its recipients are known good (加签 claims the task). */
      before?: () => Promise<unknown>,
    ) {
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      const people = await recipients(task, kind, input.userIds, who);
      await before?.();
      const { count } = await db.taskShare.createMany({
        data: people.map((p) => ({
          kind,
          taskKey: task.key,
          fromUserId: who.user.id,
          toUserId: p.id,
          note: input.note || null,
        })),
        skipDuplicates: true,
      });
      if (count) {
        const action = kind === 'COPY' ? 'copied' : 'cosign-asked';
        await onTimeline(db, task, action, `${action}:${task.key}:${Date.now()}`, who.user.id, {
          people: people.map((p) => p.displayName).join('、'),
          note: input.note ?? '',
        });
      }
      return { created: count, unchanged: people.length - count };
    },

    /**
     * The asker takes back the co-signing they asked for and nobody has signed yet (a co-signer who
     * is away would otherwise hold the task): `cancelled: 0` when there was none.
     */
    async cancelCosign(task: InboxTask, who: Caller) {
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      const pending = await db.taskShare.findMany({
        where: { taskKey: task.key, kind: 'COSIGN', fromUserId: who.user.id, doneAt: null },
        include: { toUser: { select: { displayName: true } } },
      });
      const { count } = await db.taskShare.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });
      if (count)
        await onTimeline(
          db,
          task,
          'cosign-cancelled',
          `cosign-cancelled:${task.key}:${Date.now()}`,
          who.user.id,
          {
            people: pending.map((p) => p.toUser.displayName).join('、'),
          },
        );
      return { cancelled: count };
    },

    /** A co-signer signs with their opinion, once. */
    async sign(task: InboxTask, opinion: string, who: Caller) {
      if (task.state !== 'OPEN') throw new HttpError(409, 'error.taskNotOpen');
      const share = await db.taskShare.findUnique({
        where: { taskKey_kind_toUserId: { taskKey: task.key, kind: 'COSIGN', toUserId: who.user.id } },
      });
      if (!share) throw new HttpError(403, 'error.cosignNotAsked');
      const { count } = await db.taskShare.updateMany({
        where: { id: share.id, doneAt: null },
        data: { doneAt: new Date(), opinion },
      });
      if (!count) throw new HttpError(409, 'error.cosignDone');
      await onTimeline(db, task, 'cosigned', `cosigned:${share.id}`, who.user.id, { opinion });
      return { signed: true };
    },

    /** A 抄送 counts as read the first time its recipient opens the task. */
    markRead: (taskKey: string, userId: string) =>
      db.taskShare.updateMany({
        where: { taskKey, toUserId: userId, kind: 'COPY', doneAt: null },
        data: { doneAt: new Date() },
      }),

    /** Who the task was shared with (by whom, to whom), for the people who work it and those it was shared with. */
    async of(taskKey: string) {
      const rows = await db.taskShare.findMany({
        where: { taskKey },
        orderBy: { createdAt: 'asc' },
        include: { fromUser: { select: { displayName: true } }, toUser: { select: { displayName: true } } },
      });
      return rows.map((r) => ({
        kind: r.kind,
        fromUserId: r.fromUserId,
        toUserId: r.toUserId,
        fromName: r.fromUser.displayName,
        toName: r.toUser.displayName,
        note: r.note,
        opinion: r.opinion,
        createdAt: r.createdAt,
        doneAt: r.doneAt,
      }));
    },

    /** 抄送我的 / 待我会签: the shares one received, unread or unsigned first, newest first. */
    async received(
      query: { kind: TaskShareKind; state: 'open' | 'done' | 'all'; page: number; pageSize: number },
      who: Caller,
    ) {
      const where: Prisma.TaskShareWhereInput = {
        toUserId: who.user.id,
        kind: query.kind,
        ...(query.state === 'all' ? {} : { doneAt: query.state === 'open' ? null : { not: null } }),
      };
      const [total, rows] = await db.$transaction([
        db.taskShare.count({ where }),
        db.taskShare.findMany({
          where,
          orderBy: [{ doneAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          include: {
            fromUser: { select: { displayName: true } },
            task: {
              select: {
                name: true,
                state: true,
                caseNo: true,
                caseKind: true,
                caseId: true,
                bpmnProcessId: true,
                dueDate: true,
              },
            },
          },
        }),
      ]);
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          taskKey: r.taskKey,
          fromName: r.fromUser.displayName,
          note: r.note,
          opinion: r.opinion,
          createdAt: r.createdAt,
          doneAt: r.doneAt,
          taskName: r.task.name,
          taskState: r.task.state,
          caseNo: r.task.caseNo,
          caseKind: r.task.caseKind,
          caseId: r.task.caseId,
          bpmnProcessId: r.task.bpmnProcessId,
          dueDate: r.task.dueDate,
        })),
      };
    },
  };
}

export type TaskShares = ReturnType<typeof createTaskShares>;
