// The WordPress export (WXR) source: posts become articles and pages pages, with their old URLs, status,
// date in Vietnam time, category and tags, author, featured image and body images (scripts/import/item.ts).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { slugify } from '../../../functions/content/slug.ts';
import type { ImageBytes, ImportSource, SourceCategory, SourceEntry, SourceImage, SourceItem, SourceProblem } from '../item.ts';
import { absoluteUrl, bodyImages, textOf, wxrBodyHtml } from './wxr-body.ts';
import { readWxrImage } from './wxr-image.ts';
import { emptyChannel, readWxr, type WxrChannel, type WxrRawItem } from './wxr-reader.ts';

export interface WxrOptions {
  /** A copy of the old site's uploads (a folder holding wp-content/uploads/, or that folder): no HTTP for them. */
  mediaDir?: string;
}

/** A WXR source also tells what it left out on purpose (menu items, revisions, auto-drafts), by kind. */
export interface WxrSource extends ImportSource {
  readonly skipped: ReadonlyMap<string, number>;
  /**
   * Every category the export declares, parents first: an item names only its parent's slug, and a parent
   * that no post is filed under directly would otherwise never be created by name.
   */
  categories(): Promise<SourceCategory[]>;
}

interface Index { count: number; byId: Map<string, SourceImage>; byUrl: Map<string, SourceImage>; channel: WxrChannel }

const STATUS: Record<string, SourceItem['status']> = { publish: 'published', future: 'scheduled', draft: 'draft', pending: 'review', private: 'draft' };
const MYSQL_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MAX_SOURCE_KEY = 2000;

/**
 * A copy that owns its characters: V8 keeps a whole 256 KB read chunk alive for a short string sliced out of
 * it, so what outlives its item (the attachment index, the keys already seen) is copied, or a 200 MB export
 * would end up in memory after all.
 */
const own = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
const digest = (text: string): string => createHash('sha256').update(text).digest('base64');

function field(item: WxrRawItem, name: string): string {
  return (item.fields.get(name) ?? '').trim();
}

function decoded(text: string): string {
  try { return decodeURIComponent(text).normalize('NFC'); } catch { return text.normalize('NFC'); }
}

/**
 * A WordPress slug as this CMS writes slugs: WordPress keeps Vietnamese letters (percent-encoded in the
 * export), the CMS accepts only a-z, 0-9 and hyphens, so "t%e1%ba%bft-tr%e1%bb%93ng-c%c3%a2y" becomes
 * "tet-trong-cay" (the old percent-encoded URL is an old path, so it still leads there). Null if nothing is left.
 */
function slugOf(wordpressSlug: string): string | null {
  return slugify(decoded(wordpressSlug)) || null;
}

/** A MySQL DATETIME as the instant it names at `offset` ("Z", "+07:00"); null for 0000-00-00 and junk. */
function mysqlInstant(text: string, offset: string): Date | null {
  const m = MYSQL_DATE.exec(text);
  if (!m || m[1] === '0000') return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** post_date_gmt, else post_date in Vietnam time (no offset is written for it), else the RSS pubDate. */
export function wxrDate(item: WxrRawItem): Date | null {
  const gmt = mysqlInstant(field(item, 'wp:post_date_gmt'), 'Z');
  if (gmt) return gmt;
  const local = mysqlInstant(field(item, 'wp:post_date'), '+07:00');
  if (local) return local;
  const rss = Date.parse(field(item, 'pubDate'));
  // WordPress prints "30 Nov -0001" or the epoch for a post that never had a date.
  return Number.isNaN(rss) || new Date(rss).getUTCFullYear() < 1971 ? null : new Date(rss);
}

/** The old paths that must lead to the new item: its permalink and the ?p= / ?page_id= forms, same host only. */
function oldPathsOf(item: WxrRawItem, kind: SourceItem['kind'], site: URL | null): string[] {
  const paths = new Set<string>();
  const link = field(item, 'link');
  if (link) {
    const url = absoluteUrl(link, site?.href ?? '');
    const parsed = url ? new URL(url) : null;
    if (parsed && (!site || parsed.host === site.host)) paths.add(parsed.pathname + parsed.search);
  }
  const id = field(item, 'wp:post_id');
  if (/^\d+$/.test(id)) {
    const root = site ? site.pathname.replace(/\/+$/, '') : '';
    paths.add(`${root}/?p=${id}`);
    if (kind === 'page') paths.add(`${root}/?page_id=${id}`);
  }
  return [...paths];
}

function siteUrl(channel: WxrChannel): URL | null {
  try { return new URL(channel.link); } catch { return null; }
}

function sourceKeyOf(item: WxrRawItem, channel: WxrChannel): string {
  const guid = field(item, 'guid').normalize('NFC');
  if (guid && guid.length <= MAX_SOURCE_KEY) return guid;
  return `wxr:${channel.link}#${field(item, 'wp:post_id')}`;
}

function attachmentOf(item: WxrRawItem): SourceImage | null {
  const url = absoluteUrl(field(item, 'wp:attachment_url') || field(item, 'guid'), '');
  if (!url) return null;
  return { url: own(url), alt: own((item.meta.get('_wp_attachment_image_alt') ?? '').trim()), caption: own(textOf(item.fields.get('excerpt:encoded') ?? '')) };
}

/** The pre-pass: how many articles and pages, and the attachments (featured images are usually exported after their post). */
async function indexOf(file: string): Promise<Index> {
  const index: Index = { count: 0, byId: new Map(), byUrl: new Map(), channel: emptyChannel() };
  const keys = new Set<string>();
  for await (const record of readWxr(file, index.channel)) {
    if (record.kind !== 'item') continue;
    const type = field(record.item, 'wp:post_type');
    if (type === 'attachment') {
      const image = attachmentOf(record.item);
      if (image) {
        index.byId.set(own(field(record.item, 'wp:post_id')), image);
        index.byUrl.set(image.url, image);
      }
    } else if ((type === 'post' || type === 'page') && !['auto-draft', 'trash'].includes(field(record.item, 'wp:status')) && textOf(record.item.fields.get('title') ?? '')) {
      // The progress bar's total: the items entries() will yield (duplicates and trash are problems, not items).
      const key = digest(sourceKeyOf(record.item, index.channel));
      if (!keys.has(key)) index.count += 1;
      keys.add(key);
    }
  }
  return index;
}

function toEntry(item: WxrRawItem, channel: WxrChannel, index: Index, where: string): SourceItem | SourceProblem | 'auto-draft' {
  const kind = field(item, 'wp:post_type') === 'page' ? 'page' : 'article';
  const wpStatus = field(item, 'wp:status');
  if (wpStatus === 'auto-draft') return 'auto-draft';
  if (wpStatus === 'trash') return { kind: 'problem', where, message: 'in the trash on the old site: skipped' };
  const title = textOf(item.fields.get('title') ?? '');
  if (!title) return { kind: 'problem', where, message: 'no title: skipped' };
  const warnings: string[] = [];
  let status = STATUS[wpStatus];
  if (wpStatus === 'private') warnings.push('private on the old site: imported as a draft');
  if (!status) {
    status = 'draft';
    warnings.push(`unknown status "${wpStatus}": imported as a draft`);
  }
  if (field(item, 'wp:post_password')) warnings.push('password-protected on the old site');
  const publishedAt = wxrDate(item);
  if (!publishedAt && (status === 'published' || status === 'scheduled')) warnings.push('no date');

  const site = siteUrl(channel);
  const { html, images } = bodyImages(wxrBodyHtml(item.fields.get('content:encoded') ?? ''), channel.link, (url) => index.byUrl.get(url));
  if (!html) warnings.push('empty body');

  const categories = item.terms.filter((t) => t.domain === 'category');
  const first = categories[0];
  if (categories.length > 1) warnings.push(`also in categories ${categories.slice(1).map((c) => `"${c.name}"`).join(', ')}: only "${first!.name}" kept`);
  const parent = first ? channel.categories.get(first.nicename)?.parent : undefined;

  const thumbnail = item.meta.get('_thumbnail_id')?.trim();
  const cover = thumbnail ? index.byId.get(thumbnail) ?? null : null;
  if (thumbnail && !cover) warnings.push(`featured image (attachment #${thumbnail}) is not in the export`);

  const creator = field(item, 'dc:creator');
  const link = absoluteUrl(field(item, 'link'), channel.link);
  return {
    kind,
    sourceKey: sourceKeyOf(item, channel),
    sourceUrl: link,
    siteUrl: channel.link || null,
    oldPaths: oldPathsOf(item, kind, site),
    title,
    slug: slugOf(field(item, 'wp:post_name')),
    bodyHtml: html,
    bodyMarkdown: null,
    summary: textOf(item.fields.get('excerpt:encoded') ?? ''),
    status,
    publishedAt,
    category: kind === 'article' && first ? { slug: slugOf(first.nicename), name: first.name, parentSlug: parent ? slugOf(parent) : null } : null,
    tags: kind === 'article' ? [...new Set(item.terms.filter((t) => t.domain === 'post_tag').map((t) => t.name).filter(Boolean))] : [],
    byline: channel.authors.get(creator) ?? creator,
    cover,
    images,
    warnings,
  };
}

/** The header's categories as SourceCategories, each after its parent (a parent missing from the header: none). */
function categoryList(channel: WxrChannel): SourceCategory[] {
  const depth = (nicename: string, seen = new Set<string>()): number => {
    const parent = channel.categories.get(nicename)?.parent;
    if (!parent || !channel.categories.has(parent) || seen.has(parent)) return 0;
    return 1 + depth(parent, seen.add(nicename));
  };
  return [...channel.categories].map(([nicename, c]) => ({ nicename, c, depth: depth(nicename) }))
    .sort((a, b) => a.depth - b.depth)
    .map(({ nicename, c }) => ({ slug: slugOf(nicename), name: c.name, parentSlug: c.parent && channel.categories.has(c.parent) ? slugOf(c.parent) : null }));
}

export function wxrSource(file: string, options: WxrOptions = {}): WxrSource {
  let index: Promise<Index> | null = null;
  const prepass = () => (index ??= indexOf(file));
  const skipped = new Map<string, number>();
  const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);

  async function* entries(): AsyncGenerator<SourceEntry> {
    const known = await prepass();
    const channel = emptyChannel();
    const seen = new Map<string, number>();
    skipped.clear();
    for await (const record of readWxr(file, channel)) {
      if (record.kind === 'broken') {
        yield { kind: 'problem', where: record.where, message: record.message };
        continue;
      }
      const { item } = record;
      const type = field(item, 'wp:post_type');
      if (type === 'attachment') continue;
      if (type !== 'post' && type !== 'page') { skip(type || 'no post type'); continue; }
      const where = `${basename(file)} <item> #${item.number} (line ${item.line})`;
      const entry = toEntry(item, channel, known, where);
      if (entry === 'auto-draft') { skip('auto-draft'); continue; }
      if (entry.kind !== 'problem') {
        const key = digest(entry.sourceKey);
        const before = seen.get(key);
        if (before !== undefined) {
          yield { kind: 'problem', where, message: `duplicate of <item> #${before} (same guid ${entry.sourceKey}): skipped` };
          continue;
        }
        seen.set(key, item.number);
      }
      yield entry;
    }
  }

  return {
    label: `WordPress export ${basename(file)}`,
    skipped,
    count: async () => (await prepass()).count,
    categories: async () => categoryList((await prepass()).channel),
    entries,
    image: (url: string): Promise<ImageBytes> => readWxrImage(url, options.mediaDir),
  };
}
