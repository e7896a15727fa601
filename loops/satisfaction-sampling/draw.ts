/**
 * The 民调 draw as a pure function: the same archive, policy and seed give the same cases on any
 * machine, so a recorded draw can be checked by drawing it again (no Math.random, no database order).
 *
 * Strata: each handling unit is sampled on its own (share of its cases, at least `minPerUnit`, all
 * when it has fewer); a unit's sample is spread over its categories in proportion to their counts
 * (largest remainder), and each category's cases are picked by a seeded shuffle.
 */
import { createHash } from 'node:crypto';

export interface Candidate {
  eventId: string;
  unitId: string;
  categoryCode: string;
}

export interface SamplingPolicy {
  /** Share of each unit's archived cases, 0 < share ≤ 1. */
  share: number;
  /** The least drawn per unit (all of its cases when it has fewer). */
  minPerUnit: number;
}

/** sfc32 seeded from the SHA-256 of the seed and the stratum: a small PRNG with a 128-bit state. */
export function seededRandom(seed: string, stratum: string): () => number {
  const h = createHash('sha256').update(`${seed}\u0000${stratum}`).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** `n` of `items` (sorted first, so the database's order does not matter), by a seeded Fisher–Yates. */
function pick<T extends { eventId: string }>(items: T[], n: number, random: () => number): T[] {
  const a = [...items].sort((x, y) => (x.eventId < y.eventId ? -1 : x.eventId > y.eventId ? 1 : 0));
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** How many of a unit's `total` cases are drawn. */
export const unitQuota = (total: number, { share, minPerUnit }: SamplingPolicy) =>
  Math.min(total, Math.max(minPerUnit, Math.ceil(share * total)));

/** The sample: candidates drawn per unit and category, in a stable order (unit, category, event). */
export function drawSample<C extends Candidate>(candidates: C[], seed: string, policy: SamplingPolicy): C[] {
  const byUnit = new Map<string, Map<string, C[]>>();
  for (const c of candidates) {
    const unit = byUnit.get(c.unitId) ?? new Map<string, C[]>();
    byUnit.set(c.unitId, unit);
    unit.set(c.categoryCode, [...(unit.get(c.categoryCode) ?? []), c]);
  }
  const drawn: C[] = [];
  for (const unitId of [...byUnit.keys()].sort()) {
    const categories = byUnit.get(unitId)!;
    const total = [...categories.values()].reduce((n, list) => n + list.length, 0);
    const quota = unitQuota(total, policy);
    // Proportional allocation, the seats left over to the largest remainders (ties by code).
    const codes = [...categories.keys()].sort();
    const exact = codes.map((code) => (quota * categories.get(code)!.length) / total);
    const seats = exact.map(Math.floor);
    const order = codes
      .map((_code, i) => ({ i, rest: exact[i] - seats[i] }))
      .sort((x, y) => y.rest - x.rest || x.i - y.i);
    for (let k = 0; k < quota - seats.reduce((n, s) => n + s, 0); k++) seats[order[k].i]++;
    codes.forEach((code, i) => {
      const chosen = pick(categories.get(code)!, seats[i], seededRandom(seed, `${unitId}/${code}`));
      drawn.push(...chosen.sort((x, y) => (x.eventId < y.eventId ? -1 : 1)));
    });
  }
  return drawn;
}
