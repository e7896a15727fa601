/**
 * Bulk import (npm run bench; `npm run bench -- import` alone): 5,000 grids with WKT boundaries
 * from an .xlsx file and 10,000 users from a .csv file, through the code the import job runs
 * (lib/bulk-import.ts: read, check every row against the file and the database, apply in one
 * transaction), into a database of its own (BENCH_IMPORT_DATABASE_URL, default
 * zhizhi_bench_import) holding a district of 10 streets and 124 communities. The baseline, in the
 * same run: a plain createMany of the same rows (paths and boundaries computed beforehand, no
 * checks), removed again before the import. Then the same files again, which must change nothing.
 */
import ExcelJS from 'exceljs';
import { applyImport, planImport, type ImportKind } from '../lib/bulk-import';
import { createPrisma, type Db } from '../lib/db';
import { recreateDatabase } from './data';

const URL_ =
  process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/zhizhi_bench_import';
const GRIDS = 5000;
const USERS = 10_000;
const COMMUNITIES = 124;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const community = (g: number) => `BA-C${pad(((g - 1) % COMMUNITIES) + 1, 3)}`;
const street = (c: number) => `BA-S${pad(((c - 1) % 10) + 1, 2)}`;
const square = (g: number) => {
  const x = 113.7 + (g % 100) * 0.002;
  const y = 22.5 + Math.floor(g / 100) * 0.002;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return [
    [r(x), r(y)],
    [r(x + 0.002), r(y)],
    [r(x + 0.002), r(y + 0.002)],
    [r(x), r(y + 0.002)],
    [r(x), r(y)],
  ];
};
const wkt = (g: number) =>
  `POLYGON((${square(g)
    .map(([x, y]) => `${x} ${y}`)
    .join(', ')}))`;

/** A district of 10 streets and `COMMUNITIES` communities (bench/base-data.ts builds on it too). */
export async function seedDistrict(db: Db) {
  await db.org.create({ data: { id: 'BA', name: '宝安区', type: 'DISTRICT', path: '/BA/' } });
  await db.org.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({
      id: street(i + 1),
      name: `街道${i + 1}`,
      type: 'STREET' as const,
      parentId: 'BA',
      path: `/BA/${street(i + 1)}/`,
    })),
  });
  await db.org.createMany({
    data: Array.from({ length: COMMUNITIES }, (_, i) => ({
      id: `BA-C${pad(i + 1, 3)}`,
      name: `社区${i + 1}`,
      type: 'COMMUNITY' as const,
      parentId: street(i + 1),
      path: `/BA/${street(i + 1)}/BA-C${pad(i + 1, 3)}/`,
    })),
  });
}

async function gridsXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('网格');
  sheet.addRow(['编码', '名称', '类型', '上级编码', '边界']);
  for (let g = 1; g <= GRIDS; g++)
    sheet.addRow([`BA-G${pad(g, 4)}`, `网格${g}`, '网格', community(g), wkt(g)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const usersCsv = () =>
  Buffer.from(
    [
      '用户名,姓名,单位编码,角色',
      ...Array.from(
        { length: USERS },
        (_, i) => `grid.${pad(i + 1, 5)},网格员${i + 1},BA-G${pad((i % GRIDS) + 1, 4)},网格员`,
      ),
    ].join('\n'),
  );

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

export async function benchImport() {
  await recreateDatabase(URL_);
  const db = createPrisma(URL_);
  await seedDistrict(db);
  const files: [ImportKind, string, Buffer][] = [
    ['grids', 'grids.xlsx', await gridsXlsx()],
    ['users', 'users.csv', usersCsv()],
  ];
  const scope = { scopePath: '/BA/', mayGrantDesigner: true };

  // Baseline: the same rows written by createMany, nothing read or checked.
  const [, baselineMs] = await timed(() =>
    db.$transaction(
      async (tx) => {
        for (let g = 0; g < GRIDS; g += 1000)
          await tx.org.createMany({
            data: Array.from({ length: Math.min(1000, GRIDS - g) }, (_, i) => {
              const n = g + i + 1;
              const id = `BA-G${pad(n, 4)}`;
              const c = community(n);
              return {
                id,
                name: `网格${n}`,
                type: 'GRID' as const,
                parentId: c,
                path: `/BA/${street(Number(c.slice(4)))}/${c}/${id}/`,
                boundary: { type: 'Polygon', coordinates: [square(n)] },
              };
            }),
          });
        for (let u = 0; u < USERS; u += 1000)
          await tx.user.createMany({
            data: Array.from({ length: Math.min(1000, USERS - u) }, (_, i) => ({
              username: `grid.${pad(u + i + 1, 5)}`,
              displayName: `网格员${u + i + 1}`,
              orgId: `BA-G${pad(((u + i) % GRIDS) + 1, 4)}`,
              roles: ['GRID_MEMBER' as const],
              passwordHash: '!',
            })),
          });
      },
      { timeout: 600_000 },
    ),
  );
  await db.user.deleteMany({});
  await db.org.deleteMany({ where: { type: 'GRID' } });

  console.log(`\nbulk import: ${GRIDS} grids (.xlsx, WKT boundaries) and ${USERS} users (.csv)`);
  let importMs = 0;
  for (const [kind, name, content] of files) {
    const [plan, checkMs] = await timed(() => planImport(db, kind, name, content, scope));
    if (plan.problems.length) throw new Error(`${name}: ${JSON.stringify(plan.problems.slice(0, 3))}`);
    const [, applyMs] = await timed(() => applyImport(db, plan, async () => undefined));
    importMs += checkMs + applyMs;
    console.log(
      `${`${name} (${(content.length / 1024).toFixed(0)} KB)`.padEnd(26)} read+check ${seconds(checkMs).padStart(8)}   apply ${seconds(applyMs).padStart(8)}   created ${plan.summary.create}`,
    );
  }
  let againMs = 0;
  for (const [kind, name, content] of files) {
    const [plan, checkMs] = await timed(() => planImport(db, kind, name, content, scope));
    const [summary, applyMs] = await timed(() => applyImport(db, plan, async () => undefined));
    againMs += checkMs + applyMs;
    if (summary.create || summary.update) throw new Error(`${name} again changed ${JSON.stringify(summary)}`);
  }
  const [grids, users] = await Promise.all([
    db.org.count({ where: { type: 'GRID', boundary: { not: { equals: null } } } }),
    db.user.count(),
  ]);
  console.log(`stored: ${grids} grids with boundaries, ${users} users`);
  console.log(`import total (both files)             ${seconds(importMs)}`);
  console.log(`baseline: plain createMany, same rows ${seconds(baselineMs)}`);
  console.log(
    `ratio                                 ${(importMs / baselineMs).toFixed(1)}× the plain createMany`,
  );
  console.log(`same files again (nothing changed)    ${seconds(againMs)}`);
  await db.$disconnect();
}
