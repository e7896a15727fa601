/**
 * Queue `notifications`: one notice (a card) fanned out. Writes an in-app Notification for the
 * task's assignee, else for every active user of the pressed unit, and queues one `webhooks` job
 * per active group robot (GroupRobot) of that unit or a unit above it. Idempotent: notifications by
 * `<dedupKey>:<userId>`, webhook jobs by a job id from the same key.
 */
import type { Job } from 'bullmq';
import { jobIdFor, type NoticeJob } from '../../../lib/queues';
import { noticeText } from '../../../lib/supervision';
import type { QueueDeps, WebhookJob } from './types';

export function notifyProcessor({ db, config, queues }: QueueDeps) {
  return async (job: Job<NoticeJob>) => {
    const n = job.data;
    const [task, unit] = await Promise.all([
      n.taskKey ? db.inboxTask.findUnique({ where: { key: n.taskKey }, select: { assignee: true } }) : null,
      db.org.findUnique({ where: { id: n.unitId }, select: { path: true } }),
    ]);
    const recipients = task?.assignee
      ? [task.assignee]
      : (await db.user.findMany({ where: { orgId: n.unitId, active: true }, select: { id: true } })).map(
          (u) => u.id,
        );
    const { title, body } = noticeText(n);
    await db.notification.createMany({
      data: recipients.map((userId) => ({
        userId,
        kind: n.kind,
        title,
        body,
        eventId: n.eventId ?? null,
        taskKey: n.taskKey ?? null,
        dedupKey: `${n.dedupKey}:${userId}`,
      })),
      skipDuplicates: true,
    });
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
  };
}
