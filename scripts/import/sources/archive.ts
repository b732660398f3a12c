// Import source for this CMS's own export (scripts/archive/, `npm run export`): one site's articles and pages as SourceItems with their
// Markdown, categories, tags, byline, dates and images read from the archive, so content moves between deployments and sites.
import type { Image as MdImage } from 'mdast';
import { parseMarkdown } from '../../../functions/content/markdown.ts';
import { openArchive } from '../../archive/read.ts';
import { ARCHIVE_FORMAT, type Manifest } from '../../archive/format.ts';
import type { ImageBytes, ImportSource, SourceCategory, SourceEntry, SourceImage, SourceItem } from '../item.ts';

const MEDIA_PREFIX = 'archive-media:';
type Row = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
/** Instants as stored (timestamp_ms integers; an ISO text is read too). */
function instant(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = typeof v === 'number' ? new Date(v) : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The archive's site the items come from: the only one, else the one --site names. */
export function pickSite(manifest: Manifest, host: string | null): Manifest['sites'][number] {
  const sites = manifest.sites;
  if (sites.length === 1) return sites[0]!;
  const named = host === null ? undefined : sites.find((s) => s.hosts.includes(host));
  if (named) return named;
  const list = sites.map((s) => `${s.hosts[0] ?? `site ${s.id}`} (${s.name})`).join(', ');
  throw new Error(sites.length === 0 ? 'the archive holds no site.' : `the archive holds ${sites.length} sites: name the one to import with --site HOST (${list}).`);
}

/** The body's /media/<key> images written as archive-media:<siteId>/<key>, so the runner reads them from the archive and stores them anew. */
export function archiveBody(markdown: string, siteId: number): { body: string; images: SourceImage[] } {
  const found: MdImage[] = [];
  const stack = [parseMarkdown(markdown)] as { type: string; children?: unknown[] }[];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'image' && (node as unknown as MdImage).url.startsWith('/media/')) found.push(node as unknown as MdImage);
    if (node.children) for (const child of node.children) stack.push(child as { type: string; children?: unknown[] });
  }
  found.sort((a, b) => (b.position?.start.offset ?? 0) - (a.position?.start.offset ?? 0));
  let body = markdown;
  const images: SourceImage[] = [];
  for (const node of found) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const url = `${MEDIA_PREFIX}${siteId}/${node.url.slice('/media/'.length)}`;
    const slice = body.slice(start, end);
    // Only the destination changes: the alt and title are kept exactly as written.
    const at = slice.lastIndexOf(node.url);
    if (at < 0) continue;
    body = body.slice(0, start) + slice.slice(0, at) + url + slice.slice(at + node.url.length) + body.slice(end);
    images.unshift({ url, alt: node.alt ?? '', caption: node.title ?? '' });
  }
  return { body, images };
}

export async function archiveSource(file: string, options: { site: string | null; now?: () => Date }): Promise<ImportSource> {
  const archive = await openArchive(file);
  try {
    if (archive.manifest.format !== ARCHIVE_FORMAT) throw new Error(`${file} is not an export of this CMS (format "${archive.manifest.format}").`);
    const site = pickSite(archive.manifest, options.site);
    const origin = site.hosts[0] ?? `site-${site.id}`;
    const now = options.now ?? (() => new Date());
    const rowsOf = (table: string) => (archive.manifest.tables.some((t) => t.name === table && 'file' in t) ? archive.rows(table) : (async function* () {})());
    const count = archive.manifest.sites.length === 1
      ? archive.manifest.tables.reduce((n, t) => n + ('rows' in t && (t.name === 'articles' || t.name === 'pages') ? t.rows : 0), 0)
      : null;

    const entries = async function* (): AsyncGenerator<SourceEntry> {
      // Categories and tags first (small), then articles and pages one row at a time.
      const categories = new Map<number, { slug: string; name: string; parentId: number | null }>();
      for await (const r of rowsOf('categories')) {
        if (Number(r['site_id']) === site.id) categories.set(Number(r['id']), { slug: str(r['slug']), name: str(r['name']), parentId: r['parent_id'] == null ? null : Number(r['parent_id']) });
      }
      const tagNames = new Map<number, string>();
      for await (const r of rowsOf('tags')) if (Number(r['site_id']) === site.id) tagNames.set(Number(r['id']), str(r['name']));
      const tagsOf = new Map<number, string[]>();
      for await (const r of rowsOf('article_tags')) {
        const name = tagNames.get(Number(r['tag_id']));
        if (name === undefined) continue;
        const list = tagsOf.get(Number(r['article_id'])) ?? [];
        list.push(name);
        tagsOf.set(Number(r['article_id']), list);
      }
      const categoryOf = (id: number): SourceCategory | null => {
        const c = categories.get(id);
        if (!c) return null;
        return { slug: c.slug, name: c.name, parentSlug: c.parentId === null ? null : categories.get(c.parentId)?.slug ?? null };
      };
      const common = (r: Row, kind: 'article' | 'page'): SourceItem => {
        const id = Number(r['id']);
        const slug = str(r['slug']);
        const publishedAt = instant(r['published_at']);
        const stored = str(r['status']);
        const warnings: string[] = [];
        let status: SourceItem['status'] = stored === 'published' ? (publishedAt && publishedAt > now() ? 'scheduled' : 'published') : stored === 'review' ? 'review' : 'draft';
        if (stored === 'archived') {
          status = 'draft';
          warnings.push('archived in the source: imported as a draft');
        }
        const { body, images } = archiveBody(str(r['body_markdown']), site.id);
        const path = kind === 'article' ? `/bai-viet/${slug}` : `/trang/${slug}`;
        return {
          kind, sourceKey: `archive:${origin}#${kind}:${id}`, sourceUrl: `https://${origin}${path}`, oldPaths: [path],
          title: str(r['title']), slug, bodyHtml: null, bodyMarkdown: body, summary: str(r['summary']), status, publishedAt,
          category: null, tags: [], byline: '', cover: null, images, warnings,
        };
      };
      for await (const r of rowsOf('articles')) {
        if (Number(r['site_id']) !== site.id || r['deleted_at'] != null) continue;
        const item = common(r, 'article');
        const coverKey = str(r['cover_key']);
        yield {
          ...item,
          category: categoryOf(Number(r['category_id'])),
          tags: tagsOf.get(Number(r['id'])) ?? [],
          byline: str(r['byline']),
          cover: coverKey ? { url: `${MEDIA_PREFIX}${site.id}/${coverKey}`, alt: str(r['cover_alt']), caption: str(r['cover_caption']) } : null,
        };
      }
      for await (const r of rowsOf('pages')) {
        if (Number(r['site_id']) !== site.id || r['deleted_at'] != null) continue;
        yield common(r, 'page');
      }
      // The site's visit total (kept by the counter objects, exported beside the tables): the new site starts at least there.
      const total = (await archive.visits())[String(site.id)]?.total;
      if (typeof total === 'number' && total > 0) yield { kind: 'facts', visitTotal: total };
    };

    return {
      label: `export of ${origin} (${site.name}) ${file}`,
      count: async () => count,
      entries,
      async image(url: string): Promise<ImageBytes> {
        const m = /^archive-media:(\d+)\/(.+)$/.exec(url);
        if (!m) return { ok: false, reason: 'not an image of this archive' };
        const bytes = await archive.media(Number(m[1]), m[2]!);
        if (!bytes) return { ok: false, reason: 'not in the archive' };
        return { ok: true, bytes, filename: m[2]!.split('/').pop() ?? 'image' };
      },
      close: () => archive.close(),
    };
  } catch (error) {
    await archive.close();
    throw error;
  }
}
