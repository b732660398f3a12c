// Import source for a legacy site kept as saved HTML pages (a folder) or as a crawl (WARC / WARC.gz):
// each article page becomes an item, read with a layout profile or Readability (pages-extract.ts).
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ImageBytes, ImportSource, SourceEntry, SourceItem } from '../item.ts';
import { BUILT_IN_PROFILES, loadProfile, type PageProfile } from '../profiles/profile.ts';
import { resolveUrls } from './pages-body.ts';
import { openPage, type PageDocument } from './pages-dom.ts';
import { readWithProfile, type PageReading } from './pages-extract.ts';
import { FolderImages, listPageFiles } from './pages-folder.ts';
import { fetchImage, imageBytes } from './pages-image.ts';
import { readGeneric } from './pages-readability.ts';
import { normalizePageUrl, oldPathOfUrl, pageUrlOf } from './pages-url.ts';
import { MAX_PAGE_BYTES, WarcDamaged, WarcFile } from './pages-warc.ts';

export interface PagesOptions {
  /** A built-in profile's name or a JSON profile file; without it each page picks a built-in or Readability. */
  profile?: string | null;
  /**
   * Ask the old site for an image the folder or WARC lacks (15 s timeout). Off unless asked: a run must
   * not reach out to the internet by surprise (tests, offline machines).
   */
  fetchImages?: boolean;
}

export const NO_URL = 'no URL: the saved page does not say where it was (no old path to redirect)';

/** One page to read: where it came from, its bytes, and its URL if the container knows it (WARC). */
interface RawPage {
  where: string;
  /** The folder file (relative path), for pages without a URL and for images saved beside them. */
  file: string | null;
  url: string | null;
  bytes: Uint8Array;
  /** The server's Content-Type (its charset decodes the page); a saved file's charset is sniffed. */
  contentType: string;
  /** Over MAX_PAGE_BYTES: left unread, a problem (jsdom would take gigabytes). */
  tooLarge: boolean;
}

function pickReader(doc: PageDocument, profile: PageProfile | null): (doc: PageDocument) => PageReading {
  const chosen = profile ?? BUILT_IN_PROFILES.find((p) => doc.querySelector(p.match) !== null) ?? null;
  return chosen ? (d) => readWithProfile(d, chosen) : readGeneric;
}

export function pagesSource(path: string, options: PagesOptions = {}): ImportSource {
  const profile = options.profile ? loadProfile(options.profile) : null;
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new Error(`${path}: no such folder or file`);
  const isWarc = stats.isFile() && /\.warc(?:\.gz)?$/i.test(path);
  // A single .html file reads as a folder holding only it.
  const root = resolve(stats.isDirectory() ? path : dirname(path));
  const singleFile = stats.isFile() && !isWarc ? basename(path) : null;
  if (stats.isFile() && !isWarc && !/\.html?$/i.test(path)) throw new Error(`${path}: neither a folder, an .html file nor a .warc / .warc.gz file`);
  const warc = isWarc ? new WarcFile(path) : null;
  const folder = isWarc ? null : new FolderImages(root);

  async function* rawPages(): AsyncGenerator<RawPage> {
    if (warc) {
      for await (const page of warc.pages()) yield { where: page.url, file: null, url: page.url, bytes: page.bytes, contentType: page.contentType, tooLarge: page.tooLarge === true };
      return;
    }
    for (const file of singleFile ? [singleFile] : await listPageFiles(root)) {
      const tooLarge = statSync(resolve(root, file)).size > MAX_PAGE_BYTES;
      yield { where: file, file, url: null, bytes: tooLarge ? new Uint8Array(0) : new Uint8Array(await readFile(resolve(root, file))), contentType: 'text/html', tooLarge };
    }
  }

  async function entryOf(raw: RawPage): Promise<{ entry: SourceEntry; visitTotal: number | null }> {
    const html = Buffer.from(raw.bytes).toString('latin1');
    // Pages without a URL get a file: base, so their relative links and images still resolve inside the folder.
    const fileBase = `file:///${raw.file ?? 'page.html'}`;
    const page = openPage(raw.bytes, raw.url ?? fileBase, /^\s*text\/html\b/.test(raw.contentType) ? raw.contentType : 'text/html');
    try {
      const doc = page.document;
      const url = (raw.url !== null ? normalizePageUrl(raw.url) : null) ?? pageUrlOf(html, doc);
      const base = url ?? fileBase;
      const noted: Promise<void>[] = [];
      resolveUrls(doc, doc.querySelector('base[href]') ? doc.baseURI : base, (written, absolute) => {
        if (folder && raw.file !== null) noted.push(folder.noteWritten(raw.file, written, absolute));
      });
      await Promise.all(noted);
      const reading = pickReader(doc, profile)(doc);
      if (!reading.article) return { entry: { kind: 'problem', where: raw.where, message: reading.problem ?? 'not an article' }, visitTotal: reading.visitTotal };
      // Old Vietnamese charsets (windows-1258) decode to combining tone marks: NFC, as the CMS stores text.
      const nfc = (text: string) => text.normalize('NFC');
      const article = {
        ...reading.article,
        title: nfc(reading.article.title),
        bodyHtml: nfc(reading.article.bodyHtml),
        summary: nfc(reading.article.summary),
        byline: nfc(reading.article.byline),
        category: reading.article.category && { ...reading.article.category, name: nfc(reading.article.category.name) },
        images: reading.article.images.map((i) => ({ ...i, alt: nfc(i.alt), caption: nfc(i.caption) })),
      };
      const item: SourceItem = {
        kind: 'article',
        sourceKey: url ?? `file:${raw.file ?? raw.where}`,
        sourceUrl: url,
        oldPaths: url ? [oldPathOfUrl(url)] : [],
        title: article.title,
        slug: null,
        bodyHtml: article.bodyHtml,
        bodyMarkdown: null,
        summary: article.summary,
        status: 'published',
        publishedAt: article.publishedAt,
        category: article.category,
        tags: [],
        byline: article.byline,
        cover: null,
        images: article.images,
        warnings: url ? article.warnings : [...article.warnings, NO_URL],
      };
      return { entry: item, visitTotal: reading.visitTotal };
    } finally {
      page.close();
    }
  }

  return {
    label: isWarc ? `WARC ${basename(path)}` : `saved pages ${path}`,
    async count() {
      return warc ? null : singleFile ? 1 : (await listPageFiles(root)).length;
    },
    async *entries() {
      let visitTotal: number | null = null;
      const pages = rawPages();
      for (;;) {
        let next: IteratorResult<RawPage>;
        try {
          next = await pages.next();
        } catch (error) {
          // A damaged file is reported like any unreadable page; what was read before it still counts.
          if (!(error instanceof WarcDamaged)) throw error;
          yield { kind: 'problem', where: path, message: error.message };
          break;
        }
        if (next.done) break;
        const raw = next.value;
        if (raw.tooLarge) {
          yield { kind: 'problem', where: raw.where, message: `page larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB: not read (a saved page is far smaller; a damaged or hostile file?)` };
          continue;
        }
        const { entry, visitTotal: seen } = await entryOf(raw);
        if (seen !== null && (visitTotal === null || seen > visitTotal)) visitTotal = seen;
        yield entry;
      }
      // The stats box shows the site's running total: the highest one seen is the site's latest.
      if (visitTotal !== null) yield { kind: 'facts', visitTotal };
    },
    async image(url: string): Promise<ImageBytes> {
      if (folder) {
        const bytes = await folder.read(url);
        if (bytes) return imageBytes(bytes, url);
      } else if (warc) {
        const found = await warc.find(url);
        if (found?.status === 413) return { ok: false, reason: `larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB in the WARC: not read` };
        if (found && found.status !== 200) return { ok: false, reason: `the crawl holds HTTP ${found.status} for it` };
        if (found) return imageBytes(found.bytes, url);
      }
      if (options.fetchImages) return fetchImage(url);
      return { ok: false, reason: isWarc ? 'not in the WARC' : 'not in the folder' };
    },
  };
}
