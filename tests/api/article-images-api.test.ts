// The API's article JSON carries the gallery (`images`: url, caption, alt, size, srcset of the copies made
// at upload), and the gallery is part of the representation a writer's If-Match is checked against: after
// a gallery change the GET's new ETag lets a PATCH and a DELETE through, the old one is a 412, and a
// write's answer carries the same ETag the next GET gives (no spurious 412 for the writer who follows it).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addGalleryImages, updateGalleryImage } from '../../functions/articles/gallery.ts';
import { listGallery } from '../../functions/data/article-images.ts';
import { database } from '../../functions/data/db.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { call, deleteArticle, firstSite, freshCategory, ORIGIN, patchArticle, postArticle, readAsWriter, writeToken } from '../support/api.ts';
import { jpegClaiming, jpegPhoto, photoFile } from '../support/photos.ts';

const SITE = await firstSite();
const NOW = new Date();

async function upload(bytes: Uint8Array) {
  const stored = await storeImage(env.MEDIA, SITE.id, photoFile(bytes, 'a.jpg'), 'user:1', NOW);
  if (!stored.ok) throw new Error(stored.message);
  return { key: stored.key, width: stored.image.width, height: stored.image.height, widths: stored.widths };
}

describe('the article JSON lists its gallery', () => {
  it('gives each photo in order with caption, alt, size and the srcset of its copies (none for a photo kept without copies)', async () => {
    const token = await writeToken();
    const { article } = await postArticle(token, { title: 'Bài có bộ ảnh qua API', category: await freshCategory(), status: 'published' });
    expect((await readAsWriter(token, article.slug)).article['images']).toEqual([]);
    const small = await upload(await jpegPhoto(800, 600));
    const large = await upload(await jpegClaiming(4000, 3000));
    await addGalleryImages(env, SITE, article.id, [
      { ...small, alt: 'Cầu mới', caption: 'Cầu mới khánh thành' },
      { ...large, alt: 'Toàn cảnh', caption: '' },
    ], NOW);
    const { article: json } = await readAsWriter(token, article.slug);
    expect(json['images']).toEqual([
      {
        url: `${ORIGIN}/media/${small.key}`, caption: 'Cầu mới khánh thành', alt: 'Cầu mới', width: 800, height: 600,
        srcset: `${ORIGIN}/media/${small.key}.w320.webp 320w, ${ORIGIN}/media/${small.key}.w640.webp 640w, ${ORIGIN}/media/${small.key} 800w`,
      },
      { url: `${ORIGIN}/media/${large.key}`, caption: '', alt: 'Toàn cảnh', width: 4000, height: 3000, srcset: '' },
    ]);
    // The public (anonymous) read of a published article lists them too.
    const anonymous = await (await call(`/api/v1/articles/${article.slug}`)).json() as { images: unknown[] };
    expect(anonymous.images).toHaveLength(2);
  });
});

describe('If-Match after a gallery change', () => {
  it('changes the ETag; the new GET ETag lets PATCH through, the old one is a 412; the answer ETag is the next GET ETag', async () => {
    const token = await writeToken();
    const { article, etag: created } = await postArticle(token, { title: 'Bài đổi ảnh rồi sửa', category: await freshCategory() });
    expect((await readAsWriter(token, article.slug)).etag).toBe(created);
    await addGalleryImages(env, SITE, article.id, [{ ...(await upload(await jpegPhoto(700, 500))), alt: 'Ảnh một', caption: '' }], NOW);
    const afterAdd = await readAsWriter(token, article.slug);
    expect(afterAdd.etag).not.toBe(created);
    expect((await patchArticle(token, article.slug, created, { summary: 'Bản cũ' })).status).toBe(412);
    const patched = await patchArticle(token, article.slug, afterAdd.etag, { summary: 'Tóm tắt mới' });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { images: unknown[] }).images).toHaveLength(1);
    const answerEtag = patched.headers.get('ETag');
    expect(answerEtag).toBe((await readAsWriter(token, article.slug)).etag);
    // A caption edit alone changes it too; DELETE with the GET's ETag after it succeeds.
    const [image] = await listGallery(database(env.DB), SITE.id, article.id);
    await updateGalleryImage(env, SITE, article.id, image!.id, { alt: 'Ảnh một', caption: 'Chú thích mới' }, NOW);
    expect((await deleteArticle(token, article.slug, answerEtag)).status).toBe(412);
    const afterCaption = await readAsWriter(token, article.slug);
    expect((await deleteArticle(token, article.slug, afterCaption.etag)).status).toBe(204);
  });
});
