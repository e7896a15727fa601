import { CardKind, CaseKind, OrgType } from '@prisma/client';
import { z } from 'zod';
import { instant, paged } from '../../http/answers';
import { cardCounts, inboxTaskRow } from '../inbox/inbox.answers';

/** What the supervision routes answer (define-route.ts). */

const unit = z.object({ id: z.string(), name: z.string(), type: z.enum(OrgType) });

export const overdueAnswer = z.object({
  unit,
  at: z.string(),
  totals: z.object({ yellow: z.number(), red: z.number() }),
  byUnit: z.array(z.object({ unitId: z.string(), name: z.string(), yellow: z.number(), red: z.number() })),
  byAge: z.array(z.object({ bucket: z.enum(['lt1d', 'd1to3', 'd3to7', 'gt7d']), count: z.number() })),
  cells: z.array(z.object({ unitId: z.string(), bucket: z.string(), count: z.number() })),
});

export const overdueTasksAnswer = paged(
  inboxTaskRow.extend({
    unitName: z.string().nullable(),
    overdue: z.enum(['onTime', 'yellow', 'red']).nullable(),
    address: z.string().nullable(),
    personName: z.string().nullable(),
    cards: cardCounts,
  }),
);

export const cardAnswer = z.object({
  id: z.string(),
  kind: z.enum(CardKind),
  caseKind: z.enum(CaseKind).nullable(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  eventId: z.string().nullable(),
  taskKey: z.string().nullable(),
  unitId: z.string(),
  unitPath: z.string(),
  auto: z.boolean(),
  reason: z.string().nullable(),
  issuedById: z.string().nullable(),
  dedupKey: z.string(),
  createdAt: instant,
});

export const cardsAnswer = paged(cardAnswer.extend({ unitName: z.string().nullable() }));

export const batchAnswer = z.object({
  issued: z.number(),
  /** One result per case: 201 with the card, or the refusal's status and code. */
  results: z.array(
    z.object({
      caseKind: z.enum(CaseKind),
      caseId: z.string(),
      status: z.number(),
      cardId: z.string().optional(),
      code: z.string().optional(),
    }),
  ),
});
