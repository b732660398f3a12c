// An article's gallery (functions/articles/gallery.ts): add in order with the copies' widths, caption and
// alt (alt required), move up/down, remove; another site's article or image is not found; every change
// moves the site's generation (the cached article page shows it); the orphan sweep keeps gallery photos
// and their copies, and takes a removed photo's copies with it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { InvalidFields, NotFound } from '../../functions/articles/errors.ts';
import { addGalleryImages, moveGalleryImage, removeGalleryImage, updateGalleryImage } from '../../functions/articles/gallery.ts';
import { readVersion } from '../../functions/cache/generation.ts';
import { listGallery } from '../../functions/data/article-images.ts';
import { database } from '../../functions/data/db.ts';
import { copyKey } from '../../functions/media/copy-keys.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { ORPHAN_GRACE_MS, sweepOrphanMedia } from '../../functions/media/sweep.ts';
import { storeImage } from '../../functions/media/upload.ts';
import { jpegPhoto, photoFile } from '../support/photos.ts';
import { write } from '../support/reading-list-writes.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';

const db = database(env.DB);
const NOW = new Date(Date.UTC(2026, 0, 5, 3, 0));

async function upload(site: TestSite, width = 800, height = 600) {
  const stored = await storeImage(env.MEDIA, site.id, photoFile(await jpegPhoto(width, height), 'a.jpg'), 'user:1', NOW);
  if (!stored.ok) throw new Error(stored.message);
  return { key: stored.key, width, height, widths: stored.widths };
}

const photo = async (site: TestSite, alt: string, caption = '') => ({ ...(await upload(site)), alt, caption });
const alts = async (site: TestSite, articleId: number) => (await listGallery(db, site.id, articleId)).map((g) => g.alt);

describe('gallery writes', () => {
  it('adds photos in order with their sizes and copy widths, then edits, reorders and removes them', async () => {
    const site = await freshSite('bo-anh');
    const article = await write(site, 'Bài có ảnh', NOW);
    await addGalleryImages(env, site, article.id, [await photo(site, 'Cầu mới', 'Cầu mới khánh thành'), await photo(site, 'Lễ hội')], NOW);
    await addGalleryImages(env, site, article.id, [await photo(site, 'Đồng lúa')], NOW);
    const gallery = await listGallery(db, site.id, article.id);
    expect(gallery.map((g) => [g.alt, g.caption, g.width, g.height, g.widths])).toEqual([
      ['Cầu mới', 'Cầu mới khánh thành', 800, 600, [320, 640]],
      ['Lễ hội', '', 800, 600, [320, 640]],
      ['Đồng lúa', '', 800, 600, [320, 640]],
    ]);
    const [first, second, third] = gallery as [typeof gallery[0], typeof gallery[0], typeof gallery[0]];
    await updateGalleryImage(env, site, article.id, second.id, { alt: 'Lễ hội đền', caption: 'Lễ hội đền năm nay' }, NOW);
    expect(await moveGalleryImage(env, site, article.id, third.id, 'up', NOW)).toBe(true);
    expect(await alts(site, article.id)).toEqual(['Cầu mới', 'Đồng lúa', 'Lễ hội đền']);
    expect(await moveGalleryImage(env, site, article.id, first.id, 'up', NOW)).toBe(false);
    expect(await moveGalleryImage(env, site, article.id, second.id, 'down', NOW)).toBe(false);
    await removeGalleryImage(env, site, article.id, first.id, NOW);
    expect(await alts(site, article.id)).toEqual(['Đồng lúa', 'Lễ hội đền']);
    expect((await listGallery(db, site.id, article.id))[1]?.caption).toBe('Lễ hội đền năm nay');
  });

  it('refuses a photo without alt text (adding or editing), writing nothing', async () => {
    const site = await freshSite('bo-anh-alt');
    const article = await write(site, 'Bài', NOW);
    await expect(addGalleryImages(env, site, article.id, [await photo(site, 'Có'), await photo(site, '  ')], NOW)).rejects.toBeInstanceOf(InvalidFields);
    expect(await alts(site, article.id)).toEqual([]);
    await addGalleryImages(env, site, article.id, [await photo(site, 'Có')], NOW);
    const [image] = await listGallery(db, site.id, article.id);
    await expect(updateGalleryImage(env, site, article.id, image!.id, { alt: '', caption: 'x' }, NOW)).rejects.toBeInstanceOf(InvalidFields);
    expect(await alts(site, article.id)).toEqual(['Có']);
  });

  it('keeps sites apart: another site cannot add to, edit, move or remove from an article or image not its own', async () => {
    const site = await freshSite('bo-anh-a');
    const other = await freshSite('bo-anh-b');
    const article = await write(site, 'Bài', NOW);
    await addGalleryImages(env, site, article.id, [await photo(site, 'Ảnh A')], NOW);
    const [image] = await listGallery(db, site.id, article.id);
    await expect(addGalleryImages(env, other, article.id, [await photo(other, 'Lạ')], NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(updateGalleryImage(env, other, article.id, image!.id, { alt: 'Đổi', caption: '' }, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(removeGalleryImage(env, other, article.id, image!.id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(moveGalleryImage(env, other, article.id, image!.id, 'down', NOW)).rejects.toBeInstanceOf(NotFound);
    // An image id of another article of the same site is not found either.
    const second = await write(site, 'Bài khác', NOW);
    await expect(removeGalleryImage(env, site, second.id, image!.id, NOW)).rejects.toBeInstanceOf(NotFound);
    expect(await listGallery(db, other.id, article.id)).toEqual([]);
    expect(await alts(site, article.id)).toEqual(['Ảnh A']);
  });

  it('moves the site\'s generation on every change, so the cached article page shows it', async () => {
    const site = await freshSite('bo-anh-gen');
    const article = await write(site, 'Bài', NOW);
    const generation = async () => (await readVersion(env, site.id)).generation;
    const g0 = await generation();
    await addGalleryImages(env, site, article.id, [await photo(site, 'Một'), await photo(site, 'Hai')], NOW);
    const g1 = await generation();
    expect(g1).not.toBe(g0);
    const [one] = await listGallery(db, site.id, article.id);
    await updateGalleryImage(env, site, article.id, one!.id, { alt: 'Một nữa', caption: '' }, NOW);
    const g2 = await generation();
    expect(g2).not.toBe(g1);
    await moveGalleryImage(env, site, article.id, one!.id, 'down', NOW);
    const g3 = await generation();
    expect(g3).not.toBe(g2);
    await removeGalleryImage(env, site, article.id, one!.id, NOW);
    expect(await generation()).not.toBe(g3);
  });
});

describe('the orphan sweep and galleries', () => {
  it('keeps a gallery photo and its copies past the grace period; a removed photo goes with its copies', async () => {
    const site = await freshSite('bo-anh-quet');
    const article = await write(site, 'Bài', NOW);
    const kept = await photo(site, 'Giữ');
    const dropped = await photo(site, 'Bỏ');
    await addGalleryImages(env, site, article.id, [kept, dropped], NOW);
    const [, second] = await listGallery(db, site.id, article.id);
    await removeGalleryImage(env, site, article.id, second!.id, NOW);
    const objects = (key: string) => [key, copyKey(key, 320), copyKey(key, 640)].map((k) => mediaObjectKey(site.id, k));
    const later = new Date(Date.now() + ORPHAN_GRACE_MS + 60_000);
    const deleted: string[] = [];
    for (let run = 0; run < 200; run++) {
      const result = await sweepOrphanMedia(env, later, 1000);
      deleted.push(...result.deleted);
      if (result.wrapped) break;
    }
    expect(deleted.filter((k) => k.startsWith(`sites/${site.id}/`)).sort()).toEqual(objects(dropped.key).sort());
    for (const key of objects(kept.key)) expect(await env.MEDIA.head(key)).not.toBeNull();
    for (const key of objects(dropped.key)) expect(await env.MEDIA.head(key)).toBeNull();
  });
});
