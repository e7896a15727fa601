/**
 * The 块数据 import as districts hold it: one .xlsx (first sheet) or .csv, one row per room, per
 * resident of a room, or per business, under Chinese column headers. Rows of the same community,
 * road, door number and building make one building; rows of the same unit, floor and room number
 * in it one room. The rows become the JSON import's body, checked by the same schema, and every
 * problem is named by its row and column (`rows.7.idNumber`: row 7 as the spreadsheet numbers it).
 */
import ExcelJS from 'exceljs';
import { readGrid } from '../../lib/bulk-import';
import { SHEET_COLUMNS, type Column } from './sheet-columns';

const NUMBERS = new Set<Column>(['lng', 'lat', 'floors', 'floor', 'area']);
/** The words people write in these columns, beside the codes themselves. */
const WORDS: Partial<Record<Column, Record<string, string>>> = {
  use: {
    自住: 'RESIDENTIAL',
    居住: 'RESIDENTIAL',
    出租: 'RENTAL',
    商用: 'COMMERCIAL',
    空置: 'VACANT',
    其他: 'OTHER',
  },
  gender: { 男: 'M', 女: 'F' },
  kind: {
    户籍: 'HOUSEHOLD',
    户籍人口: 'HOUSEHOLD',
    流动: 'FLOATING',
    流动人口: 'FLOATING',
    境外: 'FOREIGN',
    境外人员: 'FOREIGN',
  },
};
/** The word a sheet shows for a code (the first one people write for it): 流动 for FLOATING. */
export const sheetWord = (column: Column, code: string | null) =>
  Object.entries(WORDS[column] ?? {}).find(([, c]) => c === code)?.[0] ?? '';

const BUILDING: Column[] = ['gridId', 'road', 'doorNo', 'name', 'lng', 'lat', 'floors'];
const ROOM: Column[] = ['unitNo', 'floor', 'roomNo', 'use', 'ownerName', 'tenantName', 'area'];

export interface SheetProblem {
  field: string;
  message: { 'zh-CN': string; en: string };
}

type Json = Record<string, unknown>;
/** Where each part of the body came from: its path in the body → the spreadsheet row. */
type Origins = Map<string, number>;

/** The empty template: the headers and one example row. */
export async function sheetTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('块数据');
  sheet.addRow(SHEET_COLUMNS.map(([header]) => header));
  sheet.addRow([
    'BA-XA-C01',
    'BA-XA-C01-G01',
    '海秀路',
    '2号',
    '1栋',
    113.8841,
    22.5548,
    18,
    '1单元',
    3,
    '301',
    '出租',
    '张三',
    '李四',
    89.5,
    '李四',
    '男',
    '',
    '13800000000',
    '流动',
    '独居老人',
    '',
    '',
    '',
    '',
  ]);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The sheet as the JSON import's body and where each part came from; an unreadable file → null. */
export async function sheetToImport(
  fileName: string,
  content: Buffer,
): Promise<{ body: Json; origins: Origins; problems: SheetProblem[] } | null> {
  let grid: string[][];
  try {
    grid = await readGrid(fileName, content);
  } catch {
    return null;
  }
  const [head = [], ...rows] = grid;
  const index = new Map<Column, number>();
  const problems: SheetProblem[] = [];
  head.forEach((h, i) => {
    const column = SHEET_COLUMNS.find(([header]) => header === h.trim());
    if (column) index.set(column[1], i);
  });
  for (const required of ['orgId', 'name'] as const)
    if (!index.has(required)) {
      const header = SHEET_COLUMNS.find(([, c]) => c === required)![0];
      problems.push({
        field: `columns.${required}`,
        message: { 'zh-CN': `缺少「${header}」列`, en: `The column 「${header}」 is missing` },
      });
    }
  if (problems.length) return { body: {}, origins: new Map(), problems };

  const buildings: (Json & { rooms: (Json & { residents: Json[] })[]; businesses: Json[] })[] = [];
  const byKey = new Map<string, number>();
  const origins: Origins = new Map();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column): unknown => {
      const at = index.get(c);
      const raw = (at === undefined ? '' : (cells[at] ?? '')).trim();
      if (!raw) return undefined;
      if (NUMBERS.has(c)) return Number.isFinite(Number(raw)) ? Number(raw) : raw;
      if (c === 'tags') return raw.split(/[、,，;；\s]+/).filter(Boolean);
      return WORDS[c]?.[raw] ?? raw;
    };
    const pick = (columns: Column[]) =>
      Object.fromEntries(columns.flatMap((c) => (cell(c) === undefined ? [] : [[c, cell(c)]])));
    if (cells.every((v) => !v?.trim())) return;
    const buildingKey = ['orgId', 'road', 'doorNo', 'name']
      .map((c) => cell(c as Column) ?? '')
      .join('\u0000');
    let b = byKey.get(buildingKey);
    if (b === undefined) {
      b = buildings.push({ orgId: cell('orgId'), ...pick(BUILDING), rooms: [], businesses: [] }) - 1;
      byKey.set(buildingKey, b);
      origins.set(`buildings.${b}`, row);
    }
    const building = buildings[b];
    if (cell('roomNo') !== undefined) {
      const roomKey = (r: Json) => [r.unitNo, r.floor, r.roomNo].join('\u0000');
      const fields = pick(ROOM);
      let r = building.rooms.findIndex((x) => roomKey(x) === roomKey(fields));
      if (r < 0) {
        r = building.rooms.push({ ...fields, residents: [] }) - 1;
        origins.set(`buildings.${b}.rooms.${r}`, row);
      }
      if (cell('residentName') !== undefined || cell('idNumber') !== undefined) {
        const person = {
          name: cell('residentName'),
          idNumber: cell('idNumber'),
          ...pick(['gender', 'phone', 'kind', 'tags']),
        };
        const k = building.rooms[r].residents.push(person) - 1;
        origins.set(`buildings.${b}.rooms.${r}.residents.${k}`, row);
      }
    }
    if (cell('businessName') !== undefined || cell('uscc') !== undefined) {
      const business = {
        name: cell('businessName'),
        uscc: cell('uscc'),
        ...(cell('legalRep') !== undefined ? { legalRep: cell('legalRep') } : {}),
        ...(cell('businessKind') !== undefined ? { kind: cell('businessKind') } : {}),
        ...(cell('roomNo') !== undefined ? { roomNo: cell('roomNo') } : {}),
      };
      const j = building.businesses.push(business) - 1;
      origins.set(`buildings.${b}.businesses.${j}`, row);
    }
  });
  return { body: { buildings }, origins, problems };
}

/** A body path as the spreadsheet's row and the column's own field: `buildings.0.rooms.2.idNumber` → `rows.9.idNumber`. */
export function rowField(path: string, origins: Origins): string {
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const row = origins.get(parts.slice(0, n).join('.'));
    if (row === undefined) continue;
    const field = parts.slice(n).join('.');
    const renamed = /^businesses\.\d+\.name$/.test(parts.slice(n - 2).join('.'))
      ? 'businessName'
      : /^residents\.\d+\.name$/.test(parts.slice(n - 2).join('.'))
        ? 'residentName'
        : /^businesses\.\d+\.kind$/.test(parts.slice(n - 2).join('.'))
          ? 'businessKind'
          : field;
    return `rows.${row}.${renamed || 'row'}`;
  }
  return path;
}
