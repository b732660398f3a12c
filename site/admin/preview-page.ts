// The data of a preview link (/xem-truoc/<token>): the article at exactly the version the link was
// made for, in any status, with what its page would show beside it. Null: no such link (any reason,
// including a link of another site: it names its site, and only that site's host shows it).
import { readPreviewToken } from '../../functions/auth/preview-token.ts';
import { readArticleById, type EditorArticle } from '../../functions/data/admin-articles.ts';
import type { Db } from '../../functions/data/db.ts';
import type { ArticleTeaser } from '../../functions/data/listings.ts';
import { relatedArticles } from '../../functions/data/related.ts';

export const PREVIEW_CACHE_CONTROL = 'private, no-store';
/** Previews must never be indexed, even if a link leaks. */
export const PREVIEW_ROBOTS = 'noindex, nofollow, noarchive';

export interface Preview {
  article: EditorArticle;
  related: ArticleTeaser[];
}

export async function loadPreview(env: Env, db: Db, siteId: number, token: string, now: Date, relatedCount = 6): Promise<Preview | null> {
  const grant = await readPreviewToken(env.PREVIEW_SECRET ?? '', token, now);
  if (!grant || grant.siteId !== siteId) return null;
  const article = await readArticleById(db, siteId, grant.id, now);
  if (!article || article.version !== grant.version) return null;
  return { article, related: await relatedArticles(db, siteId, article, relatedCount, now) };
}
