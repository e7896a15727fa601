import { CardKind, DisputeStage, RiskLevel } from '@prisma/client';
import { z } from 'zod';
import { instant, listOf } from '../../../api/src/http/answers';

/** What the dispute routes answer (define-route.ts). */

const stage = z.enum(DisputeStage);
const disputeType = z.object({ code: z.string(), name: z.string(), active: z.boolean() });

/** A dispute's columns, the amount as a number. */
const disputeRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  eventId: z.string().nullable(),
  processInstanceId: z.string().nullable(),
  typeCode: z.string(),
  amount: z.number().nullable(),
  summary: z.string(),
  source: z.string(),
  communityId: z.string(),
  communityPath: z.string(),
  handlerUnitIds: z.array(z.string()),
  mediatorId: z.string().nullable(),
  fastTrack: z.boolean(),
  riskLevel: z.enum(RiskLevel),
  stage,
  stageDueAt: instant.nullable(),
  stageRedAt: instant.nullable(),
  confirmDueAt: instant.nullable(),
  closureOptions: z.array(z.string()),
  closureNote: z.string().nullable(),
  closedAt: instant.nullable(),
  escalated: z.boolean(),
  registeredById: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const typesAnswer = listOf(disputeType);
export const registeredAnswer = disputeRow;

export const listAnswer = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Open disputes per stage, and how many clocks are yellow or red. */
  byStage: z.record(z.string(), z.number()),
  clocks: z.object({ yellow: z.number(), red: z.number() }),
  items: z.array(
    disputeRow.extend({ type: disputeType, clock: z.enum(['onTime', 'yellow', 'red']).nullable() }),
  ),
});

export const sessionAnswer = z.object({
  id: z.string(),
  disputeId: z.string(),
  stage,
  heldAt: instant,
  attendees: z.array(z.string()),
  result: z.string(),
  recordedById: z.string().nullable(),
  createdAt: instant,
});
export const consentAnswer = z.object({
  id: z.string(),
  disputeId: z.string(),
  stage,
  partyId: z.string(),
  days: z.number(),
  at: instant,
  usedAt: instant.nullable(),
  recordedById: z.string().nullable(),
});
export const agreementAnswer = z.object({
  disputeId: z.string(),
  stage,
  terms: z.string(),
  signedAt: instant,
  signatures: z.array(z.string()),
  recordedById: z.string().nullable(),
  createdAt: instant,
});
/** 司法确认: the application (dates as `YYYY-MM-DD`) and, once given, the court's ruling. */
export const confirmationAnswer = z.object({
  disputeId: z.string(),
  appliedOn: z.string(),
  court: z.string(),
  applicants: z.array(z.string()),
  recordedById: z.string(),
  recordedAt: instant,
  ruledOn: z.string().nullable(),
  ruling: z.enum(['CONFIRMED', 'REJECTED']).nullable(),
  courtCaseNo: z.string().nullable(),
  ruledById: z.string().nullable(),
  ruledAt: instant.nullable(),
});
export const riskAnswer = z.object({
  id: z.string(),
  disputeId: z.string(),
  stage,
  level: z.enum(RiskLevel),
  reasons: z.array(z.string()),
  assessedById: z.string().nullable(),
  at: instant,
});

export const disputeAnswer = disputeRow.extend({
  type: disputeType,
  parties: z.array(
    z.object({
      id: z.string(),
      disputeId: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
    }),
  ),
  /** Contacts are masked for units that do not mediate the dispute. */
  contactsMasked: z.boolean(),
  risks: z.array(riskAnswer),
  sessions: z.array(sessionAnswer),
  consents: z.array(consentAnswer),
  agreement: agreementAnswer.nullable(),
  confirmation: confirmationAnswer.nullable(),
  /** Whether the caller records 司法确认 on it (the mediating units, the court's liaison). */
  canConfirm: z.boolean(),
  visits: z.array(
    z.object({
      id: z.string(),
      disputeId: z.string(),
      seq: z.number(),
      dueAt: instant,
      doneAt: instant.nullable(),
      result: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      key: z.string(),
      elementId: z.string(),
      name: z.string(),
      orgId: z.string().nullable(),
      assignee: z.string().nullable(),
      dueDate: instant.nullable(),
      redAt: instant.nullable(),
      deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
    }),
  ),
  /** Whether the caller may 督办/催办 this dispute (POST /api/supervision/cards). */
  maySupervise: z.boolean(),
  cards: z.array(
    z.object({
      id: z.string(),
      createdAt: instant,
      unitId: z.string(),
      kind: z.enum(CardKind),
      taskKey: z.string().nullable(),
      auto: z.boolean(),
      reason: z.string().nullable(),
      issuedById: z.string().nullable(),
    }),
  ),
  units: z.record(z.string(), z.string()),
});
