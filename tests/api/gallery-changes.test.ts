// A gallery change is a change of the article (functions/articles/gallery.ts): in its own batch the
// article's updated_at moves (so the API list's summary, feeds and sitemaps see it) while its version stays
// (the editor's open form, holding the version, still saves), and a visible article announces
// `article.updated` with its current version to each subscribed active webhook; a draft announces nothing;
// an article edit committed between the read and the batch fails the batch (no stale announcement).
import { env, exports } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookDeliveries, webhooks, type WebhookEvent } from '../../schema/tables.ts';
import { addGalleryImages, moveGalleryImage, removeGalleryImage, updateGalleryImage } from '../../functions/articles/gallery.ts';
import { commitSiteChange, updateArticle } from '../../functions/articles/service.ts';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { listGallery, planTouch } from '../../functions/data/article-images.ts';
import { database } from '../../functions/data/db.ts';
import type { WebhookPayload } from '../../functions/webhooks/payload.ts';
import { jpegPhoto, photoFile } from '../support/photos.ts';
import { write } from '../support/reading-list-writes.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { galleryAction } from '../../site/admin/gallery-admin.ts';
import { GALLERY } from '../../site/admin/strings.ts';

const db = database(env.DB);
const T0 = new Date(Date.UTC(2026, 0, 5, 3, 0));
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const editor = { id: 'user:1', name: 'Biên tập viên' };

/** A webhook of the site; its URL is one the send guard refuses before any network (the dispatcher's attempts are not this file's subject). */
async function hook(site: TestSite, events: readonly WebhookEvent[], active = true): Promise<number> {
  const [row] = await db.insert(webhooks).values({
    siteId: site.id, url: 'https://receiver.internal/hook', events: JSON.stringify(events), secretSealed: 'not-used-here', active,
  }).returning({ id: webhooks.id });
  return row!.id;
}

/** The event and the stored payload (what the dispatcher never changes), and the state. */
const sent = async (webhookId: number) =>
  (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(asc(webhookDeliveries.id)))
    .map((d) => ({ type: d.eventType, item: [d.itemKind, d.itemId], payload: JSON.parse(d.payload) as WebhookPayload, state: d.state }));

async function photo(site: TestSite, alt: string) {
  const stored = await storeImage(env.MEDIA, site.id, photoFile(await jpegPhoto(400, 300), 'a.jpg'), 'user:1', T0);
  if (!stored.ok) throw new Error(stored.message);
  return { key: stored.key, width: 400, height: 300, widths: stored.widths, alt, caption: '' };
}

const stateOf = async (site: TestSite, id: number) => {
  const a = (await readArticleById(db, site.id, id, at(60), { withDeleted: true }))!;
  return { version: a.version, updatedAt: a.updatedAt.toISOString() };
};

describe('a gallery change of a visible article', () => {
  it('announces article.updated with the current version to each subscribed active webhook, moves updatedAt, keeps the version', async () => {
    const site = await freshSite('anh-webhook');
    const article = await write(site, 'Bài có bộ ảnh', T0);
    const subscribed = [await hook(site, ['article.updated']), await hook(site, ['article.published', 'article.updated', 'article.deleted'])];
    const publishedOnly = await hook(site, ['article.published']);
    const paused = await hook(site, ['article.updated'], false);

    await addGalleryImages(env, site, article.id, [await photo(site, 'Cầu'), await photo(site, 'Chợ')], at(1));
    expect(await stateOf(site, article.id)).toEqual({ version: article.version, updatedAt: at(1).toISOString() });
    const [first, second] = await listGallery(db, site.id, article.id);
    await updateGalleryImage(env, site, article.id, first!.id, { alt: 'Cầu mới', caption: 'Khánh thành' }, at(2));
    expect(await moveGalleryImage(env, site, article.id, second!.id, 'up', at(3))).toBe(true);
    // Already first: nothing written, nothing announced, updatedAt stays.
    expect(await moveGalleryImage(env, site, article.id, second!.id, 'up', at(4))).toBe(false);
    expect(await stateOf(site, article.id)).toEqual({ version: article.version, updatedAt: at(3).toISOString() });
    await removeGalleryImage(env, site, article.id, first!.id, at(5));
    expect(await stateOf(site, article.id)).toEqual({ version: article.version, updatedAt: at(5).toISOString() });

    const expected = [1, 2, 3, 5].map((m) => ({
      type: 'article.updated', item: ['article', article.id],
      payload: {
        type: 'article.updated', timestamp: at(m).toISOString(),
        data: {
          id: article.id, slug: article.slug, previousSlug: null, url: `${site.origin}/bai-viet/${article.slug}`,
          apiUrl: `${site.origin}/api/v1/articles/${article.slug}`, version: article.version,
        },
      },
    }));
    for (const id of subscribed) expect((await sent(id)).map(({ state: _state, ...d }) => d)).toEqual(expected);
    expect(await sent(publishedOnly)).toEqual([]);
    expect(await sent(paused)).toEqual([]);
  });

  it('announces nothing for a draft or a scheduled article, and still moves their updatedAt', async () => {
    const site = await freshSite('anh-nhap');
    const all = await hook(site, ['article.published', 'article.updated', 'article.unpublished', 'article.deleted']);
    const draft = await write(site, 'Bài nháp có ảnh', T0, { status: 'draft' });
    await addGalleryImages(env, site, draft.id, [await photo(site, 'Nháp')], at(1));
    const [image] = await listGallery(db, site.id, draft.id);
    await updateGalleryImage(env, site, draft.id, image!.id, { alt: 'Nháp 2', caption: '' }, at(2));
    expect(await stateOf(site, draft.id)).toEqual({ version: draft.version, updatedAt: at(2).toISOString() });
    // Scheduled: its going live is announced at save for its instant; a gallery change before adds nothing.
    const scheduled = await write(site, 'Bài hẹn giờ', at(30));
    await addGalleryImages(env, site, scheduled.id, [await photo(site, 'Hẹn giờ')], at(3));
    expect((await sent(all)).map((d) => [d.type, d.item[1], d.payload.timestamp, d.state])).toEqual([
      ['article.published', scheduled.id, at(30).toISOString(), 'pending'],
    ]);
  });

  it('lets the editor save the form opened before the gallery change (the version did not move)', async () => {
    const site = await freshSite('anh-form');
    const article = await write(site, 'Bài đang sửa', T0);
    const opened = (await readArticleById(db, site.id, article.id, at(1)))!;
    await addGalleryImages(env, site, article.id, [await photo(site, 'Ảnh')], at(2));
    const saved = await updateArticle(env, site, opened, { title: 'Bài đã sửa' }, editor, at(3));
    expect([saved.title, saved.version]).toEqual(['Bài đã sửa', article.version + 1]);
  });

  it('fails the batch when the article was edited after its state was read: nothing of the gallery change stays', async () => {
    const site = await freshSite('anh-dua');
    const article = await write(site, 'Bài bị sửa giữa chừng', T0);
    await updateArticle(env, site, (await readArticleById(db, site.id, article.id, at(1)))!, { title: 'Sửa' }, editor, at(1));
    const all = await hook(site, ['article.updated']);
    const stale = await photo(site, 'Cũ');
    const { planAppend } = await import('../../functions/data/article-images.ts');
    const [insert] = await planAppend(db, article.id, [stale]);
    await expect(commitSiteChange(env, site, at(2), [insert!, planTouch(db, article.id, article.version, at(2))]))
      .rejects.toThrow(/NOT NULL constraint failed: articles\.version/);
    expect(await listGallery(db, site.id, article.id)).toEqual([]);
    expect(await stateOf(site, article.id)).toEqual({ version: article.version + 1, updatedAt: at(1).toISOString() });
    expect(await sent(all)).toEqual([]);
  });

  it('gives up after three tries each lost to an article save (the admin answers 409 GALLERY.busy): nothing of it stays', async () => {
    const site = await freshSite('anh-ban');
    const article = await write(site, 'Bài được lưu liên tục', T0);
    await addGalleryImages(env, site, article.id, [await photo(site, 'Cũ')], at(1));
    const [image] = await listGallery(db, site.id, article.id);
    const all = await hook(site, ['article.updated']);
    // Every batch of the gallery change finds the article saved again since it was read (an editor saving
    // in a loop): the competing save commits first, through the real database.
    let saves = 0;
    const racing = {
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: async (statements: D1PreparedStatement[]) => {
        saves += 1;
        await updateArticle(env, site, (await readArticleById(db, site.id, article.id, at(2)))!, { title: `Lưu lần ${saves}` }, editor, at(2));
        return env.DB.batch(statements);
      },
    } as unknown as D1Database;
    const form = new FormData();
    form.set('action', 'save');
    form.set('id', String(image!.id));
    form.set('alt', 'Mới');
    expect(await galleryAction({ ...env, DB: racing }, site, article.id, form, 'user:1', at(3))).toEqual({ ok: false, status: 409, message: GALLERY.busy });
    expect(saves).toBe(3);
    expect((await listGallery(db, site.id, article.id)).map((g) => g.alt)).toEqual(['Cũ']);
    expect(await stateOf(site, article.id)).toEqual({ version: article.version + 3, updatedAt: at(2).toISOString() });
    // Only the three saves' announcements, none from the gallery change.
    expect((await sent(all)).map((d) => [d.type, d.payload.data.version])).toEqual([1, 2, 3].map((n) => ['article.updated', article.version + n]));
  });

  it('changes the article\'s summary in the API list (what the Astro loader compares), not only the article', async () => {
    const site = await freshSite('anh-danh-sach');
    const article = await write(site, 'Bài trong danh sách', T0);
    const summary = async () => {
      const res = await exports.default.fetch(new Request(`${site.origin}/api/v1/articles`));
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: number; updatedAt: string; version: number }[] }).items.find((i) => i.id === article.id)!;
    };
    const before = await summary();
    await addGalleryImages(env, site, article.id, [await photo(site, 'Ảnh mới')], at(1));
    const after = await summary();
    expect([after.version, after.updatedAt]).toEqual([before.version, at(1).toISOString()]);
    expect(after.updatedAt).not.toBe(before.updatedAt);
  });
});
