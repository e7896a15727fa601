import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Db } from './db';
import type { MessageKey } from './i18n';
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

/** Where robots may be called: the configured webhook hosts, https in production. */
export interface RobotPolicy {
  hosts: string[];
  httpsOnly: boolean;
  /** Tests only (the config refuses it elsewhere): loopback receivers stand in for the robots. */
  allowLoopback: boolean;
}

export const robotPolicy = (config: { ROBOT_ALLOWED_HOSTS: string[]; ROBOT_ALLOW_LOOPBACK: boolean }) => ({
  hosts: config.ROBOT_ALLOWED_HOSTS,
  httpsOnly: process.env.NODE_ENV === 'production',
  allowLoopback: config.ROBOT_ALLOW_LOOPBACK,
});

/** Ranges that are not the public internet (RFC 6890 and kin): never a robot's address. */
const special = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  special.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  special.addSubnet(net, bits, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An address and its family, an IPv4 address written as IPv6 (::ffff:10.0.0.1) as the IPv4 address it is. */
export function plainAddress(address: string): { ip: string; family: 'ipv4' | 'ipv6' } {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  const fromHex =
    hex && [hex[1], hex[2]].flatMap((h) => [parseInt(h, 16) >> 8, parseInt(h, 16) & 255]).join('.');
  const ip = dotted ?? fromHex ?? address;
  return { ip, family: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether a robot may be called at this IP address. */
function addressAllowed(address: string, policy: RobotPolicy): boolean {
  const { ip, family } = plainAddress(address);
  if (policy.allowLoopback && loopback.check(ip, family)) return true;
  return !special.check(ip, family);
}

/** Why a robot URL may not be called (the message key for the `url` field), or null. */
export async function robotUrlProblem(url: string, policy: RobotPolicy): Promise<MessageKey | null> {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'https:' && (policy.httpsOnly || protocol !== 'http:')) return 'error.robotUrlHttps';
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!policy.hosts.includes(host)) return 'error.robotUrlHost';
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => [],
      );
  if (!addresses.length) return 'error.robotUrlUnresolved';
  return addresses.every((a) => addressAllowed(a, policy)) ? null : 'error.robotUrlAddress';
}

/** A robot URL refused at delivery (the rules or the host's DNS changed since it was saved). */
export class RobotUrlRefused extends Error {
  constructor(readonly problem: MessageKey) {
    super(`robot URL refused: ${problem}`);
  }
}

/** A robot that answered but did not take the message: its HTTP status, nothing of its answer. */
export class RobotDeliveryFailed extends Error {
  constructor(readonly status: number) {
    super(`robot did not take the message (HTTP ${status})`);
  }
}

/**
 * Resolves as the connection is made and refuses a special address there: the address checked
 * is the address called, so a name re-pointed after the check (DNS rebinding) gets nowhere.
 */
const guardedLookup =
  (policy: RobotPolicy): LookupFunction =>
  (hostname, options, callback) => {
    lookup(hostname, { all: true }).then(
      (found) => {
        const refused = found.find((a) => !addressAllowed(a.address, policy));
        if (refused || !found.length) {
          callback(new RobotUrlRefused('error.robotUrlAddress'), '', 0);
          return;
        }
        if (options.all) (callback as unknown as (e: null, a: typeof found) => void)(null, found);
        else callback(null, found[0].address, found[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

/**
 * Posts one message to a robot, only where the policy allows, following no redirect. A non-2xx
 * answer or a robot's `errcode` other than 0 throws RobotDeliveryFailed with the status alone:
 * nothing the far end answered is passed on (an internal page must not leak through an admin's
 * test button), and never the URL (it carries the robot's key).
 */
export async function sendToRobot(
  robot: RobotTarget,
  message: { title: string; text: string },
  timeoutMs: number,
  policy: RobotPolicy,
): Promise<{ status: number }> {
  const problem = await robotUrlProblem(robot.url, policy);
  if (problem) throw new RobotUrlRefused(problem);
  const url = new URL(
    robot.format === 'dingtalk' && robot.secret ? signedDingTalkUrl(robot.url, robot.secret) : robot.url,
  );
  const body = JSON.stringify(robotMessage(robot.format, message.title, message.text));
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // Only the errcode is read from the answer; a huge answer is cut short.
          if ((size += chunk.length) <= 64 * 1024) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('robot did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status >= 300) throw new RobotDeliveryFailed(status);
  let answer: { errcode?: number } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Both robots answer JSON; a plain 2xx from a relay is taken as delivered.
  }
  if (answer.errcode !== undefined && answer.errcode !== 0) throw new RobotDeliveryFailed(status);
  return { status };
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
