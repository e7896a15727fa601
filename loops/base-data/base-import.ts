/**
 * 一次导入 of buildings with their rooms, residents and businesses, at a district's size: the codes
 * are counted in memory per community (one lock and one max per community, not per row), the
 * standard addresses built from one read of the org names, identity fields encrypted in one batch, and the rows
 * written with multi-row inserts in chunks, all in the caller's transaction (all or nothing).
 * The API's import route and `npm run bench -- base` run this same code.
 */
import { randomUUID } from 'node:crypto';
import type { Org, Prisma, ResidentKind, RoomUse } from '@prisma/client';
import { buildingCode, roomCode, type AddressCodeScheme } from '../../lib/address-code';
import { maskIdNumber, type FieldCrypto } from '../../lib/field-crypto';
import type { ProgressReport } from '../../lib/progress';
import { communityCode, searchTextOf } from './base-changes';

/** A resident as entered (the API's schema checked the ID number). */
export interface ImportResident {
  name: string;
  gender?: 'M' | 'F';
  idNumber: string;
  phone?: string;
  kind?: ResidentKind;
  tags?: string[];
}
/** A room as entered: 单元, 层, 房号, use, owner and tenant. */
export interface ImportRoom {
  unitNo?: string;
  floor?: number;
  roomNo: string;
  use?: RoomUse;
  ownerName?: string;
  tenantName?: string;
  area?: number;
}
/** A business as entered. */
export interface ImportBusiness {
  name: string;
  uscc: string;
  legalRep?: string;
  kind?: string;
}
/** A building as entered: its community (社区), 路, 门牌, 楼栋, point and floors. */
export interface ImportBuildingFields {
  orgId: string;
  road?: string;
  doorNo?: string;
  name: string;
  lng?: number;
  lat?: number;
  floors?: number;
}
export interface ImportBuilding extends ImportBuildingFields {
  rooms: (ImportRoom & { residents: ImportResident[] })[];
  /** `roomNo`: the room of this building it is in. */
  businesses: (ImportBusiness & { roomNo?: string })[];
}

/** Rows per statement: each column travels as one array parameter, so the size is about memory only. */
const CHUNK = 20_000;

type Column = readonly [name: string, sqlType: string];

/** An array literal for a text[] column ({"独居老人","留守儿童"}), for the unnest of texts. */
const arrayLiteral = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/**
 * INSERT … SELECT FROM unnest(one array per column): a chunk of rows in one statement with as
 * many parameters as columns, several times faster than a multi-row VALUES list of the same rows.
 */
async function insertRows(
  tx: Prisma.TransactionClient,
  table: string,
  columns: readonly Column[],
  rows: Record<string, unknown>[],
  written: (rows: number) => void,
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const arrays = columns.map(([name, type]) =>
      chunk.map((r) => {
        const v = r[name];
        if (v === undefined || v === null) return null;
        if (type === 'text[]') return arrayLiteral(v as string[]);
        if (type === 'jsonb') return JSON.stringify(v);
        if (v instanceof Date) return v.toISOString();
        return v;
      }),
    );
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    // Each array is passed as text[] and cast per column: the driver need not know the types.
    const selects = columns.map(([, type], k) => `u.c${k}::${type}`).join(', ');
    const params = columns.map((_, k) => `$${k + 1}::text[]`).join(', ');
    const aliases = columns.map((_, k) => `c${k}`).join(', ');
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names}) SELECT ${selects} FROM unnest(${params}) AS u(${aliases})`,
      ...arrays.map((a) => a.map((v) => (v === null ? null : String(v)))),
    );
    written(chunk.length);
  }
}

const BUILDING_COLUMNS = [
  ['id', 'text'],
  ['code', 'text'],
  ['seq', 'int'],
  ['orgId', 'text'],
  ['orgPath', 'text'],
  ['gridId', 'text'],
  ['gridPath', 'text'],
  ['road', 'text'],
  ['doorNo', 'text'],
  ['name', 'text'],
  ['address', 'text'],
  ['searchText', 'text'],
  ['lng', 'float8'],
  ['lat', 'float8'],
  ['floors', 'int'],
  ['nextRoomSeq', 'int'],
  ['updatedAt', 'timestamp(3)'],
] as const;
const ROOM_COLUMNS = [
  ['id', 'text'],
  ['code', 'text'],
  ['buildingId', 'text'],
  ['seq', 'int'],
  ['unitNo', 'text'],
  ['floor', 'int'],
  ['roomNo', 'text'],
  ['use', '"RoomUse"'],
  ['ownerName', 'text'],
  ['tenantName', 'text'],
  ['area', 'float8'],
  ['updatedAt', 'timestamp(3)'],
] as const;
const RESIDENT_COLUMNS = [
  ['id', 'text'],
  ['name', 'text'],
  ['gender', 'text'],
  ['idNumberEnc', 'text'],
  ['idNumberHash', 'text'],
  ['phoneEnc', 'text'],
  ['kind', '"ResidentKind"'],
  ['tags', 'text[]'],
  ['buildingId', 'text'],
  ['roomId', 'text'],
  ['orgPath', 'text'],
  ['gridPath', 'text'],
  ['movedInAt', 'timestamp(3)'],
  ['updatedAt', 'timestamp(3)'],
] as const;
const BUSINESS_COLUMNS = [
  ['id', 'text'],
  ['name', 'text'],
  ['uscc', 'text'],
  ['legalRep', 'text'],
  ['kind', 'text'],
  ['buildingId', 'text'],
  ['roomId', 'text'],
  ['orgPath', 'text'],
  ['gridPath', 'text'],
  ['updatedAt', 'timestamp(3)'],
] as const;
const CHANGE_COLUMNS = [
  ['id', 'text'],
  ['entity', 'text'],
  ['action', 'text'],
  ['entityId', 'text'],
  ['data', 'jsonb'],
  ['source', '"BaseSource"'],
  ['status', '"BaseChangeStatus"'],
  ['actorId', 'text'],
  ['actorName', 'text'],
  ['orgId', 'text'],
  ['orgPath', 'text'],
  ['buildingId', 'text'],
] as const;

/**
 * Writes the buildings (each already checked: its community exists and is the importer's; its
 * grid, when named, is one of the community's) and answers their ids in order.
 */
export async function importBuildings(
  tx: Prisma.TransactionClient,
  deps: { scheme: AddressCodeScheme; crypto: FieldCrypto; report?: ProgressReport },
  buildings: (ImportBuilding & { community: Org; grid: { id: string; path: string } | null })[],
  actor: { id: string | null; name: string | null },
): Promise<string[]> {
  const { scheme, crypto } = deps;
  const report = deps.report ?? (() => undefined);
  const communities = new Map(buildings.map((b) => [b.community.id, b.community]));
  const names = new Map(
    (
      await tx.org.findMany({
        where: { id: { in: [...new Set([...communities.values()].flatMap((c) => c.path.split('/')))] } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  );
  const areaName = (c: Org) =>
    c.path
      .split('/')
      .filter(Boolean)
      .map((id) => names.get(id) ?? '')
      .join('');
  const next = new Map<string, { code: string; seq: number }>();
  for (const c of communities.values()) {
    const code = await communityCode(tx, scheme, c);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`building-seq:${c.id}`}))`;
    const last = await tx.building.aggregate({ where: { orgId: c.id }, _max: { seq: true } });
    next.set(c.id, { code, seq: (last._max.seq ?? 0) + 1 });
  }

  // Every identity field of the batch encrypted in one call (one cipher, one IV draw), in order.
  report('prepare', 0, buildings.length);
  const people = buildings.flatMap((b) => b.rooms.flatMap((r) => r.residents));
  const idNumbers = crypto.encryptMany(people.map((p) => p.idNumber)).values();
  const phones = crypto.encryptMany(people.flatMap((p) => (p.phone ? [p.phone] : []))).values();

  const now = new Date();
  const buildingRows: Prisma.BuildingCreateManyInput[] = [];
  const roomRows: Prisma.RoomCreateManyInput[] = [];
  const residentRows: Prisma.ResidentCreateManyInput[] = [];
  const businessRows: Prisma.BusinessCreateManyInput[] = [];
  const changeRows: Prisma.BaseChangeCreateManyInput[] = [];
  for (const [done, b] of buildings.entries()) {
    report('prepare', done, buildings.length);
    const counter = next.get(b.community.id)!;
    const seq = counter.seq++;
    const id = randomUUID();
    const code = buildingCode(scheme, counter.code, seq);
    const address = `${areaName(b.community)}${b.road ?? ''}${b.doorNo ?? ''}${b.name}`;
    buildingRows.push({
      id,
      code,
      seq,
      orgId: b.community.id,
      orgPath: b.community.path,
      gridId: b.grid?.id ?? null,
      gridPath: b.grid?.path ?? null,
      road: b.road ?? null,
      doorNo: b.doorNo ?? null,
      name: b.name,
      address,
      searchText: searchTextOf(address, code),
      lng: b.lng ?? null,
      lat: b.lat ?? null,
      floors: b.floors ?? null,
      nextRoomSeq: b.rooms.length + 1,
      updatedAt: now,
    });
    const roomIds = new Map<string, string>();
    b.rooms.forEach((r, i) => {
      const roomId = randomUUID();
      roomIds.set(r.roomNo, roomId);
      roomRows.push({
        id: roomId,
        code: roomCode(scheme, counter.code, seq, i + 1),
        buildingId: id,
        seq: i + 1,
        unitNo: r.unitNo ?? null,
        floor: r.floor ?? null,
        roomNo: r.roomNo,
        use: r.use ?? 'RESIDENTIAL',
        ownerName: r.ownerName ?? null,
        tenantName: r.tenantName ?? null,
        area: r.area ?? null,
        updatedAt: now,
      });
      for (const p of r.residents)
        residentRows.push({
          id: randomUUID(),
          name: p.name,
          gender: p.gender ?? null,
          idNumberEnc: idNumbers.next().value!,
          idNumberHash: crypto.blindIndex(p.idNumber),
          phoneEnc: p.phone ? phones.next().value! : null,
          kind: p.kind ?? 'HOUSEHOLD',
          tags: p.tags ?? [],
          buildingId: id,
          roomId,
          orgPath: b.community.path,
          gridPath: b.grid?.path ?? null,
          movedInAt: now,
          updatedAt: now,
        });
    });
    for (const x of b.businesses)
      businessRows.push({
        id: randomUUID(),
        name: x.name,
        uscc: x.uscc,
        legalRep: x.legalRep ?? null,
        kind: x.kind ?? null,
        buildingId: id,
        roomId: x.roomNo ? (roomIds.get(x.roomNo) ?? null) : null,
        orgPath: b.community.path,
        gridPath: b.grid?.path ?? null,
        updatedAt: now,
      });
    // One history entry per building: what came in with it (people by masked number only).
    changeRows.push({
      id: randomUUID(),
      entity: 'building',
      action: 'create',
      entityId: id,
      data: {
        rooms: b.rooms.length,
        residents: b.rooms.reduce((n, r) => n + r.residents.length, 0),
        businesses: b.businesses.length,
        residentIds: b.rooms.flatMap((r) => r.residents.map((p) => maskIdNumber(p.idNumber))).slice(0, 50),
      },
      source: 'IMPORT',
      status: 'APPLIED',
      actorId: actor.id,
      actorName: actor.name,
      orgId: b.community.id,
      orgPath: b.community.path,
      buildingId: id,
    });
  }
  const total = buildingRows.length + roomRows.length + residentRows.length + businessRows.length;
  let written = 0;
  const wrote = (rows: number) => report('write', (written += rows), total);
  wrote(0);
  await insertRows(tx, 'Building', BUILDING_COLUMNS, buildingRows, wrote);
  await insertRows(tx, 'Room', ROOM_COLUMNS, roomRows, wrote);
  await insertRows(tx, 'Resident', RESIDENT_COLUMNS, residentRows, wrote);
  await insertRows(tx, 'Business', BUSINESS_COLUMNS, businessRows, wrote);
  // The history is not counted: the figures are the rows the importer sent.
  await insertRows(tx, 'BaseChange', CHANGE_COLUMNS, changeRows, () => undefined);
  return buildingRows.map((b) => b.id!);
}
