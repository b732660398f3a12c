// The shapes the data layer hands out for articles; the API, feeds and site map these to their outputs.
import type { StoredStatus } from '../../schema/tables.ts';

/** What clients see: "scheduled" is a published article whose time has not come yet. */
export const ARTICLE_STATUSES = ['draft', 'review', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface Cover {
  key: string;
  caption: string;
  alt: string;
}

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
}

export interface TagRef {
  slug: string;
  name: string;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  title: string;
  summary: string;
  byline: string;
  cover: Cover | null;
  category: CategoryRef;
  tags: TagRef[];
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Present when the list was asked for bodies (feeds). */
  bodyHtml?: string;
}

export interface Article extends ArticleSummary {
  bodyMarkdown: string;
  bodyHtml: string;
}

/** When readers last saw the article change: a scheduled article "changes" when it goes live. */
export function lastModified(a: { updatedAt: Date; publishedAt: Date | null }): Date {
  return a.publishedAt && a.publishedAt > a.updatedAt ? a.publishedAt : a.updatedAt;
}

export function publicStatus(stored: StoredStatus, publishedAt: Date | null, now: Date): ArticleStatus {
  if (stored === 'published' && publishedAt && publishedAt.getTime() > now.getTime()) return 'scheduled';
  return stored;
}
