// An article's cover picked from the media library (the cover fieldset's "Chọn ảnh từ thư viện" sets the
// form's hidden cover_key), on the built Worker: a commune's editor working on the platform host saves an
// item of the commune's library as cover (one library row, now used as the cover), and a key of ANOTHER
// site's library item is refused at the cover field on create and on edit, saving nothing.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { BODY_PHOTOS } from '../../site/admin/strings.ts';
import { ADMIN, adminGet, adminPost, at, PAGE, sessionFor, type AdminSession } from '../support/cross-site.ts';
import { gradientPng } from '../support/png-bytes.ts';
import { freshSite } from '../support/reading-lists.ts';

const NOT_STORED = 'Không tìm thấy ảnh bìa này trong kho ảnh. Vui lòng tải ảnh lại.';
const province = await freshSite('bia-thu-vien-tinh');
const commune = await createSite(database(env.DB), { name: `Xã thử ảnh bìa ${province.id}`, hosts: [`xa-${province.host}`], parentId: province.id });
const other = await freshSite('bia-thu-vien-khac');
const editor = await sessionFor([[commune.id, 'editor']], commune.id);
const otherEditor = await sessionFor([[other.id, 'editor']], other.id);
const photo = await gradientPng(320, 240);
const category = (await env.DB.prepare('SELECT slug FROM categories WHERE site_id = ? ORDER BY position').bind(commune.id).first<{ slug: string }>())!.slug;

interface Item { id: number; key: string; alt: string; caption: string }

/** A library upload as the editor's photo script sends it (multipart, CSRF header), on the platform host. */
async function uploadItem(s: AdminSession, alt: string, caption: string): Promise<Item> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ alt, caption })) body.set(k, v);
  body.set('file', new File([photo], 'bia.png', { type: 'image/png' }));
  const res = await at(`${ADMIN}/admin/thu-vien/tai-len`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, 'X-CSRF-Token': s.csrf, ...PAGE }, body });
  if (res.status !== 201) throw new Error(`upload ${res.status}: ${await res.text()}`);
  return (await res.json()) as Item;
}

/** The article form as the browser posts it once the picker filled cover_key, alt and caption (no file). */
const fields = (title: string, item: Pick<Item, 'key' | 'alt' | 'caption'>, version = '') => ({
  action: 'save', version, title, slug: '', summary: '', category, tags: '', body: 'Nội dung.', byline: '', publish_at: '',
  cover_key: item.key, cover_alt: item.alt, cover_caption: item.caption,
});
const articleByTitle = (title: string) =>
  env.DB.prepare('SELECT id, site_id, cover_key, cover_alt, version FROM articles WHERE title = ?').bind(title).first<{ id: number; site_id: number; cover_key: string | null; cover_alt: string; version: number }>();
const libraryRows = async (siteId: number, key: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM media WHERE site_id = ? AND key = ?').bind(siteId, key).first<{ n: number }>())!.n;

describe('a cover picked from the library', () => {
  it('a commune editor on the platform host saves the commune\'s own library item as cover; the item is not registered twice and shows the cover as a use', async () => {
    const item = await uploadItem(editor, 'Cổng làng văn hóa', 'Ảnh: Xã thử');
    const title = `Bài có ảnh đại diện từ thư viện ${item.id}`;
    const res = await adminPost(editor, '/admin/bai-viet/moi', fields(title, item));
    expect(res.status, await res.clone().text()).toBe(303);
    const row = (await articleByTitle(title))!;
    expect(row).toMatchObject({ site_id: commune.id, cover_key: item.key, cover_alt: 'Cổng làng văn hóa' });
    expect(await libraryRows(commune.id, item.key)).toBe(1);
    const page = await (await adminGet(editor, `/admin/thu-vien/${item.id}`)).text();
    expect(page).toContain(`/admin/bai-viet/${row.id}`);
    // The edit form shows it through the admin's working-site path, and offers the library button (hidden until the script shows it).
    const form = await (await adminGet(editor, `/admin/bai-viet/${row.id}`)).text();
    expect(form).toContain(`src="/admin/thu-vien/anh/${item.key}"`);
    expect(form).toMatch(new RegExp(`<button[^>]*data-cover-library[^>]*hidden[^>]*>${BODY_PHOTOS.cover.button}</button>`));
  });

  it('another site\'s library item cannot be set as cover: the cover field\'s message, nothing saved, on create and on edit', async () => {
    const theirs = await uploadItem(otherEditor, 'Ảnh của trang khác', '');
    const title = `Bài mượn ảnh trang khác ${theirs.id}`;
    const refused = await adminPost(editor, '/admin/bai-viet/moi', fields(title, theirs));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(NOT_STORED);
    expect(await articleByTitle(title)).toBeNull();

    // The control: the same form with the commune's own item is saved; then an edit naming the other site's key is refused.
    const mine = await uploadItem(editor, 'Ảnh của xã', '');
    const ok = await adminPost(editor, '/admin/bai-viet/moi', fields(title, mine));
    expect(ok.status).toBe(303);
    const row = (await articleByTitle(title))!;
    const edit = await adminPost(editor, `/admin/bai-viet/${row.id}`, fields(title, theirs, String(row.version)));
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain(NOT_STORED);
    expect(await articleByTitle(title)).toMatchObject({ cover_key: mine.key, version: row.version });
    expect(await libraryRows(commune.id, theirs.key)).toBe(0);
  });
});
