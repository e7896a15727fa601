import { z } from 'zod';
import { routesOf } from '../../http/define-route';
import { listAnswer, readAllAnswer, readAnswer } from './notifications.answers';
import type { NotificationsService } from './notifications.service';

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/) });

const route = routesOf<NotificationsService>('notifications');

/** Every user's in-app notification list: their own and nobody else's (the ability's condition). */
export const notificationsRoutes = [
  route({
    method: 'get',
    path: '/api/notifications',
    summary: '我的消息 My notifications',
    access: ['read', 'Notification'],
    query: listQuery,
    answer: listAnswer,
    handler: (notifications, { query, who }) => notifications.list(query, who),
  }),
  route({
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: '标为已读 Mark read',
    access: ['update', 'Notification'],
    params: idParam,
    answer: readAnswer,
    handler: (notifications, { params, who }) => notifications.markRead(BigInt(params.id), who),
  }),
  route({
    method: 'post',
    path: '/api/notifications/read-all',
    summary: '全部已读 Mark all read',
    access: ['update', 'Notification'],
    answer: readAllAnswer,
    handler: (notifications, { who }) => notifications.markAllRead(who),
  }),
];
