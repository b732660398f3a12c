// Row -> public JSON, field by field: internal columns (search text, deleted flags) cannot leak.
import type { z } from 'zod';
import type { Article, ArticleSummary } from '../data/article-types.ts';
import type { GalleryImage } from '../data/article-images.ts';
import type { Category } from '../data/categories.ts';
import { paths } from '../http/origin.ts';
import { srcsetOf } from '../media/copy-keys.ts';
import type { ArticleOut, ArticleSummaryOut, CategoryOut } from './schemas.ts';
import { absoluteBodyHtml } from '../content/absolute-urls.ts';

export function articleSummaryJson(a: ArticleSummary, origin: string): z.infer<typeof ArticleSummaryOut> {
  return {
    id: a.id,
    slug: a.slug,
    url: origin + paths.article(a.slug),
    apiUrl: origin + paths.apiArticle(a.slug),
    title: a.title,
    summary: a.summary,
    byline: a.byline,
    cover: a.cover ? { ...a.cover, url: origin + paths.media(a.cover.key) } : null,
    category: { slug: a.category.slug, name: a.category.name, url: origin + paths.category(a.category.slug) },
    tags: a.tags,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

/** `images`: the article's gallery in order (part of the representation, so of its ETag). */
export function articleJson(a: Article, origin: string, images: readonly GalleryImage[]): Omit<z.infer<typeof ArticleOut>, 'views'> {
  return {
    ...articleSummaryJson(a, origin),
    bodyMarkdown: a.bodyMarkdown,
    html: absoluteBodyHtml(a.bodyHtml, origin),
    images: images.map((g) => ({
      url: origin + paths.media(g.key), caption: g.caption, alt: g.alt, width: g.width, height: g.height,
      srcset: srcsetOf(g.key, g.width, g.widths, origin),
    })),
  };
}

/** `parentSlug`: the slug of its parent category (two levels), null for a top-level one. */
export function categoryJson(c: Category, origin: string, parentSlug: string | null): z.infer<typeof CategoryOut> {
  return {
    slug: c.slug,
    name: c.name,
    parent: parentSlug,
    description: c.description,
    position: c.position,
    articleCount: c.articleCount,
    url: origin + paths.category(c.slug),
    apiUrl: origin + paths.apiCategory(c.slug),
    articlesUrl: `${origin}/api/v1/articles?category=${c.slug}`,
    feedUrl: origin + paths.categoryFeed(c.slug),
  };
}
