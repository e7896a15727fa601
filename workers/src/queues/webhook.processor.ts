/**
 * Queue `webhooks`: posts one message to a WeCom (企业微信) or DingTalk group robot. The robot is
 * read from the database at delivery and its sealed URL opened there, so robot keys never sit in
 * Redis or bull-board, and called only where the robot policy allows. A non-2xx answer or a robot's `errcode` other than 0 throws: BullMQ retries
 * with exponential back-off (WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_MS) and then leaves the job failed.
 * A robot removed or switched off since the job was queued is skipped.
 */
import type { Job } from 'bullmq';
import { openRobot, robotPolicy, sendToRobot } from '../../../lib/robots';
import { createSecretBox } from '../../../lib/secret-box';
import type { QueueDeps, WebhookJob } from './types';

export function webhookProcessor({ db, config }: QueueDeps) {
  const box = createSecretBox(config.SECRETS_KEY);
  const policy = robotPolicy(config);
  return async (job: Job<WebhookJob>) => {
    const robot = await openRobot(db, box, job.data.robotId);
    if (!robot?.active) return { skipped: true };
    return sendToRobot(robot, job.data, config.WEBHOOK_TIMEOUT_MS, policy);
  };
}
