import { subject } from '@casl/ability';
import type { Building } from '@prisma/client';
import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import { addressCodeProblem, addressSchemeFromEnv, parseAddressCode } from '../../../lib/address-code';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import { createAuditLog } from '../../../api/src/modules/audit/audit.service';
import { metresBetween } from '../distance';
import { againstQuota, type QuotaPeriod } from '../quota';

type Caller = { user: SessionUser; ability: AppAbility };

export interface TrackPoint {
  latitude: number;
  longitude: number;
  at: Date;
  accuracyM?: number;
}

/** The Shanghai day [start, end) of a YYYY-MM-DD date, or of today. */
function shanghaiDay(date?: string) {
  const day = date ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const start = new Date(`${day}T00:00:00+08:00`);
  return { day, start, end: new Date(start.getTime() + 86_400_000) };
}

/** The China-time week (Monday to Sunday) and month of a YYYY-MM-DD date, or of today. */
function weekAndMonth(date?: string) {
  const { day, start } = shanghaiDay(date);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const weekStart = new Date(start.getTime() - weekday * 86_400_000);
  const month = day.slice(0, 7);
  const monthStart = new Date(`${month}-01T00:00:00+08:00`);
  const [y, m] = month.split('-').map(Number);
  const next = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}`;
  return {
    day: { start, end: new Date(start.getTime() + 86_400_000) },
    week: { start: weekStart, end: new Date(weekStart.getTime() + 7 * 86_400_000) },
    month: { key: month, start: monthStart, end: new Date(`${next}-01T00:00:00+08:00`) },
  };
}

export function createPatrolsService(db: Db, options: { checkInDistanceM: number }) {
  const scheme = addressSchemeFromEnv();
  const audit = createAuditLog(db);
  /** Where a grid member walked is theirs: a read by anyone else is audited, one entry per track. */
  const audited = (ids: string[], who: Caller, address: string) =>
    Promise.all(
      ids.map((subjectId) =>
        audit.record({ by: who.user.id, action: 'patrol.read', subjectType: 'Patrol', subjectId, address }),
      ),
    );

  /** The caller's own patrol, still under way, for a change. */
  async function ownOpen(id: string, { user, ability }: Caller) {
    const patrol = await db.patrol.findUnique({ where: { id } });
    if (!patrol || !ability.can('read', subject('Patrol', patrol)))
      throw new HttpError(404, 'error.notFound');
    if (!ability.can('update', subject('Patrol', patrol)) || patrol.userId !== user.id)
      throw new HttpError(403, 'error.forbidden');
    if (patrol.endedAt) throw new HttpError(409, 'error.patrolEnded');
    return patrol;
  }

  /** Whether the building is the member's to patrol: in their grid, or in their community when it has no grid yet. */
  const inArea = (b: Building, gridId: string, gridPath: string) =>
    !b.retiredAt && (b.gridId ? b.gridId === gridId : gridPath.startsWith(b.orgPath));

  return {
    async start({ user }: Caller) {
      if (user.org.type !== 'GRID') throw new HttpError(403, 'error.notAGridMember');
      const open = await db.patrol.findFirst({ where: { userId: user.id, endedAt: null } });
      if (open) throw new HttpError(409, 'error.patrolOpen', [], { detail: { id: open.id } });
      return db.patrol.create({ data: { userId: user.id, gridId: user.orgId, gridPath: user.org.path } });
    },

    /**
     * A batch of positions, the whole batch or nothing (the schema has checked every point's range
     * and the batch's size before this runs): points and the running length written in one transaction.
     */
    async track(id: string, points: TrackPoint[], who: Caller) {
      const patrol = await ownOpen(id, who);
      const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
      const last = await db.patrolPoint.findFirst({ where: { patrolId: id }, orderBy: { at: 'desc' } });
      let metres = 0;
      sorted.reduce<{ latitude: number; longitude: number } | null>((prev, p) => {
        if (prev) metres += metresBetween(prev, p);
        return p;
      }, last);
      await db.$transaction([
        db.patrolPoint.createMany({ data: sorted.map((p) => ({ patrolId: id, ...p })) }),
        db.patrol.update({
          where: { id },
          data: { pointCount: { increment: sorted.length }, distanceM: { increment: metres } },
        }),
      ]);
      return { id, pointCount: patrol.pointCount + sorted.length, distanceM: patrol.distanceM + metres };
    },

    /**
     * 打点: by the building's QR code (its address code; a room's code counts for its building), or
     * by position within PATROL_CHECKIN_DISTANCE_M of a building of the member's area.
     */
    async checkIn(id: string, input: { code?: string; latitude?: number; longitude?: number }, who: Caller) {
      const patrol = await ownOpen(id, who);
      let building: Building | null = null;
      let distanceM: number | null = null;
      if (input.code !== undefined) {
        const problem = addressCodeProblem(scheme, input.code);
        if (problem === 'error.addressCodeDistrict') throw fieldError('code', t('error.otherDistrict'));
        if (problem) throw fieldError('code', t(problem));
        building = await db.building.findUnique({
          where: { code: parseAddressCode(scheme, input.code)!.buildingCode },
        });
        if (!building) throw fieldError('code', t('error.unknownBuilding'));
        if (!inArea(building, patrol.gridId, patrol.gridPath))
          throw fieldError('code', t('error.buildingOutsideGrid'));
      } else {
        const here = { latitude: input.latitude!, longitude: input.longitude! };
        const community = patrol.gridPath.split('/').slice(0, -2).join('/') + '/';
        const near = (
          await db.building.findMany({
            where: {
              orgPath: { startsWith: community },
              retiredAt: null,
              lat: { not: null },
              lng: { not: null },
            },
          })
        )
          .filter((b) => inArea(b, patrol.gridId, patrol.gridPath))
          .map((b) => ({ b, d: metresBetween(here, { latitude: b.lat!, longitude: b.lng! }) }))
          .sort((x, y) => x.d - y.d)[0];
        if (!near || near.d > options.checkInDistanceM)
          throw fieldError('latitude', t('error.noBuildingNear'));
        building = near.b;
        distanceM = Math.round(near.d);
      }
      const checkIn = await db.patrolCheckIn.upsert({
        where: { patrolId_buildingId: { patrolId: id, buildingId: building.id } },
        create: {
          patrolId: id,
          buildingId: building.id,
          buildingCode: building.code,
          method: input.code !== undefined ? 'qr' : 'position',
          // Where the check-in is drawn: the phone's position, or the building's for a scanned code.
          latitude: input.latitude ?? building.lat,
          longitude: input.longitude ?? building.lng,
          distanceM,
        },
        update: {},
      });
      return { ...checkIn, buildingName: building.name, address: building.address };
    },

    async note(
      id: string,
      input: { text: string; attachmentIds: string[]; latitude?: number; longitude?: number },
      who: Caller,
    ) {
      await ownOpen(id, who);
      const attachmentIds = [...new Set(input.attachmentIds)];
      return db.$transaction(async (tx) => {
        const note = await tx.patrolNote.create({ data: { patrolId: id, ...input, attachmentIds } });
        if (attachmentIds.length) {
          // Only the member's own uploads that nothing claimed yet; else the note is not written.
          const { count } = await tx.attachment.updateMany({
            where: {
              id: { in: attachmentIds },
              uploadedById: who.user.id,
              eventId: null,
              patrolNoteId: null,
            },
            data: { patrolNoteId: note.id },
          });
          if (count !== attachmentIds.length)
            throw fieldError('attachmentIds', t('error.attachmentNotYours'));
        }
        return note;
      });
    },

    async end(id: string, who: Caller) {
      await ownOpen(id, who);
      return db.patrol.update({ where: { id }, data: { endedAt: new Date() } });
    },

    /** One patrol with its track, check-ins and notes. */
    async read(id: string, who: Caller, address: string) {
      const { ability } = who;
      const patrol = await db.patrol.findUnique({
        where: { id },
        include: {
          points: { orderBy: { at: 'asc' }, select: { latitude: true, longitude: true, at: true } },
          checkIns: { orderBy: { at: 'asc' } },
          notes: { orderBy: { at: 'asc' } },
        },
      });
      if (!patrol || !ability.can('read', subject('Patrol', patrol)))
        throw new HttpError(404, 'error.notFound');
      if (patrol.userId !== who.user.id) await audited([patrol.id], who, address);
      return patrol;
    },

    /**
     * A day's patrols of the caller's area (community, street): each member's tracks and
     * check-ins, and the grid members of the area who have not patrolled that day.
     */
    async day(date: string | undefined, who: Caller, address: string) {
      const { user, ability } = who;
      const { day, start, end } = shanghaiDay(date);
      const patrols = await db.patrol.findMany({
        where: {
          AND: [accessibleBy(ability, 'read').ofType('Patrol'), { startedAt: { gte: start, lt: end } }],
        },
        orderBy: { startedAt: 'asc' },
        include: {
          points: { orderBy: { at: 'asc' }, select: { latitude: true, longitude: true, at: true } },
          checkIns: { orderBy: { at: 'asc' } },
        },
      });
      const members = await db.user.findMany({
        where: { roles: { has: 'GRID_MEMBER' }, active: true, org: { path: { startsWith: user.org.path } } },
        select: { id: true, displayName: true, orgId: true },
        orderBy: { username: 'asc' },
      });
      await audited(
        patrols.filter((p) => p.userId !== user.id).map((p) => p.id),
        who,
        address,
      );
      const patrolled = new Set(patrols.map((p) => p.userId));
      const names = new Map(members.map((m) => [m.id, m.displayName]));
      return {
        date: day,
        patrols: patrols.map((p) => ({ ...p, userName: names.get(p.userId) ?? p.userId })),
        notPatrolled: members.filter((m) => !patrolled.has(m.id)),
      };
    },

    /**
     * Each grid of the caller's area: the day's or the week's patrol (as its quota counts: minutes,
     * check-ins, distinct buildings) against its quota, and the month's coverage of its buildings
     * (checked in at at least once).
     */
    async figures(date: string | undefined, { user, ability }: Caller) {
      const { day, week, month } = weekAndMonth(date);
      const area = { startsWith: user.org.path };
      const [grids, quotas, patrols, monthCheckIns, totals] = await Promise.all([
        db.org.findMany({
          where: { type: 'GRID', path: area, retiredAt: null },
          select: { id: true, name: true, path: true },
          orderBy: { path: 'asc' },
        }),
        db.patrolQuota.findMany({ where: accessibleBy(ability, 'read').ofType('PatrolQuota') }),
        db.patrol.findMany({
          where: {
            AND: [
              accessibleBy(ability, 'read').ofType('Patrol'),
              { startedAt: { gte: week.start, lt: week.end } },
            ],
          },
          select: {
            gridId: true,
            startedAt: true,
            endedAt: true,
            points: { orderBy: { at: 'desc' }, take: 1, select: { at: true } },
            checkIns: { select: { buildingId: true } },
          },
        }),
        db.patrolCheckIn.findMany({
          where: { at: { gte: month.start, lt: month.end }, patrol: { gridPath: area } },
          select: { buildingId: true, patrol: { select: { gridId: true } } },
        }),
        db.building.groupBy({
          by: ['gridId'],
          where: { gridPath: area, retiredAt: null },
          _count: { _all: true },
        }),
      ]);
      const now = new Date();
      return {
        weekStart: week.start.toISOString(),
        month: month.key,
        grids: grids.map((g) => {
          const quota = quotas.find((q) => q.gridId === g.id);
          const period = (quota?.period ?? 'WEEK') as QuotaPeriod;
          const span = period === 'DAY' ? day : week;
          const own = patrols
            .filter((p) => p.gridId === g.id && p.startedAt >= span.start && p.startedAt < span.end)
            .map((p) => ({
              ...p,
              lastPointAt: p.points[0]?.at ?? null,
              buildingIds: p.checkIns.map((c) => c.buildingId),
            }));
          const covered = new Set(
            monthCheckIns.filter((c) => c.patrol.gridId === g.id).map((c) => c.buildingId),
          ).size;
          const total = totals.find((x) => x.gridId === g.id)?._count._all ?? 0;
          return {
            gridId: g.id,
            gridName: g.name,
            period,
            ...againstQuota(own, quota ?? null, now),
            quota: quota
              ? { minutes: quota.minutes, checkIns: quota.checkIns, buildings: quota.buildings }
              : null,
            buildingsTotal: total,
            buildingsCovered: covered,
          };
        }),
      };
    },

    /** Sets a grid's daily or weekly quota; the answer says whether anything changed. */
    async setQuota(
      gridId: string,
      input: { minutes: number; checkIns: number; buildings: number; period: QuotaPeriod },
      { user, ability }: Caller,
    ) {
      const grid = await db.org.findUnique({ where: { id: gridId } });
      const gridPath = grid?.path ?? '';
      if (
        !grid ||
        grid.type !== 'GRID' ||
        !ability.can('read', subject('PatrolQuota', { gridPath } as never))
      )
        throw new HttpError(404, 'error.notFound');
      if (!ability.can('update', subject('PatrolQuota', { gridPath } as never)))
        throw new HttpError(403, 'error.forbidden');
      const before = await db.patrolQuota.findUnique({ where: { gridId } });
      const changed =
        !before ||
        before.minutes !== input.minutes ||
        before.checkIns !== input.checkIns ||
        before.buildings !== input.buildings ||
        before.period !== input.period;
      if (changed) {
        await db.patrolQuota.upsert({
          where: { gridId },
          create: { gridId, gridPath, ...input, setById: user.id },
          update: { ...input, setById: user.id },
        });
      }
      return { gridId, ...input, changed };
    },
  };
}

export type PatrolsService = ReturnType<typeof createPatrolsService>;
