import ExcelJS from 'exceljs';
import { checkBoundary, ImportFileError, readTable } from '../bulk-import';

const square = [
  [113.8, 22.5],
  [113.81, 22.5],
  [113.81, 22.51],
  [113.8, 22.5],
];

describe('bulk import: reading files', () => {
  it('reads a UTF-8 .csv with a BOM and Chinese or English headers, numbering rows as a spreadsheet does', async () => {
    const table = await readTable(
      'grids',
      'g.csv',
      Buffer.from(
        '\uFEFFcode,名称,Parent,边界\nG1,第一网格,C1,\n\n G2 ,第二网格,C1,"POLYGON((1 2, 3 4, 5 6, 1 2))"\n',
      ),
    );
    expect([...table.headers]).toEqual([
      ['code', 'code'],
      ['name', '名称'],
      ['parent', 'Parent'],
      ['boundary', '边界'],
    ]);
    expect(table.rows.map((r) => [r.row, r.cells.get('code'), r.cells.get('boundary')])).toEqual([
      [2, 'G1', ''],
      [4, 'G2', 'POLYGON((1 2, 3 4, 5 6, 1 2))'],
    ]);
  });

  it('reads the first sheet of an .xlsx', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('用户');
    sheet.addRow(['用户名', '姓名', '单位编码', '角色']);
    sheet.addRow(['a.b', '张三', 'BA-XA', '网格员']);
    const table = await readTable('users', 'u.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(table.rows.map((r) => Object.fromEntries(r.cells))).toEqual([
      { username: 'a.b', displayName: '张三', unit: 'BA-XA', roles: '网格员' },
    ]);
  });

  it('refuses a file it cannot read, or that lacks a column, naming it', async () => {
    await expect(readTable('orgs', 'x.xlsx', Buffer.from('not a zip'))).rejects.toBeInstanceOf(
      ImportFileError,
    );
    const missing = await readTable('orgs', 'x.csv', Buffer.from('编码,名称\nA,B\n')).catch(
      (e: ImportFileError) => e,
    );
    expect((missing as ImportFileError).problems.map((p) => p.column)).toEqual(['类型', '上级编码']);
  });
});

describe('bulk import: boundaries', () => {
  it('takes a GeoJSON polygon, multipolygon or feature in WGS-84 with closed rings', () => {
    expect(checkBoundary({ type: 'Polygon', coordinates: [square] })).toEqual({
      type: 'Polygon',
      coordinates: [square],
    });
    expect(checkBoundary({ type: 'MultiPolygon', coordinates: [[square]] })).not.toBeNull();
    expect(
      checkBoundary({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [square] },
      }),
    ).toEqual({
      type: 'Polygon',
      coordinates: [square],
    });
  });

  it('refuses open rings, too few positions, coordinates off the globe and other geometries', () => {
    expect(checkBoundary({ type: 'Polygon', coordinates: [square.slice(0, 3)] })).toBeNull();
    expect(
      checkBoundary({ type: 'Polygon', coordinates: [[...square.slice(0, 3), [113.9, 22.6]]] }),
    ).toBeNull();
    expect(
      checkBoundary({ type: 'Polygon', coordinates: [square.map(([x, y]) => [x + 100, y])] }),
    ).toBeNull();
    expect(checkBoundary({ type: 'Point', coordinates: [113.8, 22.5] })).toBeNull();
    expect(checkBoundary('POLYGON((1 2, 3 4, 5 6, 1 2))')).toBeNull();
  });
});
