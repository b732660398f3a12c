// The upload paths register their images in the media library (real local D1 and R2): a gallery upload
// at once with its alt text and caption; an article's cover once the article is saved with it (a cover
// stored by a refused form stays out of the library, and the orphan sweep removes it after its grace).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { mediaByKey } from '../../functions/data/media-library.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { galleryAction } from '../../site/admin/gallery-admin.ts';
import { firstSite, freshCategory, postArticle, unique, writeToken } from '../support/api.ts';
import { bytesOf } from './media-images.ts';

const SITE = await firstSite();
const db = database(env.DB);
const editor = (await readUser(db, await createUser(db, { email: `${unique('thuvien')}@dongy.gov.vn`, name: 'Biên tập thư viện', role: 'editor', password: 'mat-khau-thu-nghiem' })))!;
const rows = async () => (await env.DB.prepare('SELECT key, alt, caption, created_by, filename FROM media WHERE site_id = ? ORDER BY id').bind(SITE.id).all<Record<string, unknown>>()).results;

function articleForm(fields: Record<string, string>, file?: File) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ slug: '', summary: '', tags: '', body: 'Nội dung.', byline: '', cover_key: '', cover_caption: '', cover_alt: '', action: 'save', ...fields })) form.set(k, v);
  if (file) form.set('cover_file', file);
  return form;
}

describe('the media library registry', () => {
  it('registers a cover when the article is saved with it, not when the form is refused', async () => {
    const category = await freshCategory();
    const refused = await submitArticle(env, db, SITE, editor, articleForm({ title: '', category, cover_alt: 'Lễ ký kết', cover_caption: 'Sáng nay' }, new File([bytesOf('png')], 'le-ky.png', { type: 'image/png' })), null, new Date());
    if (refused.kind !== 'render') throw new Error(`expected the form back, got ${refused.kind}`);
    const key = refused.state.values.coverKey;
    expect(await mediaByKey(db, SITE.id, key)).toBeNull();
    const saved = await submitArticle(env, db, SITE, editor, articleForm({ title: `Có ảnh bìa ${unique('t')}`, category, cover_key: key, cover_alt: 'Lễ ký kết', cover_caption: 'Sáng nay' }), null, new Date());
    expect(saved.kind).toBe('redirect');
    expect(await mediaByKey(db, SITE.id, key)).toMatchObject({ alt: 'Lễ ký kết', caption: 'Sáng nay', createdBy: editor.id, contentType: 'image/png' });
  });

  it('registers every photo of a gallery upload with its alt text and caption', async () => {
    const token = await writeToken();
    const article = await postArticle(token, { title: 'Bộ ảnh', category: await freshCategory() });
    const before = (await rows()).length;
    const form = new FormData();
    for (const [k, v] of Object.entries({ action: 'upload', alt: 'Cánh đồng', caption: 'Mùa gặt' })) form.set(k, v);
    form.append('files', new File([bytesOf('png')], 'mot.png', { type: 'image/png' }));
    form.append('files', new File([bytesOf('png')], 'hai.png', { type: 'image/png' }));
    expect((await galleryAction(env, SITE, article.article.id, form, `user:${editor.id}`, new Date())).ok).toBe(true);
    const added = (await rows()).slice(before);
    expect(added.map((r) => [r['filename'], r['alt'], r['caption'], r['created_by']])).toEqual([['mot.png', 'Cánh đồng', 'Mùa gặt', editor.id], ['hai.png', 'Cánh đồng', 'Mùa gặt', editor.id]]);
  });
});
