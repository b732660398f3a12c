// Where a site's media keys are used, against real local D1 and R2: the orphan sweep keeps a photo used
// only in a page (either language), a page revision or a document body (it deleted them before), keeps
// library items, registers the images stored before the library existed that current content uses
// (alt text from the cover), and mediaUses lists every use with what to link to.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { deleteMediaIfUnused, mediaByKey, registerMedia } from '../../functions/data/media-library.ts';
import { deleteItem } from '../../functions/media/library-changes.ts';
import { mediaUses } from '../../functions/data/media-references.ts';
import { createPage, updatePage } from '../../functions/site-pages/service.ts';
import { ORPHAN_GRACE_MS, sweepOrphanMedia, type SweepResult } from '../../functions/media/sweep.ts';
import { freshCategory, patchArticle, postArticle, unique, writeToken, firstSite } from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { putImage } from './media-images.ts';

const SITE = await firstSite();
const HOUR = 60 * 60 * 1000;
const ACTOR = { id: 'test', name: 'Thử' };
const newKey = (label: string) => `2026/11/${label}${crypto.randomUUID().replaceAll('-', '')}.jpg`;
const exists = async (key: string) => (await env.MEDIA.head(key)) !== null;
const page = (title: string, body: string, bodyEn = '') => ({ title: `${title} ${unique('p')}`, summary: '', body, slugEn: bodyEn ? unique('en') : null, titleEn: bodyEn ? 'About' : '', summaryEn: '', bodyEn, status: 'published' as const });

async function sweepAll(at: Date): Promise<SweepResult[]> {
  const runs: SweepResult[] = [];
  for (let i = 0; i < 100; i++) {
    runs.push(await sweepOrphanMedia(env, at));
    if (runs.at(-1)!.wrapped) return runs;
  }
  throw new Error('the sweep never reached the end of the bucket');
}

describe('media references', () => {
  it('the sweep keeps photos used only by a page, its English body, a page revision or a document, and library items; deletes the unused', async () => {
    const now = Date.now();
    const at = new Date(Math.ceil((now + ORPHAN_GRACE_MS + HOUR) / HOUR) * HOUR);
    const [inPage, inPageEn, inPageRevision, inDocument, library, orphan] = await Promise.all(
      ['page', 'pageen', 'pagerev', 'doc', 'lib', 'orphan'].map((l) => putImage(newKey(l), { uploadedAt: new Date(now).toISOString() })));
    await createPage(env, SITE, page('Giới thiệu', `![Trụ sở](/media/${inPage!} "Trụ sở UBND")`), ACTOR, new Date());
    await createPage(env, SITE, page('Cơ cấu', 'Không ảnh.', `![Office](/media/${inPageEn!})`), ACTOR, new Date());
    // The photo is in the first revision only: restoring it brings the photo back.
    const changed = await createPage(env, SITE, page('Liên hệ', `![Bản đồ](/media/${inPageRevision!})`), ACTOR, new Date());
    await updatePage(env, SITE, changed, { body: 'Đã bỏ ảnh.' }, ACTOR, new Date());
    const token = await writeToken();
    await postDocument(token, documentBody(await freshIssuer(), { body: `Phụ lục:\n\n![Sơ đồ](/media/${inDocument!})` }));
    await registerMedia(database(env.DB), SITE.id, { key: library!, contentType: 'image/jpeg', bytes: 10, width: 4, height: 4, widths: '', alt: 'Thư viện', createdAt: new Date(now) });

    const runs = await sweepAll(at);
    const deleted = runs.flatMap((r) => r.deleted);
    for (const kept of [inPage, inPageEn, inPageRevision, inDocument, library]) {
      expect(deleted, kept).not.toContain(kept);
      expect(await exists(kept!), kept).toBe(true);
    }
    expect(deleted).toContain(orphan);
    expect(await exists(orphan!)).toBe(false);
  });

  it('the sweep registers images stored before the library that current content uses, with the cover\'s alt text; not those only old revisions use', async () => {
    const db = database(env.DB);
    const token = await writeToken();
    const category = await freshCategory();
    const [cover, oldCover, inBody] = await Promise.all(['cov', 'oldcov', 'body'].map((l) => putImage(newKey(l))));
    await postArticle(token, { title: 'Có ảnh bìa cũ', category, cover: { key: cover, alt: 'Lễ khai mạc', caption: 'Sáng 1/11' }, body: `![Hội trường](/media/${inBody!})` });
    const replaced = await postArticle(token, { title: 'Đổi ảnh bìa', category, cover: { key: oldCover, alt: 'Cũ' } });
    expect((await patchArticle(token, replaced.article.slug, replaced.etag, { cover: null })).status).toBe(200);

    const runs = await sweepAll(new Date());
    const registered = runs.flatMap((r) => r.registered).filter((r) => r.siteId === SITE.id).map((r) => r.key);
    expect(registered).toEqual(expect.arrayContaining([cover, inBody]));
    expect(registered).not.toContain(oldCover);
    expect(await mediaByKey(db, SITE.id, cover!)).toMatchObject({ alt: 'Lễ khai mạc', caption: 'Sáng 1/11', contentType: 'image/jpeg', width: expect.any(Number) });
    expect(await mediaByKey(db, SITE.id, oldCover!)).toBeNull();
    // A second walk registers nothing twice.
    expect((await sweepAll(new Date())).flatMap((r) => r.registered).filter((r) => r.key === cover)).toEqual([]);
  });

  it('mediaUses lists the cover, body, revision, page and document uses of one key', async () => {
    const key = await putImage(newKey('uses'));
    const token = await writeToken();
    const category = await freshCategory();
    const a = await postArticle(token, { title: 'Dùng làm bìa', category, cover: { key, alt: 'Bìa' } });
    const b = await postArticle(token, { title: 'Dùng trong bài', category, body: `![x](/media/${key})` });
    const p = await createPage(env, SITE, page('Trang có ảnh', `![x](/media/${key})`), ACTOR, new Date());
    const uses = await mediaUses(database(env.DB), SITE.id, key);
    const kinds = uses.map((u) => `${u.kind}:${u.id}`);
    expect(kinds).toEqual(expect.arrayContaining([`article-cover:${a.article.id}`, `article-body:${b.article.id}`, `article-revision:${a.article.id}`, `article-revision:${b.article.id}`, `page-body:${p.id}`, `page-revision:${p.id}`]));
    expect(uses.find((u) => u.kind === 'article-revision' && u.id === a.article.id)?.versions).toEqual([1]);
    expect(await mediaUses(database(env.DB), SITE.id + 100_000, key)).toEqual([]);
  });
});

describe('deleting a library item', () => {
  it('checks and deletes in one statement: an article saved with the key after the page showed "unused" makes the delete a refusal, the row and object kept', async () => {
    const db = database(env.DB);
    const key = await putImage(newKey('race'));
    const item = await registerMedia(db, SITE.id, { key, contentType: 'image/jpeg', bytes: 10, width: 4, height: 4, widths: '', alt: 'Đua', createdAt: new Date() });
    expect(await mediaUses(db, SITE.id, key)).toEqual([]); // what the item page showed
    // Meanwhile an editor saves an article that starts using it.
    await postArticle(await writeToken(), { title: 'Vừa dùng ảnh', category: await freshCategory(), body: `![Đua](/media/${key})` });
    const result = await deleteItem(env, SITE.id, item.id, { userId: 1, label: 'thu' }, new Date());
    expect(result).toMatchObject({ ok: false, problem: 'in-use' });
    expect(await mediaByKey(db, SITE.id, key)).not.toBeNull();
    expect(await exists(key)).toBe(true);
    // Nothing of another site: the same id asked on another site is not found.
    expect(await deleteItem(env, SITE.id + 100_000, item.id, { userId: 1, label: 'thu' }, new Date())).toEqual({ ok: false, problem: 'not-found' });
    expect(await deleteMediaIfUnused(db, SITE.id, item.id, key)).toBe(false);
  });
});
