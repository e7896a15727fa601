import { EventLevel, EventStatus, Urgency } from '@prisma/client';
import { z } from 'zod';
import { casePathAnswer, instant, listOf, paged } from '../../../api/src/http/answers';

/** What the event routes answer (define-route.ts). */

/** Links given with a report, as stored on the event. */
export const eventLinks = z.array(z.object({ name: z.string(), url: z.string() }));

const category = z.object({ code: z.string(), name: z.string(), active: z.boolean() });

/** An event's columns, as reported and as it stands. */
export const eventRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  categoryCode: z.string(),
  urgency: z.enum(Urgency),
  source: z.string(),
  gridId: z.string(),
  gridPath: z.string(),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  locatedGridId: z.string().nullable(),
  description: z.string(),
  reporterId: z.string().nullable(),
  reporterName: z.string().nullable(),
  /** Links given with the report ({ name, url }), as stored. */
  attachments: z.unknown(),
  level: z.enum(EventLevel),
  handlerUnitId: z.string().nullable(),
  status: z.enum(EventStatus),
  reopenUntil: instant.nullable(),
  reopenCount: z.number(),
  processInstanceId: z.string().nullable(),
  processDefinitionId: z.string().nullable(),
  /** The building and room of the address base it was reported at (#27). */
  buildingId: z.string().nullable().optional(),
  roomId: z.string().nullable().optional(),
  createdAt: instant,
  updatedAt: instant,
});

export const categoriesAnswer = listOf(category);

export const eventListAnswer = paged(
  eventRow.extend({
    category: z.object({ name: z.string() }),
    currentSteps: z.array(
      z.object({
        name: z.string(),
        unitId: z.string().nullable(),
        unitName: z.string().nullable().optional(),
        /** The inbox's yellow/red rule (lib/deadlines.ts); null for a step with no due date. */
        deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
      }),
    ),
  }),
);

export const caseViewAnswer = z.object({
  event: eventRow.extend({ category, attachments: eventLinks }),
  files: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      contentType: z.string(),
      size: z.number(),
      /** The step's photo field that brought it (afterPhotos: 处置后照片); null: the report's own. */
      field: z.string().nullable(),
    }),
  ),
  /** Names by id of the units and the people the timeline and steps name. */
  units: z.record(z.string(), z.string()),
  people: z.record(z.string(), z.string()),
  currentSteps: z.array(
    z.object({
      taskKey: z.string(),
      elementId: z.string(),
      name: z.string(),
      unitId: z.string().nullable(),
      assignee: z.string().nullable(),
      dueDate: instant.nullable(),
      deadlineState: z.enum(['onTime', 'yellow', 'red']).nullable(),
    }),
  ),
  /** Whether the caller may 督办/催办 this case (POST /api/supervision/cards). */
  maySupervise: z.boolean(),
  timeline: z.array(
    z.object({
      id: z.string(),
      at: instant,
      eventId: z.string(),
      action: z.string(),
      actorId: z.string().nullable(),
      unitId: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
      dedupKey: z.string(),
    }),
  ),
});

export const diagramAnswer = casePathAnswer;

export const reopenAnswer = z.object({ id: z.string(), caseNo: z.string(), reopenRequested: z.boolean() });
