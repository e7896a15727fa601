import type { Prisma } from '@prisma/client';
import type { Localized } from './i18n';

/** A JSON column read as an object (a timeline entry's detail), or null when it holds anything else. */
export const objectOf = (value: Prisma.JsonValue): Prisma.JsonObject | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;

/** A JSON column holding a name in both languages ({ "zh-CN", en }); a plain text stands for both. */
export function localizedOf(value: Prisma.JsonValue): Localized {
  const o = objectOf(value);
  const zh = o?.['zh-CN'];
  const en = o?.en;
  const text = typeof zh === 'string' ? zh : typeof value === 'string' ? value : '';
  return { 'zh-CN': text, en: typeof en === 'string' ? en : text };
}
