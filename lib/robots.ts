import { createHmac } from 'node:crypto';
import type { Db } from './db';
import type { SecretBox } from './secret-box';

export type RobotFormat = 'wecom' | 'dingtalk';
export interface RobotTarget {
  format: RobotFormat;
  url: string;
  /** DingTalk's 加签 secret (SEC…), when the robot's security setting is signing. */
  secret?: string | null;
}

/** The robots' documented message bodies: markdown in both, field names differ. */
export function robotMessage(format: RobotFormat, title: string, text: string): unknown {
  return format === 'wecom'
    ? { msgtype: 'markdown', markdown: { content: `**${title}**\n${text}` } }
    : { msgtype: 'markdown', markdown: { title, text: `#### ${title}\n${text}` } };
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

/**
 * Posts one message to a robot. A non-2xx answer or a robot's `errcode` other than 0 throws with
 * what the robot said (never the URL: it carries the robot's key).
 */
export async function sendToRobot(
  robot: RobotTarget,
  message: { title: string; text: string },
  timeoutMs: number,
): Promise<{ status: number }> {
  const url =
    robot.format === 'dingtalk' && robot.secret ? signedDingTalkUrl(robot.url, robot.secret) : robot.url;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(robotMessage(robot.format, message.title, message.text)),
    signal: AbortSignal.timeout(timeoutMs),
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
}

/** A stored robot with its URL and secret opened, for delivery only. */
export async function openRobot(db: Db, box: SecretBox, id: string) {
  const robot = await db.groupRobot.findUnique({ where: { id } });
  if (!robot) return null;
  return {
    ...robot,
    format: robot.format as RobotFormat,
    url: box.open(robot.urlSealed),
    secret: robot.secretSealed ? box.open(robot.secretSealed) : null,
  };
}
