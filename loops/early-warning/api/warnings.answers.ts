import { z } from 'zod';
import { instant, paged } from '../../../api/src/http/answers';

const warningFields = {
  id: z.string(),
  ruleKey: z.string(),
  ruleName: z.string(),
  kind: z.string(),
  placeId: z.string(),
  categoryCode: z.string().nullable(),
  /** A same-address rule's building code or address; a same-person rule's petitioner key (hashed). */
  subject: z.string().nullable(),
  /** The petitions behind a same-person warning. */
  petitionIds: z.array(z.string()),
  windowStart: instant,
  windowEnd: instant,
  count: z.number().int(),
  threshold: z.number(),
  unitId: z.string(),
  status: z.enum(['OPEN', 'DISMISSED', 'CASE_OPENED']),
  decisionReason: z.string().nullable(),
  decidedAt: instant.nullable(),
  /** The case opened from it (研判: 立案). */
  eventId: z.string().nullable(),
  createdAt: instant,
  caseCount: z.number().int(),
};

export const warningsAnswer = paged(z.object(warningFields));

export const warningAnswer = z.object({
  ...warningFields,
  events: z.array(
    z.object({
      id: z.string(),
      caseNo: z.string(),
      categoryCode: z.string(),
      address: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      createdAt: instant,
    }),
  ),
});

export const evaluatedAnswer = z.object({ created: z.array(z.string()) });

/** Open warnings with their place, for the map layer of 一图感知 and the 大屏. */
export const warningMapAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      ruleName: z.string(),
      kind: z.string(),
      placeId: z.string(),
      placeName: z.string(),
      categoryCode: z.string().nullable(),
      subject: z.string().nullable(),
      count: z.number().int(),
      createdAt: instant,
      /** The middle of its located cases, else its place's centre; null when neither is known. */
      lng: z.number().nullable(),
      lat: z.number().nullable(),
    }),
  ),
  total: z.number().int(),
  truncated: z.boolean(),
  unplaced: z.number().int(),
});
