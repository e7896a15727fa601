import { z } from 'zod';
import { routesOf } from '../../../api/src/http/define-route';
import { auditAs } from '../../../api/src/modules/audit/audit.middleware';
import { calendarDate, storableDate } from '../../../api/src/http/errors';
import { patrolLimits } from '../loop';
import { QUOTA_PERIODS } from '../quota';
import type { PatrolsService } from './patrols.service';
import {
  checkInAnswer,
  noteAnswer,
  patrolAnswer,
  patrolDayAnswer,
  patrolDetailAnswer,
  patrolFiguresAnswer,
  patrolQuotaAnswer,
  trackedAnswer,
} from './patrols.answers';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const idParam = z.object({ id: z.string().min(1).max(40) });
const pointsBody = z.strictObject({
  points: z
    .array(
      z.strictObject({
        latitude,
        longitude,
        at: storableDate,
        accuracyM: z.number().min(0).max(100_000).optional(),
      }),
    )
    .min(1)
    .max(patrolLimits.pointsPerBatch),
});
const checkInBody = z.union([
  z.strictObject({ code: z.string().trim().min(1).max(40) }),
  z.strictObject({ latitude, longitude }),
]);
const noteBody = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  attachmentIds: z.array(z.string().min(1).max(40)).max(9).default([]),
  latitude: latitude.optional(),
  longitude: longitude.optional(),
});
// A day a patrol can have been on: the year of a far date made the month's bounds unreadable (a 500).
const dayQuery = z.object({
  date: calendarDate.refine((d) => d >= '2000-01-01' && d <= '2099-12-31').optional(),
});
/** A day's or a week's minutes (at most the period's), check-ins and distinct buildings; weekly unless said. */
const quotaBody = z
  .strictObject({
    period: z.enum(QUOTA_PERIODS).default('WEEK'),
    minutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    checkIns: z.number().int().min(0).max(10_000),
    buildings: z.number().int().min(0).max(10_000),
  })
  .refine((q) => q.period === 'WEEK' || q.minutes <= 24 * 60, {
    path: ['minutes'],
    params: { messageKey: 'error.dailyQuotaMinutes' },
  });

const route = routesOf<PatrolsService>('patrols');

/** 巡查: a grid member's own patrol; the community and street read their area's (scope inside). */
export const patrolsRoutes = [
  route({
    method: 'post',
    path: '/api/patrols',
    summary: '开始巡查 Start a patrol',
    access: ['create', 'Patrol'],
    answer: patrolAnswer,
    status: 201,
    handler: (patrols, { who }) => patrols.start(who),
  }),
  route({
    method: 'get',
    path: '/api/patrols',
    summary: '巡查情况 A day’s patrols of my area and who has not patrolled (others’ tracks audited)',
    access: ['read', 'Patrol'],
    query: dayQuery,
    answer: patrolDayAnswer,
    handler: (patrols, { query, who, ctx }) => patrols.day(query.date, who, ctx.ip),
  }),
  route({
    method: 'get',
    path: '/api/patrols/figures',
    summary: '巡查定额与楼栋覆盖 Each grid’s week against its quota, and the month’s building coverage',
    access: ['read', 'PatrolQuota'],
    query: dayQuery,
    answer: patrolFiguresAnswer,
    handler: (patrols, { query, who }) => patrols.figures(query.date, who),
  }),
  route({
    method: 'put',
    path: '/api/patrols/quotas/:gridId',
    summary: '设置网格巡查定额 Set a grid’s weekly patrol quota',
    access: ['update', 'PatrolQuota'],
    params: z.object({ gridId: z.string().min(1).max(64) }),
    body: quotaBody,
    answer: patrolQuotaAnswer,
    handler: async (patrols, { params, body, who, ctx }) => {
      const set = await patrols.setQuota(params.gridId, body, who);
      if (set.changed)
        auditAs(ctx.state, {
          action: 'patrol.quota',
          subjectType: 'PatrolQuota',
          subjectId: params.gridId,
          detail: body,
        });
      return set;
    },
  }),
  route({
    method: 'get',
    path: '/api/patrols/:id',
    summary: '巡查轨迹 A patrol with its track, check-ins and notes (audited unless one’s own)',
    access: ['read', 'Patrol'],
    params: idParam,
    answer: patrolDetailAnswer,
    handler: (patrols, { params, who, ctx }) => patrols.read(params.id, who, ctx.ip),
  }),
  route({
    method: 'post',
    path: '/api/patrols/:id/points',
    summary: '上传轨迹 A batch of positions (all or none)',
    access: ['create', 'Patrol'],
    params: idParam,
    body: pointsBody,
    answer: trackedAnswer,
    handler: (patrols, { params, body, who }) => patrols.track(params.id, body.points, who),
  }),
  route({
    method: 'post',
    path: '/api/patrols/:id/check-ins',
    summary: '打点 Check in at a building by its QR code or by position',
    access: ['create', 'Patrol'],
    params: idParam,
    body: checkInBody,
    answer: checkInAnswer,
    status: 201,
    handler: (patrols, { params, body, who }) => patrols.checkIn(params.id, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patrols/:id/notes',
    summary: '巡查记录 A note (and photos) on the patrol',
    access: ['create', 'Patrol'],
    params: idParam,
    body: noteBody,
    answer: noteAnswer,
    status: 201,
    handler: (patrols, { params, body, who }) => patrols.note(params.id, body, who),
  }),
  route({
    method: 'post',
    path: '/api/patrols/:id/end',
    summary: '结束巡查 End the patrol',
    access: ['create', 'Patrol'],
    params: idParam,
    answer: patrolAnswer,
    handler: (patrols, { params, who }) => patrols.end(params.id, who),
  }),
];
