// The media library's pages on the built Worker, without JavaScript: /admin/thu-vien lists, searches
// (folded) and uploads; /admin/thu-vien/{id} shows the Markdown line, edits alt and caption, lists where
// the item is used, refuses to delete a used item (with the list), deletes an unused one with its
// objects, and replaces the file everywhere it is currently used (revisions keep the old key). One
// site's editor never reaches another site's item.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MEDIA } from '../../site/admin/strings.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { ADMIN, adminGet, adminPost, at, json, PAGE, sessionFor, tokenOf, type AdminSession } from '../support/cross-site.ts';
import { gradientPng } from '../support/png-bytes.ts';
import { freshSite } from '../support/reading-lists.ts';

const site = await freshSite('thu-vien-trang-quan-tri');
const other = await freshSite('thu-vien-trang-khac');
const editor = await sessionFor([[site.id, 'editor']], site.id);
const contributor = await sessionFor([[site.id, 'contributor']], site.id);
const otherEditor = await sessionFor([[other.id, 'editor']], other.id);
const token = await tokenOf(site.id, 'read write');
const photo = await gradientPng(400, 300);

interface Item { id: number; key: string }

async function uploadItem(s: AdminSession, alt: string, caption = ''): Promise<Item> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ alt, caption })) body.set(k, v);
  body.set('file', new File([photo], 'anh.png', { type: 'image/png' }));
  const res = await at(`${ADMIN}/admin/thu-vien/tai-len`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, 'X-CSRF-Token': s.csrf, ...PAGE }, body });
  if (res.status !== 201) throw new Error(`upload ${res.status}`);
  return (await res.json()) as Item;
}
function postFile(s: AdminSession, path: string, fields: Record<string, string>, file: Uint8Array | null) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ _csrf: s.csrf, ...fields })) body.set(k, v);
  if (file) body.set('file', new File([file], 'moi.png', { type: 'image/png' }));
  return at(ADMIN + path, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, ...PAGE }, body });
}
async function article(title: string, extra: Record<string, unknown>) {
  const res = await at(`${site.origin}/api/v1/articles`, json('POST', token, { title, body: 'Nội dung.', category: site.categorySlugs[0], status: 'published', ...extra }));
  if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: number; slug: string };
}
const articleRow = async (id: number) => (await env.DB.prepare('SELECT cover_key, body_markdown, version FROM articles WHERE id = ?').bind(id).first<{ cover_key: string; body_markdown: string; version: number }>())!;
const itemRow = (id: number) => env.DB.prepare('SELECT * FROM media WHERE id = ?').bind(id).first<Record<string, unknown>>();

describe('/admin/thu-vien', () => {
  it('uploads without JavaScript (303 to the item, whose page shows the Markdown line), lists it and finds it folded', async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({ _csrf: contributor.csrf, alt: 'Chợ phiên Đồng Hỷ', caption: 'Sáng chủ nhật "đông vui"' })) body.set(k, v);
    body.set('file', new File([photo], 'cho-phien.png', { type: 'image/png' }));
    const res = await at(`${ADMIN}/admin/thu-vien`, { method: 'POST', headers: { Cookie: contributor.cookie, Origin: ADMIN, ...PAGE }, body });
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(/^\/admin\/thu-vien\/\d+\?thong-bao=da-tai-len$/);
    const page = await (await adminGet(contributor, location)).text();
    expect(page).toContain(MEDIA.uploaded);
    const key = /src="\/admin\/thu-vien\/anh\/([^"]+\.png)"/.exec(page)![1]!;
    expect(page).toContain(`value="![Chợ phiên Đồng Hỷ](/media/${key} &quot;Sáng chủ nhật \\&quot;đông vui\\&quot;&quot;)"`);
    const found = await (await adminGet(contributor, '/admin/thu-vien?q=dong+hy')).text();
    expect(found).toContain('Chợ phiên Đồng Hỷ');
    expect(found).toContain(`/admin/thu-vien/anh/${key}.w320.webp`);
    expect(found).toContain('cho-phien.png');
    expect(found).toContain('400 × 300');
    const none = await adminGet(contributor, '/admin/thu-vien?q=khong+co+dau');
    expect(await none.text()).toContain(MEDIA.noMatch('khong co dau'));
  });

  it('refuses an upload without alt text (422, the message on the page, nothing stored) and a bad cursor (400)', async () => {
    const before = (await env.DB.prepare('SELECT count(*) AS n FROM media WHERE site_id = ?').bind(site.id).first<{ n: number }>())!.n;
    const res = await postFile(editor, '/admin/thu-vien', { alt: '  ', caption: '' }, photo);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(MEDIA.altRequired);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM media WHERE site_id = ?').bind(site.id).first<{ n: number }>())!.n).toBe(before);
    expect((await adminGet(editor, '/admin/thu-vien?cursor=%21%21')).status).toBe(400);
  });
});

describe('/admin/thu-vien/{id}', () => {
  it('saves alt text and caption; refuses an empty alt (422)', async () => {
    const item = await uploadItem(editor, 'Cũ');
    const saved = await adminPost(editor, `/admin/thu-vien/${item.id}`, { action: 'save', alt: 'Mới', caption: 'Chú thích mới' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain(MEDIA.saved);
    expect(await itemRow(item.id)).toMatchObject({ alt: 'Mới', caption: 'Chú thích mới', search_text: 'anh moi chu thich moi' });
    const empty = await adminPost(editor, `/admin/thu-vien/${item.id}`, { action: 'save', alt: '', caption: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(MEDIA.altRequired);
  });

  it('lists where it is used and refuses to delete it (409 with the list); deletes an unused one with its objects and an audit entry', async () => {
    const used = await uploadItem(editor, 'Đang dùng');
    const a = await article('Bài dùng ảnh thư viện', { body: `![Đang dùng](/media/${used.key})` });
    const page = await (await adminGet(editor, `/admin/thu-vien/${used.id}`)).text();
    expect(page).toContain(`href="/admin/bai-viet/${a.id}"`);
    expect(page).toContain(`${MEDIA.useKind['article-body']}: Bài dùng ảnh thư viện`);
    const refused = await adminPost(editor, `/admin/thu-vien/${used.id}`, { action: 'delete' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(MEDIA.inUse);
    expect(await itemRow(used.id)).not.toBeNull();

    const unused = await uploadItem(editor, 'Không dùng');
    const deleted = await adminPost(editor, `/admin/thu-vien/${unused.id}`, { action: 'delete' });
    expect(deleted.status).toBe(303);
    expect(await itemRow(unused.id)).toBeNull();
    expect(await env.MEDIA.head(mediaObjectKey(site.id, unused.key))).toBeNull();
    expect(await env.MEDIA.head(mediaObjectKey(site.id, `${unused.key}.w320.webp`))).toBeNull();
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE site_id = ? AND subject = ?").bind(site.id, `media:${unused.id}`).first<{ action: string }>();
    expect(audit?.action).toBe('media.deleted');
  });

  it('a contributor edits and deletes only their own items (403 on another\'s) and cannot replace', async () => {
    const theirs = await uploadItem(editor, 'Của biên tập');
    expect((await adminPost(contributor, `/admin/thu-vien/${theirs.id}`, { action: 'delete' })).status).toBe(403);
    expect((await adminPost(contributor, `/admin/thu-vien/${theirs.id}`, { action: 'save', alt: 'Đổi', caption: '' })).status).toBe(403);
    expect((await postFile(contributor, `/admin/thu-vien/${theirs.id}`, { action: 'replace' }, photo)).status).toBe(403);
    const mine = await uploadItem(contributor, 'Của cộng tác viên');
    expect((await adminPost(contributor, `/admin/thu-vien/${mine.id}`, { action: 'delete' })).status).toBe(303);
  });

  it('replace: a new key, the article\'s cover and body move to it in a new revision, the old object stays for the revisions', async () => {
    const item = await uploadItem(editor, 'Ảnh bìa');
    const a = await article('Bài có ảnh sẽ thay', { cover: { key: item.key, alt: 'Ảnh bìa' }, body: `Xem ![Ảnh bìa](/media/${item.key})` });
    const before = await articleRow(a.id);
    const res = await postFile(editor, `/admin/thu-vien/${item.id}`, { action: 'replace' }, await gradientPng(500, 300));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(MEDIA.replaced(1));
    const row = (await itemRow(item.id))!;
    expect(row['key']).not.toBe(item.key);
    expect(row).toMatchObject({ width: 500, height: 300, alt: 'Ảnh bìa' });
    const after = await articleRow(a.id);
    expect(after.cover_key).toBe(row['key']);
    expect(after.body_markdown).toContain(`/media/${row['key'] as string}`);
    expect(after.body_markdown).not.toContain(item.key);
    expect(after.version).toBe(before.version + 1);
    expect(await env.MEDIA.head(mediaObjectKey(site.id, item.key))).not.toBeNull();
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE site_id = ? AND subject = ?").bind(site.id, `media:${item.id}`).first<{ action: string }>();
    expect(audit?.action).toBe('media.replaced');
    // The reader page shows the new file at once.
    expect(await (await at(`${site.origin}/bai-viet/${a.slug}`, { headers: PAGE })).text()).toContain(`/media/${row['key'] as string}`);
  });

  it('another site\'s editor gets 404 on the item and cannot delete it', async () => {
    const item = await uploadItem(editor, 'Riêng trang này');
    expect((await adminGet(otherEditor, `/admin/thu-vien/${item.id}`)).status).toBe(404);
    expect((await adminPost(otherEditor, `/admin/thu-vien/${item.id}`, { action: 'delete' })).status).toBe(404);
    expect(await itemRow(item.id)).not.toBeNull();
    expect(await (await adminGet(otherEditor, '/admin/thu-vien')).text()).not.toContain('Riêng trang này');
  });
});
