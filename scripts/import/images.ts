// The import's image pipeline: each image the sources name read once per run, checked as the server checks a cover (size, magic
// bytes, pixels), uploaded to the media library (unless a dry run), and the body rewritten to the stored copies.
import type { Image as MdImage } from 'mdast';
import { sniffImage } from '../../functions/media/sniff.ts';
import { applyEdits, imageMarkdown, oldSiteUrl, plainText, type BodyImage, type Edit } from './body.ts';
import { ApiRefused, type ImportArticle, type ImportClient, type KnownEntry } from './client.ts';
import type { ImportSource, SourceImage, SourceItem } from './item.ts';
import type { ImageReport, ImportReport } from './report.ts';

/** The largest image the server takes (functions/media/upload.ts MAX_IMAGE_BYTES): bigger ones are refused here without an upload. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** The longest image source URL the API takes (functions/import/schemas.ts): a longer one would fail a whole request. */
export const MAX_KEY_CHARS = 2000;

type ImageResult = { ok: true; key: string | null; reused: boolean } | { ok: false; reason: string };

/** What the body step needs of an item on its way. */
export interface BodyInProgress {
  item: SourceItem;
  report: { warnings: string[] };
  markdown: string;
  /** The body's image nodes (parsed once). */
  found: BodyImage[];
  /** Other edits of the body made with the images' (its links to the old site made site-relative). */
  edits: Edit[];
  /** The old site's hosts (an image left as written on one of them becomes site-relative too). */
  oldHosts: Set<string>;
}

/** A small pool: at most `size` of the tasks run at once. */
export function limiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= size) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export interface ImageStoreOptions {
  source: ImportSource;
  client: ImportClient | null;
  dryRun: boolean;
  /** Image reads and uploads at once. */
  inFlight: number;
  /** Where the seconds spent go (reading images; rewriting bodies counts as converting). */
  timings: { images: number; convert: number };
  /** An image left out, for the report. */
  notStored(row: ImageReport): void;
}

export class ImageStore {
  private readonly options: ImageStoreOptions;
  private readonly slot: <T>(task: () => Promise<T>) => Promise<T>;
  /** Each image URL's one read and upload for the whole run. */
  private readonly images = new Map<string, Promise<ImageResult>>();

  constructor(options: ImageStoreOptions) {
    this.options = options;
    this.slot = limiter(options.inFlight);
  }

  /** Whether the URL was asked for already this run (its known-media question is answered). */
  has(url: string): boolean {
    return this.images.has(url);
  }

  /** Reads, checks and (unless dry) uploads one image; once per URL for the whole run. */
  store(meta: SourceImage, knownKey: string | undefined): Promise<ImageResult> {
    let pending = this.images.get(meta.url);
    if (pending) return pending;
    pending = meta.url.length > MAX_KEY_CHARS
      ? Promise.resolve<ImageResult>({ ok: false, reason: `URL longer than ${MAX_KEY_CHARS} characters` })
      : knownKey !== undefined
      ? Promise.resolve<ImageResult>({ ok: true, key: knownKey, reused: true })
      : this.slot(() => this.upload(meta));
    this.images.set(meta.url, pending);
    return pending;
  }

  private async upload(meta: SourceImage): Promise<ImageResult> {
    const { source, client, dryRun, timings } = this.options;
    const started = performance.now();
    const read = await source.image(meta.url).catch((error: unknown) => ({ ok: false as const, reason: `cannot read: ${(error as Error).message}` }));
    timings.images += (performance.now() - started) / 1000;
    if (!read.ok) return { ok: false, reason: read.reason };
    if (read.bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: `too big (${read.bytes.length} bytes, at most ${MAX_IMAGE_BYTES})` };
    const sniffed = sniffImage(read.bytes);
    if (!sniffed.ok) {
      const why = { empty: 'empty file', unknown: 'not a JPEG, PNG, WebP, AVIF or GIF image by its bytes', truncated: 'truncated image', 'too-large': 'too many pixels' }[sniffed.reason];
      return { ok: false, reason: why };
    }
    if (dryRun || !client) return { ok: true, key: null, reused: false };
    try {
      const stored = await client.media({ bytes: read.bytes, filename: read.filename, mime: sniffed.image.mime }, { sourceUrl: meta.url, alt: meta.alt, caption: meta.caption });
      return { ok: true, key: stored.key, reused: !stored.created };
    } catch (error) {
      if (error instanceof ApiRefused) return { ok: false, reason: `refused by the server: ${error.problem.detail ?? error.problem.title}` };
      throw error;
    }
  }

  /** The item's images stored and its body rewritten (images, and its other edits); the cover's stored key. */
  async body(p: BodyInProgress, knownMedia: Map<string, KnownEntry>): Promise<{ body: string; cover: ImportArticle['cover'] }> {
    const { timings, notStored } = this.options;
    const found = p.found.filter((b): b is { node: MdImage; meta: SourceImage } => b.meta !== null);
    const stored = await Promise.all(found.map((b) => this.store(b.meta, knownMedia.get(b.meta.url)?.key)));
    const started = performance.now();
    const edits: Edit[] = [...p.edits];
    const replace = (node: MdImage, text: string) => {
      const { start, end } = node.position ?? {};
      if (start?.offset !== undefined && end?.offset !== undefined) edits.push({ start: start.offset, end: end.offset, text });
    };
    for (const b of p.found) {
      if (b.meta) continue;
      // Not one of the source's images: on the old site, its path there (the site's redirects may know it); elsewhere as written.
      const path = oldSiteUrl(b.node.url, p.oldHosts);
      if (path !== null) replace(b.node, imageMarkdown(b.node, path));
      p.report.warnings.push(`image left as written (not one of the source's images): ${b.node.url.slice(0, 200)}`);
    }
    found.forEach((b, i) => {
      const r = stored[i]!;
      if (r.ok) {
        if (r.key !== null) replace(b.node, imageMarkdown(b.node, `/media/${r.key}`));
        return;
      }
      notStored({ url: b.meta.url, item: p.item.sourceKey, reason: r.reason });
      replace(b.node, b.node.alt ? plainText(b.node.alt) : '');
    });
    const body = edits.length ? applyEdits(p.markdown, edits) : p.markdown;
    timings.convert += (performance.now() - started) / 1000;
    let cover: ImportArticle['cover'] = null;
    if (p.item.cover) {
      const r = await this.store(p.item.cover, knownMedia.get(p.item.cover.url)?.key);
      if (!r.ok) notStored({ url: p.item.cover.url, item: p.item.sourceKey, reason: `cover: ${r.reason}` });
      else if (r.key !== null) cover = { key: r.key, alt: p.item.cover.alt, caption: p.item.cover.caption };
    }
    return { body, cover };
  }

  /** The report's image counts once the run is over: stored, and found stored already (a rerun, another item's). */
  async tally(counts: ImportReport['counts']): Promise<void> {
    for (const settled of await Promise.allSettled(this.images.values())) {
      const r = settled.status === 'fulfilled' ? settled.value : null;
      if (r?.ok && r.key !== null) {
        if (r.reused) counts.imagesReused++;
        else counts.imagesStored++;
      }
    }
  }
}
