// PDFs with a real Vietnamese text layer, made in the test: standard PDF fonts cannot encode Vietnamese,
// so DejaVu Sans (Debian's fonts-dejavu) is embedded as a subset through fontkit.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
// Vite inlines the font as a data: URL (workerd has no file system to read it from at run time).
import dejavu from '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf?inline';

function fontBytes(): Uint8Array {
  const base64 = dejavu.slice(dejavu.indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** A PDF of the given pages, each a list of lines, in DejaVu Sans. */
export async function vietnamesePdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes(), { subset: true });
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 790 - i * 18, size: 12, font }));
  }
  return pdf.save();
}
