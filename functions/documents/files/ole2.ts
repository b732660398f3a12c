// What an OLE2 compound file (MS-CFB: the container of .doc and .xls) holds: the names of its streams,
// read from its directory. file-type stops at "this is a compound file", and Word and Excel files differ
// only by the stream they carry (WordDocument, Workbook/Book), so this small reader looks them up.
// Nothing is decompressed or decoded; a file cut short is reported as such.

export const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Thrown when the file ends before a structure it declares (a cut-off upload). */
export class Ole2Truncated extends Error {}
/** Thrown when the structures are inconsistent (not a compound file a program wrote). */
export class Ole2Corrupt extends Error {}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR = 0xfffffffa;
/** A directory of a document holds a few dozen entries; this bounds a hostile chain. */
const MAX_DIRECTORY_SECTORS = 4096;

/** The names of the storages and streams in the file's directory. */
export function ole2EntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512) throw new Ole2Truncated();
  for (let i = 0; i < OLE2_SIGNATURE.length; i++) if (bytes[i] !== OLE2_SIGNATURE[i]) throw new Ole2Corrupt();
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Ole2Corrupt();
  const size = 1 << shift;
  const sectorCount = Math.floor((bytes.length - size) / size);
  const sector = (n: number) => {
    if (n > MAX_REGULAR) throw new Ole2Corrupt();
    const start = (n + 1) * size;
    if (start + size > bytes.length) throw new Ole2Truncated();
    return start;
  };
  const u32 = (offset: number) => {
    if (offset + 4 > bytes.length) throw new Ole2Truncated();
    return view.getUint32(offset, true);
  };

  // The FAT's own sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatCount = u32(0x2c);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  for (let hops = 0; fatSectors.length < fatCount; hops++) {
    if (difat === END_OF_CHAIN || difat === FREE || hops > sectorCount) throw new Ole2Corrupt();
    const at = sector(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + i * 4));
    difat = u32(at + size - 4);
  }
  const next = (n: number) => {
    const perSector = size / 4;
    const fatSector = fatSectors[Math.floor(n / perSector)];
    if (fatSector === undefined) throw new Ole2Corrupt();
    return u32(sector(fatSector) + (n % perSector) * 4);
  };

  // Every sector the FAT says is in use must be in the file: a cut anywhere shows here.
  let lastUsed = -1;
  for (let f = 0; f < fatSectors.length; f++) {
    const at = sector(fatSectors[f]!);
    for (let i = 0; i < size / 4; i++) if (u32(at + i * 4) !== FREE) lastUsed = f * (size / 4) + i;
  }
  if (lastUsed >= 0) sector(lastUsed);

  const names: string[] = [];
  let dir = u32(0x30);
  for (let hops = 0; dir !== END_OF_CHAIN; hops++) {
    if (hops > MAX_DIRECTORY_SECTORS) throw new Ole2Corrupt();
    const at = sector(dir);
    for (let entry = at; entry < at + size; entry += 128) {
      const nameBytes = view.getUint16(entry + 0x40, true);
      const type = bytes[entry + 0x42];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue; // unused entry
      let name = '';
      for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(entry + i * 2, true));
      names.push(name);
    }
    dir = next(dir);
  }
  return names;
}
