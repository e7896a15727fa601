/**
 * Printable documents (办理单, 处理意见书 …) as PDF, for any module: describe the document as
 * a title, sections of labelled fields, tables and paragraphs, and `renderPdf` lays it out on A4
 * with an embedded CJK font (Noto Sans SC from the @fontsource package: installed with the other
 * dependencies, subset into each file, so a PDF prints the same anywhere and nothing is fetched at
 * run time). The result is a stream: send it as a response body or pipe it to a file.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { woffToSfnt } from './woff';

/** One block of a document, under its heading. */
export type PdfSection =
  | { heading: string; fields: [label: string, value: string][] }
  | { heading: string; table: { columns: { title: string; width: number }[]; rows: string[][] } }
  /** Text; a letter's body has no heading, and its sign-off (unit, date) is set on the right. */
  | { heading?: string; paragraphs: string[]; align?: 'left' | 'right' };

export interface PdfDocumentSpec {
  title: string;
  /** Under the title, e.g. the case number and when it was printed. */
  subtitle?: string;
  sections: PdfSection[];
  /** At the bottom of every page, e.g. the issuing unit. */
  footer?: string;
  /** The PDF's metadata author (the app's name by default). */
  author?: string;
}

const FONT =
  require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff');
let font: Buffer | undefined;
/** Noto Sans SC (SIL Open Font License), unwrapped from its WOFF once, on the first document. */
export const cjkFont = () => (font ??= woffToSfnt(readFileSync(FONT)));
const MARGIN = 50;

export function renderPdf(spec: PdfDocumentSpec): Readable {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: spec.title, Author: spec.author ?? '智治 Zhizhi' },
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(18).text(spec.title, { align: 'center' });
  if (spec.subtitle)
    doc.moveDown(0.3).fontSize(10).fillColor('#555').text(spec.subtitle, { align: 'center' });
  doc.fillColor('#000');

  for (const section of spec.sections) {
    doc.moveDown(0.8);
    if (section.heading) {
      doc.fontSize(13).text(section.heading);
      doc
        .moveTo(MARGIN, doc.y + 2)
        .lineTo(MARGIN + width, doc.y + 2)
        .strokeColor('#999')
        .stroke();
      doc.moveDown(0.4);
    }
    doc.fontSize(10);
    if ('fields' in section) {
      for (const [label, value] of section.fields) {
        const y = doc.y;
        doc.fillColor('#555').text(label, MARGIN, y, { width: 90 });
        const labelBottom = doc.y;
        doc.fillColor('#000').text(value || '—', MARGIN + 95, y, { width: width - 95 });
        doc.y = Math.max(doc.y, labelBottom) + 2;
      }
    } else if ('table' in section) {
      const { columns, rows } = section.table;
      const total = columns.reduce((n, c) => n + c.width, 0);
      const xs = columns.map(
        (_, i) => MARGIN + (columns.slice(0, i).reduce((n, c) => n + c.width, 0) / total) * width,
      );
      const widths = columns.map((c) => (c.width / total) * width - 4);
      const line = (cells: string[], color: string) => {
        if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
        const y = doc.y;
        let bottom = y;
        cells.forEach((cell, i) => {
          doc.fillColor(color).text(cell || '—', xs[i], y, { width: widths[i] });
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = MARGIN;
        doc.y = bottom + 3;
      };
      line(
        columns.map((c) => c.title),
        '#555',
      );
      for (const row of rows) line(row, '#000');
      doc.fillColor('#000');
    } else {
      const align = section.align ?? 'left';
      for (const p of section.paragraphs) doc.text(p, MARGIN, doc.y, { width, align }).moveDown(0.3);
    }
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const text = `${spec.footer ? `${spec.footer}  ` : ''}${i + 1} / ${pages.count}`;
    // Writing inside the bottom margin must not open a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#777')
      .text(text, MARGIN, doc.page.height - MARGIN + 15, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return doc;
}
