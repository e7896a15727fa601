/**
 * Credit grades (信用等级 A–D) of enterprises from the credit system: a file (.xlsx/.csv) an
 * official imports or rows its system pushes. All or nothing: a file with one bad row keeps no row,
 * and says which rows are wrong. The same grade sent again is kept once (enterprise, date, source).
 */
import type { Db } from '../../../lib/db';
import { t, tf } from '../../../lib/i18n';
import { readGrid } from '../../../lib/bulk-import';
import { HttpError, type FieldError } from '../../../api/src/http/errors';
import { GRADES } from '../workers/variables';

export interface GradeRow {
  uscc: string;
  grade: string;
  gradedAt: string;
}

export const MAX_GRADE_ROWS = 5000;

const COLUMNS: Record<keyof GradeRow, string[]> = {
  uscc: ['统一社会信用代码', 'uscc'],
  grade: ['信用等级', 'grade'],
  gradedAt: ['评定日期', 'gradedat'],
};

const dateOf = (text: string) => {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+08:00`) : new Date(Number.NaN);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 4) < '1990' ? null : d;
};

/** Keeps the rows (or none): `field` names how a wrong row is pointed at (grades.3.uscc, 第 4 行). */
export async function keepGrades(
  db: Db,
  rows: GradeRow[],
  source: 'import' | 'api',
  recordedById: string | null,
  field: (i: number, column: keyof GradeRow) => string,
) {
  const businesses = await db.business.findMany({
    where: { uscc: { in: [...new Set(rows.map((r) => r.uscc.trim().toUpperCase()))] } },
    select: { id: true, uscc: true },
  });
  const idOf = new Map(businesses.map((b) => [b.uscc, b.id]));
  const problems: FieldError[] = [];
  const data = rows.flatMap((r, i) => {
    const businessId = idOf.get(r.uscc.trim().toUpperCase());
    const grade = r.grade.trim().toUpperCase();
    const gradedAt = dateOf(r.gradedAt.trim());
    if (!businessId) problems.push({ field: field(i, 'uscc'), message: t('credit.unknownUscc') });
    if (!(GRADES as readonly string[]).includes(grade))
      problems.push({ field: field(i, 'grade'), message: t('credit.badGrade') });
    if (!gradedAt) problems.push({ field: field(i, 'gradedAt'), message: t('credit.badDate') });
    return businessId && gradedAt ? [{ businessId, grade, gradedAt, source, recordedById }] : [];
  });
  if (problems.length) throw new HttpError(400, 'error.validation', problems.slice(0, 100));
  const { count } = await db.creditGrade.createMany({ data, skipDuplicates: true });
  return { received: rows.length, kept: count };
}

/** A credit system's export as grade rows, by its headers (Chinese or English). */
export async function gradeRowsOfFile(fileName: string, content: Buffer): Promise<GradeRow[]> {
  let grid: string[][];
  try {
    grid = await readGrid(fileName, content);
  } catch {
    throw new HttpError(400, 'error.validation', [{ field: 'content', message: t('credit.badFile') }]);
  }
  const [head = [], ...body] = grid;
  const names = head.map((h) => String(h).trim().toLowerCase().replaceAll(' ', ''));
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, aliases]) => [key, names.findIndex((n) => aliases.includes(n))]),
  ) as Record<keyof GradeRow, number>;
  const missing = (Object.keys(COLUMNS) as (keyof GradeRow)[]).filter((k) => index[k] < 0);
  if (missing.length)
    throw new HttpError(
      400,
      'error.validation',
      missing.map((k) => ({
        field: 'content',
        message: tf('credit.missingColumn', { column: COLUMNS[k][0] }),
      })),
    );
  const rows = body
    .map((cells) => ({
      uscc: String(cells[index.uscc] ?? '').trim(),
      grade: String(cells[index.grade] ?? '').trim(),
      gradedAt: String(cells[index.gradedAt] ?? '').trim(),
    }))
    .filter((r) => r.uscc || r.grade || r.gradedAt);
  if (!rows.length || rows.length > MAX_GRADE_ROWS)
    throw new HttpError(400, 'error.validation', [{ field: 'content', message: t('credit.badFile') }]);
  return rows;
}

/** The current grade of each enterprise: its latest. */
export async function currentGrades(db: Pick<Db, 'creditGrade'>, businessIds: string[]) {
  const rows = await db.creditGrade.findMany({
    where: { businessId: { in: businessIds } },
    orderBy: [{ gradedAt: 'desc' }, { createdAt: 'desc' }],
    distinct: ['businessId'],
    select: { businessId: true, grade: true, gradedAt: true },
  });
  return new Map(rows.map((r) => [r.businessId, r]));
}
