/**
 * Queue `notifications`, two jobs.
 * `notice`: one notice fanned out. An alert, reminder or system message (a MessageNotice, or a
 * notice that brings its own text) becomes an in-app Notification at once. A card is kept for the
 * period's digest of the task's assignee, else of every active user of the pressed unit
 * (PendingNotice), and schedules that
 * person's digest for the end of the period (one delayed job per person and period, by job id),
 * and queues one `webhooks` job per active group robot (GroupRobot) of that unit or a unit above it.
 * `digest`: folds a person's waiting notices into one Notification whose lines each link to
 * their case or task, and marks them, in one transaction.
 * Idempotent: notices by `<dedupKey>:<userId>`, digests by `digest:<userId>:<period start>`,
 * webhook jobs by a job id from the card's key.
 */
import type { Job } from 'bullmq';
import type { Prisma } from '@prisma/client';
import {
  jobIdFor,
  type CardNotice,
  type DigestJob,
  type MessageNotice,
  type NoticeJob,
} from '../../../lib/queues';
import type { Localized } from '../../../lib/i18n';
import { digestOf, noticeText, type DigestItem } from '../../../lib/supervision';
import type { QueueDeps, WebhookJob } from './types';

export function notifyProcessor({ db, config, queues }: QueueDeps) {
  /** A card waits for its period's digest: kept per person, that person's digest job scheduled once. */
  async function keepForDigest(n: CardNotice, recipients: string[], body: Localized) {
    await db.pendingNotice.createMany({
      data: recipients.map((userId) => ({
        userId,
        kind: n.kind,
        text: body,
        eventId: n.eventId ?? null,
        caseNo: n.caseNo ?? null,
        taskKey: n.taskKey ?? null,
        dedupKey: `${n.dedupKey}:${userId}`,
      })),
      skipDuplicates: true,
    });
    const period = config.NOTICE_DIGEST_MS;
    const now = Date.now();
    const periodStart = Math.floor(now / period) * period;
    await queues.notify.addBulk(
      recipients.map((userId) => ({
        name: 'digest',
        data: { userId, periodStart } satisfies DigestJob,
        opts: {
          jobId: jobIdFor(`digest:${userId}:${periodStart}`),
          delay: periodStart + period - now,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: false,
        },
      })),
    );
  }

  async function notice(n: NoticeJob) {
    const message = n.kind === 'ALERT' || n.kind === 'MESSAGE' ? (n as MessageNotice) : null;
    const card = message ? null : (n as CardNotice);
    const [task, unit] = await Promise.all([
      card?.taskKey
        ? db.inboxTask.findUnique({ where: { key: card.taskKey }, select: { assignee: true } })
        : null,
      db.org.findUnique({ where: { id: n.unitId }, select: { path: true } }),
    ]);
    const { title, body } = message ?? noticeText(card!);
    const recipients = message
      ? message.userIds
      : task?.assignee
        ? [task.assignee]
        : (await db.user.findMany({ where: { orgId: n.unitId, active: true }, select: { id: true } })).map(
            (u) => u.id,
          );
    if (message || card?.text) {
      // An alert (a key person at risk, a dispute at high risk), a reminder or a system message is
      // not a supervision card: it is told at once, not kept for the period's digest.
      await db.notification.createMany({
        data: recipients.map((userId) => ({
          userId,
          kind: n.kind,
          title,
          body,
          path: message?.path ?? null,
          dedupKey: `${n.dedupKey}:${userId}`,
        })),
        skipDuplicates: true,
      });
    } else {
      await keepForDigest(card!, recipients, body);
    }
    // The robots of the pressed unit and of every unit above it (the ids along its path).
    const robots = unit
      ? await db.groupRobot.findMany({
          where: { active: true, unitId: { in: unit.path.split('/').filter(Boolean) } },
          select: { id: true, format: true },
        })
      : [];
    await queues.webhook.addBulk(
      robots.map((r) => ({
        name: r.format,
        data: { robotId: r.id, title: title['zh-CN'], text: body['zh-CN'] } satisfies WebhookJob,
        opts: {
          jobId: jobIdFor(`${n.dedupKey}:robot:${r.id}`),
          attempts: config.WEBHOOK_ATTEMPTS,
          backoff: { type: 'exponential', delay: config.WEBHOOK_BACKOFF_MS },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: false,
        },
      })),
    );
    return { recipients: recipients.length, robots: robots.length };
  }

  /** Every notice the person has waiting (a late one of an earlier period included), as one notification. */
  async function digest({ userId, periodStart }: DigestJob) {
    return db.$transaction(async (tx) => {
      const waiting = await tx.pendingNotice.findMany({
        where: { userId, digestedAt: null },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      if (!waiting.length) return { items: 0 };
      const items: DigestItem[] = waiting.map((w) => ({
        kind: w.kind,
        caseNo: w.caseNo,
        eventId: w.eventId,
        taskKey: w.taskKey,
        text: w.text as DigestItem['text'],
      }));
      const d = digestOf(items);
      await tx.notification.createMany({
        data: [
          {
            userId,
            kind: d.kind,
            title: d.title,
            body: d.body,
            eventId: d.eventId,
            taskKey: d.taskKey,
            items: items as unknown as Prisma.InputJsonValue,
            dedupKey: `digest:${userId}:${periodStart}`,
          },
        ],
        skipDuplicates: true,
      });
      await tx.pendingNotice.updateMany({
        where: { id: { in: waiting.map((w) => w.id) } },
        data: { digestedAt: new Date() },
      });
      return { items: items.length };
    });
  }

  return async (job: Job<NoticeJob | DigestJob>) =>
    job.name === 'digest' ? digest(job.data as DigestJob) : notice(job.data as NoticeJob);
}
