// Document files for the tests, made from their specifications: ZIP containers (OOXML DOCX/XLSX,
// OpenDocument ODT/ODS, a plain archive) written entry by entry, OLE2 compound files holding a Word or
// Excel stream, PDFs with a Vietnamese text layer (pdf-lib + fontkit + DejaVu Sans, see pdf.ts), and
// the impostors an upload must refuse (a Windows executable, an HTML page).

const enc = new TextEncoder();

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A ZIP of stored (uncompressed) entries, in the given order, with its central directory. */
export function zip(entries: [name: string, content: string | Uint8Array][]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? enc.encode(content) : content;
    const nameBytes = enc.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directory = concat(centrals);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directory.length, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, directory, end]);
}

const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="MAIN"/></Relationships>';

function contentTypes(part: string, type: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`;
}

export function docx(text = 'Quyết định về việc ban hành quy chế'): Uint8Array {
  return zip([
    ['[Content_Types].xml', contentTypes('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['_rels/.rels', RELS.replace('MAIN', 'word/document.xml')],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`],
  ]);
}

export function xlsx(): Uint8Array {
  return zip([
    ['[Content_Types].xml', contentTypes('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')],
    ['_rels/.rels', RELS.replace('MAIN', 'xl/workbook.xml')],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Biểu 01" sheetId="1"/></sheets></workbook>'],
  ]);
}

function openDocument(mime: string): Uint8Array {
  return zip([
    ['mimetype', mime],
    ['META-INF/manifest.xml', `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/></manifest:manifest>`],
    ['content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
  ]);
}

export const odt = () => openDocument('application/vnd.oasis.opendocument.text');
export const ods = () => openDocument('application/vnd.oasis.opendocument.spreadsheet');
export const plainZip = () => zip([['phu-luc/danh-sach.txt', 'Danh sách các hộ gia đình'], ['phu-luc/ghi-chu.txt', 'Ghi chú']]);

/**
 * An OLE2 compound file (MS-CFB v3, 512-byte sectors) with one stream of the given name, as Word
 * (WordDocument) and Excel (Workbook) write them: header, one FAT sector, one directory sector, and
 * the stream's 4,096 bytes in regular sectors.
 */
export function ole2(streamName: string): Uint8Array {
  const SECTOR = 512;
  const streamSectors = 8;
  const sectors = 2 + streamSectors; // 0: FAT, 1: directory, 2..: the stream
  const out = new Uint8Array(SECTOR * (1 + sectors));
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true); // minor version
  v.setUint16(0x1a, 3, true); // major version 3
  v.setUint16(0x1c, 0xfffe, true); // little-endian
  v.setUint16(0x1e, 9, true); // 512-byte sectors
  v.setUint16(0x20, 6, true); // 64-byte mini sectors
  v.setUint32(0x2c, 1, true); // one FAT sector
  v.setUint32(0x30, 1, true); // directory at sector 1
  v.setUint32(0x38, 4096, true); // mini stream cutoff
  v.setUint32(0x3c, 0xfffffffe, true); // no mini FAT
  v.setUint32(0x44, 0xfffffffe, true); // no DIFAT sectors
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const fat = SECTOR;
  for (let i = 0; i < SECTOR / 4; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true); // sector 0 is the FAT
  v.setUint32(fat + 4, 0xfffffffe, true); // the directory is one sector
  for (let s = 2; s < sectors; s++) v.setUint32(fat + s * 4, s === sectors - 1 ? 0xfffffffe : s + 1, true);
  const dir = SECTOR * 2;
  const entry = (at: number, name: string, type: number, start: number, size: number, child = 0xffffffff) => {
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true);
    v.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1; // black
    v.setUint32(at + 0x44, 0xffffffff, true);
    v.setUint32(at + 0x48, 0xffffffff, true);
    v.setUint32(at + 0x4c, child, true);
    v.setUint32(at + 0x74, start, true);
    v.setUint32(at + 0x78, size, true);
  };
  entry(dir, 'Root Entry', 5, 0xfffffffe, 0, 1);
  entry(dir + 128, streamName, 2, 2, streamSectors * SECTOR);
  out.fill(0x41, SECTOR * 3);
  return out;
}

export const doc = () => ole2('WordDocument');
export const xls = () => ole2('Workbook');

/** The start of a Windows executable (MZ header, PE signature), as a renamed .exe would arrive. */
export function exe(): Uint8Array {
  const out = new Uint8Array(1024);
  out.set(enc.encode('MZ'));
  new DataView(out.buffer).setUint32(0x3c, 0x80, true);
  out.set(enc.encode('This program cannot be run in DOS mode.'), 0x4e);
  out.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80); // "PE\0\0", i386
  return out;
}

export const html = () => enc.encode('<!doctype html><html><head><title>Văn bản</title></head><body><script>alert(1)</script></body></html>');
