/**
 * A spreadsheet (or CSV) written as it is read: rows are fetched page by page and committed to a
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

/** How a table's rows are written: a streaming workbook, or CSV text. */
interface RowWriter {
  add(values: (string | number | Date)[]): void;
  end(): Promise<void>;
}

function xlsxWriter<T>(out: PassThrough, sheetName: string, columns: Column<T>[]): RowWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return {
    add: (values) => sheet.addRow(values).commit(),
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/**
 * RFC 4180 text with a BOM (Excel then reads it as UTF-8); a cell starting with = + - @ gets a
 * leading ' so no spreadsheet runs it as a formula.
 */
function csvWriter<T>(out: PassThrough, columns: Column<T>[]): RowWriter {
  const cell = (v: string | number | Date) => {
    const text = v instanceof Date ? v.toISOString() : String(v);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const line = (values: (string | number | Date)[]) => `${values.map(cell).join(',')}\r\n`;
  out.write(`\ufeff${line(columns.map((c) => c.header))}`);
  return {
    add: (values) => void out.write(line(values)),
    end: async () => void out.end(),
  };
}

/**
 * Rows in pages of `pageSize` from `page(n)` (1-based) until a short page, as a workbook or CSV.
 * The first page is read before anything is sent, so a refusal (scope, role, bad input) is still
 * a plain 4xx. `onEnd` hears how many rows were written once the file is complete, or null when
 * it failed.
 */
export async function tableStream<T>(
  format: 'xlsx' | 'csv',
  sheetName: string,
  columns: Column<T>[],
  page: (n: number) => Promise<T[]>,
  pageSize: number,
  onError: (err: unknown) => void,
  onEnd: (rows: number | null) => void,
) {
  const first = await page(1);
  const out = new PassThrough();
  const writer = format === 'xlsx' ? xlsxWriter(out, sheetName, columns) : csvWriter(out, columns);
  void (async () => {
    let written = 0;
    try {
      for (let n = 1; ; n++) {
        const rows = n === 1 ? first : await page(n);
        for (const row of rows) writer.add(columns.map((c) => c.value(row) ?? ''));
        written += rows.length;
        if (rows.length < pageSize) break;
      }
      await writer.end();
      onEnd(written);
    } catch (err) {
      onError(err);
      onEnd(null);
      // A half-written file must not look complete: the download fails instead.
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}

/** A workbook of the rows (see `tableStream`). */
export const xlsxStream = <T>(
  ...args: Parameters<typeof tableStream<T>> extends [unknown, ...infer Rest] ? Rest : never
) => tableStream<T>('xlsx', ...args);
