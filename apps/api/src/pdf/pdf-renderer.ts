import { sha256Hex } from '../common/crypto';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * Server-rendered PDFs (agreements, rulings, failure reports, case files, enforcement
 * applications) with Noto Sans SC embedded (subset by pdfkit), so Chinese renders on any
 * reader and text can be extracted. A document is a list of blocks; the result carries its
 * sha-256, which the verification page and the records use.
 */
export type PdfBlock =
  | { type: 'title'; text: string }
  | { type: 'subtitle'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** Label–value rows (parties, case data). */
  | { type: 'fields'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'table'; columns: readonly string[]; rows: ReadonlyArray<readonly string[]>; widths?: readonly number[] }
  /** Signature lines: a drawn image (PNG) when signed. */
  | { type: 'signatures'; items: ReadonlyArray<{ label: string; name: string; signedAt?: string | null; imagePng?: Buffer | null }> }
  /** An organisation's or a court's seal (red), with the date under it. */
  | { type: 'seal'; name: string; date?: string }
  /** Verification code and the address of the public verification page, with a QR code. */
  | { type: 'verification'; code: string; url: string; label?: string }
  | { type: 'pageBreak' };

export interface PdfSpec {
  title: string;
  /** Printed in the header of every page (e.g. the case number). */
  header?: string;
  blocks: readonly PdfBlock[];
  /** Fixed creation date (metadata), e.g. the signing time. */
  createdAt?: Date;
  author?: string;
}

export interface RenderedPdf {
  buffer: Buffer;
  sha256: string;
}

function fontPath(weight: '400Regular' | '700Bold'): string {
  const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return join(pkg, weight, `NotoSansSC_${weight}.ttf`);
}

const MARGIN = 56;
const RED = '#c8102e';

export { sha256Hex };

/**
 * A round red seal as Chinese organisations and courts use: a ring, the name set along the upper
 * arc (each character upright towards the centre, in reading order), a star in the middle.
 */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, radius: number, name: string) {
  doc.save().lineWidth(2.5).strokeColor(RED).circle(cx, cy, radius).stroke().restore();
  const chars = [...name];
  const n = Math.max(chars.length, 1);
  // Up to 250° of arc for long names, about 22° a character for short ones.
  const span = Math.min(250, n * 22);
  const textRadius = radius - 6;
  const size = Math.min(12, ((2 * Math.PI * (textRadius - 6) * span) / 360 / n) * 0.92);
  doc.font('bold').fontSize(size).fillColor(RED);
  chars.forEach((ch, i) => {
    const angle = -span / 2 + (span * (i + 0.5)) / n; // degrees, 0 = top, clockwise
    doc.save();
    doc.rotate(angle, { origin: [cx, cy] });
    doc.text(ch, cx - size / 2, cy - textRadius, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });
  doc
    .font('bold')
    .fontSize(24)
    .text('★', cx - 12, cy - 12, { width: 24, align: 'center', lineBreak: false });
  doc.fillColor('black');
}

export async function renderPdf(spec: PdfSpec): Promise<RenderedPdf> {
  const qrImages = new Map<string, Buffer>();
  for (const block of spec.blocks) {
    if (block.type === 'verification') qrImages.set(block.url, await QRCode.toBuffer(block.url, { margin: 1, width: 160 }));
  }
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 12, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: spec.title, Author: spec.author ?? 'Tiaojie', Producer: 'Tiaojie', CreationDate: spec.createdAt ?? new Date() },
  });
  doc.registerFont('regular', fontPath('400Regular'));
  doc.registerFont('bold', fontPath('700Bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };

  for (const block of spec.blocks) {
    switch (block.type) {
      case 'title':
        doc.font('bold').fontSize(20).text(block.text, { align: 'center' }).moveDown(0.6);
        break;
      case 'subtitle':
        doc.font('regular').fontSize(11).fillColor('#444').text(block.text, { align: 'center' }).fillColor('black').moveDown(0.8);
        break;
      case 'heading':
        ensureSpace(60);
        doc.moveDown(0.4).font('bold').fontSize(13).text(block.text).moveDown(0.3);
        break;
      case 'paragraph':
        doc.font('regular').fontSize(11).text(block.text, { align: 'justify', lineGap: 3 }).moveDown(0.4);
        break;
      case 'fields':
        for (const [label, value] of block.rows) {
          ensureSpace(20);
          const y = doc.y;
          doc.font('bold').fontSize(10.5).text(label, MARGIN, y, { width: 120 });
          const labelBottom = doc.y;
          doc
            .font('regular')
            .fontSize(10.5)
            .text(value || '—', MARGIN + 124, y, { width: width - 124 });
          doc.y = Math.max(doc.y, labelBottom) + 3;
        }
        doc.x = MARGIN;
        doc.moveDown(0.3);
        break;
      case 'table': {
        const widths = block.widths ?? block.columns.map(() => 1);
        const total = widths.reduce((a, b) => a + b, 0);
        const cols = widths.map((w) => (w / total) * width);
        const row = (cells: readonly string[], bold: boolean) => {
          doc.font(bold ? 'bold' : 'regular').fontSize(9.5);
          const heights = cells.map((cell, i) => doc.heightOfString(cell || '—', { width: cols[i] - 8 }));
          const h = Math.max(...heights) + 8;
          ensureSpace(h);
          const y = doc.y;
          let x = MARGIN;
          cells.forEach((cell, i) => {
            doc.rect(x, y, cols[i], h).lineWidth(0.5).strokeColor('#888').stroke();
            doc.text(cell || '—', x + 4, y + 4, { width: cols[i] - 8 });
            x += cols[i];
          });
          doc.x = MARGIN;
          doc.y = y + h;
        };
        row(block.columns, true);
        for (const r of block.rows) row(r, false);
        doc.moveDown(0.6);
        break;
      }
      case 'signatures':
        for (const item of block.items) {
          ensureSpace(70);
          const y = doc.y;
          doc
            .font('bold')
            .fontSize(10.5)
            .text(`${item.label}：`, MARGIN, y + 18, { width: 110 });
          if (item.imagePng && item.imagePng.length > 0) {
            try {
              doc.image(item.imagePng, MARGIN + 112, y, { fit: [150, 50] });
            } catch {
              doc.font('regular').text(item.name, MARGIN + 112, y + 18);
            }
          }
          doc
            .font('regular')
            .fontSize(10)
            .text(`${item.name}${item.signedAt ? `  ${item.signedAt}` : ''}`, MARGIN + 272, y + 18, { width: width - 272 });
          doc.x = MARGIN;
          doc.y = y + 58;
        }
        break;
      case 'seal': {
        ensureSpace(130);
        const cx = MARGIN + width - 70;
        const cy = doc.y + 58;
        drawSeal(doc, cx, cy, 52, block.name);
        if (block.date)
          doc
            .font('regular')
            .fontSize(10)
            .text(block.date, MARGIN, cy + 60, { width, align: 'right' });
        doc.x = MARGIN;
        doc.y = cy + 80;
        break;
      }
      case 'verification': {
        ensureSpace(110);
        const y = doc.y + 6;
        const png = qrImages.get(block.url);
        if (png) doc.image(png, MARGIN, y, { width: 84 });
        doc.font('regular').fontSize(9.5).fillColor('#333');
        doc.text(`${block.label ?? '验证码 / Verification code'}：${block.code}`, MARGIN + 96, y + 12, { width: width - 96 });
        doc.text(block.url, MARGIN + 96, doc.y + 2, { width: width - 96 });
        doc.fillColor('black');
        doc.x = MARGIN;
        doc.y = y + 96;
        break;
      }
      case 'pageBreak':
        doc.addPage();
        break;
    }
  }

  // Header and page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#666');
    if (spec.header) doc.text(spec.header, MARGIN, 28, { width, align: 'left', lineBreak: false });
    doc.text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  const buffer = Buffer.concat(chunks);
  return { buffer, sha256: sha256Hex(buffer) };
}
