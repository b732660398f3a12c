// The save-time alt check on the BUILT Worker (real admin pages): an article, a page (either language) or a
// document whose body has a photo without alt text is refused (422) with a Vietnamese message at the body
// naming the photo (its place and file), nothing is saved and the body typed is kept; with alt text it saves.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { BODY_PHOTOS } from '../../site/admin/strings.ts';
import { call, freshCategory, ORIGIN, unique } from '../support/api.ts';
import { freshIssuer } from '../support/documents.ts';

const db = database(env.DB);

async function editor() {
  const id = await createUser(db, { email: `${unique('anh')}@dongy.gov.vn`, name: 'Biên tập ảnh', role: 'editor', password: 'mat-khau-bien-tap-anh' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}
const who = editor();

async function post(path: string, fields: Record<string, string>) {
  const { cookie, csrfToken } = await who;
  const res = await call(path, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfToken, ...fields }).toString(),
  });
  return { status: res.status, text: await res.text() };
}

const BODY = 'Hội nghị tổng kết.\n\n![Toàn cảnh hội nghị](/media/2026/11/a.jpg "Sáng 29/11")\n\n![](/media/2026/11/anh.jpg "Đại biểu phát biểu")\n';
const DESCRIBED = BODY.replace('![]', '![Đại biểu phát biểu]');
const MESSAGE = BODY_PHOTOS.noAlt(2, '…/anh.jpg');
// The message as the page writes it inside <p class="field-error">: Astro escapes nothing in it but quotes.
const shown = (text: string) => text.includes(`>${MESSAGE}</p>`);
const count = async (sql: string, value: string) => (await env.DB.prepare(sql).bind(value).first<{ n: number }>())!.n;

it('article: refused at the body naming the photo, nothing saved, the body kept; saved once described', async () => {
  const title = `Bài có ảnh ${unique('a')}`;
  const fields = { title, category: await freshCategory(), action: 'save' };
  const refused = await post('/admin/bai-viet/moi', { ...fields, body: BODY });
  expect(refused.status).toBe(422);
  expect(shown(refused.text), refused.text.slice(0, 300)).toBe(true);
  expect(refused.text).toContain('/media/2026/11/anh.jpg &quot;Đại biểu phát biểu&quot;)');
  expect(await count('SELECT count(*) AS n FROM articles WHERE title = ?', title)).toBe(0);
  expect((await post('/admin/bai-viet/moi', { ...fields, body: DESCRIBED })).status).toBe(303);
  expect(await count('SELECT count(*) AS n FROM articles WHERE title = ?', title)).toBe(1);
});

it('page: refused for a photo without alt in the Vietnamese or the English body', async () => {
  const base = { title: `Giới thiệu ${unique('p')}`, slug: unique('gioi-thieu'), summary: '', slugEn: '', titleEn: '', summaryEn: '', bodyEn: '', action: 'save' };
  const refused = await post('/admin/trang/moi', { ...base, body: BODY });
  expect(refused.status).toBe(422);
  expect(shown(refused.text)).toBe(true);
  const english = await post('/admin/trang/moi', { ...base, body: 'Không có ảnh.', slugEn: unique('about'), titleEn: 'About', bodyEn: '![ ](/media/2026/11/en.jpg)' });
  expect(english.status).toBe(422);
  expect(english.text).toContain(`>${BODY_PHOTOS.noAlt(1, '…/en.jpg')}</p>`);
  expect(await count('SELECT count(*) AS n FROM pages WHERE slug = ?', base.slug)).toBe(0);
  expect((await post('/admin/trang/moi', { ...base, body: DESCRIBED })).status).toBe(303);
});

it('document: refused at the body naming the photo; saved once described', async () => {
  const issuer = await freshIssuer();
  const issuerId = (await env.DB.prepare('SELECT id FROM document_terms WHERE slug = ?').bind(issuer).first<number>('id'))!;
  const typeId = (await env.DB.prepare("SELECT id FROM document_terms WHERE site_id = 1 AND kind = 'type' AND slug = 'quyet-dinh'").first<number>('id'))!;
  const number = `${Math.floor(Math.random() * 9e5)}/QĐ-UBND`;
  const fields = { number, type: String(typeId), issuer: String(issuerId), issued_on: '2026-11-02', summary: 'Về việc tổ chức hội nghị', action: 'save' };
  const refused = await post('/admin/van-ban/moi', { ...fields, body: BODY });
  expect(refused.status).toBe(422);
  expect(shown(refused.text)).toBe(true);
  expect(await count('SELECT count(*) AS n FROM documents WHERE number = ?', number)).toBe(0);
  expect((await post('/admin/van-ban/moi', { ...fields, body: DESCRIBED })).status).toBe(303);
});
