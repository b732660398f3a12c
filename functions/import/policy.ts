// What an imported item's status becomes (issue 14's policy, the same for articles and pages): its
// source's instant is kept; published or scheduled without a date, or with an empty body, it is a draft.
import type { ArticleStatus } from '../data/article-types.ts';

export function statusOf(item: { status: ArticleStatus; publishedAt: string | null; body: string }): { status: ArticleStatus; publishAt: Date | undefined } {
  const publishAt = item.publishedAt === null ? undefined : new Date(item.publishedAt);
  const goesLive = item.status === 'published' || item.status === 'scheduled';
  if (goesLive && (publishAt === undefined || item.body.trim() === '')) return { status: 'draft', publishAt };
  return { status: item.status, publishAt };
}
