/**
 * The text of a PDF, extracted by pdf-parse (PDF.js) in a plain Node process: PDF.js loads its
 * worker by dynamic import, which Jest's module sandbox refuses.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from './env';

const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const { text } = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
  process.stdout.write(text);
});`;

export const pdfText = (pdf: Buffer): string =>
  execFileSync(process.execPath, ['-e', SCRIPT], { input: pdf, cwd: ROOT, encoding: 'utf8' });
