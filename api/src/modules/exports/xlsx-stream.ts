/**
 * A spreadsheet written as it is read: rows are fetched page by page and committed to a
 * streaming workbook, so an export of 100,000 cases holds one page in memory, not the list.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** The workbook's media type. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | Date | null | undefined;
}

/**
 * Rows in pages of `pageSize` from `page(n)` (1-based) until a short page. The first page is read
 * before anything is sent, so a refusal (scope, role, bad input) is still a plain 4xx. `onEnd`
 * hears how many rows were written once the workbook is complete, or null when it failed.
 */
export async function xlsxStream<T>(
  sheetName: string,
  columns: Column<T>[],
  page: (n: number) => Promise<T[]>,
  pageSize: number,
  onError: (err: unknown) => void,
  onEnd: (rows: number | null) => void,
) {
  const first = await page(1);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    let written = 0;
    try {
      for (let n = 1; ; n++) {
        const rows = n === 1 ? first : await page(n);
        for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit();
        written += rows.length;
        if (rows.length < pageSize) break;
      }
      sheet.commit();
      await workbook.commit();
      onEnd(written);
    } catch (err) {
      onError(err);
      onEnd(null);
      // A half-written workbook must not look complete: the download fails instead.
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}
