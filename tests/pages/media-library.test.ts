// The media library's JSON endpoints on the built pages, as the editor's photo script calls them:
// POST /admin/thu-vien/tai-len (a body photo: stored with the cover checks, registered, 201 JSON) and
// GET /admin/thu-vien/tim (the picker's search: folded, newest first, keyset pages), with every refusal
// answering its status and Vietnamese `error`, and one site never seeing another's items.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MEDIA } from '../../site/admin/strings.ts';
import { mediaObjectKey } from '../../functions/media/object-key.ts';
import { ADMIN, at, PAGE, sessionFor, type AdminSession } from '../support/cross-site.ts';
import { gradientPng } from '../support/png-bytes.ts';
import { freshSite } from '../support/reading-lists.ts';

const site = await freshSite('thu-vien');
const other = await freshSite('thu-vien-khac');
const editor = await sessionFor([[site.id, 'editor']], site.id);
const contributor = await sessionFor([[site.id, 'contributor']], site.id);
const otherEditor = await sessionFor([[other.id, 'editor']], other.id);
const photo = await gradientPng(400, 300);

interface Item { id: number; key: string; url: string; thumbUrl: string; alt: string; caption: string; width: number; height: number; filename: string }

function upload(s: AdminSession, fields: Record<string, string>, file: { bytes: Uint8Array; name: string; type?: string } | null = { bytes: photo, name: 'lua.png' }, csrf = true) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (file) body.set('file', new File([file.bytes], file.name, { type: file.type ?? 'image/png' }));
  return at(`${ADMIN}/admin/thu-vien/tai-len`, { method: 'POST', headers: { Cookie: s.cookie, Origin: ADMIN, ...(csrf ? { 'X-CSRF-Token': s.csrf } : {}), ...PAGE }, body });
}
const search = (s: AdminSession, query: string) => at(`${ADMIN}/admin/thu-vien/tim${query}`, { headers: { Cookie: s.cookie, ...PAGE } });
const rowsOf = async (siteId: number) => (await env.DB.prepare('SELECT * FROM media WHERE site_id = ? ORDER BY id').bind(siteId).all<Record<string, unknown>>()).results;

describe('POST /admin/thu-vien/tai-len', () => {
  it('stores the photo, registers it with its alt, caption, file name and pixels, and answers 201 with the item', async () => {
    const res = await upload(contributor, { alt: '  Cánh đồng lúa Đồng Hỷ ', caption: 'Mùa gặt năm 2026' }, { bytes: photo, name: 'Đồng lúa.png' });
    expect(res.status).toBe(201);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    const item = (await res.json()) as Item;
    expect(item).toEqual({ id: expect.any(Number), key: expect.stringMatching(/^\d{4}\/\d{2}\/[^/]+\.png$/), url: `/media/${item.key}`, alt: 'Cánh đồng lúa Đồng Hỷ', caption: 'Mùa gặt năm 2026', width: 400, height: 300 });
    const row = (await rowsOf(site.id)).find((r) => r['id'] === item.id)!;
    expect(row).toMatchObject({ key: item.key, content_type: 'image/png', bytes: photo.byteLength, width: 400, height: 300, widths: '320', filename: 'Đồng lúa.png', created_by: contributor.userId });
    expect(row['search_text']).toBe('dong lua canh dong lua dong hy mua gat nam 2026');
    expect(await env.MEDIA.head(mediaObjectKey(site.id, item.key))).not.toBeNull();
    // Served on the site's own host at the URL the answer gives.
    expect((await at(`${site.origin}${item.url}`)).status).toBe(200);
  });

  it('refuses without alt text, with 5,000 characters of alt, without a file, a non-image named .jpg and a 10 MB+ file: each 4xx JSON, nothing stored', async () => {
    const before = (await rowsOf(site.id)).length;
    const cases: [Response, number, string][] = [
      [await upload(editor, { alt: '   ' }), 422, MEDIA.altRequired],
      [await upload(editor, { alt: 'ả'.repeat(5000) }), 422, MEDIA.altTooLong(250)],
      [await upload(editor, { alt: 'Ảnh' }, null), 422, MEDIA.noFile],
      [await upload(editor, { alt: 'Ảnh' }, { bytes: new TextEncoder().encode('<html>not a photo</html>'), name: 'anh.jpg', type: 'image/jpeg' }), 422, 'không phải ảnh JPEG, PNG, WebP, AVIF hoặc GIF (dù tên tệp có đuôi .jpg)'],
      [await upload(editor, { alt: 'Ảnh' }, { bytes: new Uint8Array(10 * 1024 * 1024 + 1), name: 'to.jpg' }), 413, 'Dung lượng tối đa là 10 MB'],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    }
    expect((await rowsOf(site.id)).length).toBe(before);
  });

  it('refuses a post without the CSRF token (403)', async () => {
    const res = await upload(editor, { alt: 'Ảnh' }, undefined, false);
    expect(res.status).toBe(403);
  });

  it('20 uploads at once: 20 objects, 20 rows, 20 distinct keys', async () => {
    const fresh = await freshSite('thu-vien-dong-thoi');
    const s = await sessionFor([[fresh.id, 'editor']], fresh.id);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => upload(s, { alt: `Ảnh số ${i}` }, { bytes: photo, name: `anh-${i}.png` })));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const items = (await Promise.all(answers.map((r) => r.json()))) as Item[];
    const rows = await rowsOf(fresh.id);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r['key']))).toEqual(new Set(items.map((i) => i.key)));
  });
});

describe('GET /admin/thu-vien/tim', () => {
  it('finds "dong hy" in "Đồng Hỷ" (and the other way), newest first, with the thumbnail copy', async () => {
    const s = await freshSite('thu-vien-tim');
    const me = await sessionFor([[s.id, 'contributor']], s.id);
    const old = (await (await upload(me, { alt: 'Chợ Đồng Hỷ', caption: '' })).json()) as Item;
    await upload(me, { alt: 'Trường học', caption: 'Khai giảng' });
    const recent = (await (await upload(me, { alt: 'Hội nghị', caption: 'Tại huyện Đồng Hỷ' })).json()) as Item;
    for (const q of ['dong hy', 'ĐỒNG HỶ', 'hy dong']) {
      const res = await search(me, `?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Item[]; next: string | null };
      expect(body.items.map((i) => i.id)).toEqual([recent.id, old.id]);
      expect(body.next).toBeNull();
    }
    const [first] = ((await (await search(me, '?q=hoi+nghi')).json()) as { items: Item[] }).items;
    expect(first).toMatchObject({ id: recent.id, url: `/media/${recent.key}`, thumbUrl: `/admin/thu-vien/anh/${recent.key}.w320.webp`, alt: 'Hội nghị', caption: 'Tại huyện Đồng Hỷ', width: 400, height: 300, filename: 'lua.png' });
  });

  it('pages 20 at a time with a cursor, and a 60-character Vietnamese query (over 50 bytes folded) answers 200, not a D1 error', async () => {
    const s = await freshSite('thu-vien-trang');
    const me = await sessionFor([[s.id, 'editor']], s.id);
    for (let i = 0; i < 21; i++) expect((await upload(me, { alt: `Ảnh trang ${i}` })).status).toBe(201);
    const one = (await (await search(me, '')).json()) as { items: Item[]; next: string };
    expect(one.items).toHaveLength(20);
    expect(one.items[0]!.alt).toBe('Ảnh trang 20');
    const two = (await (await search(me, `?cursor=${one.next}`)).json()) as { items: Item[]; next: string | null };
    expect(two.items.map((i) => i.alt)).toEqual(['Ảnh trang 0']);
    expect(two.next).toBeNull();
    const long = 'Ủy ban nhân dân huyện Đồng Hỷ tổ chức hội nghị tổng kết năm'.padEnd(60, 'ữ');
    const res = await search(me, `?q=${encodeURIComponent(long)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: Item[] }).items).toEqual([]);
    const bad = await search(me, '?cursor=khong-hop-le!');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(MEDIA.badCursor);
  });

  it('never shows another site\'s items', async () => {
    await upload(editor, { alt: `Riêng của trang một ${site.id}` });
    const body = (await (await search(otherEditor, `?q=${encodeURIComponent(`Riêng của trang một ${site.id}`)}`)).json()) as { items: Item[] };
    expect(body.items).toEqual([]);
    const mine = (await (await search(editor, `?q=${encodeURIComponent(`Riêng của trang một ${site.id}`)}`)).json()) as { items: Item[] };
    expect(mine.items).toHaveLength(1);
  });
});
