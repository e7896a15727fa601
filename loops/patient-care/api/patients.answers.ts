import { z } from 'zod';
import { instant, localized, paged } from '../../../api/src/http/answers';

/** What the key-person routes answer (define-route.ts); identifiers are masked where the service masks them. */

export const listAnswer = paged(
  z.object({
    id: z.string(),
    typeCode: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    gridId: z.string(),
    gridName: z.string(),
    guardianAgreement: z.boolean(),
    riskLevel: z.number(),
    nextFollowUpDueAt: instant.nullable(),
    overdue: z.boolean(),
    closedAt: instant.nullable(),
    closedReason: z.string().nullable(),
    createdAt: instant,
  }),
);

export const idAnswer = z.object({ id: z.string() });

export const fileAnswer = z.object({
  id: z.string(),
  typeCode: z.string(),
  type: z.object({
    code: z.string(),
    name: localized,
    processKey: z.string(),
    teamRoles: z.array(z.string()),
  }),
  name: z.string(),
  gender: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string(),
  gridId: z.string(),
  gridPath: z.string(),
  grid: z.object({ id: z.string(), name: z.string() }).nullable(),
  diagnosis: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  guardianAgreement: z.boolean(),
  guardianAgreedAt: instant.nullable(),
  riskLevel: z.number(),
  nextFollowUpDueAt: instant.nullable(),
  /** Links given when the file was opened, as stored. */
  attachments: z.unknown(),
  processInstanceId: z.string().nullable(),
  closedAt: instant.nullable(),
  closedReason: z.string().nullable(),
  closedById: z.string().nullable(),
  createdById: z.string(),
  createdAt: instant,
  updatedAt: instant,
  identityMasked: z.boolean(),
  team: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      roleCode: z.string(),
      role: localized,
      userId: z.string().nullable(),
      name: z.string(),
      designated: z.boolean(),
    }),
  ),
  openTasks: z.array(
    z.object({
      key: z.string(),
      elementId: z.string(),
      name: z.string(),
      assignee: z.string().nullable(),
      dueDate: instant.nullable(),
      redAt: instant.nullable(),
      orgId: z.string().nullable(),
      /** The inbox's yellow/red rule (lib/deadlines.ts); null for a step with no due date. */
      deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
    }),
  ),
  /** Whether the caller may 督办/催办 this file's open work (POST /api/supervision/cards). */
  maySupervise: z.boolean(),
  canRecordFollowUp: z.boolean(),
  canManage: z.boolean(),
  people: z.record(z.string(), z.string()),
  history: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      at: instant,
      action: z.string(),
      actorId: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
      dedupKey: z.string(),
    }),
  ),
  riskLevels: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      at: instant,
      level: z.number(),
      source: z.string(),
      sourceId: z.string(),
    }),
  ),
  followUps: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      taskKey: z.string(),
      at: instant,
      byId: z.string().nullable(),
      dueAt: instant.nullable(),
      method: z.string(),
      riskLevel: z.number(),
      condition: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  emergencies: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      riskLevel: z.number(),
      openedAt: instant,
      openedBy: z.string(),
      byId: z.string().nullable(),
      dueAt: instant,
      recordedAt: instant.nullable(),
      measures: z.string().nullable(),
    }),
  ),
});

export const candidatesAnswer = z.object({
  roles: z.array(z.object({ code: z.string(), name: localized })),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), orgName: z.string() })),
});

/** The grids one may put a file in, with the community and street each lies in (for a picker by name). */
export const gridsAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      communityId: z.string().nullable(),
      communityName: z.string().nullable(),
      streetId: z.string().nullable(),
      streetName: z.string().nullable(),
    }),
  ),
});
export const followUpAnswer = z.object({ taskKey: z.string() });

export const closedAnswer = z.object({
  id: z.string(),
  closedAt: instant,
  closedReason: z.enum(['death', 'movedAway', 'recovered']),
});

const rates = z.object({
  followUpRate: z.number(),
  guardianAgreementRate: z.number(),
  emergencyOnTimeRate: z.number(),
});
const streetFigures = z.object({
  street: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  target: rates.nullable(),
  actual: z.object({
    followUpRate: z.number().nullable(),
    guardianAgreementRate: z.number().nullable(),
    emergencyOnTimeRate: z.number().nullable(),
  }),
  /** The rates below their target. */
  below: z.array(z.enum(['followUpRate', 'guardianAgreementRate', 'emergencyOnTimeRate'])),
});
export const targetsAnswer = z.object({ period: z.string(), items: z.array(streetFigures) });
export const targetAnswer = streetFigures;
export const remindedAnswer = z.object({ period: z.string(), reminded: z.array(z.string()) });
