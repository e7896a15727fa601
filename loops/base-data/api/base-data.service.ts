/**
 * 块数据 base: buildings and rooms with their codes, residents (实有人口), businesses (实有单位),
 * every change kept as a `BaseChange` (who, when, what, from which source). Community and street
 * staff change the base directly; a grid member's change and a resident's self-declaration are
 * proposals the community reviews in the `base-data-review` loop before they become fact.
 *
 * Scope as for cases: a record out of the caller's scope is answered as missing (404), a field
 * naming one out of scope is a 400 naming that field. Residents' ID numbers and phones are
 * encrypted at rest, masked in lists; the full view of a resident, a building's page and a
 * business are audited reads.
 */
import { subject } from '@casl/ability';
import { Prisma, type BaseChange, type BaseSource, type Org, type ResidentKind } from '@prisma/client';
import type { WindowCounter } from '../../../lib/window-counter';
import type { ProgressReport, ProgressStore } from '../../../lib/progress';
import type { Db } from '../../../lib/db';
import type { ProcessEngine } from '../../../lib/engine/process-engine';
import { queueStart, startAfterCommit } from '../../../lib/engine-starts';
import { maskIdNumber, maskPhone, type FieldCrypto } from '../../../lib/field-crypto';
import { locateGrid } from '../../../lib/grid-location';
import { t, tf } from '../../../lib/i18n';
import { subtreeRange } from '../../../lib/org-tree';
import { normaliseTyped, parseAddressCode, type AddressCodeScheme } from '../../../lib/address-code';
import { accessibleBy, type AppAbility, type SessionUser } from '../../../api/src/abilities';
import { fieldError, HttpError } from '../../../api/src/http/errors';
import type { AuditLog } from '../../../api/src/modules/audit/audit.service';
import type { auditedExport } from '../../../api/src/modules/exports/audited-export';
import { tableStream, XLSX } from '../../../api/src/modules/exports/xlsx-stream';
import { baseDataLoop } from '../loop';
import { sheetWord } from '../base-import-sheet';
import {
  importBuildings,
  type ImportBuilding,
  type ImportBuildingFields,
  type ImportBusiness,
  type ImportResident,
  type ImportRoom,
} from '../base-import';
import {
  applyChange,
  currentValues,
  searchQueryOf,
  type BuildingValues,
  type BusinessValues,
  type ChangeAction,
  type ChangeValues,
  type Entity,
  type ResidentValues,
  type RoomValues,
} from '../base-changes';

type Caller = { user: SessionUser; ability: AppAbility };

/**
 * A record as CASL checks it: a copy (CASL tags the object with its type, and one building is
 * checked as several types), with no grid read as '' since a `startsWith` rule throws on null.
 */
const asSubject = <T extends { gridPath?: string | null }>(
  type: 'Building' | 'Resident' | 'Business',
  r: T,
) => subject(type, { ...r, gridPath: r.gridPath ?? '' } as never);

export type BuildingInput = ImportBuildingFields & { gridId?: string };
export type BuildingPatch = Partial<Omit<BuildingInput, 'orgId'>>;
export type RoomInput = ImportRoom;
export type ResidentInput = ImportResident & { roomId: string };
export type ResidentPatch = Partial<Omit<ResidentInput, 'idNumber'>>;
export type BusinessInput = ImportBusiness & { buildingId?: string; roomId?: string };
export type BusinessPatch = Partial<Omit<BusinessInput, 'uscc'>>;
export interface ImportInput {
  dryRun: boolean;
  buildings: (ImportBuilding & { gridId?: string })[];
}

/** What a write came to: fact at once, or a proposal waiting for the community's review. */
export interface Submitted {
  status: 'APPLIED' | 'PROPOSED';
  changeId: string;
  id: string | null;
}

export function createBaseDataService(deps: {
  db: Db;
  engine: ProcessEngine;
  crypto: FieldCrypto;
  audit: AuditLog;
  scheme: AddressCodeScheme;
  /** Where a long spreadsheet import stands, for its caller's poll. */
  progress: ProgressStore;
  /** Sends an export audited with its filter and row count. */
  exported: ReturnType<typeof auditedExport>;
  /** Counts self-declarations per address (in memory while Redis is down). */
  declareCounter: WindowCounter;
  /** Self-declarations one address may send per window. */
  declareLimit: { max: number; windowSeconds: number };
}) {
  const { db, engine, crypto, audit, scheme, declareCounter } = deps;

  const scoped = <T extends 'Building' | 'Resident' | 'Business'>(who: Caller, type: T) =>
    accessibleBy(who.ability).ofType(type);

  async function readableBuilding(id: string, who: Caller) {
    const b = await db.building.findUnique({ where: { id } });
    if (!b || !who.ability.can('read', asSubject('Building', b))) throw new HttpError(404, 'error.notFound');
    return b;
  }

  /** At most this many buildings on the map at once; a narrower box shows the rest. */
  const MAP_BUILDINGS = 5000;

  /**
   * 一图感知's building layer: the caller's buildings with a point (in a box when given), each with
   * the events reported at it and those still open, the busiest first when there are too many.
   */
  async function buildingLayer(who: Caller, box?: [number, number, number, number]) {
    const inBox = box
      ? { lng: { gte: box[0], lte: box[2] }, lat: { gte: box[1], lte: box[3] } }
      : { lng: { not: null }, lat: { not: null } };
    const buildings = await db.building.findMany({
      where: { AND: [scoped(who, 'Building'), { retiredAt: null }, inBox] },
      select: { id: true, name: true, address: true, code: true, lng: true, lat: true },
    });
    // Grouped over the caller's events, not by a list of ids: a district's 100k buildings exceed
    // what one query may bind, and each building then looks its counts up once.
    const counts = new Map<string, { events: number; open: number }>();
    if (buildings.length)
      for (const c of await db.event.groupBy({
        by: ['buildingId', 'status'],
        where: { AND: [accessibleBy(who.ability).ofType('Event'), { buildingId: { not: null } }] },
        _count: { _all: true },
      })) {
        const n = counts.get(c.buildingId!) ?? { events: 0, open: 0 };
        n.events += c._count._all;
        if (c.status === 'OPEN') n.open += c._count._all;
        counts.set(c.buildingId!, n);
      }
    const items = buildings
      .map((b) => ({ ...b, lng: b.lng!, lat: b.lat!, events: 0, open: 0, ...counts.get(b.id) }))
      .sort((a, b) => b.open - a.open || b.events - a.events || a.code.localeCompare(b.code));
    return { truncated: items.length > MAP_BUILDINGS, items: items.slice(0, MAP_BUILDINGS) };
  }

  /** How the caller may change a record of this scope: directly, as a proposal, or not at all. */
  function mode(
    who: Caller,
    type: 'Building' | 'Resident' | 'Business',
    place: object,
  ): 'direct' | 'propose' {
    const record = asSubject(type, place as { gridPath?: string | null });
    if (who.ability.can('update', record) || who.ability.can('create', record)) return 'direct';
    if (who.ability.can('propose', record)) return 'propose';
    throw new HttpError(403, 'error.forbidden');
  }

  const sourceOf = (m: 'direct' | 'propose'): BaseSource => (m === 'direct' ? 'STAFF' : 'GRID');

  /** A short line for the reviewer's inbox: what changes where, identity masked. */
  function summaryOf(entity: Entity, action: ChangeAction, values: ChangeValues, where: string) {
    const verb = { create: '新增', update: '更正', retire: '注销' }[action];
    const noun = { building: '楼栋', room: '房屋', resident: '实有人口', business: '实有单位' }[entity];
    const v = values as ResidentValues & BusinessValues & RoomValues & BuildingValues;
    const what = v.name ?? v.roomNo ?? '';
    const id = v.idNumberMasked ? `（${v.idNumberMasked}）` : v.uscc ? `（${v.uscc}）` : '';
    return `${verb}${noun}：${what}${id} @ ${where}`;
  }

  /**
   * Records a change: applied at once for staff, or kept as a proposal with its review started
   * (the outbox: the start runs after the commit; a refused start takes the proposal back).
   */
  async function submit(
    who: Caller | null,
    how: 'direct' | 'propose',
    source: BaseSource,
    c: {
      entity: Entity;
      action: ChangeAction;
      entityId?: string;
      values: ChangeValues;
      community: Pick<Org, 'id' | 'path'>;
      buildingId?: string | null;
      where: string;
    },
  ): Promise<Submitted> {
    const common = {
      entity: c.entity,
      action: c.action,
      entityId: c.entityId ?? null,
      data: c.values as Prisma.InputJsonValue,
      source,
      actorId: who?.user.id ?? null,
      actorName: who?.user.displayName ?? null,
      orgId: c.community.id,
      orgPath: c.community.path,
      buildingId: c.buildingId ?? null,
    };
    try {
      if (how === 'direct') {
        return await db.$transaction(async (tx) => {
          const before = c.entityId ? await currentValues(tx, c.entity, c.entityId) : null;
          const id = await applyChange(tx, scheme, { ...common, data: c.values as Prisma.JsonValue });
          const change = await tx.baseChange.create({
            data: {
              ...common,
              entityId: id,
              buildingId: c.buildingId ?? (c.entity === 'building' ? id : null),
              before: (before ?? undefined) as Prisma.InputJsonValue | undefined,
              status: 'APPLIED',
            },
          });
          return { status: 'APPLIED' as const, changeId: change.id, id };
        });
      }
      const change = await db.$transaction(async (tx) => {
        const before = c.entityId ? await currentValues(tx, c.entity, c.entityId) : null;
        const made = await tx.baseChange.create({
          data: {
            ...common,
            before: (before ?? undefined) as Prisma.InputJsonValue | undefined,
            status: 'PROPOSED',
          },
        });
        await queueStart(tx, {
          caseKind: 'PROCESS',
          caseId: made.id,
          processKey: baseDataLoop.processId,
          businessKey: made.id,
          variables: {
            changeId: made.id,
            communityId: c.community.id,
            entity: c.entity,
            action: c.action,
            source,
            summary: summaryOf(c.entity, c.action, c.values, c.where),
          },
        });
        return made;
      });
      const started = await startAfterCommit(db, engine, change.id, (tx) =>
        tx.baseChange.delete({ where: { id: change.id } }),
      );
      if (started.processInstanceId)
        await db.baseChange.update({
          where: { id: change.id },
          data: { processInstanceId: started.processInstanceId },
        });
      return { status: 'PROPOSED', changeId: change.id, id: c.entityId ?? null };
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        const target = String((err.meta as { target?: unknown } | undefined)?.target ?? '');
        if (target.includes('uscc')) throw fieldError('uscc', t('error.usccTaken'));
        if (target.includes('idNumberHash')) throw fieldError('idNumber', t('error.residentAlreadyInRoom'));
      }
      if (err instanceof RangeError) throw new HttpError(409, 'error.codeRange');
      throw err;
    }
  }

  /** The community (and grid) a new building goes in: 400 naming the field when not the caller's. */
  async function placeForBuilding(input: { orgId: string; gridId?: string; lng?: number; lat?: number }) {
    const community = await db.org.findUnique({ where: { id: input.orgId } });
    if (!community || community.type !== 'COMMUNITY' || community.retiredAt)
      throw fieldError('orgId', t('error.notACommunity'));
    let grid: Pick<Org, 'id' | 'path'> | null = null;
    if (input.gridId) {
      grid = await db.org.findUnique({ where: { id: input.gridId } });
      if (!grid || (grid as Org).type !== 'GRID' || (grid as Org).parentId !== community.id)
        throw fieldError('gridId', t('error.gridNotInCommunity'));
    } else if (input.lat !== undefined && input.lng !== undefined) {
      // The grid whose boundary holds the point, until a person confirms it (or chooses another).
      grid = await locateGrid(db, community.path, input.lat, input.lng);
    }
    return { community, grid };
  }

  async function roomIn(roomId: string, who: Caller, field = 'roomId') {
    const room = await db.room.findUnique({ where: { id: roomId }, include: { building: true } });
    if (!room || room.retiredAt || !who.ability.can('read', asSubject('Building', room.building)))
      throw fieldError(field, t('error.unknownRoom'));
    return room;
  }

  const hashOf = (idNumber: string) => crypto.blindIndex(idNumber);

  function residentValues(input: Partial<ResidentInput>): ResidentValues {
    return {
      roomId: input.roomId,
      name: input.name,
      gender: input.gender,
      ...(input.idNumber && {
        idNumberEnc: crypto.encrypt(input.idNumber),
        idNumberHash: hashOf(input.idNumber),
        idNumberMasked: maskIdNumber(input.idNumber),
      }),
      ...(input.phone !== undefined && { phoneEnc: crypto.encrypt(input.phone) }),
      kind: input.kind,
      tags: input.tags,
    };
  }

  async function residentNotThere(roomId: string, idNumber: string) {
    const there = await db.resident.findFirst({
      where: { roomId, idNumberHash: hashOf(idNumber), movedOutAt: null },
    });
    if (there) throw fieldError('idNumber', t('error.residentAlreadyInRoom'));
  }

  async function usccFree(uscc: string) {
    if (await db.business.findUnique({ where: { uscc } })) throw fieldError('uscc', t('error.usccTaken'));
  }

  const maskedResident = (r: {
    id: string;
    name: string;
    gender: string | null;
    idNumberEnc: string;
    phoneEnc: string | null;
    kind: ResidentKind;
    tags: string[];
    roomId: string;
    buildingId: string;
    movedOutAt: Date | null;
  }) => ({
    id: r.id,
    name: r.name,
    gender: r.gender,
    idNumber: maskIdNumber(crypto.decrypt(r.idNumberEnc)),
    phone: r.phoneEnc ? maskPhone(crypto.decrypt(r.phoneEnc)) : null,
    kind: r.kind,
    tags: r.tags,
    roomId: r.roomId,
    buildingId: r.buildingId,
    movedOutAt: r.movedOutAt,
  });

  const buildingRow = (b: {
    id: string;
    code: string;
    orgId: string;
    gridId: string | null;
    address: string;
    name: string;
    road: string | null;
    doorNo: string | null;
    lng: number | null;
    lat: number | null;
    floors: number | null;
    gridConfirmedAt: Date | null;
    retiredAt: Date | null;
  }) => ({
    id: b.id,
    code: b.code,
    orgId: b.orgId,
    gridId: b.gridId,
    address: b.address,
    name: b.name,
    road: b.road,
    doorNo: b.doorNo,
    lng: b.lng,
    lat: b.lat,
    floors: b.floors,
    gridConfirmed: b.gridConfirmedAt !== null,
    retiredAt: b.retiredAt,
  });

  /** Buildings matching typed text: all its parts contained, else the closest by trigram word similarity. */
  /**
   * The buildings the caller reads as SQL over the subtree ranges of the ability's read rules
   * (their community's or grid's path under one the rules name, the 信访 office's level too): the
   * raw search cannot use accessibleBy, and ranges keep the btree indexes usable.
   */
  function readableRanges(who: Caller) {
    // Only rules of one path condition are understood; any other reads nothing here (never more).
    const ranges = who.ability.rulesFor('read', 'Building').flatMap((rule) => {
      const [only, ...more] = Object.entries(
        (rule.conditions ?? {}) as Record<string, { startsWith?: string }>,
      );
      if (rule.inverted || !only || more.length) return [];
      const [column, test] = only;
      return (column === 'orgPath' || column === 'gridPath') && test.startsWith
        ? [{ column, ...subtreeRange(test.startsWith) }]
        : [];
    });
    return ranges.length
      ? Prisma.join(
          ranges.map(
            (r) =>
              Prisma.sql`(${Prisma.raw(`"${r.column}"`)} >= ${r.gte} AND ${Prisma.raw(`"${r.column}"`)} < ${r.lt})`,
          ),
          ' OR ',
        )
      : Prisma.sql`FALSE`;
  }

  async function searchBuildings(q: string, who: Caller, limit: number) {
    const typed = normaliseTyped(q);
    const code = parseAddressCode(scheme, typed);
    if (code) {
      const b = await db.building.findFirst({
        where: { AND: [scoped(who, 'Building'), { code: code.buildingCode }] },
      });
      return b ? [b] : [];
    }
    const query = searchQueryOf(q);
    if (!query) return [];
    const escape = (p: string) => `%${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = query
      .split(/[,，、;；/]+/)
      .filter(Boolean)
      .map(escape);
    // 新安海秀路23号: the street's or community's short name typed before the road is no substring of
    // 宝安区新安街道海旺社区海秀路23号, so the names of units found in the text become an area
    // filter and the rest is matched (the text as typed is still tried as a whole too).
    const areas = await db.$queryRaw<{ path: string; short: string }[]>(Prisma.sql`
      SELECT path, regexp_replace(name, '(区|街道|社区|居委会|村委会)$', '') AS short FROM "Org"
      WHERE type IN ('DISTRICT', 'STREET', 'COMMUNITY') AND "retiredAt" IS NULL
        AND char_length(regexp_replace(name, '(区|街道|社区|居委会|村委会)$', '')) >= 2
        AND position(regexp_replace(name, '(区|街道|社区|居委会|村委会)$', '') IN ${query}) > 0
      ORDER BY char_length(path) DESC`);
    const deepest = areas[0]?.path;
    const area = deepest && areas.every((a) => deepest.startsWith(a.path)) ? deepest : null;
    let rest = query;
    for (const a of areas) rest = rest.replace(a.short, ' ');
    const restLike = rest
      .split(/[\s,，、;；/]+/)
      .filter(Boolean)
      .map(escape);
    const inArea = area && restLike.length ? subtreeRange(area) : null;
    const inScope = Prisma.sql`"retiredAt" IS NULL AND (${readableRanges(who)})`;
    // Each part its own LIKE, so the trigram index answers every one (LIKE ALL of an array it cannot).
    const containsAll = (parts: string[]) =>
      Prisma.join(
        parts.map((p) => Prisma.sql`"searchText" LIKE ${p}`),
        ' AND ',
      );
    let ids = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT id FROM "Building"
      WHERE ${inScope}
        AND ((${containsAll(like)})
          ${
            inArea
              ? Prisma.sql`OR ("orgPath" >= ${inArea.gte} AND "orgPath" < ${inArea.lt} AND ${containsAll(restLike)})`
              : Prisma.empty
          })
      ORDER BY char_length("searchText"), code
      LIMIT ${limit}`);
    // Nothing contains the text: the nearest by trigram word similarity (a typo, a word left out).
    if (!ids.length)
      ids = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
        SELECT id FROM "Building"
        WHERE ${inScope} AND ${query} <% "searchText"
        ORDER BY word_similarity(${query}, "searchText") DESC, code
        LIMIT ${limit}`);
    const found = await db.building.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    const order = new Map(ids.map((r, i) => [r.id, i]));
    return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** A record the caller may read, or 404, before its body is read (define-route's `before`). */
  async function readable(kind: 'building' | 'room' | 'resident' | 'business', id: string, who: Caller) {
    const found =
      kind === 'building'
        ? await db.building.findUnique({ where: { id } }).then((b) => b && asSubject('Building', b))
        : kind === 'room'
          ? await db.room
              .findUnique({ where: { id }, include: { building: true } })
              .then((r) => r && asSubject('Building', r.building))
          : kind === 'resident'
            ? await db.resident.findUnique({ where: { id } }).then((r) => r && asSubject('Resident', r))
            : await db.business.findUnique({ where: { id } }).then((b) => b && asSubject('Business', b));
    if (!found || !who.ability.can('read', found)) throw new HttpError(404, 'error.notFound');
  }

  return {
    buildingLayer,
    readable,

    /** 地址搜索: a code (25 digits, full-width too) or partial address text; people by name or ID number. */
    async search(q: string, who: Caller) {
      const typed = normaliseTyped(q);
      const byId = /^\d{17}[\dX]$/.test(typed);
      // Three scoped queries at once: the answer waits for the slowest, not for their sum. An ID
      // number names a person, so no address or business is looked for.
      const [buildings, residents, businesses] = await Promise.all([
        byId ? [] : searchBuildings(q, who, 20),
        db.resident.findMany({
          where: {
            AND: [
              scoped(who, 'Resident'),
              { movedOutAt: null },
              byId ? { idNumberHash: hashOf(typed) } : { name: { contains: q.trim() } },
            ],
          },
          take: 20,
          orderBy: { name: 'asc' },
        }),
        byId
          ? []
          : db.business.findMany({
              where: {
                AND: [
                  scoped(who, 'Business'),
                  { closedAt: null },
                  { OR: [{ name: { contains: q.trim() } }, { uscc: typed }] },
                ],
              },
              take: 20,
              orderBy: { name: 'asc' },
            }),
      ]);
      return {
        buildings: buildings.map(buildingRow),
        residents: residents.map(maskedResident),
        businesses: businesses.map((b) => ({
          id: b.id,
          name: b.name,
          uscc: b.uscc,
          buildingId: b.buildingId,
        })),
      };
    },

    /** A building's page: rooms with their residents (masked), businesses, cases; an audited read. */
    async building(id: string, who: Caller, address: string) {
      const b = await readableBuilding(id, who);
      await audit.record({
        by: who.user.id,
        action: 'building.read',
        subjectType: 'Building',
        subjectId: id,
        address,
      });
      const [rooms, residents, businesses, events, changes, persons, disputes, petitions, orgs] =
        await Promise.all([
          db.room.findMany({
            where: { buildingId: id, retiredAt: null },
            orderBy: [{ unitNo: 'asc' }, { seq: 'asc' }],
          }),
          db.resident.findMany({
            where: { AND: [scoped(who, 'Resident'), { buildingId: id, movedOutAt: null }] },
            orderBy: { name: 'asc' },
          }),
          db.business.findMany({
            where: { AND: [scoped(who, 'Business'), { buildingId: id, closedAt: null }] },
            orderBy: { name: 'asc' },
          }),
          db.event.findMany({
            where: { AND: [accessibleBy(who.ability).ofType('Event'), { buildingId: id }] },
            orderBy: { createdAt: 'desc' },
            take: 100,
            include: { category: true },
          }),
          db.baseChange.findMany({ where: { buildingId: id }, orderBy: { createdAt: 'desc' }, take: 50 }),
          // Key persons' files and disputes of the building, as far as the caller reads them.
          db.person.findMany({
            where: { AND: [accessibleBy(who.ability).ofType('Person'), { buildingId: id, closedAt: null }] },
            select: { id: true, name: true, typeCode: true, riskLevel: true },
            orderBy: { name: 'asc' },
          }),
          db.dispute.findMany({
            where: { AND: [accessibleBy(who.ability).ofType('Dispute'), { buildingId: id }] },
            select: { id: true, caseNo: true, summary: true, stage: true, createdAt: true },
            orderBy: { createdAt: 'desc' },
            take: 100,
          }),
          // Petitions only for those who read them (the office, handlers, reviewers and above): a
          // petition nobody else may know of is not shown, nor counted. No petitioner's identity.
          db.petition.findMany({
            where: { AND: [accessibleBy(who.ability).ofType('Petition'), { buildingId: id }] },
            select: { id: true, caseNo: true, matter: true, status: true, roomId: true, createdAt: true },
            orderBy: { createdAt: 'desc' },
            take: 100,
          }),
          db.org.findMany({
            where: { id: { in: [b.orgId, ...(b.gridId ? [b.gridId] : [])] } },
            select: { id: true, name: true },
          }),
        ]);
      const nameOf = (orgId: string | null) => orgs.find((o) => o.id === orgId)?.name ?? null;
      return {
        ...buildingRow(b),
        communityName: nameOf(b.orgId)!,
        gridName: nameOf(b.gridId),
        rooms: rooms.map((r) => ({
          id: r.id,
          code: r.code,
          unitNo: r.unitNo,
          floor: r.floor,
          roomNo: r.roomNo,
          use: r.use,
          ownerName: r.ownerName,
          tenantName: r.tenantName,
          residents: residents.filter((p) => p.roomId === r.id).map(maskedResident),
        })),
        businesses: businesses.map((x) => ({
          id: x.id,
          name: x.name,
          uscc: x.uscc,
          legalRep: x.legalRep,
          kind: x.kind,
          roomId: x.roomId,
        })),
        events: events.map((e) => ({
          id: e.id,
          caseNo: e.caseNo,
          category: e.category.name,
          status: e.status,
          address: e.address,
          roomId: e.roomId,
          createdAt: e.createdAt,
        })),
        persons,
        disputes,
        petitions,
        history: changes.map(historyRow),
        mayChange: who.ability.can('update', asSubject('Building', b)),
        mayPropose: who.ability.can('propose', asSubject('Building', b)),
        mayExport: who.ability.can(
          'export',
          asSubject('Resident', { orgPath: b.orgPath, gridPath: b.gridPath }),
        ),
      };
    },

    /** The building a QR code or a typed code names (a room's code opens its building). */
    async byCode(code: string, who: Caller) {
      const parsed = parseAddressCode(scheme, normaliseTyped(code));
      if (!parsed) throw new HttpError(404, 'error.notFound');
      const b = await db.building.findUnique({ where: { code: parsed.buildingCode } });
      if (!b || !who.ability.can('read', asSubject('Building', b)))
        throw new HttpError(404, 'error.notFound');
      return {
        id: b.id,
        code: b.code,
        roomId: parsed.isBuilding
          ? null
          : ((await db.room.findUnique({ where: { code: normaliseTyped(code) } }))?.id ?? null),
      };
    },

    async createBuilding(input: BuildingInput, who: Caller): Promise<Submitted> {
      const { community, grid } = await placeForBuilding(input);
      const how = mode(who, 'Building', { orgPath: community.path, gridPath: grid?.path ?? null });
      const values: BuildingValues = {
        ...input,
        gridId: grid?.id ?? null,
        gridConfirmedBy: input.gridId ? who.user.id : null,
      };
      return submit(who, how, sourceOf(how), {
        entity: 'building',
        action: 'create',
        values,
        community,
        where: `${community.name}${input.road ?? ''}${input.doorNo ?? ''}${input.name}`,
      });
    },

    async updateBuilding(id: string, patch: BuildingPatch, who: Caller): Promise<Submitted> {
      const b = await readableBuilding(id, who);
      const how = mode(who, 'Building', b);
      if (patch.gridId) await placeForBuilding({ orgId: b.orgId, gridId: patch.gridId });
      const values: BuildingValues = { ...patch, ...(patch.gridId && { gridConfirmedBy: who.user.id }) };
      return submit(who, how, sourceOf(how), {
        entity: 'building',
        action: 'update',
        entityId: id,
        values,
        community: { id: b.orgId, path: b.orgPath },
        buildingId: id,
        where: b.address,
      });
    },

    async createRoom(buildingId: string, input: RoomInput, who: Caller): Promise<Submitted> {
      const b = await readableBuilding(buildingId, who);
      const how = mode(who, 'Building', b);
      return submit(who, how, sourceOf(how), {
        entity: 'room',
        action: 'create',
        values: { ...input, buildingId },
        community: { id: b.orgId, path: b.orgPath },
        buildingId,
        where: b.address,
      });
    },

    async updateRoom(id: string, patch: Partial<RoomInput>, who: Caller): Promise<Submitted> {
      const room = await db.room.findUnique({ where: { id }, include: { building: true } });
      if (!room || !who.ability.can('read', asSubject('Building', room.building)))
        throw new HttpError(404, 'error.notFound');
      const how = mode(who, 'Building', room.building);
      return submit(who, how, sourceOf(how), {
        entity: 'room',
        action: 'update',
        entityId: id,
        values: patch,
        community: { id: room.building.orgId, path: room.building.orgPath },
        buildingId: room.buildingId,
        where: `${room.building.address} ${room.roomNo}`,
      });
    },

    async residents(query: { buildingId?: string; q?: string; page: number; pageSize: number }, who: Caller) {
      const where = {
        AND: [
          scoped(who, 'Resident'),
          { movedOutAt: null },
          ...(query.buildingId ? [{ buildingId: query.buildingId }] : []),
          ...(query.q ? [{ name: { contains: query.q } }] : []),
        ],
      };
      const [items, total] = await Promise.all([
        db.resident.findMany({
          where,
          orderBy: [{ buildingId: 'asc' }, { name: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.resident.count({ where }),
      ]);
      return { items: items.map(maskedResident), total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * 导出实有人口 (.xlsx or .csv): the residents of the caller's area it may export (by building,
     * by name), ID numbers and phones masked unless the caller may export them in full (asking
     * for that without the right is a 403); audited with the filter and the row count.
     */
    async exportResidents(
      ctx: Parameters<ReturnType<typeof auditedExport>>[0],
      query: { format: 'xlsx' | 'csv'; buildingId?: string; q?: string; full: boolean },
      who: Caller,
    ) {
      if (query.full && !who.ability.can('exportFull', 'Resident'))
        throw new HttpError(403, 'error.forbidden');
      const where = {
        AND: [
          accessibleBy(who.ability, 'export').ofType('Resident'),
          { movedOutAt: null },
          ...(query.buildingId ? [{ buildingId: query.buildingId }] : []),
          ...(query.q ? [{ name: { contains: query.q } }] : []),
        ],
      };
      const PAGE = 1000;
      const page = (n: number) =>
        db.resident.findMany({
          where,
          orderBy: [{ buildingId: 'asc' }, { id: 'asc' }],
          skip: (n - 1) * PAGE,
          take: PAGE,
          include: {
            room: { select: { unitNo: true, roomNo: true } },
            building: { select: { address: true } },
          },
        });
      type Row = Awaited<ReturnType<typeof page>>[number];
      const identity = (enc: string | null, mask: (v: string) => string) =>
        enc ? (query.full ? crypto.decrypt(enc) : mask(crypto.decrypt(enc))) : '';
      await deps.exported(
        ctx,
        {
          action: 'export.residents',
          subjectType: 'Resident',
          subjectId: 'residents',
          filter: query,
          fileName: `实有人口.${query.format}`,
          contentType: query.format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
          disposition: 'attachment',
        },
        (onEnd) =>
          tableStream<Row>(
            query.format,
            '实有人口',
            [
              { header: '姓名', width: 10, value: (r) => r.name },
              { header: '性别', width: 6, value: (r) => sheetWord('gender', r.gender) },
              { header: '身份证号', width: 20, value: (r) => identity(r.idNumberEnc, maskIdNumber) },
              { header: '电话', width: 14, value: (r) => identity(r.phoneEnc, maskPhone) },
              { header: '人口类型', width: 8, value: (r) => sheetWord('kind', r.kind) },
              { header: '标签', width: 16, value: (r) => r.tags.join('、') },
              {
                header: '地址',
                width: 40,
                value: (r) =>
                  `${r.building.address}${r.room.unitNo ? `${r.room.unitNo}单元` : ''}${r.room.roomNo}`,
              },
            ],
            page,
            PAGE,
            () => undefined,
            onEnd,
          ),
      );
    },

    /** One resident unmasked: an audited read. */
    async resident(id: string, who: Caller, address: string) {
      const r = await db.resident.findUnique({ where: { id }, include: { room: true, building: true } });
      if (!r || !who.ability.can('read', asSubject('Resident', r)))
        throw new HttpError(404, 'error.notFound');
      await audit.record({
        by: who.user.id,
        action: 'resident.read',
        subjectType: 'Resident',
        subjectId: id,
        address,
      });
      const history = await db.baseChange.findMany({
        where: { entity: 'resident', entityId: id },
        orderBy: { createdAt: 'desc' },
      });
      return {
        ...maskedResident(r),
        idNumber: crypto.decrypt(r.idNumberEnc),
        phone: r.phoneEnc ? crypto.decrypt(r.phoneEnc) : null,
        roomNo: r.room.roomNo,
        roomCode: r.room.code,
        address: r.building.address,
        movedInAt: r.movedInAt,
        history: history.map(historyRow),
      };
    },

    async createResident(input: ResidentInput, who: Caller): Promise<Submitted> {
      const room = await roomIn(input.roomId, who);
      const how = mode(who, 'Resident', room.building);
      await residentNotThere(room.id, input.idNumber);
      return submit(who, how, sourceOf(how), {
        entity: 'resident',
        action: 'create',
        values: residentValues(input),
        community: { id: room.building.orgId, path: room.building.orgPath },
        buildingId: room.buildingId,
        where: `${room.building.address} ${room.roomNo}`,
      });
    },

    async updateResident(id: string, patch: ResidentPatch, who: Caller): Promise<Submitted> {
      const r = await db.resident.findUnique({ where: { id }, include: { building: true } });
      if (!r || !who.ability.can('read', asSubject('Resident', r)))
        throw new HttpError(404, 'error.notFound');
      const how = mode(who, 'Resident', r);
      if (patch.roomId) await roomIn(patch.roomId, who);
      return submit(who, how, sourceOf(how), {
        entity: 'resident',
        action: 'update',
        entityId: id,
        values: {
          ...residentValues(patch),
          idNumberMasked: maskIdNumber(crypto.decrypt(r.idNumberEnc)),
          name: patch.name ?? r.name,
        },
        community: { id: r.building.orgId, path: r.orgPath },
        buildingId: r.buildingId,
        where: r.building.address,
      });
    },

    /** 迁出: the resident left (where to, when known); kept with their history, off the building's list. */
    async moveOut(id: string, reason: string, who: Caller): Promise<Submitted> {
      const r = await db.resident.findUnique({ where: { id }, include: { building: true } });
      if (!r || !who.ability.can('read', asSubject('Resident', r)))
        throw new HttpError(404, 'error.notFound');
      const how = mode(who, 'Resident', r);
      return submit(who, how, sourceOf(how), {
        entity: 'resident',
        action: 'retire',
        entityId: id,
        values: { name: r.name, idNumberMasked: maskIdNumber(crypto.decrypt(r.idNumberEnc)), reason },
        community: { id: r.building.orgId, path: r.orgPath },
        buildingId: r.buildingId,
        where: r.building.address,
      });
    },

    async businesses(query: { q?: string; page: number; pageSize: number }, who: Caller) {
      const where = {
        AND: [
          scoped(who, 'Business'),
          { closedAt: null },
          ...(query.q ? [{ OR: [{ name: { contains: query.q } }, { uscc: query.q }] }] : []),
        ],
      };
      const [items, total] = await Promise.all([
        db.business.findMany({
          where,
          orderBy: { name: 'asc' },
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.business.count({ where }),
      ]);
      return {
        items: items.map((b) => ({
          id: b.id,
          name: b.name,
          uscc: b.uscc,
          legalRep: b.legalRep,
          kind: b.kind,
          buildingId: b.buildingId,
          roomId: b.roomId,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async createBusiness(input: BusinessInput, who: Caller): Promise<Submitted> {
      await usccFree(input.uscc);
      const room = input.roomId ? await roomIn(input.roomId, who) : null;
      const building = room
        ? room.building
        : input.buildingId
          ? await readableBuilding(input.buildingId, who).catch(() => {
              throw fieldError('buildingId', t('error.buildingNotInArea'));
            })
          : null;
      if (!building) throw fieldError('buildingId', t('error.required'));
      const how = mode(who, 'Business', building);
      return submit(who, how, sourceOf(how), {
        entity: 'business',
        action: 'create',
        values: { ...input, buildingId: building.id },
        community: { id: building.orgId, path: building.orgPath },
        buildingId: building.id,
        where: building.address,
      });
    },

    async updateBusiness(id: string, patch: BusinessPatch, who: Caller): Promise<Submitted> {
      const x = await db.business.findUnique({ where: { id } });
      if (!x || !who.ability.can('read', asSubject('Business', x)))
        throw new HttpError(404, 'error.notFound');
      const how = mode(who, 'Business', x);
      if (patch.roomId) await roomIn(patch.roomId, who);
      if (patch.buildingId)
        await readableBuilding(patch.buildingId, who).catch(() => {
          throw fieldError('buildingId', t('error.buildingNotInArea'));
        });
      return submit(who, how, sourceOf(how), {
        entity: 'business',
        action: 'update',
        entityId: id,
        values: { ...patch, name: patch.name ?? x.name, uscc: x.uscc },
        community: { id: x.orgPath.split('/').filter(Boolean).pop()!, path: x.orgPath },
        buildingId: patch.buildingId ?? x.buildingId,
        where: x.name,
      });
    },

    /** Proposals waiting for review in the caller's area (the inbox has the tasks; this the list). */
    async changes(query: { status?: BaseChange['status']; page: number; pageSize: number }, who: Caller) {
      const where = {
        AND: [
          accessibleBy(who.ability).ofType('BaseChange'),
          ...(query.status ? [{ status: query.status }] : []),
        ],
      };
      const [items, total] = await Promise.all([
        db.baseChange.findMany({
          where,
          orderBy: { createdAt: 'desc' },
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.baseChange.count({ where }),
      ]);
      return { items: items.map(historyRow), total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * 一次导入: a district's buildings with their rooms, residents and businesses, codes assigned
     * as they go. A dry run checks every row (ID numbers and USCCs by their schemas already) and
     * writes nothing; a real run writes all or nothing.
     */
    /** The caller's reporter for the request carrying `progressId` (nothing reported without one). */
    reporter: (who: Caller, progressId: string | undefined) =>
      deps.progress.reporter(who.user.id, progressId),

    async import(input: ImportInput, who: Caller, report: ProgressReport = () => undefined) {
      report('check', 0, input.buildings.length);
      const problems: { field: string; message: ReturnType<typeof t> }[] = [];
      const communities = new Map<string, Org>();
      for (const [i, b] of input.buildings.entries()) {
        let community = communities.get(b.orgId);
        if (!community) {
          const found = await db.org.findUnique({ where: { id: b.orgId } });
          if (found?.type === 'COMMUNITY' && !found.retiredAt) communities.set(b.orgId, (community = found));
        }
        if (
          !community ||
          !who.ability.can('create', asSubject('Building', { orgPath: community.path, gridPath: null }))
        )
          problems.push({ field: `buildings.${i}.orgId`, message: t('error.notACommunity') });
      }
      const usccs = input.buildings.flatMap((b) => b.businesses.map((x) => x.uscc));
      const taken = await db.business.findMany({ where: { uscc: { in: usccs } }, select: { uscc: true } });
      input.buildings.forEach((b, i) =>
        b.businesses.forEach((x, j) => {
          if (taken.some((t0) => t0.uscc === x.uscc) || usccs.indexOf(x.uscc) !== usccs.lastIndexOf(x.uscc))
            problems.push({ field: `buildings.${i}.businesses.${j}.uscc`, message: t('error.usccTaken') });
          if (x.roomNo && !b.rooms.some((r) => r.roomNo === x.roomNo))
            problems.push({
              field: `buildings.${i}.businesses.${j}.roomNo`,
              message: t('error.unknownRoom'),
            });
        }),
      );
      if (problems.length) throw new HttpError(400, 'error.validation', problems);
      const counts = {
        buildings: input.buildings.length,
        rooms: input.buildings.reduce((n, b) => n + b.rooms.length, 0),
        residents: input.buildings.reduce(
          (n, b) => n + b.rooms.reduce((m, r) => m + r.residents.length, 0),
          0,
        ),
        businesses: usccs.length,
      };
      if (input.dryRun) return { dryRun: true, ...counts, buildingIds: [] };
      // The grids named or located, each checked to be one of its community's.
      const placed: Parameters<typeof importBuildings>[2] = [];
      for (const [i, b] of input.buildings.entries()) {
        const community = communities.get(b.orgId)!;
        const grid = b.gridId
          ? await db.org.findFirst({ where: { id: b.gridId, type: 'GRID', parentId: community.id } })
          : b.lat !== undefined && b.lng !== undefined
            ? await locateGrid(db, community.path, b.lat, b.lng)
            : null;
        if (b.gridId && !grid) throw fieldError(`buildings.${i}.gridId`, t('error.gridNotInCommunity'));
        placed.push({ ...b, community, grid });
      }
      const ids = await db.$transaction(
        (tx) =>
          importBuildings(tx, { scheme, crypto, report }, placed, {
            id: who.user.id,
            name: who.user.displayName,
          }),
        { timeout: 600_000 },
      );
      return { dryRun: false, ...counts, buildingIds: ids };
    },

    /** A building's QR page without signing in: where it is and its rooms, nobody's data. */
    async publicBuilding(code: string) {
      const parsed = parseAddressCode(scheme, normaliseTyped(code));
      const b = parsed && (await db.building.findUnique({ where: { code: parsed.buildingCode } }));
      if (!b || b.retiredAt) throw new HttpError(404, 'error.notFound');
      const rooms = await db.room.findMany({
        where: { buildingId: b.id, retiredAt: null },
        orderBy: [{ unitNo: 'asc' }, { seq: 'asc' }],
        select: { id: true, code: true, unitNo: true, floor: true, roomNo: true },
      });
      return { code: b.code, address: b.address, name: b.name, rooms };
    },

    /**
     * 居民自主申报 through the building's QR page: no sign-in, so a limit per address instead of a
     * captcha; the declaration is a proposal the community reviews like a grid member's.
     */
    async declare(code: string, input: Omit<ResidentInput, 'tags'>, ip: string): Promise<Submitted> {
      const { count, ttlMs } = await declareCounter.hit(
        `base-declare:${ip}`,
        deps.declareLimit.windowSeconds * 1000,
      );
      if (count > deps.declareLimit.max) {
        const ttl = Math.max(1, Math.ceil(ttlMs / 1000));
        throw new HttpError(429, 'error.tooManyDeclarations', [], {
          message: tf('error.tooManyDeclarations', { minutes: Math.ceil(ttl / 60) }),
          headers: { 'Retry-After': String(ttl) },
        });
      }
      const parsed = parseAddressCode(scheme, normaliseTyped(code));
      const b = parsed && (await db.building.findUnique({ where: { code: parsed.buildingCode } }));
      if (!b || b.retiredAt) throw new HttpError(404, 'error.notFound');
      const room = await db.room.findFirst({
        where: { id: input.roomId, buildingId: b.id, retiredAt: null },
      });
      if (!room) throw fieldError('roomId', t('error.unknownRoom'));
      await residentNotThere(room.id, input.idNumber);
      return submit(null, 'propose', 'SELF_DECLARED', {
        entity: 'resident',
        action: 'create',
        values: residentValues(input),
        community: { id: b.orgId, path: b.orgPath },
        buildingId: b.id,
        where: `${b.address} ${room.roomNo}`,
      });
    },
  };
}

/** A change as the history shows it: identity fields only masked, never the ciphertext. */
function historyRow(c: BaseChange) {
  const data = { ...(c.data as Record<string, unknown>) };
  for (const k of ['idNumberEnc', 'idNumberHash', 'phoneEnc']) delete data[k];
  return {
    id: c.id,
    entity: c.entity,
    entityId: c.entityId,
    action: c.action,
    source: c.source,
    status: c.status,
    actorName: c.actorName,
    data,
    reviewNote: c.reviewNote,
    reviewedAt: c.reviewedAt,
    createdAt: c.createdAt,
  };
}

export type BaseDataService = ReturnType<typeof createBaseDataService>;
