// The article page's data: the article (or where its slug moved), its related articles and head metadata.
import { lastModified, type Article } from '../../functions/data/article-types.ts';
import { galleryOf, galleryRead, type GalleryImage } from '../../functions/data/article-images.ts';
import { readPublishedArticle } from '../../functions/data/articles-read.ts';
import type { ArticleTeaser } from '../../functions/data/listings.ts';
import { relatedOf, relatedReads } from '../../functions/data/related.ts';
import { paths } from '../../functions/http/origin.ts';
import { RELATED_SIZE } from '../consts.ts';
import { imageSize, type ImageSize } from './images.ts';
import { newsArticleJsonLd } from './json-ld.ts';
import type { SiteContext } from './site.ts';

export interface ArticlePage {
  article: Article;
  related: ArticleTeaser[];
  canonical: string;
  /** False when the body already opens with the summary (as the portal's articles do): print it once. */
  showSummary: boolean;
  imageUrl: string | null;
  /** The cover's width and height, when the upload recorded them. */
  coverSize: ImageSize | null;
  /** The photos under the article, in order. */
  gallery: GalleryImage[];
  modifiedAt: Date;
  jsonLd: string;
}

export type ArticleLookup = { page: ArticlePage } | { movedTo: string } | null;

export async function loadArticlePage(site: SiteContext, slug: string): Promise<ArticleLookup> {
  const found = await readPublishedArticle(site.db, site.id, slug, site.now);
  if (!found) return null;
  if ('movedTo' in found) return { movedTo: paths.article(found.movedTo) };
  const { article } = found;
  // Related articles and the gallery in one D1 batch (one request, not two), the cover's size from R2 meanwhile.
  const [[own, auto, images], coverSize] = await Promise.all([
    site.db.batch([...relatedReads(site.db, site.id, article, RELATED_SIZE, site.now), galleryRead(site.db, site.id, article.id)]),
    article.cover ? imageSize(site.id, article.cover.key) : null,
  ]);
  const related = relatedOf([own, auto]);
  const gallery = galleryOf(images);
  const canonical = site.origin + paths.article(article.slug);
  const imageUrl = article.cover ? site.origin + paths.media(article.cover.key) : null;
  return {
    page: {
      article,
      related,
      canonical,
      showSummary: Boolean(article.summary) && !bodyOpensWith(article.bodyHtml, article.summary),
      imageUrl,
      coverSize,
      gallery,
      modifiedAt: lastModified(article),
      jsonLd: newsArticleJsonLd(article, site, canonical, imageUrl),
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text of an HTML fragment, entities decoded and whitespace collapsed, for comparing with plain text. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the body's first paragraph starts with the summary's text. */
export function bodyOpensWith(bodyHtml: string, summary: string): boolean {
  const first = /^\s*<p>([\s\S]*?)<\/p>/.exec(bodyHtml)?.[1];
  if (first === undefined) return false;
  const lead = summary.replace(/\s+/g, ' ').trim();
  return lead.length > 0 && plainText(first).startsWith(lead);
}
