/**
 * The district's keyword rules applied to an item: a rule matches on any of its words, unless one
 * of its exclusions is there too, and, when it requires a place, only if a unit of the district is
 * named. Case-insensitive substring matching: Chinese has no spaces to match words by.
 */
export interface Rule {
  id: string;
  words: string[];
  exclusions: string[];
  requirePlace: boolean;
}

export interface Place {
  id: string;
  name: string;
}

export interface Match {
  matched: boolean;
  matchedWords: string[];
  matchedRules: string[];
  unitIds: string[];
}

export function matchItem(text: string, rules: Rule[], places: Place[]): Match {
  const hay = text.toLowerCase();
  const has = (w: string) => w.trim() !== '' && hay.includes(w.trim().toLowerCase());
  const unitIds = places.filter((p) => p.name.length >= 2 && has(p.name)).map((p) => p.id);
  const words = new Set<string>();
  const matchedRules: string[] = [];
  for (const rule of rules) {
    const hits = rule.words.filter(has);
    if (!hits.length || rule.exclusions.some(has) || (rule.requirePlace && !unitIds.length)) continue;
    matchedRules.push(rule.id);
    for (const w of hits) words.add(w.trim());
  }
  return { matched: matchedRules.length > 0, matchedWords: [...words], matchedRules, unitIds };
}

/** Text cut where the words are, for the list to mark them; every part is shown as text. */
export function highlight(text: string, words: string[]): { text: string; hit: boolean }[] {
  const wanted = words.map((w) => w.trim()).filter(Boolean);
  if (!wanted.length || !text) return text ? [{ text, hit: false }] : [];
  const pattern = new RegExp(
    `(${wanted
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
    'giu',
  );
  return text
    .split(pattern)
    .filter((p) => p !== '')
    .map((p) => ({ text: p, hit: wanted.some((w) => w.toLowerCase() === p.toLowerCase()) }));
}
