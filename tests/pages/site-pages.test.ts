// Static pages on the built Worker, written through the admin's forms (/admin/trang, the real pages and
// the pages' write service): /trang/{slug} in Vietnamese and /en/{slugEn} in English, each with <html
// lang>, hreflang alternates and the language switcher only when a translation exists, the reader UI in
// English on English pages (statistics box, breadcrumbs, header, 404), drafts never shown, a renamed
// slug's 301, a write seen at once through the edge cache, a page of one site unseen on another; and the
// admin form's refusals (bad English slug, taken slug, English without its body, a stale version, a
// contributor), each a 4xx with a Vietnamese message at its field and nothing typed lost.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createUser } from '../../functions/data/users.ts';
import { PAGES } from '../../site/admin/strings.ts';
import type { Role } from '../../schema/tables.ts';
import { call, ORIGIN, unique } from '../support/api.ts';
import { at } from '../support/cross-site.ts';

async function session(role: Role = 'editor') {
  const db = database(env.DB);
  const id = await createUser(db, { email: `${unique('p')}@dongy.gov.vn`, name: 'Biên tập thử', role, password: 'mat-khau-bien-tap-thu' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}

type Fields = Record<string, string>;
const editorSession = session();

async function post(path: string, fields: Fields, who?: { cookie: string; csrfToken: string }) {
  const { cookie, csrfToken } = who ?? (await editorSession);
  const res = await call(path, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfToken, ...fields }).toString(),
  });
  return { status: res.status, location: res.headers.get('Location') ?? '', text: await res.text() };
}

const fields = (over: Fields = {}): Fields => ({
  title: `Cơ cấu tổ chức ${unique('cc')}`, slug: unique('co-cau'), summary: 'Lãnh đạo và các phòng, ban', body: 'Văn phòng **HĐND và UBND**',
  slugEn: '', titleEn: '', summaryEn: '', bodyEn: '', action: 'publish', ...over,
});
const english = (over: Fields = {}) => fields({ slugEn: unique('organisation'), titleEn: 'Organisation structure', summaryEn: 'Leadership and divisions', bodyEn: 'The **Office** of the People\'s Committee', ...over });

/** Creates a page through /admin/trang/moi; its id, slugs and title. */
async function createPage(f: Fields) {
  const res = await post('/admin/trang/moi', f);
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  const id = Number(/\/admin\/trang\/(\d+)\?/.exec(res.location)![1]);
  return { id, slug: f.slug!, slugEn: f.slugEn!, title: f.title!, fields: f };
}

const page = async (path: string, origin = 'http://cms.test') => {
  const res = await at(origin + path, { headers: { Accept: 'text/html' } });
  return { status: res.status, text: await res.text(), res };
};
const htmlLang = (text: string) => /<html lang="([a-z]+)"/.exec(text)?.[1];

describe('a page with both languages', () => {
  it('the Vietnamese page: lang vi, hreflang vi/en/x-default, and a switcher to English marked lang="en"', async () => {
    const p = await createPage(english());
    const { status, text } = await page(`/trang/${p.slug}`);
    expect(status).toBe(200);
    expect(htmlLang(text)).toBe('vi');
    expect(text).toContain(`<link rel="alternate" hreflang="vi" href="http://cms.test/trang/${p.slug}">`);
    expect(text).toContain(`<link rel="alternate" hreflang="en" href="http://cms.test/en/${p.slugEn}">`);
    expect(text).toContain(`<link rel="alternate" hreflang="x-default" href="http://cms.test/trang/${p.slug}">`);
    expect(text).toMatch(new RegExp(`<a href="http://cms.test/en/${p.slugEn}" hreflang="en" lang="en" id="chuyen-ngon-ngu">English</a>`));
    expect(text).toContain('<strong>HĐND và UBND</strong>');
    expect(text).toContain('Thống kê truy cập');
  });

  it('the English page: lang en, its English text, and the reader UI in English (statistics, breadcrumbs, header, footer)', async () => {
    const p = await createPage(english());
    const { status, text } = await page(`/en/${p.slugEn}`);
    expect(status).toBe(200);
    expect(htmlLang(text)).toBe('en');
    expect(text).toContain('<h1 id="tieu-de">Organisation structure</h1>');
    expect(text).toContain('<strong>Office</strong>');
    expect(text).toContain(`<link rel="canonical" href="http://cms.test/en/${p.slugEn}">`);
    expect(text).toMatch(new RegExp(`<a href="http://cms.test/trang/${p.slug}" hreflang="vi" lang="vi" id="chuyen-ngon-ngu">Tiếng Việt</a>`));
    for (const words of ['Visitor statistics', 'Online now', 'Total visits', 'aria-label="Breadcrumbs"', '>Home<', 'Skip to content', '>Sign in<', 'Subscribe']) {
      expect(text, words).toContain(words);
    }
    for (const words of ['Thống kê truy cập', 'Đang truy cập', 'Tổng truy cập', 'Truy cập nội dung luôn']) expect(text, words).not.toContain(words);
    // The statistics step filled the numbers on the English page too.
    expect(text).not.toMatch(/data-stat="total">—</);
  });
});

describe('a page without English', () => {
  it('has no hreflang links and no switcher; /en/ of its slug is a 404 in English', async () => {
    const p = await createPage(fields());
    const { status, text } = await page(`/trang/${p.slug}`);
    expect(status).toBe(200);
    expect(text).not.toContain('hreflang=');
    expect(text).not.toContain('chuyen-ngon-ngu');
    const en = await page(`/en/${p.slug}`);
    expect(en.status).toBe(404);
    expect(htmlLang(en.text)).toBe('en');
    expect(en.text).toContain('Page not found');
    expect(en.text).toContain('Visitor statistics');
  });
});

describe('what readers never see', () => {
  it('a draft is 404 in both languages, and appears in no footer', async () => {
    const p = await createPage(english({ action: 'save' }));
    expect((await page(`/trang/${p.slug}`)).status).toBe(404);
    expect((await page(`/en/${p.slugEn}`)).status).toBe(404);
    expect((await page('/')).text).not.toContain(p.title);
  });

  it('unpublishing is seen at once through the edge cache (the write moved the generation)', async () => {
    const p = await createPage(fields());
    expect((await page(`/trang/${p.slug}`)).status).toBe(200);
    expect((await page(`/trang/${p.slug}`)).status).toBe(200);
    expect((await post(`/admin/trang/${p.id}`, { ...p.fields, action: 'unpublish', version: '1' })).status).toBe(303);
    expect((await page(`/trang/${p.slug}`)).status).toBe(404);
  });

  it('a page of one site is 404 on another site\'s host, in both languages', async () => {
    const other = await createSite(database(env.DB), { name: `Xã khác ${unique('x')}`, hosts: [`khac-${unique('h')}.test`] });
    const p = await createPage(english());
    const origin = `http://${other.hosts[0]}`;
    expect((await page(`/trang/${p.slug}`, origin)).status).toBe(404);
    expect((await page(`/en/${p.slugEn}`, origin)).status).toBe(404);
    expect((await page('/', origin)).text).not.toContain(p.title);
  });
});

describe('renamed and listed', () => {
  it('a renamed slug answers 301 to the new one', async () => {
    const p = await createPage(fields());
    const slug = unique('gioi-thieu');
    expect((await post(`/admin/trang/${p.id}`, { ...p.fields, slug, action: 'save', version: '1' })).status).toBe(303);
    const res = await call(`/trang/${p.slug}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('Location')).toBe(`/trang/${slug}`);
    expect((await page(`/trang/${slug}`)).status).toBe(200);
  });

  it('the footer links every published page; on English pages, the English ones by their English titles', async () => {
    const plain = await createPage(fields());
    const both = await createPage(english());
    const home = (await page('/')).text;
    expect(home).toContain(`<a href="/trang/${plain.slug}">${plain.title}</a>`);
    expect(home).toContain(`<a href="/trang/${both.slug}">${both.title}</a>`);
    const enPage = (await page(`/en/${both.slugEn}`)).text;
    expect(enPage).toContain(`<a href="/en/${both.slugEn}">Organisation structure</a>`);
    expect(enPage).not.toContain(`/trang/${plain.slug}"`);
  });
});

describe('the admin form refuses, at the field, in Vietnamese, keeping what was typed', () => {
  const M = PAGES.messages;
  const escaped = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

  it('an English slug that is not an ASCII slug (422)', async () => {
    const f = english({ slugEn: 'Giới Thiệu' });
    const res = await post('/admin/trang/moi', f);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`id="p-slug-en-loi">${M.slugEnInvalid}`);
    expect(res.text).toContain(`value="${f.title}"`);
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('English title or body missing when the English slug is set (422), and English text without its slug (422)', async () => {
    const res = await post('/admin/trang/moi', english({ bodyEn: '', titleEn: '' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain(M.bodyEnRequired);
    expect(res.text).toContain(M.titleEnRequired);
    const orphan = await post('/admin/trang/moi', fields({ bodyEn: 'English text' }));
    expect(orphan.status).toBe(422);
    expect(orphan.text).toContain(M.englishWithoutSlug);
    expect(orphan.text).toContain('English text</textarea>');
  });

  it('a slug or an English slug another page of the site uses (422)', async () => {
    const first = await createPage(english());
    const sameSlug = await post('/admin/trang/moi', fields({ slug: first.slug }));
    expect(sameSlug.status).toBe(422);
    expect(sameSlug.text).toContain(M.slugTaken);
    const sameEn = await post('/admin/trang/moi', english({ slugEn: first.slugEn }));
    expect(sameEn.status).toBe(422);
    expect(sameEn.text).toContain(M.slugEnTaken);
  });

  it('a stale version: 409 with both versions shown and the editor\'s text still in the form', async () => {
    const p = await createPage(english());
    expect((await post(`/admin/trang/${p.id}`, { ...p.fields, summary: 'Bản của người khác', action: 'save', version: '1' })).status).toBe(303);
    const mine = 'Bản của tôi, viết từ phiên bản cũ';
    const res = await post(`/admin/trang/${p.id}`, { ...p.fields, summary: mine, action: 'save', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain(PAGES.conflictTitle);
    expect(res.text).toContain('Bản của người khác');
    expect(res.text).toContain(`${escaped(mine)}</textarea>`);
    expect(res.text).toContain('name="version" value="2"');
  });

  it('a contributor may not manage pages (403)', async () => {
    const contributor = await session('contributor');
    expect((await post('/admin/trang/moi', fields(), contributor)).status).toBe(403);
    const list = await call('/admin/trang', { headers: { Cookie: contributor.cookie } });
    expect(list.status).toBe(403);
    expect(await list.text()).toContain(PAGES.forbidden);
  });
});
