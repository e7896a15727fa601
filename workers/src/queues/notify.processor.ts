/**
 * Queue `notifications`: one notice fanned out. A card writes an in-app Notification for the
 * task's assignee, else for every active user of the pressed unit; a message (alert, system
 * message) for the users it names. Both queue one `webhooks` job
 * per group robot configured on that unit or above it. Idempotent: notifications by
 * `<dedupKey>:<userId>`, webhook jobs by a job id from the same key.
 */
import type { Job } from 'bullmq';
import { jobIdFor, type CardNotice, type MessageNotice, type NoticeJob } from '../../../lib/queues';
import { noticeText } from '../../../lib/supervision';
import type { QueueDeps, WebhookJob } from './types';

export function notifyProcessor({ db, config, queues }: QueueDeps) {
  return async (job: Job<NoticeJob>) => {
    const n = job.data;
    const message = n.kind === 'ALERT' || n.kind === 'MESSAGE' ? (n as MessageNotice) : null;
    const card = message ? null : (n as CardNotice);
    const [task, unit] = await Promise.all([
      card?.taskKey
        ? db.inboxTask.findUnique({ where: { key: card.taskKey }, select: { assignee: true } })
        : null,
      db.org.findUnique({ where: { id: n.unitId }, select: { path: true } }),
    ]);
    const recipients = message
      ? message.userIds
      : task?.assignee
        ? [task.assignee]
        : (await db.user.findMany({ where: { orgId: n.unitId, active: true }, select: { id: true } })).map(
            (u) => u.id,
          );
    const { title, body } = message ?? noticeText(card!);
    await db.notification.createMany({
      data: recipients.map((userId) => ({
        userId,
        kind: n.kind,
        title,
        body,
        eventId: card?.eventId ?? null,
        taskKey: card?.taskKey ?? null,
        dedupKey: `${n.dedupKey}:${userId}`,
      })),
      skipDuplicates: true,
    });
    const robots = config.NOTIFY_WEBHOOKS.filter((r) => unit?.path.includes(`/${r.unitId}/`));
    await queues.webhook.addBulk(
      robots.map((r) => ({
        name: r.format,
        data: {
          unitId: r.unitId,
          format: r.format,
          title: title['zh-CN'],
          text: body['zh-CN'],
        } satisfies WebhookJob,
        opts: {
          jobId: jobIdFor(`${n.dedupKey}:${r.format}:${r.unitId}`),
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
