// Writes an export archive: files are staged in a temporary folder as they come (tables a page at a time),
// then packed with the manifest first into FILE.tar.gz. FILE is claimed at once ('wx'): never overwritten.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { MANIFEST_FILE, isArchiveEntry, type Manifest } from './format.ts';

export interface ArchiveWriter {
  /** Appends text to an entry (created empty on first use), e.g. a table's NDJSON page by page. */
  append(name: string, text: string): Promise<void>;
  /** Writes a whole entry. */
  put(name: string, bytes: Uint8Array | string): Promise<void>;
  /** Packs every entry, the manifest first, into the file; returns the archive's size in bytes. */
  finish(manifest: Manifest): Promise<number>;
  /** Drops the staged entries and the claimed file (an export that failed leaves nothing behind). */
  abort(): Promise<void>;
}

export class ArchiveExists extends Error {}

export async function createArchive(file: string): Promise<ArchiveWriter> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ArchiveExists(`${file} exists already; choose another name (an export never overwrites a file)`);
    throw error;
  }
  const staging = await mkdtemp(join(tmpdir(), 'bientap-export-'));
  const names: string[] = [];
  const known = new Set<string>();
  const pathOf = async (name: string): Promise<string> => {
    if (!isArchiveEntry(name) || name === MANIFEST_FILE) throw new Error(`not an archive entry name: ${name}`);
    const path = join(staging, name);
    if (!known.has(name)) {
      known.add(name);
      names.push(name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, '');
    }
    return path;
  };
  return {
    async append(name, text) {
      await writeFile(await pathOf(name), text, { flag: 'a' });
    },
    async put(name, bytes) {
      await writeFile(await pathOf(name), bytes);
    },
    async finish(manifest) {
      const pack = tar.pack();
      const out = pipeline(pack, createGzip(), createWriteStream('', { fd: handle, autoClose: true }));
      const manifestText = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      await entry(pack, MANIFEST_FILE, manifestText.length, manifestText);
      for (const name of names) {
        const path = join(staging, name);
        await entry(pack, name, (await stat(path)).size, path);
      }
      pack.finalize();
      await out;
      await rm(staging, { recursive: true, force: true });
      return (await stat(file)).size;
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
      await handle.close().catch(() => undefined);
      await rm(file, { force: true });
    },
  };
}

/** One tar entry from bytes or a staged file, resolved when the pack has taken it. */
async function entry(pack: tar.Pack, name: string, size: number, source: Buffer | string): Promise<void> {
  const mtime = new Date(0);
  if (typeof source !== 'string') {
    await new Promise<void>((resolve, reject) => pack.entry({ name, size, mtime, mode: 0o644 }, source, (e) => (e ? reject(e) : resolve())));
    return;
  }
  let done!: () => void;
  let failed!: (e: Error) => void;
  const taken = new Promise<void>((resolve, reject) => { done = resolve; failed = reject; });
  const sink = pack.entry({ name, size, mtime, mode: 0o644 }, (e) => (e ? failed(e) : done()));
  await pipeline(createReadStream(source), sink);
  await taken;
}
