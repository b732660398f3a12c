// Writes of the lists editors keep for readers: "Tin nổi bật" (a site's pins of its own articles: pin,
// unpin, reorder, expiry) and an article's own "Tin liên quan". Each is a content change of the site
// through the one door (commitSiteChange: the statements and the change records in one batch, then the
// generation moves), so the home and article pages show it within the freshness bound. A pin's expiry is
// a scheduled instant of the site (functions/data/content-changes.ts), so it leaves the cached home page
// by itself, as a scheduled article arrives.
import { and, eq, isNull } from 'drizzle-orm';
import { articles } from '../../schema/tables.ts';
import { database, type Db } from '../data/db.ts';
import { pinsFull, planExpiry, planMove, planPin, planUnpin } from '../data/pins.ts';
import { isRelated, planAddRelated, planMoveRelated, planRemoveRelated, relatedFull } from '../data/related.ts';
import { NotFound } from './errors.ts';
import { assertWritable, commitSiteChange, type SiteRef } from './service.ts';

export type Direction = 'up' | 'down';

export async function pinArticle(env: Env, site: SiteRef, articleId: number, expiresAt: Date | null, by: number | null, now: Date): Promise<void> {
  assertWritable(site);
  const { statement, checkFull } = await planPin(database(env.DB), site.id, articleId, expiresAt, by, now);
  const [inserted] = await commitSiteChange(env, site, now, [statement]);
  // Another editor's pin took the last place between the check and the write: nothing was inserted.
  if (checkFull && (inserted as unknown[]).length === 0) throw pinsFull();
}

export async function unpinArticle(env: Env, site: SiteRef, articleId: number, now: Date): Promise<void> {
  assertWritable(site);
  const { statement } = await planUnpin(database(env.DB), site.id, articleId);
  await commitSiteChange(env, site, now, [statement]);
}

export async function setPinExpiry(env: Env, site: SiteRef, articleId: number, expiresAt: Date | null, now: Date): Promise<void> {
  assertWritable(site);
  const { statement } = await planExpiry(database(env.DB), site.id, articleId, expiresAt, now);
  await commitSiteChange(env, site, now, [statement]);
}

/** One place up or down; false when it is already first (last): nothing written. */
export async function movePin(env: Env, site: SiteRef, articleId: number, direction: Direction, now: Date): Promise<boolean> {
  assertWritable(site);
  const plan = await planMove(database(env.DB), site.id, articleId, direction);
  if (!plan) return false;
  await commitSiteChange(env, site, now, plan.statements as [typeof plan.statements[number], ...typeof plan.statements]);
  return true;
}

/** The article whose list is changed must be the site's (deleted ones included: the editor may still fix it). */
export async function assertArticleOf(db: Db, siteId: number, articleId: number): Promise<void> {
  const [row] = await db.select({ id: articles.id }).from(articles).where(and(eq(articles.id, articleId), eq(articles.siteId, siteId), isNull(articles.deletedAt)));
  if (!row) throw new NotFound('No article of this site has that id.');
}

/** Adds a published article of the site to the article's "Tin liên quan"; false when it was there already. */
export async function addRelated(env: Env, site: SiteRef, articleId: number, relatedId: number, now: Date): Promise<boolean> {
  assertWritable(site);
  const db = database(env.DB);
  await assertArticleOf(db, site.id, articleId);
  const plan = await planAddRelated(db, site.id, articleId, relatedId, now);
  if (!plan) return false;
  const [inserted] = await commitSiteChange(env, site, now, [plan.statement]);
  if ((inserted as unknown[]).length > 0) return true;
  // Another editor's add came first: the same article (nothing to do) or the last place (refused).
  if (await isRelated(db, articleId, relatedId)) return false;
  throw relatedFull();
}

export async function removeRelated(env: Env, site: SiteRef, articleId: number, relatedId: number, now: Date): Promise<void> {
  assertWritable(site);
  const db = database(env.DB);
  await assertArticleOf(db, site.id, articleId);
  const { statement } = await planRemoveRelated(db, articleId, relatedId);
  await commitSiteChange(env, site, now, [statement]);
}

export async function moveRelated(env: Env, site: SiteRef, articleId: number, relatedId: number, direction: Direction, now: Date): Promise<boolean> {
  assertWritable(site);
  const db = database(env.DB);
  await assertArticleOf(db, site.id, articleId);
  const plan = await planMoveRelated(db, site.id, articleId, relatedId, direction);
  if (!plan) return false;
  await commitSiteChange(env, site, now, plan.statements as [typeof plan.statements[number], ...typeof plan.statements]);
  return true;
}
