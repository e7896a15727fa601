/** The authorisation matrix covers every route, and docs/authz-matrix.md is the table as it is. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { routeSpecs } from '../../api/src/app';
import { MATRIX, MATRIX_FILE, PROBES, ROLES, renderMatrix, routeKey } from '../authz/matrix';

describe('authorisation matrix', () => {
  it('has a row for every route, and no row for a route that is gone', () => {
    const routes = new Set(routeSpecs.map(routeKey));
    const rows = new Set(MATRIX.map((r) => r.route));
    expect([...routes].filter((k) => !rows.has(k))).toEqual([]);
    expect([...rows].filter((k) => !routes.has(k))).toEqual([]);
  });

  it('has one status per role in every row, and explains every probe', () => {
    for (const r of MATRIX) {
      expect({ row: `${r.route} ${r.target ?? ''}`, n: r.expect.length }).toEqual({
        row: `${r.route} ${r.target ?? ''}`,
        n: ROLES.length,
      });
      expect(r.expect.every((s) => s >= 200 && s < 500)).toBe(true);
      if (r.probe) expect(Object.keys(PROBES)).toContain(r.probe);
    }
  });

  it('is written to docs/authz-matrix.md as it is (npm run authz:matrix)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../..', MATRIX_FILE), 'utf8');
    expect(committed).toBe(renderMatrix(routeSpecs));
  });
});
