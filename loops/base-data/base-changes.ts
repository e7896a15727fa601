/**
 * How a change becomes fact in the address base: one function for a community staff member's
 * direct edit, an import row and a reviewed proposal (the `base-data-review` worker), so the
 * codes, the derived address text and the scope paths are computed one way whoever writes.
 *
 * A change is a `BaseChange` row (the history: who, when, what, from which source); its `data`
 * holds the new values with identity fields already encrypted, so a proposal waiting for review
 * never holds a readable ID number.
 */
import type { BaseChange, Org, Prisma, RoomUse, ResidentKind } from '@prisma/client';
import {
  buildingCode,
  communityDivisionCode,
  normaliseTyped,
  roomCode,
  type AddressCodeScheme,
} from '../../lib/address-code';

export const ENTITIES = ['building', 'room', 'resident', 'business'] as const;
export type Entity = (typeof ENTITIES)[number];
export const ACTIONS = ['create', 'update', 'retire'] as const;
export type ChangeAction = (typeof ACTIONS)[number];

export interface BuildingValues {
  orgId?: string;
  gridId?: string | null;
  /** Who confirmed the grid (a person's id): set when someone chose it, not when computed from the point. */
  gridConfirmedBy?: string | null;
  road?: string | null;
  doorNo?: string | null;
  name?: string;
  lng?: number | null;
  lat?: number | null;
  floors?: number | null;
}
export interface RoomValues {
  buildingId?: string;
  unitNo?: string | null;
  floor?: number | null;
  roomNo?: string;
  use?: RoomUse;
  ownerName?: string | null;
  tenantName?: string | null;
  area?: number | null;
}
export interface ResidentValues {
  roomId?: string;
  name?: string;
  gender?: string | null;
  idNumberEnc?: string;
  idNumberHash?: string;
  /** The masked number, so a reviewer sees which person without the number being readable. */
  idNumberMasked?: string;
  phoneEnc?: string | null;
  kind?: ResidentKind;
  tags?: string[];
  /** 迁出: where to or why, for the history. */
  reason?: string;
}
export interface BusinessValues {
  name?: string;
  uscc?: string;
  legalRep?: string | null;
  kind?: string | null;
  buildingId?: string | null;
  roomId?: string | null;
}
export type ChangeValues = BuildingValues | RoomValues | ResidentValues | BusinessValues;

/** The street (街道) in 宝安区新安街道海旺社区 drops out of searches typed without it, and so may 社区. */
const ADMIN_WORDS = /街道|社区|居委会|村委会/g;

/** The text the trigram index holds for a building: the address with and without 街道/社区, and its code. */
export const searchTextOf = (address: string, code: string) => {
  const n = normaliseTyped(address);
  return `${n} ${n.replace(ADMIN_WORDS, '')} ${code}`;
};

/** A query as typed, brought to the form `searchTextOf` stores. */
export const searchQueryOf = (q: string) => normaliseTyped(q).replace(ADMIN_WORDS, '');

/** The ids on a path, /BA/BA-XA/BA-XA-C01/ → [BA, BA-XA, BA-XA-C01]. */
const idsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * The community's 12-digit division code (and its street's 9-digit one), assigned in order the
 * first time a building of the community gets a code; an imported code is kept as it is.
 */
export async function communityCode(tx: Prisma.TransactionClient, scheme: AddressCodeScheme, community: Org) {
  const known = await tx.addressArea.findUnique({ where: { orgId: community.id } });
  if (known) return known.code;
  // One assignment at a time in the whole district: sequence numbers come from counting.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('address-area'))`;
  const again = await tx.addressArea.findUnique({ where: { orgId: community.id } });
  if (again) return again.code;
  const streetId = community.parentId!;
  const prefix = scheme.divisionPrefix;
  const streetLength = prefix.length + scheme.streetDigits;
  let street = (await tx.addressArea.findUnique({ where: { orgId: streetId } }))?.code;
  if (!street) {
    const taken = await tx.addressArea.findMany({
      where: { code: { startsWith: prefix } },
      select: { code: true },
    });
    const seqs = taken
      .filter((a) => a.code.length === streetLength)
      .map((a) => Number(a.code.slice(prefix.length)));
    street = communityDivisionCode(scheme, Math.max(0, ...seqs) + 1, 0).slice(0, streetLength);
    await tx.addressArea.create({ data: { orgId: streetId, code: street } });
  }
  const siblings = await tx.addressArea.findMany({
    where: { code: { startsWith: street } },
    select: { code: true },
  });
  const seqs = siblings
    .filter((a) => a.code.length === streetLength + scheme.communityDigits)
    .map((a) => Number(a.code.slice(streetLength)));
  const code = communityDivisionCode(scheme, Number(street.slice(prefix.length)), Math.max(0, ...seqs) + 1);
  await tx.addressArea.create({ data: { orgId: community.id, code } });
  return code;
}

/** The standard address: 宝安区新安街道海旺社区 + 路 + 门牌 + 楼栋. */
async function addressOf(tx: Prisma.TransactionClient, community: Org, b: BuildingValues) {
  const names = new Map(
    (
      await tx.org.findMany({
        where: { id: { in: idsOf(community.path) } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  );
  const area = idsOf(community.path)
    .map((id) => names.get(id) ?? '')
    .join('');
  return `${area}${b.road ?? ''}${b.doorNo ?? ''}${b.name ?? ''}`;
}

async function gridPathOf(tx: Prisma.TransactionClient, gridId: string | null | undefined) {
  if (!gridId) return null;
  return (await tx.org.findUniqueOrThrow({ where: { id: gridId }, select: { path: true } })).path;
}

/** Where a room sits, for the scope paths of the people and businesses in it. */
async function placeOfRoom(tx: Prisma.TransactionClient, roomId: string) {
  const room = await tx.room.findUniqueOrThrow({ where: { id: roomId }, include: { building: true } });
  return { room, building: room.building };
}

async function placeOfBusiness(tx: Prisma.TransactionClient, v: BusinessValues) {
  if (v.roomId) {
    const { building } = await placeOfRoom(tx, v.roomId);
    return { buildingId: building.id, orgPath: building.orgPath, gridPath: building.gridPath };
  }
  if (v.buildingId) {
    const b = await tx.building.findUniqueOrThrow({ where: { id: v.buildingId } });
    return { buildingId: b.id, orgPath: b.orgPath, gridPath: b.gridPath };
  }
  return null;
}

/** The values a record has now, for the change's `before` (identity fields stay encrypted). */
export async function currentValues(tx: Prisma.TransactionClient, entity: Entity, id: string) {
  switch (entity) {
    case 'building':
      return tx.building.findUnique({ where: { id } });
    case 'room':
      return tx.room.findUnique({ where: { id } });
    case 'resident':
      return tx.resident.findUnique({ where: { id } });
    case 'business':
      return tx.business.findUnique({ where: { id } });
  }
}

/** Makes a building; `seq` when the import already counted (one lock per community, not per row). */
export async function createBuilding(
  tx: Prisma.TransactionClient,
  scheme: AddressCodeScheme,
  v: BuildingValues,
  seq?: number,
) {
  const community = await tx.org.findUniqueOrThrow({ where: { id: v.orgId! } });
  const cCode = await communityCode(tx, scheme, community);
  if (seq === undefined) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`building-seq:${community.id}`}))`;
    const last = await tx.building.aggregate({ where: { orgId: community.id }, _max: { seq: true } });
    seq = (last._max.seq ?? 0) + 1;
  }
  const code = buildingCode(scheme, cCode, seq);
  const address = await addressOf(tx, community, v);
  return tx.building.create({
    data: {
      code,
      seq,
      orgId: community.id,
      orgPath: community.path,
      gridId: v.gridId ?? null,
      gridPath: await gridPathOf(tx, v.gridId),
      gridConfirmedBy: v.gridConfirmedBy ?? null,
      gridConfirmedAt: v.gridConfirmedBy ? new Date() : null,
      road: v.road ?? null,
      doorNo: v.doorNo ?? null,
      name: v.name!,
      address,
      searchText: searchTextOf(address, code),
      lng: v.lng ?? null,
      lat: v.lat ?? null,
      floors: v.floors ?? null,
    },
  });
}

export async function createRoom(tx: Prisma.TransactionClient, scheme: AddressCodeScheme, v: RoomValues) {
  // The counter moves under the building's row lock: two rooms added at once get two numbers.
  const building = await tx.building.update({
    where: { id: v.buildingId! },
    data: { nextRoomSeq: { increment: 1 } },
  });
  const seq = building.nextRoomSeq - 1;
  const cCode = building.code.slice(
    0,
    scheme.divisionPrefix.length + scheme.streetDigits + scheme.communityDigits,
  );
  return tx.room.create({
    data: {
      code: roomCode(scheme, cCode, building.seq, seq),
      buildingId: building.id,
      seq,
      unitNo: v.unitNo ?? null,
      floor: v.floor ?? null,
      roomNo: v.roomNo!,
      use: v.use ?? 'RESIDENTIAL',
      ownerName: v.ownerName ?? null,
      tenantName: v.tenantName ?? null,
      area: v.area ?? null,
    },
  });
}

export async function createResident(tx: Prisma.TransactionClient, v: ResidentValues) {
  const { room, building } = await placeOfRoom(tx, v.roomId!);
  return tx.resident.create({
    data: {
      name: v.name!,
      gender: v.gender ?? null,
      idNumberEnc: v.idNumberEnc!,
      idNumberHash: v.idNumberHash!,
      phoneEnc: v.phoneEnc ?? null,
      kind: v.kind ?? 'HOUSEHOLD',
      tags: v.tags ?? [],
      roomId: room.id,
      buildingId: building.id,
      orgPath: building.orgPath,
      gridPath: building.gridPath,
      movedInAt: new Date(),
    },
  });
}

export async function createBusiness(tx: Prisma.TransactionClient, v: BusinessValues, orgPath: string) {
  const place = await placeOfBusiness(tx, v);
  return tx.business.create({
    data: {
      name: v.name!,
      uscc: v.uscc!,
      legalRep: v.legalRep ?? null,
      kind: v.kind ?? null,
      buildingId: place?.buildingId ?? null,
      roomId: v.roomId ?? null,
      orgPath: place?.orgPath ?? orgPath,
      gridPath: place?.gridPath ?? null,
    },
  });
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function update(tx: Prisma.TransactionClient, entity: Entity, id: string, values: ChangeValues) {
  switch (entity) {
    case 'building': {
      const v = values as BuildingValues;
      const before = await tx.building.findUniqueOrThrow({ where: { id } });
      const merged = { ...before, ...defined(v) };
      const community = await tx.org.findUniqueOrThrow({ where: { id: before.orgId } });
      const address = await addressOf(tx, community, merged);
      const gridMoved = v.gridId !== undefined && v.gridId !== before.gridId;
      const gridPath = gridMoved ? await gridPathOf(tx, v.gridId) : before.gridPath;
      const { orgId: _o, ...rest } = defined(v);
      void _o;
      const b = await tx.building.update({
        where: { id },
        data: {
          ...rest,
          ...(v.gridConfirmedBy && { gridConfirmedAt: new Date() }),
          address,
          searchText: searchTextOf(address, before.code),
          gridPath,
        },
      });
      // The people and businesses of the building follow it into its grid.
      if (gridMoved) {
        await tx.resident.updateMany({ where: { buildingId: id }, data: { gridPath } });
        await tx.business.updateMany({ where: { buildingId: id }, data: { gridPath } });
      }
      return b.id;
    }
    case 'room': {
      const { buildingId: _b, ...rest } = defined(values as RoomValues);
      void _b;
      return (await tx.room.update({ where: { id }, data: rest })).id;
    }
    case 'resident': {
      const v = defined(values as ResidentValues);
      const { idNumberMasked: _m, roomId, ...rest } = v;
      void _m;
      const moved = roomId ? await placeOfRoom(tx, roomId) : null;
      return (
        await tx.resident.update({
          where: { id },
          data: {
            ...rest,
            ...(moved && {
              roomId: moved.room.id,
              buildingId: moved.building.id,
              orgPath: moved.building.orgPath,
              gridPath: moved.building.gridPath,
            }),
          },
        })
      ).id;
    }
    case 'business': {
      const v = defined(values as BusinessValues);
      const place = v.roomId || v.buildingId ? await placeOfBusiness(tx, v) : null;
      return (await tx.business.update({ where: { id }, data: { ...v, ...(place ?? {}) } })).id;
    }
  }
}

async function retire(tx: Prisma.TransactionClient, entity: Entity, id: string) {
  const now = new Date();
  switch (entity) {
    case 'building':
      return (await tx.building.update({ where: { id }, data: { retiredAt: now } })).id;
    case 'room':
      return (await tx.room.update({ where: { id }, data: { retiredAt: now } })).id;
    case 'resident':
      return (await tx.resident.update({ where: { id }, data: { movedOutAt: now } })).id;
    case 'business':
      return (await tx.business.update({ where: { id }, data: { closedAt: now } })).id;
  }
}

/** Makes a change fact and returns the id of the record it made or changed. */
export async function applyChange(
  tx: Prisma.TransactionClient,
  scheme: AddressCodeScheme,
  change: Pick<BaseChange, 'entity' | 'action' | 'entityId' | 'data' | 'orgPath'>,
): Promise<string> {
  const entity = change.entity as Entity;
  const values = change.data as ChangeValues;
  if (change.action === 'update') return update(tx, entity, change.entityId!, values);
  if (change.action === 'retire') return retire(tx, entity, change.entityId!);
  switch (entity) {
    case 'building':
      return (await createBuilding(tx, scheme, values as BuildingValues)).id;
    case 'room':
      return (await createRoom(tx, scheme, values as RoomValues)).id;
    case 'resident':
      return (await createResident(tx, values as ResidentValues)).id;
    case 'business':
      return (await createBusiness(tx, values as BusinessValues, change.orgPath)).id;
  }
}
