// The archive file in Node, no server: written and read back, refused when it exists, and every way a
// damaged or foreign archive is refused (by openArchive and by npm run restore) before anything is written.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, isArchiveEntry, type Manifest } from '../../scripts/archive/format.ts';
import { BadArchive, openArchive } from '../../scripts/archive/read.ts';
import { ArchiveExists, createArchive } from '../../scripts/archive/write.ts';
import { runCli } from '../support/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bientap-archive-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const manifestOf = (over: Partial<Manifest> = {}): Manifest => ({
  format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: '2026-11-30T00:00:00.000Z', schema: '0014_import_redirects', scope: 'all',
  withSecrets: false, sites: [{ id: 1, name: 'Cổng', hosts: [] }], tables: [{ name: 'articles', file: 'tables/articles.ndjson', rows: 2, columns: ['id', 'title'] }],
  media: { count: 2, bytes: 6 }, visits: 'visits.json', ...over,
});

/** A .tar.gz of the given entries, as any tar tool could make it (names unchecked). */
async function rawTarGz(file: string, entries: { name: string; body: string; type?: 'file' | 'symlink' }[]): Promise<void> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'symlink') pack.entry({ name: e.name, type: 'symlink', linkname: '/etc/passwd' });
    else pack.entry({ name: e.name }, e.body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await writeFile(file, gzipSync(Buffer.concat(chunks)));
}

describe('writing and reading an archive', () => {
  it('round trip: rows a line at a time, media by site and key, the object list, visits', async () => {
    const file = join(dir, 'round.tar.gz');
    const w = await createArchive(file);
    await w.append('tables/articles.ndjson', '{"id":1,"title":"Tin \\"một\\""}\n');
    await w.append('tables/articles.ndjson', '{"id":2,"title":"Dòng\\nhai"}\n');
    await w.put('media/1/2026/11/a.jpg', new Uint8Array([1, 2, 3]));
    await w.put('media/7/documents/7/2026/11/b.pdf', '%PDF');
    await w.put('visits.json', JSON.stringify({ 1: { total: 42, days: [{ day: '2026-11-30', visits: 2 }] } }));
    expect(await w.finish(manifestOf())).toBeGreaterThan(0);
    const a = await openArchive(file);
    try {
      expect(a.manifest.schema).toBe('0014_import_redirects');
      const rows = [];
      for await (const r of a.rows('articles')) rows.push(r);
      expect(rows).toEqual([{ id: 1, title: 'Tin "một"' }, { id: 2, title: 'Dòng\nhai' }]);
      const none = [];
      for await (const r of a.rows('users')) none.push(r);
      expect(none).toEqual([]);
      expect([...(await a.media(1, '2026/11/a.jpg'))!]).toEqual([1, 2, 3]);
      expect(await a.media(1, '2026/11/nope.jpg')).toBeNull();
      expect(await a.media(1, '../../etc/passwd')).toBeNull();
      const objects = [];
      for await (const o of a.objects()) objects.push(o);
      expect(objects).toEqual([{ siteId: 1, key: '2026/11/a.jpg' }, { siteId: 7, key: 'documents/7/2026/11/b.pdf' }]);
      expect(await a.visits()).toEqual({ 1: { total: 42, days: [{ day: '2026-11-30', visits: 2 }] } });
    } finally {
      await a.close();
    }
  });

  it('never overwrites a file, and an aborted archive leaves nothing', async () => {
    const file = join(dir, 'taken.tar.gz');
    await writeFile(file, 'mine');
    await expect(createArchive(file)).rejects.toBeInstanceOf(ArchiveExists);
    expect(await readFile(file, 'utf8')).toBe('mine');
    const other = join(dir, 'aborted.tar.gz');
    const w = await createArchive(other);
    await w.put('visits.json', '{}');
    await w.abort();
    expect(existsSync(other)).toBe(false);
  });

  it('entry names: only the layout\'s, never a path out of the folder', () => {
    for (const ok of ['manifest.json', 'visits.json', 'tables/article_tags.ndjson', 'media/1/2026/11/a.jpg', 'media/12/2026/11/a.jpg.w640.webp', 'media/3/documents/3/2026/11/x.pdf.txt']) expect(isArchiveEntry(ok), ok).toBe(true);
    for (const bad of ['../x', '/etc/passwd', 'media/1/../../x', 'media/0/a.jpg', 'tables/../x.ndjson', 'tables/X.ndjson', 'other.txt', 'media/1/2026/./a.jpg', 'media/1/a//b']) expect(isArchiveEntry(bad), bad).toBe(false);
  });
});

describe('a damaged or foreign archive is refused', () => {
  const refusedWith = async (name: string, make: (file: string) => Promise<void>, message: RegExp) => {
    const file = join(dir, name);
    await make(file);
    const error = await openArchive(file).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(BadArchive);
    expect((error as Error).message).toMatch(message);
  };

  it('not gzip, no manifest, another format or version, a path out of the folder, a link', async () => {
    await refusedWith('plain.tar.gz', (f) => writeFile(f, 'not a tarball'), /not a readable \.tar\.gz/);
    await refusedWith('empty.tar.gz', (f) => rawTarGz(f, [{ name: 'visits.json', body: '{}' }]), /no manifest\.json/);
    await refusedWith('format.tar.gz', (f) => rawTarGz(f, [{ name: 'manifest.json', body: JSON.stringify({ ...manifestOf(), format: 'wordpress' }) }]), /not of format/);
    await refusedWith('version.tar.gz', (f) => rawTarGz(f, [{ name: 'manifest.json', body: JSON.stringify({ ...manifestOf(), version: 2 }) }]), /version 2/);
    await refusedWith('json.tar.gz', (f) => rawTarGz(f, [{ name: 'manifest.json', body: '{' }]), /not JSON/);
    await refusedWith('escape.tar.gz', (f) => rawTarGz(f, [{ name: 'manifest.json', body: JSON.stringify(manifestOf()) }, { name: '../escaped.txt', body: 'x' }]), /never has/);
    expect(existsSync(join(tmpdir(), 'escaped.txt'))).toBe(false);
    await refusedWith('link.tar.gz', (f) => rawTarGz(f, [{ name: 'media/1/2026/11/a.jpg', body: '', type: 'symlink' }]), /never has/);
  });

  it('a line of a table that is not JSON fails when it is read, naming the line', async () => {
    const file = join(dir, 'badline.tar.gz');
    await rawTarGz(file, [{ name: 'manifest.json', body: JSON.stringify(manifestOf()) }, { name: 'tables/articles.ndjson', body: '{"id":1}\n{"id":\n' }]);
    const a = await openArchive(file);
    try {
      const read = async () => {
        for await (const _ of a.rows('articles')) { /* drain */ }
      };
      await expect(read()).rejects.toThrow(/tables\/articles\.ndjson line 2 is not JSON/);
    } finally {
      await a.close();
    }
  });
});

describe('npm run restore refuses before writing anything', () => {
  const IDLE_PORT = { PORT: '9' };
  const restore = async (file: string) => {
    const store = join(dir, `store-${Math.random().toString(36).slice(2)}`);
    const result = await runCli('restore', store, [file], IDLE_PORT);
    return { ...result, wrote: existsSync(store) };
  };

  it('a one-site archive (that is for the import), a newer schema, a missing or damaged file', async () => {
    const one = join(dir, 'one-site.tar.gz');
    await rawTarGz(one, [{ name: 'manifest.json', body: JSON.stringify(manifestOf({ scope: { sites: [3] }, sites: [{ id: 3, name: 'Xã', hosts: ['xa.example.vn'] }] })) }]);
    const r1 = await restore(one);
    expect(r1).toMatchObject({ code: 1, wrote: false });
    expect(r1.stderr).toMatch(/holds one site \(xa\.example\.vn\).*npm run import -- archive/);

    const newer = join(dir, 'newer.tar.gz');
    await rawTarGz(newer, [{ name: 'manifest.json', body: JSON.stringify(manifestOf({ schema: '0099_from_the_future' })) }]);
    const r2 = await restore(newer);
    expect(r2).toMatchObject({ code: 1, wrote: false });
    expect(r2.stderr).toMatch(/migration 0099_from_the_future, which this version does not know/);

    const r3 = await restore(join(dir, 'missing.tar.gz'));
    expect(r3).toMatchObject({ code: 1, wrote: false });
    expect(r3.stderr).toMatch(/ENOENT|no such file/);

    const r4 = await restore(join(dir, 'plain.tar.gz'));
    expect(r4).toMatchObject({ code: 1, wrote: false });
  });

  it('usage: one archive; --remote an origin, with --token', async () => {
    const none = await runCli('restore', join(dir, 'x'), [], IDLE_PORT);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Give one archive/);
    const remote = await runCli('restore', join(dir, 'x'), ['a.tar.gz', '--remote', 'https://cms.example.vn'], IDLE_PORT);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--remote and --token go together/);
    const path = await runCli('restore', join(dir, 'x'), ['a.tar.gz', '--remote', 'https://cms.example.vn/admin', '--token', 't'], IDLE_PORT);
    expect(path.code).toBe(2);
    expect(path.stderr).toMatch(/--remote takes an origin/);
  });
});

describe('npm run export refuses before writing anything', () => {
  it('an existing file, no server, a bad --remote', async () => {
    const taken = join(dir, 'taken-by-user.tar.gz');
    await writeFile(taken, 'mine');
    const r1 = await runCli('export', join(dir, 'x'), ['--out', taken], { PORT: '9' });
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/exists already/);
    expect(await readFile(taken, 'utf8')).toBe('mine');
    const out = join(dir, 'no-server.tar.gz');
    const r2 = await runCli('export', join(dir, 'x'), ['--out', out], { PORT: '9' });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/no CMS answers at http:\/\/127\.0\.0\.1:9: start it first/);
    expect(existsSync(out)).toBe(false);
    const r3 = await runCli('export', join(dir, 'x'), ['--out', out, '--remote', 'ftp://x'], { PORT: '9' });
    expect(r3.code).toBe(2);
    expect((await runCli('export', join(dir, 'x'), [], { PORT: '9' })).stderr).toMatch(/--out FILE is required/);
  });
});
