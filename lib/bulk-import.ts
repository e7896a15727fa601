/**
 * Bulk import of the org tree, grids and users from .xlsx (exceljs) or .csv (csv-parse): read the
 * table, check every row against the file and the database (a per-row report in zh-CN and
 * English: row, column, what is wrong), then apply it in one transaction. Rows are matched by code
 * (units) and username (users): a row equal to what is stored is left alone, so importing the same
 * file again changes nothing. Shared by the API (dry run, the check before queueing), the import
 * job of the workers deployable and the benchmark.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { wktToGeoJSON } from '@terraformer/wkt';
import type { OrgType, Prisma, Role } from '@prisma/client';
import type { Db } from './db';
import { t, tf, type Localized } from './i18n';

export const IMPORT_KINDS = ['orgs', 'grids', 'users'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Rows one file may hold: a district's grids (~5,000) and users (~10,000) with room to spare. */
export const MAX_IMPORT_ROWS = 20_000;

export interface RowProblem {
  /** The row as a spreadsheet numbers it: the header is row 1. 0: the file as a whole. */
  row: number;
  /** The column as the file names it (or its expected name when it is missing). */
  column: string;
  message: Localized;
}

/**
 * Columns by kind: the key used here, the headers a file may use for it (zh-CN first), whether it
 * is required, and what the downloadable template says about it (what to write, an example).
 */
interface ColumnSpec {
  key: string;
  names: readonly string[];
  required: boolean;
  hint: Localized;
  example: string;
}
const column = (
  key: string,
  names: readonly string[],
  required: boolean,
  hint: Localized,
  example: string,
): ColumnSpec => ({ key, names, required, hint, example });
const PARENT_HINT = {
  'zh-CN': '上级单位的编码（须在您的管辖范围内，已存在或在本文件中）',
  en: "The parent unit's code (within your area, existing or in this file)",
};
const BOUNDARY_HINT = {
  'zh-CN': '可选：WKT 或 GeoJSON 的 Polygon/MultiPolygon，WGS-84 经纬度',
  en: 'Optional: a WKT or GeoJSON Polygon/MultiPolygon, WGS-84 longitude/latitude',
};
const CODE_HINT = {
  'zh-CN': '唯一编码：字母、数字、- 或 _，至多 64 位；同一编码再次导入即更新',
  en: 'A unique code: letters, digits, - or _, up to 64; the same code again updates the unit',
};
const NAME_HINT = { 'zh-CN': '单位名称', en: "The unit's name" };
const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  orgs: [
    column('code', ['编码', 'code'], true, CODE_HINT, 'BA-XA'),
    column('name', ['名称', 'name'], true, NAME_HINT, '新安街道'),
    column(
      'type',
      ['类型', 'type'],
      true,
      {
        'zh-CN': '街道、社区、网格、微网格 或 部门',
        en: 'STREET, COMMUNITY, GRID, MICRO_GRID or DEPARTMENT',
      },
      '街道',
    ),
    column('parent', ['上级编码', 'parent'], true, PARENT_HINT, 'BA'),
    column(
      'deptKind',
      ['部门类别', 'deptkind'],
      false,
      {
        'zh-CN': '仅部门：派单规则使用的类别（小写字母、数字、-），如 housing',
        en: 'Departments only: the kind dispatch rules use (lower-case letters, digits, -), e.g. housing',
      },
      '',
    ),
    column('boundary', ['边界', 'boundary'], false, BOUNDARY_HINT, ''),
  ],
  grids: [
    column('code', ['编码', 'code'], true, CODE_HINT, 'BA-XA-C01-G03'),
    column('name', ['名称', 'name'], true, NAME_HINT, '海旺社区第3网格'),
    column('parent', ['上级编码', 'parent'], true, PARENT_HINT, 'BA-XA-C01'),
    column(
      'type',
      ['类型', 'type'],
      false,
      { 'zh-CN': '网格（默认）或 微网格', en: 'GRID (default) or MICRO_GRID' },
      '网格',
    ),
    column(
      'boundary',
      ['边界', 'boundary'],
      false,
      BOUNDARY_HINT,
      'POLYGON((113.88 22.55, 113.89 22.55, 113.89 22.56, 113.88 22.56, 113.88 22.55))',
    ),
  ],
  users: [
    column(
      'username',
      ['用户名', 'username'],
      true,
      {
        'zh-CN': '登录名：字母、数字、.、_ 或 -，2–64 位；同一用户名再次导入即更新',
        en: 'The login: letters, digits, ., _ or -, 2–64; the same username again updates the account',
      },
      'zhang.san',
    ),
    column(
      'displayName',
      ['姓名', 'name', 'displayname'],
      true,
      { 'zh-CN': '姓名', en: 'Full name' },
      '张三',
    ),
    column(
      'unit',
      ['单位编码', 'unit'],
      true,
      { 'zh-CN': '所在单位的编码', en: "The code of the person's unit" },
      'BA-XA-C01-G01',
    ),
    column(
      'roles',
      ['角色', 'roles'],
      true,
      {
        'zh-CN':
          '网格员、工作人员、督办员（领导）、流程设计员，多个以顿号或逗号分隔；管理员由安全管理员逐一授予',
        en: 'GRID_MEMBER, STAFF, SUPERVISOR, DESIGNER, several separated by commas; administrators are granted one by one by the security administrator',
      },
      '网格员',
    ),
    column(
      'active',
      ['状态', 'active'],
      false,
      { 'zh-CN': '启用（默认）或 停用', en: 'Active (default) or inactive: 启用 / 停用' },
      '启用',
    ),
  ],
};

const TEMPLATE_NAMES: Record<ImportKind, string> = { orgs: '单位', grids: '网格', users: '用户' };

/** The template's file name, e.g. 导入模板-网格.xlsx. */
export const importTemplateName = (kind: ImportKind) => `导入模板-${TEMPLATE_NAMES[kind]}.xlsx`;

/**
 * The file an admin fills in for `kind`: its first sheet holds only the header row the import
 * reads (required columns in red, each header's note says what it takes), so a filled-in template
 * imports as it is; a second sheet explains every column with an example.
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(TEMPLATE_NAMES[kind]);
  const columns = COLUMNS[kind];
  sheet.columns = columns.map((c) => ({ header: c.names[0], width: Math.max(14, c.example.length + 4) }));
  columns.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.note = `${c.required ? '必填' : '选填'}：${c.hint['zh-CN']}\n${c.hint.en}`;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = book.addWorksheet('填写说明');
  help.columns = [
    { header: '列名 Column', width: 14 },
    { header: '必填 Required', width: 14 },
    { header: '说明', width: 50 },
    { header: 'Description', width: 50 },
    { header: '示例 Example', width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns)
    help.addRow([
      c.names.join(' / '),
      c.required ? '是 yes' : '否 no',
      c.hint['zh-CN'],
      c.hint.en,
      c.example,
    ]);
  help.addRow([]);
  help.addRow([
    '',
    '',
    `从第 2 行起每行一条，至多 ${MAX_IMPORT_ROWS} 行；先「预检」，无错行才能导入；同一文件再次导入不改变任何数据。`,
    `One record per row from row 2, at most ${MAX_IMPORT_ROWS}; check the file first, it imports only without wrong rows; importing the same file again changes nothing.`,
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export class ImportFileError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('import file refused');
  }
}

interface Table {
  /** Column key → the header as written in the file. */
  headers: Map<string, string>;
  rows: { row: number; cells: Map<string, string> }[];
}

/** An .xlsx (first sheet) or .csv file as rows of cell texts; throws on a file it cannot read. */
export async function readGrid(fileName: string, content: Buffer): Promise<string[][]> {
  if (/\.csv$/i.test(fileName)) {
    return parseCsv(content, { bom: true, relax_column_count: true }) as string[][];
  }
  if (/\.xlsx$/i.test(fileName)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const grid: string[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cell.text ?? ''));
      grid[n - 1] = Array.from(cells, (v) => v ?? '');
    });
    return Array.from(grid, (r) => r ?? []);
  }
  throw new Error('not .xlsx or .csv');
}

/** The file as rows of trimmed cells under known columns; a file it cannot read is refused whole. */
export async function readTable(kind: ImportKind, fileName: string, content: Buffer): Promise<Table> {
  let grid: string[][];
  try {
    grid = await readGrid(fileName, content);
  } catch {
    throw new ImportFileError([{ row: 0, column: '', message: t('import.badFile') }]);
  }
  const [head = [], ...body] = grid;
  const headers = new Map<string, string>();
  const indexOf = new Map<string, number>();
  head.forEach((raw, i) => {
    const name = String(raw).trim();
    const spec = COLUMNS[kind].find((c) => c.names.includes(name.toLowerCase().replaceAll(' ', '')));
    if (spec && !headers.has(spec.key)) {
      headers.set(spec.key, name);
      indexOf.set(spec.key, i);
    }
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !headers.has(c.key));
  if (missing.length)
    throw new ImportFileError(
      missing.map(({ names }) => ({
        row: 1,
        column: names[0],
        message: tf('import.missingColumn', { column: `${names[0]} / ${names[1]}` }),
      })),
    );
  const rows = body
    .map((cells, i) => ({
      row: i + 2,
      cells: new Map([...indexOf].map(([key, c]) => [key, String(cells[c] ?? '').trim()])),
    }))
    .filter((r) => [...r.cells.values()].some((v) => v !== ''));
  if (!rows.length) throw new ImportFileError([{ row: 0, column: '', message: t('import.empty') }]);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ImportFileError([
      { row: 0, column: '', message: tf('import.tooManyRows', { max: MAX_IMPORT_ROWS }) },
    ]);
  return { headers, rows };
}

/** Which parent types a unit of each type hangs under (departments hang off the district or a street). */
export const PARENT_TYPES: Record<Exclude<OrgType, 'DISTRICT'>, OrgType[]> = {
  STREET: ['DISTRICT'],
  COMMUNITY: ['STREET'],
  GRID: ['COMMUNITY'],
  MICRO_GRID: ['GRID'],
  DEPARTMENT: ['DISTRICT', 'STREET'],
};
const TYPE_NAMES: Record<string, Exclude<OrgType, 'DISTRICT'>> = {
  街道: 'STREET',
  社区: 'COMMUNITY',
  网格: 'GRID',
  微网格: 'MICRO_GRID',
  部门: 'DEPARTMENT',
  职能部门: 'DEPARTMENT',
};
const TYPE_LABELS: Record<OrgType, string> = {
  DISTRICT: '区 district',
  STREET: '街道 street',
  COMMUNITY: '社区 community',
  GRID: '网格 grid',
  MICRO_GRID: '微网格 micro-grid',
  DEPARTMENT: '部门 department',
};
export const parentTypesMessage = (type: Exclude<OrgType, 'DISTRICT'>) =>
  tf('admin.parentType', {
    type: TYPE_LABELS[type],
    parents: PARENT_TYPES[type].map((p) => TYPE_LABELS[p]).join(' / '),
  });

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;
const DEPT_KIND = /^[a-z][a-z0-9-]{0,39}$/;
const ROLE_NAMES: Record<string, Role> = {
  管理员: 'ADMIN',
  流程设计员: 'DESIGNER',
  督办员: 'SUPERVISOR',
  领导: 'SUPERVISOR',
  工作人员: 'STAFF',
  网格员: 'GRID_MEMBER',
};
const ROLES = new Set<string>(['ADMIN', 'DESIGNER', 'SUPERVISOR', 'STAFF', 'GRID_MEMBER']);

type Polygonal = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

/**
 * A boundary as stored (`Org.boundary`): a GeoJSON Polygon or MultiPolygon in WGS-84, each ring
 * closed with at least four positions of longitude −180…180 and latitude −90…90; null if not one.
 */
export function checkBoundary(value: unknown): Polygonal | null {
  const g = value as { type?: unknown; coordinates?: unknown; geometry?: unknown } | null;
  if (g && g.type === 'Feature') return checkBoundary(g.geometry);
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return null;
  const position = (p: unknown) =>
    Array.isArray(p) &&
    p.length >= 2 &&
    p.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(p[0] as number) <= 180 &&
    Math.abs(p[1] as number) <= 90;
  const ring = (r: unknown) =>
    Array.isArray(r) &&
    r.length >= 4 &&
    r.every(position) &&
    r[0][0] === r[r.length - 1][0] &&
    r[0][1] === r[r.length - 1][1];
  const polygon = (p: unknown) => Array.isArray(p) && p.length >= 1 && p.every(ring);
  const ok =
    g.type === 'Polygon' ? polygon(g.coordinates) : g.coordinates.length >= 1 && g.coordinates.every(polygon);
  return ok ? { type: g.type, coordinates: g.coordinates } : null;
}

/** A boundary cell: GeoJSON (a geometry or a Feature) or WKT (POLYGON / MULTIPOLYGON). */
function parseBoundary(text: string): Polygonal | null {
  try {
    return checkBoundary(text.startsWith('{') ? JSON.parse(text) : wktToGeoJSON(text));
  } catch {
    return null;
  }
}

/** JSON with object keys sorted: PostgreSQL's jsonb reorders keys, so compare this way. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export type Action = 'create' | 'update' | 'unchanged';
export interface OrgRow {
  row: number;
  id: string;
  name: string;
  type: Exclude<OrgType, 'DISTRICT'>;
  parentId: string;
  path: string;
  deptKind: string | null;
  boundary: Polygonal | null;
  action: Action;
}
export interface UserRow {
  row: number;
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  active: boolean;
  action: Action;
}
export interface ImportScope {
  /** The importing admin's subtree. */
  scopePath: string;
  /** Whether the admin may grant DESIGNER (a district admin). */
  mayGrantDesigner: boolean;
}
export interface ImportPlan {
  kind: ImportKind;
  problems: RowProblem[];
  orgs: OrgRow[];
  users: UserRow[];
  summary: { total: number; create: number; update: number; unchanged: number };
}

function summarise(rows: { action: Action }[]) {
  const count = (a: Action) => rows.filter((r) => r.action === a).length;
  return {
    total: rows.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
  };
}

async function planOrgs(db: Db, kind: 'orgs' | 'grids', table: Table, scope: ImportScope) {
  const problems: RowProblem[] = [];
  const col = (key: string) => table.headers.get(key) ?? key;
  const problem = (row: number, key: string, message: Localized) =>
    problems.push({ row, column: col(key), message });
  const firstRow = new Map<string, number>();
  const parsed: Omit<OrgRow, 'path' | 'action'>[] = [];
  for (const { row, cells } of table.rows) {
    const v = (k: string) => cells.get(k) ?? '';
    const id = v('code');
    let ok = true;
    const bad = (key: string, message: Localized) => {
      problem(row, key, message);
      ok = false;
    };
    if (!id) bad('code', t('error.required'));
    else if (!CODE.test(id)) bad('code', t('import.badCode'));
    else if (firstRow.has(id)) bad('code', tf('import.duplicate', { row: firstRow.get(id)! }));
    else firstRow.set(id, row);
    const name = v('name');
    if (!name) bad('name', t('error.required'));
    else if (name.length > 100) bad('name', t('error.tooLong'));
    const typeText = v('type') || (kind === 'grids' ? 'GRID' : '');
    const type =
      TYPE_NAMES[typeText] ?? (typeText.toUpperCase() in PARENT_TYPES ? typeText.toUpperCase() : undefined);
    if (!typeText) bad('type', t('error.required'));
    else if (!type || (kind === 'grids' && type !== 'GRID' && type !== 'MICRO_GRID'))
      bad('type', t('import.badType'));
    const parentId = v('parent');
    if (!parentId) bad('parent', t('error.required'));
    const deptKind = v('deptKind') || null;
    if (deptKind && (!DEPT_KIND.test(deptKind) || type !== 'DEPARTMENT'))
      bad('deptKind', t('import.badDeptKind'));
    const boundaryText = v('boundary');
    const boundary = boundaryText ? parseBoundary(boundaryText) : null;
    if (boundaryText && !boundary) bad('boundary', t('import.badBoundary'));
    if (ok) parsed.push({ row, id, name, type: type as OrgRow['type'], parentId, deptKind, boundary });
  }
  const ids = [...new Set(parsed.flatMap((r) => [r.id, r.parentId]))];
  const stored = new Map(
    (
      await db.org.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          name: true,
          type: true,
          parentId: true,
          path: true,
          deptKind: true,
          boundary: true,
          retiredAt: true,
        },
      })
    ).map((o) => [o.id, o]),
  );
  const inFile = new Map(parsed.map((r) => [r.id, r]));
  const paths = new Map<string, string | null>();
  // A unit's path: its parent's (from the file or the database) plus its code; null on a loop.
  const pathOf = (id: string, seen = new Set<string>()): string | null | undefined => {
    if (paths.has(id)) return paths.get(id);
    const fileRow = inFile.get(id);
    if (!fileRow) return stored.get(id)?.path;
    if (seen.has(id)) return null;
    seen.add(id);
    const parentPath = pathOf(fileRow.parentId, seen);
    const path = parentPath ? `${parentPath}${id}/` : parentPath === null ? null : undefined;
    if (path !== undefined) paths.set(id, path);
    return path;
  };
  const plan: OrgRow[] = [];
  for (const r of parsed) {
    const existing = stored.get(r.id);
    const parent = inFile.get(r.parentId) ?? stored.get(r.parentId);
    const path = pathOf(r.id);
    if (!parent) problem(r.row, 'parent', tf('import.unknownParent', { code: r.parentId }));
    else if (path === null) problem(r.row, 'parent', t('import.cycle'));
    else if (!PARENT_TYPES[r.type].includes(parent.type))
      problem(r.row, 'parent', parentTypesMessage(r.type));
    else if ('retiredAt' in parent && parent.retiredAt) problem(r.row, 'parent', t('admin.unitRetired'));
    else if (existing && existing.type !== r.type)
      problem(r.row, 'type', tf('import.typeChanged', { type: TYPE_LABELS[existing.type] }));
    else if (existing && existing.parentId !== r.parentId)
      problem(r.row, 'parent', tf('import.parentChanged', { code: existing.parentId ?? '' }));
    else if (
      !path ||
      !path.startsWith(scope.scopePath) ||
      (existing && !existing.path.startsWith(scope.scopePath))
    )
      problem(r.row, 'code', t('import.outsideScope'));
    else {
      const same =
        existing &&
        existing.name === r.name &&
        (existing.deptKind ?? null) === r.deptKind &&
        (!r.boundary || canonical(existing.boundary) === canonical(r.boundary));
      plan.push({ ...r, path, action: !existing ? 'create' : same ? 'unchanged' : 'update' });
    }
  }
  return { problems, plan };
}

function parseRoles(text: string): Role[] | null {
  const parts = text.split(/[,，、;；\s]+/).filter(Boolean);
  const roles = parts.map(
    (p) => ROLE_NAMES[p] ?? (ROLES.has(p.toUpperCase()) ? (p.toUpperCase() as Role) : null),
  );
  return parts.length && roles.every(Boolean) ? [...new Set(roles as Role[])].sort() : null;
}
const ACTIVE: Record<string, boolean> = {
  启用: true,
  停用: false,
  是: true,
  否: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};

async function planUsers(db: Db, table: Table, scope: ImportScope) {
  const problems: RowProblem[] = [];
  const col = (key: string) => table.headers.get(key) ?? key;
  const firstRow = new Map<string, number>();
  const parsed: Omit<UserRow, 'action'>[] = [];
  for (const { row, cells } of table.rows) {
    const v = (k: string) => cells.get(k) ?? '';
    let ok = true;
    const bad = (key: string, message: Localized) => {
      problems.push({ row, column: col(key), message });
      ok = false;
    };
    const username = v('username');
    if (!username) bad('username', t('error.required'));
    else if (!USERNAME.test(username)) bad('username', t('import.badUsername'));
    else if (firstRow.has(username))
      bad('username', tf('import.duplicate', { row: firstRow.get(username)! }));
    else firstRow.set(username, row);
    const displayName = v('displayName');
    if (!displayName) bad('displayName', t('error.required'));
    else if (displayName.length > 100) bad('displayName', t('error.tooLong'));
    const orgId = v('unit');
    if (!orgId) bad('unit', t('error.required'));
    const roles = parseRoles(v('roles'));
    if (!v('roles')) bad('roles', t('error.required'));
    else if (!roles) bad('roles', tf('import.badRoles', { value: v('roles') }));
    else if (roles.includes('DESIGNER') && !scope.mayGrantDesigner) bad('roles', t('admin.roleNotGrantable'));
    // 三员分立: the administrators' roles are the security administrator's to grant, one by one.
    else if (roles.includes('ADMIN')) bad('roles', t('admin.adminRoleNotGrantable'));
    const activeText = v('active').toLowerCase();
    const active = activeText ? ACTIVE[activeText] : true;
    if (active === undefined) bad('active', t('import.badActive'));
    if (ok) parsed.push({ row, username, displayName, orgId, roles: roles!, active });
  }
  const [units, users] = await Promise.all([
    db.org.findMany({
      where: { id: { in: [...new Set(parsed.map((r) => r.orgId))] } },
      select: { id: true, path: true, retiredAt: true },
    }),
    db.user.findMany({
      where: { username: { in: parsed.map((r) => r.username) } },
      select: {
        username: true,
        displayName: true,
        orgId: true,
        roles: true,
        active: true,
        org: { select: { path: true } },
      },
    }),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const userOf = new Map(users.map((u) => [u.username, u]));
  const plan: UserRow[] = [];
  for (const r of parsed) {
    const unit = unitOf.get(r.orgId);
    const existing = userOf.get(r.username);
    if (!unit || unit.retiredAt)
      problems.push({
        row: r.row,
        column: col('unit'),
        message: tf('import.unknownUnit', { code: r.orgId }),
      });
    else if (!unit.path.startsWith(scope.scopePath))
      problems.push({ row: r.row, column: col('unit'), message: t('import.outsideScope') });
    else if (existing && !existing.org.path.startsWith(scope.scopePath))
      problems.push({ row: r.row, column: col('username'), message: t('import.outsideScope') });
    else {
      const same =
        existing &&
        existing.displayName === r.displayName &&
        existing.orgId === r.orgId &&
        existing.active === r.active &&
        [...existing.roles].sort().join() === r.roles.join();
      plan.push({ ...r, action: !existing ? 'create' : same ? 'unchanged' : 'update' });
    }
  }
  return { problems, plan };
}

/** Reads and checks a file: the plan of what importing it would do, or the rows that are wrong. */
export async function planImport(
  db: Db,
  kind: ImportKind,
  fileName: string,
  content: Buffer,
  scope: ImportScope,
): Promise<ImportPlan> {
  let table: Table;
  try {
    table = await readTable(kind, fileName, content);
  } catch (err) {
    if (err instanceof ImportFileError)
      return { kind, problems: err.problems, orgs: [], users: [], summary: summarise([]) };
    throw err;
  }
  if (kind === 'users') {
    const { problems, plan } = await planUsers(db, table, scope);
    return {
      kind,
      problems: problems.sort((a, b) => a.row - b.row),
      orgs: [],
      users: plan,
      summary: summarise(plan),
    };
  }
  const { problems, plan } = await planOrgs(db, kind, table, scope);
  return {
    kind,
    problems: problems.sort((a, b) => a.row - b.row),
    orgs: plan,
    users: [],
    summary: summarise(plan),
  };
}

const BATCH = 1000;

/**
 * Writes a plan with no problems in one transaction (all rows or none), parents before children,
 * and reports progress after each batch. Imported users get an unusable password (a hash of random
 * bytes nobody keeps): an admin issues each one a password, so none travels in a spreadsheet.
 */
export async function applyImport(
  db: Db,
  plan: ImportPlan,
  onProgress: (done: number) => Promise<void>,
  timeoutMs = 10 * 60_000,
) {
  if (plan.problems.length) throw new Error('a plan with problems is not applied');
  const rows: { action: Action }[] = plan.kind === 'users' ? plan.users : plan.orgs;
  let done = rows.filter((r) => r.action === 'unchanged').length;
  await onProgress(done);
  const step = async (n: number) => {
    done += n;
    await onProgress(done);
  };
  const unusableHash =
    plan.kind === 'users' ? await argon2.hash(randomBytes(32), { type: argon2.argon2id }) : '';
  await db.$transaction(
    async (tx) => {
      if (plan.kind === 'users') {
        const creates = plan.users.filter((u) => u.action === 'create');
        for (let i = 0; i < creates.length; i += BATCH) {
          const batch = creates.slice(i, i + BATCH);
          await tx.user.createMany({
            data: batch.map(({ username, displayName, orgId, roles, active }) => ({
              username,
              displayName,
              orgId,
              roles,
              active,
              passwordHash: unusableHash,
            })),
          });
          await step(batch.length);
        }
        for (const u of plan.users.filter((r) => r.action === 'update')) {
          await tx.user.update({
            where: { username: u.username },
            data: { displayName: u.displayName, orgId: u.orgId, roles: u.roles, active: u.active },
          });
          // A user disabled by the import is signed out at once, as by the admin page.
          if (!u.active) await tx.session.deleteMany({ where: { user: { username: u.username } } });
          await step(1);
        }
        return;
      }
      const byDepth = (a: OrgRow, b: OrgRow) => a.path.length - b.path.length;
      const creates = plan.orgs.filter((o) => o.action === 'create').sort(byDepth);
      for (let i = 0; i < creates.length; i += BATCH) {
        const batch = creates.slice(i, i + BATCH);
        await tx.org.createMany({
          data: batch.map((o) => ({
            id: o.id,
            name: o.name,
            type: o.type,
            parentId: o.parentId,
            path: o.path,
            deptKind: o.deptKind,
            boundary: (o.boundary ?? undefined) as Prisma.InputJsonValue | undefined,
          })),
        });
        await step(batch.length);
      }
      for (const o of plan.orgs.filter((r) => r.action === 'update')) {
        await tx.org.update({
          where: { id: o.id },
          data: {
            name: o.name,
            deptKind: o.deptKind,
            ...(o.boundary ? { boundary: o.boundary as Prisma.InputJsonValue } : {}),
          },
        });
        await step(1);
      }
    },
    { timeout: timeoutMs, maxWait: 30_000 },
  );
  return plan.summary;
}
