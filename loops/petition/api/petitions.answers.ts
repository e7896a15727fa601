import { CardKind, PetitionChannel, PetitionStatus } from '@prisma/client';
import { z } from 'zod';
import { instant, localized, paged } from '../../../api/src/http/answers';

/** What the petition routes answer (define-route.ts); identity is masked where the service masks it. */

/** 受理决定: accept, not accept, forward (转送), assign (交办). */
export const decision = z.enum(['accept', 'reject', 'forward', 'assign']);
export const satisfaction = z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied']);
const clockName = z.enum(['decision', 'handling', 'extension', 'reviewRequest', 'review', 'recheck']);

const summary = z.object({
  id: z.string(),
  caseNo: z.string(),
  channel: z.enum(PetitionChannel),
  status: z.enum(PetitionStatus),
  matter: z.string(),
  petitionerName: z.string(),
  receivedAt: instant,
  decision: decision.nullable(),
  finalAt: instant.nullable(),
  dueAt: instant.nullable(),
  overdue: z.boolean(),
});

export const duplicatesAnswer = z.object({
  duplicates: z.array(summary),
  refused: z.object({ caseNo: z.string(), finalAt: instant.nullable(), reason: localized }).nullable(),
});

export const registeredAnswer = z.object({
  id: z.string(),
  caseNo: z.string(),
  decisionDue: z.object({
    dueAt: instant,
    countedDate: z.string(),
    dueDate: z.string(),
    rolledOver: z.boolean(),
  }),
});

export const listAnswer = paged(summary);

/** A statutory clock as the case page shows it; a review clock has only its limit. */
const clock = z.object({
  name: clockName,
  days: z.number(),
  dueAt: instant,
  start: instant.optional(),
  countedDate: z.string().optional(),
  dueDate: z.string().optional(),
  rolledOver: z.boolean().optional(),
  daysLeft: z.number().nullable().optional(),
});

export const petitionAnswer = z.object({
  id: z.string(),
  caseNo: z.string(),
  channel: z.enum(PetitionChannel),
  status: z.enum(PetitionStatus),
  receivedAt: instant,
  matter: z.string(),
  requests: z.string(),
  attachments: z.unknown(),
  eventId: z.string().nullable(),
  buildingId: z.string().nullable(),
  roomId: z.string().nullable(),
  registeredById: z.string(),
  officeUnitId: z.string(),
  officePath: z.string(),
  decision: decision.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: instant.nullable(),
  decisionDueAt: instant,
  handlerUnitId: z.string().nullable(),
  handlerPath: z.string().nullable(),
  handleDueAt: instant.nullable(),
  extensionDays: z.number().nullable(),
  extensionReason: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: instant.nullable(),
  satisfaction: satisfaction.nullable(),
  reviewLevel: z.number(),
  reviewUnitId: z.string().nullable(),
  reviewPath: z.string().nullable(),
  reviewDueAt: instant.nullable(),
  reviewOpinion: z.string().nullable(),
  reviewRequestUntil: instant.nullable(),
  finalAt: instant.nullable(),
  processInstanceId: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  /** Names of the office, handler, reviewer and the open tasks' units, by id. */
  units: z.record(z.string(), z.string()),
  petitioner: z.object({
    name: z.string(),
    idNo: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    masked: z.boolean(),
  }),
  clocks: z.array(clock),
  openTasks: z.array(
    z.object({
      key: z.string(),
      elementId: z.string(),
      name: z.string(),
      assignee: z.string().nullable(),
      dueDate: instant.nullable(),
      orgId: z.string().nullable(),
      /** The inbox's yellow/red rule (lib/deadlines.ts); null for a step with no due date. */
      deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
    }),
  ),
  /** Whether the caller may 督办/催办 this petition (POST /api/supervision/cards). */
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
  notices: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), createdAt: instant })),
});

export const stepAnswer = z.object({
  id: z.string(),
  caseNo: z.string(),
  step: z.enum(['decide', 'handle', 'approve-extension', 'satisfaction', 'review']),
  taskKey: z.string(),
});

export const reviewRequestAnswer = z.object({ id: z.string(), caseNo: z.string(), level: z.number() });
