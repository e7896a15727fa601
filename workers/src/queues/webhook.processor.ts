/**
 * Queue `webhooks`: posts one message to a WeCom (企业微信) or DingTalk group robot. The URL is
 * looked up in config at delivery, so robot keys never sit in Redis or bull-board. A non-2xx
 * answer or a robot's `errcode` other than 0 throws: BullMQ retries with exponential back-off
 * (WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_MS) and then leaves the job in the failed state.
 */
import { createHmac } from 'node:crypto';
import type { Job } from 'bullmq';
import type { QueueDeps, WebhookJob } from './types';

/** The robots' documented message bodies: markdown in both, field names differ. */
export function robotMessage(m: WebhookJob): unknown {
  return m.format === 'wecom'
    ? { msgtype: 'markdown', markdown: { content: `**${m.title}**\n${m.text}` } }
    : { msgtype: 'markdown', markdown: { title: m.title, text: `#### ${m.title}\n${m.text}` } };
}

/**
 * A DingTalk robot secured by 加签 takes `timestamp` (ms) and `sign` = Base64(HmacSHA256(secret,
 * "<timestamp>\n<secret>")) on its URL, and refuses a timestamp more than an hour off.
 */
export function signedDingTalkUrl(url: string, secret: string, now = Date.now()): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(now));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

export function webhookProcessor({ config }: QueueDeps) {
  return async (job: Job<WebhookJob>) => {
    const robot = config.NOTIFY_WEBHOOKS.find(
      (r) => r.unitId === job.data.unitId && r.format === job.data.format,
    );
    if (!robot) throw new Error(`no ${job.data.format} robot configured for ${job.data.unitId}`);
    const url =
      robot.format === 'dingtalk' && robot.secret ? signedDingTalkUrl(robot.url, robot.secret) : robot.url;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(robotMessage(job.data)),
      signal: AbortSignal.timeout(config.WEBHOOK_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`robot answered HTTP ${res.status}: ${text.slice(0, 200)}`);
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // Both robots answer JSON; a plain 2xx from a relay is taken as delivered.
    }
    if (answer.errcode !== undefined && answer.errcode !== 0) {
      throw new Error(`robot refused: ${answer.errcode} ${answer.errmsg ?? ''}`);
    }
    return { status: res.status };
  };
}
