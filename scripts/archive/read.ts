// Opens an export archive (.tar.gz): entries are checked by name (nothing lands outside a temporary
// folder), extracted there, and read back by table (NDJSON, a row at a time) and by media key.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST_FILE, OBJECTS_FILE, VISITS_FILE, isArchiveEntry, mediaFile, type Manifest, type ObjectMeta, type Visits } from './format.ts';

export interface Archive {
  manifest: Manifest;
  /** The table's rows in the archive's order (none for a table skipped or absent). */
  rows(table: string): AsyncIterable<Record<string, unknown>>;
  /** A media object's bytes, null when the archive has no such object. */
  media(siteId: number, key: string): Promise<Uint8Array | null>;
  /** Every media object the archive holds, by site and key. */
  objects(): AsyncIterable<{ siteId: number; key: string }>;
  /** The objects' R2 metadata by "<siteId>/<key>" (empty for an archive without objects.ndjson). */
  objectMeta(): Promise<Map<string, ObjectMeta>>;
  /** Each site's visit figures ({} when the archive has none). */
  visits(): Promise<Visits>;
  /** Removes the extracted files. */
  close(): Promise<void>;
}

/** The archive is not one this program wrote, or is damaged: the message says what. */
export class BadArchive extends Error {}

export async function openArchive(file: string): Promise<Archive> {
  const folder = await mkdtemp(join(tmpdir(), 'bientap-archive-'));
  try {
    await extractTo(file, folder);
    const manifest = parseManifest(await readFile(join(folder, MANIFEST_FILE), 'utf8').catch(() => {
      throw new BadArchive(`${file} has no ${MANIFEST_FILE}: not an export of this CMS`);
    }));
    const files = new Map<string, string>();
    for (const t of manifest.tables) if ('file' in t) files.set(t.name, t.file);
    return {
      manifest,
      rows: (table) => readRows(folder, files.get(table)),
      async media(siteId, key) {
        const name = mediaFile(siteId, key);
        if (!isArchiveEntry(name)) return null;
        return readFile(join(folder, name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength), () => null);
      },
      objects: () => listObjects(folder),
      async objectMeta() {
        const out = new Map<string, ObjectMeta>();
        for await (const row of readRows(folder, OBJECTS_FILE)) {
          const m = row as unknown as ObjectMeta;
          out.set(`${m.siteId}/${m.key}`, m);
        }
        return out;
      },
      async visits() {
        const text = await readFile(join(folder, VISITS_FILE), 'utf8').catch(() => '{}');
        return JSON.parse(text) as Visits;
      },
      close: () => rm(folder, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

async function extractTo(file: string, folder: string): Promise<void> {
  const extract = tar.extract();
  const done = pipeline(createReadStream(file), createGunzip(), extract);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== 'file' || !isArchiveEntry(name)) {
        throw new BadArchive(`${file} holds an entry this format never has: ${JSON.stringify(name)} (${type})`);
      }
      const path = join(folder, name);
      await mkdir(dirname(path), { recursive: true });
      await pipeline(entry, createWriteStream(path));
    }
    await done;
  } catch (error) {
    // Leaving the loop destroyed the extractor: the pipeline's own failure is this one, or its consequence.
    await done.catch(() => undefined);
    if (error instanceof BadArchive) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new BadArchive(`${file} is not a readable .tar.gz (${(error as Error).message})`);
  }
}

function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadArchive(`${MANIFEST_FILE} is not JSON`);
  }
  const m = value as Partial<Manifest>;
  if (m.format !== ARCHIVE_FORMAT) throw new BadArchive(`${MANIFEST_FILE} is not of format "${ARCHIVE_FORMAT}"`);
  if (m.version !== ARCHIVE_VERSION) throw new BadArchive(`archive format version ${String(m.version)}; this program reads version ${ARCHIVE_VERSION}`);
  if (typeof m.schema !== 'string' || !Array.isArray(m.tables) || !Array.isArray(m.sites)) throw new BadArchive(`${MANIFEST_FILE} lacks schema, tables or sites`);
  return m as Manifest;
}

async function* readRows(folder: string, file: string | undefined): AsyncIterable<Record<string, unknown>> {
  if (!file || !isArchiveEntry(file)) return;
  const lines = createInterface({ input: createReadStream(join(folder, file)), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line === '') continue;
    try {
      yield JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new BadArchive(`${file} line ${n} is not JSON`);
    }
  }
}

async function* listObjects(folder: string): AsyncIterable<{ siteId: number; key: string }> {
  const root = join(folder, 'media');
  const sites = await readdir(root).catch(() => [] as string[]);
  for (const site of sites.sort((a, b) => Number(a) - Number(b))) {
    const entries = await readdir(join(root, site), { recursive: true, withFileTypes: true });
    const keys = entries.filter((e) => e.isFile()).map((e) => relative(join(root, site), join(e.parentPath, e.name)).split(sep).join('/'));
    for (const key of keys.sort()) yield { siteId: Number(site), key };
  }
}
