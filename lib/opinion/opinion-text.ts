/**
 * What a 舆情 item may hold once it is kept: plain text without markup or control characters,
 * bounded, an http(s) link or none, a date PostgreSQL can store or none. Items come from feeds and
 * vendors nobody here controls, so everything in them is treated as hostile: the web shows the text
 * escaped, never as HTML.
 */
import { createHash } from 'node:crypto';

export const TITLE_MAX = 300;
export const BODY_MAX = 4000;
const LINK_MAX = 1000;

// NUL and the other control characters but tab and newline, and lone surrogates (PostgreSQL
// refuses NUL in text; the rest has no business in a headline).
const CONTROL =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Markup to its text: scripts and styles dropped with their content, tags removed, entities decoded. */
export function plainText(input: string, max: number): string {
  // Bounded before the regular expressions run, so a huge body costs no more than a short one.
  const text = input
    .slice(0, max * 20)
    .replace(/<(script|style|iframe|object|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*>?/g, ' ');
  return decodeEntities(text)
    .replace(CONTROL, '')
    .replace(/[ \t\r\n\u3000]+/g, ' ')
    .trim()
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, '');
}

/** An http(s) URL, else nothing (a `javascript:` link never reaches a page). */
export function safeLink(input: string | undefined | null): string | null {
  const raw = input?.replace(CONTROL, '').trim();
  if (!raw || raw.length > LINK_MAX) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A date the source gave, when it is one PostgreSQL can hold; an unreadable one is no date. */
export function safeDate(input: string | undefined | null): Date | null {
  if (!input || input.length > 100) return null;
  const ms = Date.parse(input.trim());
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 9999 ? new Date(ms) : null;
}

export interface RawItem {
  title?: string | null;
  link?: string | null;
  /** The source's own id of the item (RSS guid, Atom id), used when there is no link. */
  guid?: string | null;
  body?: string | null;
  publishedAt?: string | null;
}

export interface CleanItem {
  hash: string;
  link: string | null;
  title: string;
  body: string;
  publishedAt: Date | null;
}

/**
 * An item as it is kept, or null for one with nothing to read. Its hash (what makes it kept once)
 * is of its link, else of the source's id, else of its text.
 */
export function cleanItem(raw: RawItem): CleanItem | null {
  const link = safeLink(raw.link);
  const body = plainText(raw.body ?? '', BODY_MAX);
  const title = plainText(raw.title ?? '', TITLE_MAX) || body.slice(0, 60);
  if (!title) return null;
  const guid = raw.guid ? plainText(raw.guid, LINK_MAX) : '';
  const identity = link ? `link:${link}` : guid ? `guid:${guid}` : `text:${title}\n${body}`;
  return {
    hash: createHash('sha256').update(identity).digest('hex'),
    link,
    title,
    body,
    publishedAt: safeDate(raw.publishedAt),
  };
}
