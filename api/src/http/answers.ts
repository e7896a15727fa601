import { z } from 'zod';

/** Shared pieces of answer schemas (define-route.ts): what several modules answer alike. */

/** A moment, as JSON carries a Date: ISO 8601 in UTC. */
export const instant = z.iso.datetime();
/** A text in both languages. */
export const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
/** One page of a list, with the total the pager shows. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
/** A list answered whole. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
