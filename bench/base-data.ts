/**
 * 块数据 base at Longgang's size (npm run bench; `npm run bench -- base` alone): 100k buildings,
 * 600k rooms, 4.3M residents and 100k businesses in 124 communities, imported through the code
 * the import route runs (loops/base-data/base-import.ts: codes, addresses, SM4/AES of every ID
 * number, chunked inserts) in transactions of 1,000 buildings, into a database of its own
 * (BENCH_BASE_DATABASE_URL, default zhizhi_bench_base). Prints the import rate (target ≥ 20k
 * rows/s), then p50/p95 through the real service (loops/base-data/api/base-data.service.ts) of
 * the address search (partial, without 街道/社区, full-width digits, by code), the person search
 * (by ID number, by name) and a building's page (target: searches < 100 ms, the page < 50 ms).
 * BENCH_BASE_SCALE (default 1) scales every count, for a quick look on a small machine.
 */
import type { Org } from '@prisma/client';
import { defineAbilityFor, type SessionUser } from '../api/src/abilities';
import { createAuditLog } from '../api/src/modules/audit/audit.service';
import { defaultAddressScheme, type AddressCodeScheme } from '../lib/address-code';
import { DEVELOPMENT_FIELD_KEY } from '../lib/config';
import { createPrisma, type Db } from '../lib/db';
import type { ProcessEngine } from '../lib/engine/process-engine';
import { createFieldCrypto, type FieldCrypto } from '../lib/field-crypto';
import { creditCodeCheckChar, residentIdCheckChar } from '../lib/identity-numbers';
import { createBaseDataService } from '../loops/base-data/api/base-data.service';
import { importBuildings, type ImportBuilding } from '../loops/base-data/base-import';
import { recreateDatabase, time } from './data';
import { seedDistrict } from './import';

const URL_ = process.env.BENCH_BASE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_bench_base';
const SCALE = Number(process.env.BENCH_BASE_SCALE ?? 1);
const BUILDINGS = Math.round(100_000 * SCALE);
const ROOMS_PER_BUILDING = 6;
const COMMUNITIES = 124;
const BATCH = 1000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华文';
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const communityId = (c: number) => `BA-C${pad(c, 3)}`;

function idNumber(n: number) {
  const born = new Date(Date.UTC(1940, 0, 1) + (n % 25_000) * 86_400_000);
  const first17 = `440307${born.toISOString().slice(0, 10).replace(/-/g, '')}${pad(Math.floor(n / 25_000) % 1000, 3)}`;
  return first17 + residentIdCheckChar(first17);
}
function uscc(n: number) {
  const first17 = `91440300${pad(n, 9)}`;
  return first17 + creditCodeCheckChar(first17);
}
const nameOf = (n: number) =>
  SURNAMES[n % SURNAMES.length] + GIVEN[(n >> 3) % GIVEN.length] + GIVEN[(n >> 7) % GIVEN.length];
const road = (b: number) => `兴业${(b % 400) + 1}路`;

/** Building b: 6 rooms of about 7.2 residents each (4.3M over 600k rooms), one business. */
function building(b: number, counter: { resident: number }): ImportBuilding {
  return {
    orgId: communityId((b % COMMUNITIES) + 1),
    road: road(b),
    doorNo: `${Math.floor(b / 400) + 1}号`,
    name: `${(b % 9) + 1}栋`,
    rooms: Array.from({ length: ROOMS_PER_BUILDING }, (_, r) => ({
      unitNo: String((r % 2) + 1),
      floor: Math.floor(r / 2) + 1,
      roomNo: `${Math.floor(r / 2) + 1}0${(r % 2) + 1}`,
      residents: Array.from({ length: 7 + (r === 0 ? 1 : 0) + (b % 6 === 0 && r === 1 ? 1 : 0) }, () => {
        const n = counter.resident++;
        return {
          name: nameOf(n),
          idNumber: idNumber(n),
          kind: n % 3 === 0 ? ('FLOATING' as const) : undefined,
        };
      }),
    })),
    businesses: [{ name: `兴业商行${b}`, uscc: uscc(b), roomNo: '101' }],
  };
}

/** Creates the district and imports the base in transactions of BATCH buildings, printing the rate. */
async function importAll(db: Db, scheme: AddressCodeScheme, crypto: FieldCrypto) {
  await seedDistrict(db);
  const communities = new Map<string, Org>((await db.org.findMany()).map((o) => [o.id, o]));
  const counter = { resident: 0 };
  let rows = 0;
  const t0 = Date.now();
  for (let start = 0; start < BUILDINGS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, BUILDINGS - start) }, (_, i) => {
      const b = building(start + i, counter);
      rows += 1 + b.rooms.length + b.rooms.reduce((n, r) => n + r.residents.length, 0) + b.businesses.length;
      return { ...b, community: communities.get(b.orgId)!, grid: null };
    });
    await db.$transaction(
      (tx) => importBuildings(tx, { scheme, crypto }, batch, { id: null, name: 'bench' }),
      {
        timeout: 600_000,
      },
    );
    if ((start / BATCH) % 10 === 9)
      console.log(
        `  ${start + BATCH} buildings, ${rows} rows, ${Math.round(rows / ((Date.now() - t0) / 1000))} rows/s`,
      );
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    `import: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (SM4-encrypted ID numbers; target ≥ 20,000)`,
  );
  await db.$executeRawUnsafe('ANALYZE');
}

export async function benchBaseData() {
  console.log(
    `\n=== 块数据 base: ${BUILDINGS} buildings, ${BUILDINGS * ROOMS_PER_BUILDING} rooms, ≈${Math.round(BUILDINGS * 43)} residents, ${BUILDINGS} businesses`,
  );
  // BENCH_BASE_REUSE=1 times the reads again on the data set a former run imported.
  const reuse = process.env.BENCH_BASE_REUSE === '1';
  if (!reuse) await recreateDatabase(URL_);
  const db = createPrisma(URL_);
  const scheme = defaultAddressScheme('440307');
  const crypto = createFieldCrypto(DEVELOPMENT_FIELD_KEY, 'sm4');
  if (!reuse) await importAll(db, scheme, crypto);
  const communities = new Map<string, Org>((await db.org.findMany()).map((o) => [o.id, o]));
  const org = communities.get('BA')!;
  const user = { id: 'bench', username: 'bench', displayName: 'bench', orgId: 'BA', org, roles: ['STAFF'] };
  const who = {
    user: user as unknown as SessionUser,
    ability: defineAbilityFor(user as unknown as SessionUser),
  };
  const service = createBaseDataService({
    db,
    engine: {} as ProcessEngine,
    crypto,
    audit: createAuditLog(db),
    scheme,
    progress: {} as never,
    exported: {} as never,
    declareCounter: {} as never,
    declareLimit: { max: 1, windowSeconds: 1 },
  });
  const some = await db.building.findMany({
    take: 50,
    skip: Math.floor(BUILDINGS / 2),
    orderBy: { code: 'asc' },
  });
  let i = 0;
  const pick = () => some[i++ % some.length];
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const timings = [
    await time('address search: road + door number (兴业17路3号)', () => {
      const b = pick();
      return service.search(`${b.road}${b.doorNo}`, who);
    }),
    await time('address search: with 街道, without 社区, full-width digits', () => {
      const b = pick();
      return service.search(
        `街道${b.orgPath.includes('S01') ? 1 : 2}${fullWidth(`${b.road}${b.doorNo}${b.name}`)}`,
        who,
      );
    }),
    await time('address search: a 25-digit code', () => service.search(pick().code, who)),
    await time('person search: an ID number', () => service.search(idNumber(i++ * 7919), who)),
    await time('person search: a name', () => service.search(nameOf(i++ * 31), who)),
    await time('building page (rooms, residents decrypted+masked, audited)', () =>
      service.building(pick().id, who, 'bench'),
    ),
  ];
  const over = timings.filter((t, k) => t.p95 > (k === timings.length - 1 ? 50 : 100));
  console.log(over.length ? `over target: ${over.map((t) => t.label).join('; ')}` : 'all within target');
  await db.$disconnect();
}
