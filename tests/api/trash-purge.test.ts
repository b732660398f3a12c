// The cron empties the trash (issue 12, item 9), against real local D1 and R2 with the run's time given:
// an item 29 days in the trash stays, one 31 days goes with every row naming it and its files in R2; an
// image another article still uses stays; a run does bounded work and the next carries on; each purge
// is in the audit log, by the cron.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  articleImages, articleRelated, articleRevisions, articles, articleSlugHistory, articleTags, auditLog, documentFiles, documentRevisions,
  documents, featuredArticles, menuItems, pageRevisions, pages,
} from '../../schema/tables.ts';
import { deleteArticle, importArticle, updateArticle } from '../../functions/articles/service.ts';
import { deleteDocument } from '../../functions/documents/service.ts';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createDocumentFile } from '../../functions/data/document-files.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import { isPurgeRun, runScheduled } from '../../functions/scheduled.ts';
import { purgeTrash } from '../../functions/trash/purge.ts';
import { expiredItems } from '../../functions/data/trash-purge.ts';
import { textKeyOf } from '../../functions/documents/files/text.ts';
import { FIRST_SITE_ID, freshCategory, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { putImage } from './media-images.ts';

const SITE = { id: FIRST_SITE_ID, status: 'active' as const };
const db = database(env.DB);
const DAY = 86_400_000;
const actor = { id: 'user:1', name: 'Biên tập' };
const NOW = new Date('2027-03-01T00:05:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const newKey = () => `2026/10/${crypto.randomUUID().replaceAll('-', '')}.jpg`;
const exists = async (key: string) => (await env.MEDIA.head(key)) !== null;

async function article(over: { cover?: string; body?: string; title?: string; tags?: string[] } = {}) {
  const categoryId = (await categoryIdOf(db, SITE.id, await freshCategory()))!;
  const created = await importArticle(env.DB, SITE.id, {
    title: over.title ?? `Bài trong thùng rác ${crypto.randomUUID().slice(0, 8)}`, summary: 'Tóm tắt', body: over.body ?? 'Nội dung',
    categoryId, tags: over.tags ?? ['Thùng rác'], byline: '', cover: over.cover ? { key: over.cover, caption: '', alt: 'Ảnh' } : null, status: 'published',
  }, actor, daysAgo(40));
  return created;
}

async function trashedArticle(days: number, over: Parameters<typeof article>[0] = {}) {
  const created = await article(over);
  await deleteArticle(env, SITE, (await readArticleById(db, SITE.id, created.id, daysAgo(days)))!, actor, daysAgo(days));
  return created;
}

const rowExists = async (id: number) => (await db.select({ id: articles.id }).from(articles).where(eq(articles.id, id))).length > 0;

describe('the trash purge', () => {
  it('keeps 29 days, removes 31 days with every row naming it and its image, keeps an image another article uses, and logs it by cron', async () => {
    const ownImage = await putImage(newKey());
    const sharedImage = await putImage(newKey());
    const galleryImage = await putImage(newKey());
    const kept = await trashedArticle(29);
    const gone = await trashedArticle(31, { cover: ownImage, body: `Ảnh chung: ![ảnh](/media/${sharedImage})` });
    // Rows naming it: a renamed slug, a gallery photo, a pin, a related link both ways.
    const live = await article({ body: `Cũng dùng ![ảnh](/media/${sharedImage})` });
    await db.insert(articleSlugHistory).values({ siteId: SITE.id, slug: `cu-${gone.id}`, articleId: gone.id });
    await db.insert(articleImages).values({ articleId: gone.id, key: galleryImage, caption: 'Ảnh', alt: 'Ảnh' });
    await db.insert(featuredArticles).values({ siteId: SITE.id, articleId: gone.id });
    await db.insert(articleRelated).values([{ articleId: gone.id, relatedId: live.id }, { articleId: live.id, relatedId: gone.id }]);

    const result = await purgeTrash(env, NOW);
    expect(result.purged).toContainEqual({ kind: 'article', id: gone.id, siteId: SITE.id });
    expect(result.purged.map((p) => p.id)).not.toContain(kept.id);
    expect(await rowExists(gone.id)).toBe(false);
    expect(await rowExists(kept.id)).toBe(true);
    for (const [table, column] of [[articleRevisions, articleRevisions.articleId], [articleTags, articleTags.articleId], [articleSlugHistory, articleSlugHistory.articleId],
      [articleImages, articleImages.articleId], [featuredArticles, featuredArticles.articleId], [articleRelated, articleRelated.relatedId]] as const) {
      expect(await db.select().from(table).where(eq(column, gone.id)), `${column.name} rows`).toEqual([]);
    }
    expect(await env.DB.prepare('select count(*) as n from articles_fts where rowid = ?').bind(gone.id).first('n')).toBe(0);
    expect(await exists(ownImage), 'its own cover').toBe(false);
    expect(await exists(galleryImage), 'its gallery photo').toBe(false);
    expect(await exists(sharedImage), 'an image the live article still shows').toBe(true);
    // The live article lost its related link, nothing else.
    expect((await readArticleById(db, SITE.id, live.id, NOW))!.status).toBe('published');

    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'trash.purged'), eq(auditLog.subject, `article:${gone.id}`)));
    expect(entry).toMatchObject({ siteId: SITE.id, actorId: null, actorLabel: 'cron', createdAt: NOW });
    expect(JSON.parse(entry!.detail)).toEqual({ kind: 'article', title: gone.title, deletedAt: daysAgo(31).toISOString() });
  });

  it('removes a document 31 days in the trash with its files rows and its files and text in R2', async () => {
    const { document } = await postDocument(await writeToken(), documentBody(await freshIssuer(), { number: `${Math.floor(Math.random() * 9e5)}/QĐ-UBND` }));
    const key = `documents/${SITE.id}/2026/10/${crypto.randomUUID()}.pdf`;
    await env.MEDIA.put(key, 'pdf');
    await env.MEDIA.put(textKeyOf(key), 'text');
    const file = await createDocumentFile(db, { siteId: SITE.id, key, name: 'qd.pdf', size: 3, contentType: 'application/pdf' }, daysAgo(40));
    await db.update(documentFiles).set({ documentId: document.id }).where(eq(documentFiles.id, file.id));
    await deleteDocument(env, SITE, (await readDocumentById(db, SITE.id, document.id, daysAgo(31)))!, actor, daysAgo(31));

    const result = await purgeTrash(env, NOW);
    expect(result.purged).toContainEqual({ kind: 'document', id: document.id, siteId: SITE.id });
    expect(result.objects).toContain(key);
    expect(await db.select().from(documents).where(eq(documents.id, document.id))).toEqual([]);
    expect(await db.select().from(documentFiles).where(eq(documentFiles.documentId, document.id))).toEqual([]);
    expect(await db.select().from(documentRevisions).where(eq(documentRevisions.documentId, document.id))).toEqual([]);
    expect(await env.DB.prepare('select count(*) as n from documents_fts where rowid = ?').bind(document.id).first('n')).toBe(0);
    expect(await exists(key)).toBe(false);
    expect(await exists(textKeyOf(key))).toBe(false);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.subject, `document:${document.id}`), eq(auditLog.action, 'trash.purged')));
    expect(entry).toMatchObject({ action: 'trash.purged', actorLabel: 'cron' });
  });

  it('removes a page 31 days in the trash with its revisions and its menu entries (and the entries under them)', async () => {
    const slug = `trang-${crypto.randomUUID().slice(0, 8)}`;
    const [page] = await db.insert(pages).values({ siteId: SITE.id, slug, title: 'Giới thiệu cũ', deletedAt: daysAgo(31) }).returning();
    await db.insert(pageRevisions).values({ pageId: page!.id, version: 1, action: 'created', snapshot: '{}', actor: 'user:1' });
    const [entry] = await db.insert(menuItems).values({ siteId: SITE.id, kind: 'page', pageId: page!.id }).returning();
    await db.insert(menuItems).values({ siteId: SITE.id, kind: 'link', parentId: entry!.id, url: '/lien-he', label: 'Liên hệ' });
    const result = await purgeTrash(env, NOW);
    expect(result.purged).toContainEqual({ kind: 'page', id: page!.id, siteId: SITE.id });
    expect(await db.select().from(pages).where(eq(pages.id, page!.id))).toEqual([]);
    expect(await db.select().from(pageRevisions).where(eq(pageRevisions.pageId, page!.id))).toEqual([]);
    expect(await db.select().from(menuItems).where(eq(menuItems.id, entry!.id))).toEqual([]);
    expect(await db.select().from(menuItems).where(eq(menuItems.parentId, entry!.id))).toEqual([]);
  });

  it('does bounded work per run, oldest first, and the next run carries on', async () => {
    // Whatever earlier tests left expired is purged first.
    while ((await purgeTrash(env, NOW)).purged.length > 0) { /* drain */ }
    const oldest = await trashedArticle(45);
    const middle = await trashedArticle(40);
    const newest = await trashedArticle(35);
    const first = await purgeTrash(env, NOW, 2);
    expect(first.purged.map((p) => p.id)).toEqual([oldest.id, middle.id]);
    expect(await rowExists(newest.id)).toBe(true);
    const second = await purgeTrash(env, NOW, 2);
    expect(second.purged.map((p) => p.id)).toEqual([newest.id]);
    expect((await purgeTrash(env, NOW, 2)).purged).toEqual([]);
  });

  it('runs in the cron every ten minutes (minute 5, 15, ...), not in between', async () => {
    const gone = await trashedArticle(31);
    expect(isPurgeRun(new Date('2027-03-01T00:06:00Z'))).toBe(false);
    expect((await runScheduled(env, new Date('2027-03-01T00:06:00Z'))).purge).toBeNull();
    expect(await rowExists(gone.id)).toBe(true);
    const run = await runScheduled(env, new Date('2027-03-01T00:15:00Z'));
    expect(run.purge!.purged.map((p) => p.id)).toContain(gone.id);
    expect(await rowExists(gone.id)).toBe(false);
  });

  it('leaves a restored article alone (it is not in the trash any more)', async () => {
    const created = await trashedArticle(20);
    const current = (await readArticleById(db, SITE.id, created.id, daysAgo(19), { withDeleted: true }))!;
    const { restoreFromTrash } = await import('../../functions/articles/service.ts');
    await restoreFromTrash(env, SITE, created.id, current.version, actor, daysAgo(19));
    await updateArticle(env, SITE, (await readArticleById(db, SITE.id, created.id, daysAgo(18)))!, { summary: 'Đã khôi phục' }, actor, daysAgo(18));
    await purgeTrash(env, NOW);
    expect(await rowExists(created.id)).toBe(true);
  });

  it('finds what is due from the partial trash indexes, never by scanning the content tables', async () => {
    const seen: { sql: string; params: unknown[] }[] = [];
    const recording = {
      prepare: (sql: string) => ({ bind: (...params: unknown[]) => (seen.push({ sql, params }), env.DB.prepare(sql).bind(...params)) }),
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
    } as unknown as D1Database;
    await expiredItems(database(recording), NOW, 25);
    expect(seen).toHaveLength(3);
    for (const { sql, params } of seen) {
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail);
      expect(plan.join('\n'), sql).toMatch(/USING INDEX (articles|documents|pages)_trash/);
      expect(plan.filter((d) => d.startsWith('SCAN ')), plan.join('\n')).toEqual([]);
    }
  });
});

