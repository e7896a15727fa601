/**
 * Where 舆情 items enter: a feed polled (the workers' job, or an administrator's 立即抓取) or a
 * vendor's webhook. Both clean each item, match it against the district's active rules and keep
 * it once: an item whose hash is already kept is skipped, so polling the same feed again adds nothing.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Db } from '../db';
import { plainAddress } from '../robots';
import { cleanItem, type RawItem } from './opinion-text';
import { FeedError, parseFeed } from './opinion-feed';
import { matchItem } from './opinion-match';

/** A feed larger than this is refused whole, not read in part. */
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface IntakeResult {
  received: number;
  created: number;
  matched: number;
}

/** The district's active rules and the places they may require, as items are matched against them. */
const matchingContext = (db: Db) =>
  Promise.all([
    db.opinionRule.findMany({ where: { active: true } }),
    db.org.findMany({
      where: { retiredAt: null, type: { in: ['STREET', 'COMMUNITY'] } },
      select: { id: true, name: true },
    }),
  ]);

export async function keepItems(db: Db, sourceId: string, raw: RawItem[]): Promise<IntakeResult> {
  const cleaned = raw.map(cleanItem).filter((i) => i !== null);
  const unique = [...new Map(cleaned.map((i) => [i.hash, i])).values()];
  if (!unique.length) return { received: raw.length, created: 0, matched: 0 };
  const [rules, places] = await matchingContext(db);
  const created = await db.opinionItem.createManyAndReturn({
    data: unique.map((i) => ({ ...i, sourceId, ...matchItem(`${i.title}\n${i.body}`, rules, places) })),
    skipDuplicates: true,
    select: { matched: true },
  });
  return { received: raw.length, created: created.length, matched: created.filter((c) => c.matched).length };
}

/** How far back a change of the rules reads the items again. */
export const REMATCH_DAYS = 30;

/**
 * After the district changed its rules: the items of the last REMATCH_DAYS days not triaged yet are
 * matched again, so new matches join the list and items no longer matching leave it; a triaged item
 * keeps what it was triaged as. Each changed item is written with the state it was read in (NEW),
 * so one triaged meanwhile is left alone. Returns how many joined and left the list.
 */
export async function rematchItems(db: Db, now = new Date()) {
  const [rules, places] = await matchingContext(db);
  const items = await db.opinionItem.findMany({
    where: { status: 'NEW', fetchedAt: { gte: new Date(now.getTime() - REMATCH_DAYS * 86_400_000) } },
    select: { id: true, title: true, body: true, matched: true, matchedWords: true, matchedRules: true },
  });
  let joined = 0;
  let left = 0;
  for (const item of items) {
    const match = matchItem(`${item.title}\n${item.body}`, rules, places);
    const same =
      match.matched === item.matched &&
      match.matchedRules.join() === item.matchedRules.join() &&
      match.matchedWords.join() === item.matchedWords.join();
    if (same) continue;
    const { count } = await db.opinionItem.updateMany({ where: { id: item.id, status: 'NEW' }, data: match });
    if (count && match.matched !== item.matched)
      [joined, left] = match.matched ? [joined + 1, left] : [joined, left + 1];
  }
  return { joined, left };
}

/** Where the server itself answers: this host, unspecified and link-local (a cloud's metadata service). */
const internal = new BlockList();
internal.addSubnet('0.0.0.0', 8, 'ipv4');
internal.addSubnet('127.0.0.0', 8, 'ipv4');
internal.addSubnet('169.254.0.0', 16, 'ipv4');
internal.addAddress('::', 'ipv6');
internal.addAddress('::1', 'ipv6');
internal.addSubnet('fe80::', 10, 'ipv6');

export interface FeedPolicy {
  /** Tests only (OPINION_FEED_ALLOW_LOOPBACK): their feed server is on 127.0.0.1. */
  allowLoopback: boolean;
}

/**
 * A feed may be on the internet or the district's own network (政务外网 monitoring platforms are),
 * never on the server's host or a link-local address: an administrator's URL must not make the
 * server read its own engine, Redis or a cloud's metadata. Checked again on every redirect.
 */
async function checkFeedUrl(url: URL, policy: FeedPolicy) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedError('refusedAddress');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => [],
      );
  if (!addresses.length) throw new FeedError('unreachable');
  for (const a of addresses) {
    const { ip, family } = plainAddress(a);
    const loopback = ip === '::1' || ip.startsWith('127.');
    if (internal.check(ip, family) && !(policy.allowLoopback && loopback))
      throw new FeedError('refusedAddress');
  }
}

const MAX_REDIRECTS = 3;

/** The feed's bytes, refused past FEED_MAX_BYTES however the server announces its length. */
async function fetchFeed(start: string, policy: FeedPolicy): Promise<string> {
  let res: Response | undefined;
  let url = new URL(start);
  for (let hop = 0; ; hop++) {
    await checkFeedUrl(url, policy);
    try {
      res = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        headers: { accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' },
      });
    } catch {
      throw new FeedError('unreachable');
    }
    const next = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!next) break;
    await res.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new FeedError('unreachable');
    url = new URL(next, url);
  }
  if (!res.ok || !res.body) throw new FeedError('unreachable');
  if (Number(res.headers.get('content-length') ?? 0) > FEED_MAX_BYTES) {
    await res.body.cancel();
    throw new FeedError('tooLarge');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new FeedError('unreachable');
    });
    if (done) break;
    size += value.byteLength;
    if (size > FEED_MAX_BYTES) {
      await reader.cancel();
      throw new FeedError('tooLarge');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * Polls one feed now. The source keeps when it was polled and why it failed; a failed poll keeps
 * nothing of the feed.
 */
export async function pollSource(db: Db, source: { id: string; url: string | null }, policy: FeedPolicy) {
  try {
    if (!source.url) throw new FeedError('unreachable');
    const result = await keepItems(db, source.id, parseFeed(await fetchFeed(source.url, policy)));
    await db.opinionSource.update({
      where: { id: source.id },
      data: { lastPolledAt: new Date(), lastError: null },
    });
    return { ...result, error: null };
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    await db.opinionSource.update({
      where: { id: source.id },
      data: { lastPolledAt: new Date(), lastError: err.reason },
    });
    return { received: 0, created: 0, matched: 0, error: err.reason };
  }
}

/**
 * Every active feed whose interval has passed, each claimed first (its lastPolledAt moved on only
 * if nobody else moved it), so several workers processes poll a feed once.
 */
export async function pollDueSources(db: Db, now: Date, policy: FeedPolicy) {
  const sources = await db.opinionSource.findMany({ where: { active: true, kind: 'rss' } });
  const polled: string[] = [];
  for (const s of sources) {
    if (s.lastPolledAt && s.lastPolledAt.getTime() + s.intervalMinutes * 60_000 > now.getTime()) continue;
    const { count } = await db.opinionSource.updateMany({
      where: { id: s.id, lastPolledAt: s.lastPolledAt },
      data: { lastPolledAt: now },
    });
    if (!count) continue;
    await pollSource(db, s, policy);
    polled.push(s.id);
  }
  return { polled };
}
