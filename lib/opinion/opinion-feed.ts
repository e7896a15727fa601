/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds to raw items, with fast-xml-parser (already a
 * dependency). A document type declaration is refused outright: entities are how an XML document
 * makes itself a thousand times larger than it was sent, and no feed needs them.
 */
import { XMLParser } from 'fast-xml-parser';
import type { RawItem } from './opinion-text';

export const FEED_MAX_ITEMS = 200;

export class FeedError extends Error {
  constructor(readonly reason: 'notAFeed' | 'doctype' | 'tooLarge' | 'unreachable' | 'refusedAddress') {
    super(reason);
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
  removeNSPrefix: false,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

type Node = Record<string, unknown>;

/** The text of an element however the parser shaped it (a string, or an object with `#text`). */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') return textOf((value as Node)['#text']);
  return undefined;
}

/** Atom's links: the `alternate` one (or the first without a rel); RSS's: the element's text. */
function linkOf(value: unknown): string | undefined {
  const links = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const l of links) {
    if (typeof l === 'string') return l;
    const node = l as Node;
    const rel = node['@_rel'];
    if (typeof node['@_href'] === 'string' && (rel === undefined || rel === 'alternate'))
      return node['@_href'];
  }
  for (const l of links)
    if (l && typeof l === 'object' && typeof (l as Node)['#text'] === 'string')
      return (l as Node)['#text'] as string;
  return undefined;
}

const asArray = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value ? [value] : []).filter(
    (v): v is Node => !!v && typeof v === 'object',
  );

export function parseFeed(xml: string): RawItem[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new FeedError('doctype');
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch {
    throw new FeedError('notAFeed');
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (rss || rdf) {
    const channel = (rss?.channel ?? rdf?.channel ?? {}) as Node;
    const items = asArray(channel.item ?? rdf?.item);
    return items.slice(0, FEED_MAX_ITEMS).map((i) => ({
      title: textOf(i.title),
      link: linkOf(i.link),
      guid: textOf(i.guid),
      body: textOf(i['content:encoded']) ?? textOf(i.description),
      publishedAt: textOf(i.pubDate) ?? textOf(i['dc:date']),
    }));
  }
  if (atom) {
    return asArray(atom.entry)
      .slice(0, FEED_MAX_ITEMS)
      .map((e) => ({
        title: textOf(e.title),
        link: linkOf(e.link),
        guid: textOf(e.id),
        body: textOf(e.content) ?? textOf(e.summary),
        publishedAt: textOf(e.published) ?? textOf(e.updated),
      }));
  }
  throw new FeedError('notAFeed');
}
