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

/** A diagram as a case ran through it (lib/case-path.ts): the exact version, the path taken, the current steps. */
export const casePathAnswer = z.object({
  bpmnProcessId: z.string(),
  version: z.number(),
  xml: z.string(),
  completed: z.array(z.string()),
  active: z.array(z.string()),
  flows: z.array(z.string()),
});
