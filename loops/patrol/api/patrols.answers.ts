import { z } from 'zod';
import { instant } from '../../../api/src/http/answers';
import { QUOTA_PERIODS } from '../quota';

const point = z.object({ latitude: z.number(), longitude: z.number(), at: instant });
const checkIn = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingCode: z.string(),
  method: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  distanceM: z.number().nullable(),
  at: instant,
});
const note = z.object({
  id: z.string(),
  text: z.string(),
  attachmentIds: z.array(z.string()),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  at: instant,
});
const patrolFields = {
  id: z.string(),
  userId: z.string(),
  gridId: z.string(),
  startedAt: instant,
  endedAt: instant.nullable(),
  distanceM: z.number(),
  pointCount: z.number().int(),
};

export const patrolAnswer = z.object(patrolFields);
export const trackedAnswer = z.object({
  id: z.string(),
  pointCount: z.number().int(),
  distanceM: z.number(),
});
export const checkInAnswer = checkIn.extend({ buildingName: z.string(), address: z.string() });
export const noteAnswer = note;
export const patrolDetailAnswer = z.object({
  ...patrolFields,
  points: z.array(point),
  checkIns: z.array(checkIn),
  notes: z.array(note),
});
export const patrolDayAnswer = z.object({
  date: z.string(),
  patrols: z.array(
    z.object({ ...patrolFields, userName: z.string(), points: z.array(point), checkIns: z.array(checkIn) }),
  ),
  notPatrolled: z.array(z.object({ id: z.string(), displayName: z.string(), orgId: z.string() })),
});

const quotaFields = { minutes: z.number(), checkIns: z.number(), buildings: z.number() };
const period = z.enum(QUOTA_PERIODS);
export const patrolFiguresAnswer = z.object({
  weekStart: z.string(),
  month: z.string(),
  grids: z.array(
    z.object({
      gridId: z.string(),
      gridName: z.string(),
      /** What the figures count: the date's day (a daily quota) or its week. */
      period,
      ...quotaFields,
      quota: z.object(quotaFields).nullable(),
      /** Every part of the quota reached in the period; null without a quota. */
      met: z.boolean().nullable(),
      buildingsTotal: z.number(),
      buildingsCovered: z.number(),
    }),
  ),
});
export const patrolQuotaAnswer = z.object({
  gridId: z.string(),
  period,
  ...quotaFields,
  changed: z.boolean(),
});
