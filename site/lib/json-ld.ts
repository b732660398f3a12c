// Structured data for search engines: a NewsArticle per article page, serialized so that no text an
// editor typed can close the <script> element or start markup in it.
import { lastModified, type Article } from '../../functions/data/article-types.ts';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** JSON safe inside <script>: "<", ">" and "&" become \u escapes (so "</script" cannot appear), as do U+2028/2029. */
export function serializeJsonLd(value: JsonValue): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** "Lê Nguyệt (Trung tâm …)": a person and, in brackets, where they work, as portals print bylines. */
function authorOf(byline: string, publisher: { [key: string]: JsonValue }): JsonValue {
  const text = byline.trim();
  if (!text) return publisher;
  const match = /^(.+?)\s*\((.+)\)$/.exec(text);
  if (match) {
    return { '@type': 'Person', name: match[1]!, affiliation: { '@type': 'Organization', name: match[2]! } };
  }
  return { '@type': 'Person', name: text };
}

export function newsArticleJsonLd(
  article: Article, site: { name: string; origin: string }, pageUrl: string, imageUrl: string | null,
): string {
  const publisher = { '@type': 'Organization', name: site.name, url: `${site.origin}/` };
  const data: { [key: string]: JsonValue } = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    ...(imageUrl ? { image: [imageUrl] } : {}),
    datePublished: (article.publishedAt ?? article.createdAt).toISOString(),
    dateModified: lastModified(article).toISOString(),
    author: authorOf(article.byline, publisher),
    publisher,
    mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
    articleSection: article.category.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name) } : {}),
    inLanguage: 'vi',
  };
  return serializeJsonLd(data);
}
