import type { Prisma } from '@prisma/client';
import type { Db } from '../../../../lib/db';
import { accessibleBy, type AppAbility, type SessionUser } from '../../abilities';
import { HttpError } from '../../http/errors';
import { localizedOf } from '../../../../lib/json';
import { digestLines } from './notifications.answers';

type Caller = { user: SessionUser; ability: AppAbility };

export function createNotificationsService(db: Db) {
  const mine = (who: Caller): Prisma.NotificationWhereInput =>
    accessibleBy(who.ability, 'read').ofType('Notification');
  return {
    /** The caller's notifications, newest first, and how many are unread. */
    async list(query: { page: number; pageSize: number; unread?: boolean }, who: Caller) {
      const where: Prisma.NotificationWhereInput = {
        AND: [mine(who), query.unread ? { readAt: null } : {}],
      };
      const [total, unread, items] = await Promise.all([
        db.notification.count({ where }),
        db.notification.count({ where: { AND: [mine(who), { readAt: null }] } }),
        db.notification.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      return {
        total,
        unread,
        page: query.page,
        pageSize: query.pageSize,
        items: items.map((n) => ({
          ...n,
          id: String(n.id),
          title: localizedOf(n.title),
          body: localizedOf(n.body),
          items: digestLines.catch([]).parse(n.items ?? []),
        })),
      };
    },

    /** Marks one of the caller's notifications read; another user's is 404. */
    async markRead(id: bigint, who: Caller) {
      const { count } = await db.notification.updateMany({
        where: { AND: [accessibleBy(who.ability, 'update').ofType('Notification'), { id, readAt: null }] },
        data: { readAt: new Date() },
      });
      if (count === 0) {
        const exists = await db.notification.count({ where: { AND: [mine(who), { id }] } });
        if (!exists) throw new HttpError(404, 'error.notFound');
      }
      return { ok: true as const };
    },

    async markAllRead(who: Caller) {
      const { count } = await db.notification.updateMany({
        where: { AND: [accessibleBy(who.ability, 'update').ofType('Notification'), { readAt: null }] },
        data: { readAt: new Date() },
      });
      return { marked: count };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
