// The article gallery on the built pages: /admin/bai-viet/{id}/anh uploads several photos in one form
// (no JavaScript), edits, reorders and removes them, and the article page shows them at once as figures
// with captions and srcset from the copies; every refusal answers its status and Vietnamese message.
import { describe, expect, it } from 'vitest';
import { GALLERY } from '../../site/admin/strings.ts';
import { ADMIN, adminPost, at, json, PAGE, sessionFor, tokenOf, type AdminSession } from '../support/cross-site.ts';
import { gradientPng, pngClaiming } from '../support/png-bytes.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';

const site = await freshSite('bo-anh-trang');
const editor = await sessionFor([[site.id, 'editor']], site.id);
const contributor = await sessionFor([[site.id, 'contributor']], site.id);
const token = await tokenOf(site.id, 'read write');

async function article(title: string) {
  const res = await at(`${site.origin}/api/v1/articles`, json('POST', token, { title, body: `Nội dung ${title}.`, category: site.categorySlugs[0], status: 'published' }));
  if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: number; slug: string };
}

function upload(s: AdminSession, id: number, files: { bytes: Uint8Array; name: string }[], fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ _csrf: s.csrf, action: 'upload', ...fields })) body.set(k, v);
  for (const f of files) body.append('files', new File([f.bytes], f.name, { type: 'image/png' }));
  return at(`${ADMIN}/admin/bai-viet/${id}/anh`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, ...PAGE }, body });
}

const readerPage = async (slug: string) => (await at(`${site.origin}/bai-viet/${slug}`, { headers: PAGE })).text();
const galleryOf = (html: string) => /<section class="gallery[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const ids = (html: string) => [...new Set([...html.matchAll(/name="id" value="(\d+)"/g)].map((m) => Number(m[1])))];

describe('/admin/bai-viet/{id}/anh', () => {
  it('uploads two photos in one form; the article page shows them with captions, srcset, sizes and lazy after the first', async () => {
    const a = await article('Bài có bộ ảnh');
    const photo = await gradientPng(1200, 800);
    const res = await upload(editor, a.id, [{ bytes: photo, name: 'mot.jpg' }, { bytes: photo, name: 'hai.jpg' }], { alt: 'Cánh đồng lúa chín', caption: 'Mùa gặt ở Đồng Hỷ' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(GALLERY.added(2));
    const gallery = galleryOf(await readerPage(a.slug));
    expect(gallery.match(/<figcaption>Mùa gặt ở Đồng Hỷ<\/figcaption>/g)).toHaveLength(2);
    const imgs = [...gallery.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs).toHaveLength(2);
    expect(imgs[0]).toMatch(/srcset="\/media\/[^"]+\.w320\.webp 320w, \/media\/[^"]+\.w640\.webp 640w, \/media\/[^"]+\.w1024\.webp 1024w, \/media\/[^" ]+\.png 1200w"/);
    expect(imgs[0]).toContain('width="1200"');
    expect(imgs[0]).toContain('height="800"');
    expect(imgs[0]).toContain('alt="Cánh đồng lúa chín"');
    expect(imgs[0]).not.toContain('loading="lazy"');
    expect(imgs[1]).toContain('loading="lazy"');
    expect(gallery).toContain('id="anh-2"');
  });

  it('edits a caption, moves a photo up and removes one; the page follows at once', async () => {
    const a = await article('Bài sắp xếp ảnh');
    const photo = await gradientPng(400, 300);
    await upload(editor, a.id, [{ bytes: photo, name: 'a.jpg' }, { bytes: photo, name: 'b.jpg' }], { alt: 'Ảnh', caption: '' });
    const [first, second] = ids(await (await at(`${ADMIN}/admin/bai-viet/${a.id}/anh`, { headers: { Cookie: editor.cookie, ...PAGE } })).text());
    expect((await adminPost(editor, `/admin/bai-viet/${a.id}/anh`, { action: 'save', id: String(second), alt: 'Thứ hai', caption: 'Chú thích hai' })).status).toBe(200);
    expect((await adminPost(editor, `/admin/bai-viet/${a.id}/anh`, { action: 'up', id: String(second) })).status).toBe(200);
    let gallery = galleryOf(await readerPage(a.slug));
    expect(gallery.indexOf('Chú thích hai')).toBeGreaterThan(-1);
    expect(gallery.indexOf('alt="Thứ hai"')).toBeLessThan(gallery.indexOf('alt="Ảnh"'));
    expect((await adminPost(editor, `/admin/bai-viet/${a.id}/anh`, { action: 'remove', id: String(first) })).status).toBe(200);
    gallery = galleryOf(await readerPage(a.slug));
    expect(gallery).not.toContain('alt="Ảnh"');
  });

  it('refuses without alt text, without files, and an unknown action: each its status and message, nothing added', async () => {
    const a = await article('Bài lỗi ảnh');
    const photo = await gradientPng(400, 300);
    const noAlt = await upload(editor, a.id, [{ bytes: photo, name: 'a.jpg' }], { alt: ' ', caption: '' });
    expect(noAlt.status).toBe(422);
    expect(await noAlt.text()).toContain(GALLERY.altRequired);
    const none = await upload(editor, a.id, [], { alt: 'Có', caption: '' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain(GALLERY.noFiles);
    const unknown = await adminPost(editor, `/admin/bai-viet/${a.id}/anh`, { action: 'xoay', id: '1' });
    expect(unknown.status).toBe(400);
    expect(galleryOf(await readerPage(a.slug))).toBe('');
  });

  it('keeps a photo over 6 MP sent without JavaScript as uploaded, without copies, and tells the editor so', async () => {
    const a = await article('Bài ảnh 12 MP');
    // What a browser without the shrinking script sends: the header says 4000 x 3000 (never decoded here).
    const res = await upload(editor, a.id, [{ bytes: await pngClaiming(4000, 3000), name: 'lon.png' }], { alt: 'Toàn cảnh hội nghị', caption: 'Ảnh lớn' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`${GALLERY.added(1)} ${GALLERY.keptLarge}`);
    expect(page).toContain('Ảnh lớn hơn 6 MP được giữ nguyên; chưa có các cỡ nhỏ cho điện thoại. Bật JavaScript hoặc thu nhỏ ảnh trước khi tải lên.');
    // The gallery page marks the photo on later visits too.
    const later = await (await at(`${ADMIN}/admin/bai-viet/${a.id}/anh`, { headers: { Cookie: editor.cookie, ...PAGE } })).text();
    expect(later).toContain(GALLERY.largeNote);
    expect(later).toContain('src="/admin/shrink-photos.js"');
    expect(later).toMatch(/<input type="file" id="files" name="files" multiple data-shrink-photos/);
    // Readers get the original in src, no srcset, its real size reserved.
    const [img] = [...galleryOf(await readerPage(a.slug)).matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(img).toMatch(/src="\/media\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png"/);
    expect(img).not.toContain('srcset');
    expect(img).toContain('width="4000"');
    expect(img).toContain('height="3000"');
    // A small photo in the same gallery is not marked.
    await upload(editor, a.id, [{ bytes: await gradientPng(400, 300), name: 'nho.png' }], { alt: 'Nhỏ', caption: '' });
    const both = await (await at(`${ADMIN}/admin/bai-viet/${a.id}/anh`, { headers: { Cookie: editor.cookie, ...PAGE } })).text();
    expect(both.match(/data-large-photo/g)).toHaveLength(1);
  });

  it('an empty alt on edit is 422; another article\'s image is 404; a contributor on an article not theirs is 403', async () => {
    const a = await article('Bài một');
    const b = await article('Bài hai');
    await upload(editor, a.id, [{ bytes: await gradientPng(400, 300), name: 'a.jpg' }], { alt: 'Ảnh A', caption: '' });
    const [image] = ids(await (await at(`${ADMIN}/admin/bai-viet/${a.id}/anh`, { headers: { Cookie: editor.cookie, ...PAGE } })).text());
    const empty = await adminPost(editor, `/admin/bai-viet/${a.id}/anh`, { action: 'save', id: String(image), alt: '', caption: 'x' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(GALLERY.altRequired);
    const elsewhere = await adminPost(editor, `/admin/bai-viet/${b.id}/anh`, { action: 'remove', id: String(image) });
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toContain(GALLERY.gone);
    const refused = await adminPost(contributor, `/admin/bai-viet/${a.id}/anh`, { action: 'remove', id: String(image) });
    expect(refused.status).toBe(403);
    expect(galleryOf(await readerPage(a.slug))).toContain('alt="Ảnh A"');
  });
});
