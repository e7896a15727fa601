/**
 * The demo district (宝安区 style), applied only with SEED_DEMO=true (`npm start`, the tests):
 * 1 district, 3 streets, 6 communities, 24 grids with generated boundaries near the real streets
 * (WGS-84), the departments of DESIGN.md, one user per role, all with the published DEMO_PASSWORD,
 * and three intake channels with published keys. None of it belongs in a real district.
 */
import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import { Prisma, type OrgType, type Role } from '@prisma/client';
import type { Db } from '../lib/db';

export const DEMO_PASSWORD = 'Zhizhi@2026';

interface OrgSeed {
  id: string;
  name: string;
  type: OrgType;
  parentId?: string;
  deptKind?: string;
  fullName?: string;
  docPrefix?: string;
  boundary?: ReturnType<typeof demoBoundary>;
}

const DISTRICT: OrgSeed = { id: 'BA', name: '宝安区', type: 'DISTRICT', fullName: '深圳市宝安区人民政府' };
const STREETS = [
  { id: 'BA-XA', name: '新安街道' },
  { id: 'BA-XX', name: '西乡街道' },
  { id: 'BA-FY', name: '福永街道' },
];
const COMMUNITIES: Record<string, string[]> = {
  'BA-XA': ['海旺社区', '翻身社区'],
  'BA-XX': ['固戍社区', '鹤洲社区'],
  'BA-FY': ['凤凰社区', '白石厦社区'],
};
const GRIDS_PER_COMMUNITY = 4;
const DEPARTMENTS: [kind: string, name: string][] = [
  ['police', '公安分局'],
  ['justice', '司法局'],
  ['petition', '信访局'],
  ['health', '卫生健康局'],
  ['housing', '住房和建设局'],
  ['market', '市场监督管理局'],
  ['urban', '城市管理和综合执法局'],
  ['emergency', '应急管理局'],
  ['civil', '民政局'],
  ['women', '妇女联合会'],
  ['disabled', '残疾人联合会'],
  // The court's 诉调对接 liaison: judicial / pre-litigation mediation (诉前调解) is its stage.
  ['court', '人民法院'],
];

/**
 * Where each demo street lies (south-west corner, WGS-84) near the real 新安, 西乡 and 福永
 * streets of Bao'an: each street is 4 grids wide and 2 high, its communities 2 × 2 grids side by side.
 */
const STREET_ORIGINS: Record<string, [lng: number, lat: number]> = {
  'BA-XA': [113.872, 22.548],
  'BA-XX': [113.872, 22.566],
  'BA-FY': [113.806, 22.662],
};
const CELL: [lng: number, lat: number] = [0.009, 0.008];

/** A repeatable offset in [-0.5, 0.5) per lattice point, so boundaries look drawn, not ruled. */
function jitter(street: string, x: number, y: number, axis: number) {
  const hash = createHash('sha256').update(`${street}:${x}:${y}:${axis}`).digest();
  return hash.readUInt16BE(0) / 65536 - 0.5;
}

/**
 * A demo grid's boundary: a GeoJSON Polygon in WGS-84 whose corners and edge midpoints sit on a
 * jittered lattice shared by the street's grids, so neighbours meet without gaps or overlaps.
 * Generated (not surveyed) so the map shows something real after `npm start`.
 */
export function demoBoundary(gridId: string) {
  const [, streetCode, community, grid] = gridId.split('-');
  const street = `BA-${streetCode}`;
  const [lng0, lat0] = STREET_ORIGINS[street];
  const c = Number(community.slice(1)) - 1;
  const g = Number(grid.slice(1)) - 1;
  // Lattice coordinates in half cells: community c takes columns 2c..2c+1, grid g its 2 × 2 slot.
  const col = c * 2 + (g % 2);
  const row = Math.floor(g / 2);
  const point = (x: number, y: number) => {
    // The street's outer edge stays straight so streets meet cleanly; inner points wander.
    const inner = x > 0 && x < 8 && y > 0 && y < 4;
    const dx = inner ? jitter(street, x, y, 0) * 0.35 : 0;
    const dy = inner ? jitter(street, x, y, 1) * 0.35 : 0;
    return [
      Math.round((lng0 + ((x + dx) * CELL[0]) / 2) * 1e6) / 1e6,
      Math.round((lat0 + ((y + dy) * CELL[1]) / 2) * 1e6) / 1e6,
    ];
  };
  const [x, y] = [col * 2, row * 2];
  const ring = [
    [x, y],
    [x + 1, y],
    [x + 2, y],
    [x + 2, y + 1],
    [x + 2, y + 2],
    [x + 1, y + 2],
    [x, y + 2],
    [x, y + 1],
    [x, y],
  ].map(([px, py]) => point(px, py));
  return { type: 'Polygon' as const, coordinates: [ring] };
}

export function demoOrgs(): OrgSeed[] {
  const orgs: OrgSeed[] = [DISTRICT];
  for (const street of STREETS) {
    orgs.push({ ...street, type: 'STREET', parentId: DISTRICT.id });
    COMMUNITIES[street.id].forEach((name, c) => {
      const community = {
        id: `${street.id}-C${String(c + 1).padStart(2, '0')}`,
        name,
        type: 'COMMUNITY' as const,
      };
      orgs.push({ ...community, parentId: street.id });
      for (let g = 1; g <= GRIDS_PER_COMMUNITY; g++) {
        const id = `${community.id}-G${String(g).padStart(2, '0')}`;
        orgs.push({
          id,
          name: `${name}第${g}网格`,
          type: 'GRID',
          parentId: community.id,
          boundary: demoBoundary(id),
        });
      }
    });
  }
  for (const [kind, name] of DEPARTMENTS) {
    orgs.push({
      id: `BA-D-${kind.toUpperCase()}`,
      name: `区${name}`,
      // Papers are signed with the full name and numbered with the 代字 (the 信访局's notices).
      fullName: `深圳市宝安区${name}`,
      ...(kind === 'petition' ? { docPrefix: '深宝信访' } : {}),
      type: 'DEPARTMENT',
      parentId: DISTRICT.id,
      deptKind: kind,
    });
  }
  return orgs;
}

/** Demo logins, listed in the README and printed by `npm start`. */
export const DEMO_USERS: { username: string; displayName: string; orgId: string; roles: Role[] }[] = [
  // The demo's `admin` holds all three administrators' roles (三员) for convenience: a real
  // district gives them to three people (sec.admin, audit.admin and a system administrator).
  {
    username: 'admin',
    displayName: '系统管理员',
    orgId: 'BA',
    roles: ['ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN'],
  },
  { username: 'sec.admin', displayName: '安全管理员', orgId: 'BA', roles: ['SECURITY_ADMIN'] },
  { username: 'audit.admin', displayName: '审计管理员', orgId: 'BA', roles: ['AUDIT_ADMIN'] },
  { username: 'xa.admin', displayName: '新安街道系统管理员', orgId: 'BA-XA', roles: ['ADMIN'] },
  { username: 'designer', displayName: '流程设计员', orgId: 'BA', roles: ['DESIGNER'] },
  { username: 'district.lead', displayName: '区综治中心领导', orgId: 'BA', roles: ['SUPERVISOR'] },
  {
    username: 'xa.supervisor',
    displayName: '新安街道督办员',
    orgId: 'BA-XA',
    roles: ['SUPERVISOR', 'STAFF'],
  },
  { username: 'xa.staff', displayName: '新安街道工作人员', orgId: 'BA-XA', roles: ['STAFF'] },
  { username: 'haiwang.staff', displayName: '海旺社区专干', orgId: 'BA-XA-C01', roles: ['STAFF'] },
  { username: 'grid.hw01', displayName: '海旺第1网格员', orgId: 'BA-XA-C01-G01', roles: ['GRID_MEMBER'] },
  { username: 'grid.hw02', displayName: '海旺第2网格员', orgId: 'BA-XA-C01-G02', roles: ['GRID_MEMBER'] },
  { username: 'gushu.staff', displayName: '固戍社区专干', orgId: 'BA-XX-C01', roles: ['STAFF'] },
  { username: 'grid.gs01', displayName: '固戍第1网格员', orgId: 'BA-XX-C01-G01', roles: ['GRID_MEMBER'] },
  { username: 'justice.staff', displayName: '区司法局工作人员', orgId: 'BA-D-JUSTICE', roles: ['STAFF'] },
  { username: 'court.staff', displayName: '区人民法院诉调对接员', orgId: 'BA-D-COURT', roles: ['STAFF'] },
  // The 信访 office registers and decides petitions; 住建 is a competent unit petitions are forwarded to.
  { username: 'petition.staff', displayName: '区信访局登记员', orgId: 'BA-D-PETITION', roles: ['STAFF'] },
  {
    username: 'housing.staff',
    displayName: '区住房和建设局工作人员',
    orgId: 'BA-D-HOUSING',
    roles: ['STAFF'],
  },
  // The care team of 海旺社区's key persons (关爱帮扶小组) besides its grid members and staff.
  { username: 'hw.police', displayName: '海旺社区民警', orgId: 'BA-D-POLICE', roles: ['STAFF'] },
  {
    username: 'hw.doctor',
    displayName: '海旺社区精防医生',
    orgId: 'BA-XA-C01',
    roles: ['PSYCHIATRIC_DOCTOR'],
  },
];

/** Demo intake channels and their API keys (demo only: production keys are issued by an admin). */
export const DEMO_CHANNELS: [id: string, name: string, key: string][] = [
  ['12345', '12345 政务服务便民热线', 'demo-channel-12345'],
  ['wechat', '微信公众号', 'demo-channel-wechat'],
  ['video-ai', '视频AI识别', 'demo-channel-video-ai'],
];

/**
 * Applies the demo district on top of the reference data: creates what is missing and keeps what
 * exists (passwords, channel keys and boundaries an admin changed included). Only with SEED_DEMO=true.
 */
export async function seedDemo(db: Db) {
  const paths = new Map<string, string>();
  for (const org of demoOrgs()) {
    const path = `${org.parentId ? paths.get(org.parentId) : '/'}${org.id}/`;
    paths.set(org.id, path);
    await db.org.upsert({ where: { id: org.id }, create: { ...org, path }, update: {} });
    // A database seeded before grids had boundaries gets them; a boundary an admin drew stays.
    if (org.boundary)
      await db.org.updateMany({
        where: { id: org.id, boundary: { equals: Prisma.DbNull } },
        data: { boundary: org.boundary },
      });
  }
  const existing = new Set((await db.user.findMany({ select: { username: true } })).map((u) => u.username));
  const passwordHash = await argon2.hash(DEMO_PASSWORD);
  for (const user of DEMO_USERS.filter((u) => !existing.has(u.username))) {
    await db.user.create({ data: { ...user, passwordHash } });
  }
  for (const [id, name, key] of DEMO_CHANNELS) {
    const keyHash = createHash('sha256').update(key).digest('hex');
    await db.channel.upsert({ where: { id }, create: { id, name, keyHash }, update: {} });
  }
  return { orgs: paths.size, users: DEMO_USERS.length, channels: DEMO_CHANNELS.length };
}
