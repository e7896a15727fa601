import { renderPdf } from '..';
import { pdfText } from '../../../test/pdf-text';

const collect = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('renderPdf', () => {
  it('lays out fields, tables and paragraphs in an embedded CJK font whose text can be extracted', async () => {
    const pdf = await collect(
      renderPdf({
        title: '事件办理单',
        subtitle: '案件编号 SJ-2026-000123',
        footer: '智治',
        sections: [
          { heading: '事件信息', fields: [['地址', '海旺社区 8 栋']] },
          {
            heading: '办理过程',
            table: { columns: [{ title: '时间', width: 1 }], rows: [['2026-12-03 12:00']] },
          },
          { heading: '说明', paragraphs: ['绿化带垃圾'] },
        ],
      }),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of ['事件办理单', 'SJ-2026-000123', '海旺社区 8 栋', '办理过程', '绿化带垃圾', '1 / 1'])
      expect(text).toContain(s);
  });
});
