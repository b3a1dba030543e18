import { PDFParse } from 'pdf-parse';
import { renderPdf, sha256Hex } from './pdf-renderer';

async function textOf(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('renderPdf', () => {
  it('embeds a Chinese font: the text extracted from the PDF is the Chinese that was written', async () => {
    const pdf = await renderPdf({
      title: '人民调解协议书',
      header: 'TJ-2026-000001',
      createdAt: new Date('2026-03-02T01:00:00Z'),
      blocks: [
        { type: 'title', text: '人民调解协议书' },
        {
          type: 'fields',
          rows: [
            ['申请人', '张三'],
            ['被申请人', '李四'],
          ],
        },
        { type: 'paragraph', text: '李四应于2026年3月31日前向张三支付人民币12,345.67元。' },
        { type: 'table', columns: ['义务人', '金额'], rows: [['李四', '¥12,345.67']] },
        { type: 'signatures', items: [{ label: '申请人', name: '张三', signedAt: '2026-03-02 09:00' }] },
        { type: 'seal', name: '西湖区人民调解委员会', date: '2026年3月2日' },
        { type: 'verification', code: 'ABCD-EFGH', url: 'http://localhost:3000/verify?code=ABCD-EFGH' },
      ],
    });
    expect(pdf.buffer.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.sha256).toBe(sha256Hex(pdf.buffer));
    const text = (await textOf(pdf.buffer)).replace(/\s+/g, '');
    for (const part of ['人民调解协议书', '张三', '李四应于2026年3月31日前向张三支付人民币12,345.67元。', '西湖区人民调解委员会', 'ABCD-EFGH', 'TJ-2026-000001']) {
      expect(text).toContain(part);
    }
    // The font is a subset: a one-page document stays small.
    expect(pdf.buffer.length).toBeLessThan(200_000);
  });
});
