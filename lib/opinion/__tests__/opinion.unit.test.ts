/** 舆情 items cleaned, matched and marked; feeds parsed (no engine, database or network). */
import { cleanItem, plainText, safeDate, safeLink } from '../opinion-text';
import { highlight, matchItem } from '../opinion-match';
import { FeedError, parseFeed } from '../opinion-feed';

describe('opinion text', () => {
  it('keeps text only: scripts and styles dropped with their content, tags and control characters removed', () => {
    expect(plainText('<p>a<script>alert(1)</script>b</p><style>x{}</style>&lt;i&gt;\u0000c&#1;', 100)).toBe(
      'a b <i>c',
    );
    expect(plainText('<script>never closed', 100)).toBe('');
    expect(plainText('很'.repeat(10_000), 5)).toBe('很很很很很');
    // A surrogate pair is not cut in half.
    expect(plainText('😀😀', 3)).toBe('😀');
  });
  it('keeps http(s) links and storable dates only', () => {
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink(' https://a.example/x ')).toBe('https://a.example/x');
    expect(safeDate('Fri, 31 Dec 99999 00:00:00 GMT')).toBeNull();
    expect(safeDate('not a date')).toBeNull();
    expect(safeDate('2026-12-05T08:00:00Z')?.toISOString()).toBe('2026-12-05T08:00:00.000Z');
  });
  it('hashes by link, else by guid, else by text', () => {
    const a = cleanItem({ title: 'x', link: 'https://a.example/1' })!;
    expect(cleanItem({ title: 'y', link: 'https://a.example/1' })!.hash).toBe(a.hash);
    expect(cleanItem({ title: 'x', guid: 'g1' })!.hash).toBe(cleanItem({ title: 'z', guid: 'g1' })!.hash);
    expect(cleanItem({ title: '', body: '' })).toBeNull();
  });
});

describe('opinion rules', () => {
  const places = [{ id: 'C01', name: '海旺社区' }];
  const rule = { id: 'r', words: ['垃圾', 'Noise'], exclusions: ['垃圾分类宣传'], requirePlace: true };
  it('matches words, not with an exclusion, and only with a place when the rule asks for one', () => {
    expect(matchItem('海旺社区 垃圾 NOISE', [rule], places)).toEqual({
      matched: true,
      matchedWords: ['垃圾', 'Noise'],
      matchedRules: ['r'],
      unitIds: ['C01'],
    });
    expect(matchItem('海旺社区垃圾分类宣传', [rule], places).matched).toBe(false);
    expect(matchItem('别处垃圾', [rule], places).matched).toBe(false);
    expect(matchItem('别处垃圾', [{ ...rule, requirePlace: false }], places).matched).toBe(true);
  });
  it('cuts text where the words are, as text (no markup)', () => {
    expect(highlight('a<b>垃圾</b>', ['垃圾'])).toEqual([
      { text: 'a<b>', hit: false },
      { text: '垃圾', hit: true },
      { text: '</b>', hit: false },
    ]);
    expect(highlight('x.y', ['.'])).toEqual([
      { text: 'x', hit: false },
      { text: '.', hit: true },
      { text: 'y', hit: false },
    ]);
  });
});

describe('feeds', () => {
  it('reads RSS and Atom', () => {
    expect(
      parseFeed(
        '<rss><channel><item><title>t</title><link>https://a/1</link><pubDate>d</pubDate></item></channel></rss>',
      ),
    ).toEqual([{ title: 't', link: 'https://a/1', guid: undefined, body: undefined, publishedAt: 'd' }]);
    const atom = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">t</title><link rel="self" href="https://a/self"/><link href="https://a/2"/><id>i</id><summary>s</summary><updated>u</updated></entry></feed>',
    );
    expect(atom).toEqual([{ title: 't', link: 'https://a/2', guid: 'i', body: 's', publishedAt: 'u' }]);
  });
  it('refuses a DOCTYPE and what is not a feed', () => {
    expect(() => parseFeed('<!DOCTYPE x [<!ENTITY a "b">]><rss/>')).toThrow(FeedError);
    expect(() => parseFeed('<html/>')).toThrow(FeedError);
  });
});
