// Small real PDFs for the demo documents, laid out like a Vietnamese administrative document (the form of
// Decree 30/2020/NĐ-CP: issuer and national motto side by side, number, place and date, title, body,
// recipients and signer). The standard PDF fonts cannot encode Vietnamese, so a subset of DejaVu Sans
// (Debian's fonts-dejavu-core) is embedded; pdf-lib writes its ToUnicode map, so the text layer can be
// extracted and searched. Output is deterministic: the same document gives the same bytes.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** Where Debian's fonts-dejavu-core puts them; DEMO_FONT_DIR names another folder (another system, a test). */
export function fontFiles(dir = process.env['DEMO_FONT_DIR'] || '/usr/share/fonts/truetype/dejavu') {
  return { regular: `${dir}/DejaVuSans.ttf`, bold: `${dir}/DejaVuSans-Bold.ttf` };
}

/** The fonts are missing: the message says which package brings them. */
export class FontMissing extends Error {
  constructor(path: string) {
    super(
      `the demo PDFs embed DejaVu Sans, but ${path} is missing: install Debian's fonts-dejavu-core ` +
        '(apt-get install fonts-dejavu-core), or set DEMO_FONT_DIR to a folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf, and run again.',
    );
    this.name = 'FontMissing';
  }
}

export interface DemoFonts { regular: Uint8Array; bold: Uint8Array }


/** Reads the two DejaVu Sans faces once (a seed makes dozens of PDFs with them). */
export async function loadDemoFonts(files: { regular: string; bold: string } = fontFiles()): Promise<DemoFonts> {
  const read = async (path: string) => {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FontMissing(path);
      throw error;
    }
  };
  return { regular: await read(files.regular), bold: await read(files.bold) };
}

/** A paragraph of the body: plain, italic ("Căn cứ ..."), bold, or a centred bold line ("QUYẾT ĐỊNH:"). */
export type PdfParagraph = string | { text: string; style: 'italic' | 'bold' | 'heading' };

export interface PdfSpec {
  /** The issuer's parent authority, first line at the top left ("UBND TỈNH THÁI NGUYÊN"); none for a People's Committee. */
  parent?: string | undefined;
  /** The issuing authority, printed in capitals, "\n" where its line breaks ("Ủy ban nhân dân\ntỉnh Thái Nguyên"). */
  issuer: string;
  /** Số ký hiệu: "125/QĐ-UBND". */
  number: string;
  /** Where it was issued ("Thái Nguyên", "Tân Cương"). */
  place: string;
  /** "YYYY-MM-DD". */
  issuedOn: string;
  /** Loại văn bản ("Quyết định"); a Công văn prints its summary as "V/v ..." under the number instead. */
  type: string;
  /** Trích yếu. */
  summary: string;
  paragraphs: PdfParagraph[];
  /** The signature block: the lines above the title ("TM. Ủy ban nhân dân\nKT. Chủ tịch"), the title, the name. */
  signer: { on?: string | undefined; title: string; name: string };
  recipients: string[];
  /** An annex's line under its title: "(Kèm theo Quyết định số ... của ...)". */
  attachedTo?: string | undefined;
  /** A draft gets a "DỰ THẢO" mark and no signature. */
  draft?: boolean | undefined;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 85, right: 57, top: 57, bottom: 57 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Columns of the header, wider than the text as on paper: issuer at the left, the national motto at the right. */
const LEFT_COLUMN = { centre: 150, width: 200 };
const RIGHT_COLUMN = { centre: 410, width: 300 };
const INK = rgb(0, 0, 0);
const SEAL = rgb(0.78, 0.1, 0.1);
/** DejaVu has no italic face in fonts-dejavu-core: an oblique is drawn by shearing the regular one (x moves with y). */
const OBLIQUE = degrees(12);

/** "2026-03-12" -> "ngày 12 tháng 3 năm 2026" (days and months below 10 as Vietnamese documents write them: 05, 02). */
export function vietnameseDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  const [, year, month, date] = match;
  return `ngày ${date} tháng ${month} năm ${year}`;
}

/**
 * Greedy line breaking on spaces, by the font's widths of each word (measuring every candidate line
 * whole would lay out the text again for each word added: most of a document's time).
 */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const space = font.widthOfTextAtSize(' ', size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wordWidth = font.widthOfTextAtSize(word, size);
    // A point to spare for the kerning between words that the sum leaves out.
    if (line && lineWidth + space + wordWidth > width - 1) {
      lines.push(line);
      line = word;
      lineWidth = wordWidth;
    } else {
      line = line ? `${line} ${word}` : word;
      lineWidth += (lineWidth ? space : 0) + wordWidth;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size up to `size` at which the line fits the width (header lines are single lines). */
function fit(text: string, font: PDFFont, size: number, width: number): number {
  let s = size;
  while (s > 7 && font.widthOfTextAtSize(text, s) > width) s -= 0.5;
  return s;
}

class Writer {
  page: PDFPage;
  y: number;
  pages = 1;
  readonly doc: PDFDocument;
  readonly fonts: { regular: PDFFont; bold: PDFFont };
  constructor(doc: PDFDocument, fonts: { regular: PDFFont; bold: PDFFont }) {
    this.doc = doc;
    this.fonts = fonts;
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }

  /** A new page when fewer than `needed` points are left; pages after the first are numbered at the top. */
  room(needed: number): void {
    if (this.y - needed >= MARGIN.bottom) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages++;
    this.y = A4.height - MARGIN.top + 20;
    this.centred(String(this.pages), this.fonts.regular, 11, A4.width / 2 + (MARGIN.left - MARGIN.right) / 2);
    this.y -= 10;
  }

  centred(text: string, font: PDFFont, size: number, centre: number, oblique = false): number {
    const width = font.widthOfTextAtSize(text, size);
    this.page.drawText(text, { x: centre - width / 2, y: this.y - size, size, font, color: INK, ...(oblique ? { ySkew: OBLIQUE } : {}) });
    this.y -= size * 1.3;
    return width;
  }

  /** A short rule under the line just written (below its descenders). */
  rule(centre: number, width: number): void {
    this.page.drawLine({ start: { x: centre - width / 2, y: this.y - 3 }, end: { x: centre + width / 2, y: this.y - 3 }, thickness: 0.6, color: INK });
    this.y -= 6;
  }

  paragraph(paragraph: PdfParagraph, size = 12): void {
    const { text, style } = typeof paragraph === 'string' ? { text: paragraph, style: 'plain' as const } : paragraph;
    const font = style === 'bold' || style === 'heading' ? this.fonts.bold : this.fonts.regular;
    const lead = size * 1.45;
    if (style === 'heading') {
      this.room(lead * 2);
      this.y -= size * 0.4;
      this.centred(text, font, size, MARGIN.left + TEXT_WIDTH / 2);
      this.y -= size * 0.3;
      return;
    }
    const indent = 28;
    // The first line is indented: wrap it alone at the shorter width, then the rest at full width.
    const [first = '', ...rest] = wrap(text, font, size, TEXT_WIDTH - indent);
    const lines = [first, ...wrap(rest.join(' '), font, size, TEXT_WIDTH)];
    lines.forEach((line, i) => {
      if (!line) return;
      this.room(lead);
      this.page.drawText(line, {
        x: MARGIN.left + (i === 0 ? indent : 0), y: this.y - size, size, font, color: INK,
        ...(style === 'italic' ? { ySkew: OBLIQUE } : {}),
      });
      this.y -= lead;
    });
    this.y -= size * 0.35;
  }
}

/** One demo document as a PDF (A4, Vietnamese text layer, DejaVu Sans subset embedded). */
export async function demoPdf(spec: PdfSpec, fonts: DemoFonts): Promise<Uint8Array> {
  // No automatic metadata: the dates below come from the document, so the same input gives the same bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const issued = new Date(`${spec.issuedOn}T08:00:00+07:00`);
  doc.setTitle(`${spec.number} ${spec.type} ${spec.summary}`);
  doc.setAuthor(spec.issuer);
  doc.setSubject(spec.summary);
  doc.setLanguage('vi-VN');
  doc.setCreator('bientap-cms demo (scripts/demo-pdf.ts)');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);

  const w = new Writer(doc, { regular, bold });
  const top = w.y;

  // Left: the issuer (its parent authority above it), a short rule, the number (and a Công văn's "V/v").
  if (spec.parent) w.centred(spec.parent.toUpperCase(), regular, fit(spec.parent.toUpperCase(), regular, 11, LEFT_COLUMN.width), LEFT_COLUMN.centre);
  let issuerWidth = 0;
  for (const line of spec.issuer.toUpperCase().split('\n')) {
    issuerWidth = Math.max(issuerWidth, w.centred(line, bold, fit(line, bold, 11, LEFT_COLUMN.width), LEFT_COLUMN.centre));
  }
  w.rule(LEFT_COLUMN.centre, Math.min(issuerWidth * 0.45, 70));
  w.y -= 8;
  w.centred(`Số: ${spec.number}`, regular, 12, LEFT_COLUMN.centre);
  const letter = spec.type === 'Công văn';
  if (letter) {
    for (const line of wrap(`V/v ${spec.summary}`, regular, 10, LEFT_COLUMN.width)) w.centred(line, regular, 10, LEFT_COLUMN.centre);
  }
  const leftBottom = w.y;

  // Right: the national motto, underlined, then place and date in italics.
  w.y = top;
  const motto = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  w.centred(motto, bold, fit(motto, bold, 11, RIGHT_COLUMN.width), RIGHT_COLUMN.centre);
  const mottoWidth = w.centred('Độc lập - Tự do - Hạnh phúc', bold, 12, RIGHT_COLUMN.centre);
  w.rule(RIGHT_COLUMN.centre, mottoWidth);
  w.y -= 8 + (spec.parent ? 14 : 0);
  // A draft is dated when signed: its day and month are left open, as on a paper draft.
  const dateLine = `${spec.place}, ${spec.draft ? `ngày … tháng … năm ${spec.issuedOn.slice(0, 4)}` : vietnameseDate(spec.issuedOn)}`;
  w.centred(dateLine, regular, fit(dateLine, regular, 12, RIGHT_COLUMN.width), RIGHT_COLUMN.centre, true);

  if (spec.draft) {
    const mark = 'DỰ THẢO';
    const width = bold.widthOfTextAtSize(mark, 13);
    w.page.drawRectangle({ x: A4.width - MARGIN.right - width - 12, y: A4.height - 34, width: width + 12, height: 22, borderColor: INK, borderWidth: 1 });
    w.page.drawText(mark, { x: A4.width - MARGIN.right - width - 6, y: A4.height - 28, size: 13, font: bold, color: INK });
  }

  // The title: the type in capitals and the summary below it (a Công văn has neither).
  w.y = Math.min(leftBottom, w.y) - 22;
  const centre = MARGIN.left + TEXT_WIDTH / 2;
  if (!letter) {
    w.centred(spec.type.toUpperCase(), bold, 14, centre);
    let summaryWidth = 0;
    for (const line of wrap(spec.summary, bold, 12, TEXT_WIDTH - 60)) summaryWidth = Math.max(summaryWidth, w.centred(line, bold, 12, centre));
    if (spec.attachedTo) {
      for (const line of wrap(spec.attachedTo, regular, 11, TEXT_WIDTH - 60)) w.centred(line, regular, 11, centre, true);
    }
    w.rule(centre, Math.min(summaryWidth * 0.4, 120));
    w.y -= 14;
  }

  for (const paragraph of spec.paragraphs) w.paragraph(paragraph);

  // Recipients at the left, the signature block at the right, side by side.
  w.room(130);
  w.y -= 10;
  const blockTop = w.y;
  if (spec.recipients.length) {
    w.page.drawText('Nơi nhận:', { x: MARGIN.left, y: w.y - 11, size: 11, font: bold, color: INK, ySkew: OBLIQUE });
    w.y -= 15;
  }
  for (const recipient of spec.recipients) {
    for (const [i, line] of wrap(`- ${recipient}`, regular, 9.5, 200).entries()) {
      w.page.drawText(i === 0 ? line : `  ${line}`, { x: MARGIN.left, y: w.y - 9.5, size: 9.5, font: regular, color: INK });
      w.y -= 12;
    }
  }
  const recipientsBottom = w.y;

  w.y = blockTop;
  const signCentre = RIGHT_COLUMN.centre + 10;
  for (const line of spec.signer.on?.toUpperCase().split('\n') ?? []) w.centred(line, bold, 12, signCentre);
  w.centred(spec.signer.title.toUpperCase(), bold, 12, signCentre);
  if (spec.draft) {
    w.y -= 50;
  } else {
    // A stamp-like mark where the seal and signature would be: says what it stands for, in words too.
    const y = w.y - 32;
    w.page.drawEllipse({ x: signCentre, y, xScale: 34, yScale: 30, borderColor: SEAL, borderWidth: 1.5, opacity: 0, borderOpacity: 0.8 });
    const signed = '(Đã ký)';
    w.page.drawText(signed, { x: signCentre - regular.widthOfTextAtSize(signed, 10) / 2, y: y - 4, size: 10, font: regular, color: SEAL, ySkew: OBLIQUE });
    w.y -= 70;
  }
  w.centred(spec.signer.name, bold, 12, signCentre);
  w.y = Math.min(w.y, recipientsBottom);

  return doc.save({ useObjectStreams: true });
}
