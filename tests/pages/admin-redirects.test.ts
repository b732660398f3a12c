// /admin/chuyen-huong through the BUILT Worker (real middleware, Astro pages, edge cache): editors list,
// search, page, add, edit and delete the working site's redirects, and readers see each change at once;
// every refusal (junk, admin path, itself, a loop of two, a non-http target, a taken old path) is shown in
// Vietnamese at its field with a 4xx; a live page warns; contributors get 403; another site's row is not found.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCategories } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { insertRedirect, oldPathOf, redirectByFrom, upsertRedirect } from '../../functions/data/redirects.ts';
import { createSite, type SiteDetails } from '../../functions/data/sites.ts';
import { REDIRECTS } from '../../site/admin/strings.ts';
import { unique } from '../support/api.ts';
import { adminGet, adminPost, at, sessionFor, type AdminSession } from '../support/cross-site.ts';

const PAGE = '/admin/chuyen-huong';
const db = database(env.DB);

const person = (siteId: number, role: 'admin' | 'editor' | 'contributor') => sessionFor([[siteId, role]], siteId);
const add = (p: AdminSession, from: string, to: string) => adminPost(p, PAGE, { action: 'add', from, to });

/** Astro escapes text; the messages here have no markup characters but quotes. */
const shown = (html: string, text: string) => html.includes(text.replaceAll('"', '&quot;'));

let s: SiteDetails;
let origin: string;
let editor: AdminSession;

beforeAll(async () => {
  s = await createSite(db, { name: `Xã chuyển hướng ${unique('c')}`, hosts: [`${unique('xa-ch')}.test`] });
  origin = `http://${s.hosts[0]}`;
  editor = await person(s.id, 'editor');
});

describe('an editor\'s redirects', () => {
  it('adds one from a full old URL; readers get the 301 at once; the list shows it as the editor\'s; the write is audited', async () => {
    const old = `/tin-tuc/${unique('bai-cu')}.html`;
    const reader = await at(origin + old);
    expect(reader.status).toBe(301); // the canonical spelling, before the redirect exists
    expect(reader.headers.get('Location')).toBe(old.replace(/\.html$/, ''));

    const res = await add(editor, `http://dongy.gov.vn${old}#binh-luan`, '/bai-viet/moi');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(shown(html, REDIRECTS.added(old))).toBe(true);
    expect(html).toMatch(new RegExp(`<tr id="chuyen-huong-\\d+" data-origin="admin">\\s*<td><code>${old.replaceAll('.', '\\.')}</code>`));
    expect(shown(html, REDIRECTS.originLabel.admin)).toBe(true);

    const moved = await at(origin + old);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`${origin}/bai-viet/moi`);
    const row = await redirectByFrom(db, s.id, old);
    expect(row).toMatchObject({ origin: 'admin', createdBy: editor.userId });
    const audit = await env.DB.prepare(`select action, subject from audit_log where site_id = ? and action = 'redirect.created' order by id desc limit 1`).bind(s.id).first<{ action: string; subject: string }>();
    expect(audit?.subject).toBe(`redirect:${row!.id}`);
  });

  it('refuses junk, an admin path, itself, a loop of two, a non-http target and a taken old path, each at its field', async () => {
    const a = `/${unique('a')}`;
    const b = `/${unique('b')}`;
    expect((await add(editor, a, b)).status).toBe(200);
    const cases: [string, string, keyof typeof REDIRECTS.problem, 'from' | 'to'][] = [
      ['bai-viet/khong-gach', '/x', 'from-invalid', 'from'],
      ['/admin/bai-viet', '/x', 'from-reserved', 'from'],
      [`/${unique('c')}`, 'javascript:alert(1)', 'to-scheme', 'to'],
      [`/${unique('c')}`, 'ftp://dongy.gov.vn/tep', 'to-scheme', 'to'],
      [`/${unique('c')}`, 'khong phai dia chi', 'to-invalid', 'to'],
      [b, b, 'self', 'to'],
      [`${origin}${b}`, `${origin}${b}`, 'self', 'to'],
      [b, a, 'loop', 'to'],
      [a, '/khac', 'taken', 'from'],
    ];
    for (const [from, to, problem, field] of cases) {
      const res = await add(editor, from, to);
      expect(res.status, `${from} -> ${to}`).toBe(422);
      const html = await res.text();
      expect(shown(html, REDIRECTS.problem[problem]), problem).toBe(true);
      expect(html, problem).toMatch(new RegExp(`<input id="${field}"[^>]*aria-invalid="true"`));
      // What was typed is kept.
      expect(html, problem).toContain(`value="${from.replaceAll('&', '&amp;')}"`);
    }
  });

  it('warns (and saves) when the old path is a live page of the site', async () => {
    const [category] = await listCategories(db, s.id, new Date());
    const res = await add(editor, `/chuyen-muc/${category!.slug}`, '/bai-viet/moi-hon');
    expect(res.status).toBe(200);
    expect(shown(await res.text(), REDIRECTS.live)).toBe(true);
    expect(await redirectByFrom(db, s.id, `/chuyen-muc/${category!.slug}`)).not.toBeNull();
  });

  it('edits one (an imported one becomes the editor\'s) and deletes one; readers follow each change at once', async () => {
    const old = `/${unique('nhap')}`;
    // As an import writes it (no request for the path before, so nothing of it is cached yet).
    await db.batch([upsertRedirect(db, s.id, old, '/bai-viet/nhap-khau', 'import')]);
    const row = (await redirectByFrom(db, s.id, old))!;
    const list = await (await adminGet(editor, `${PAGE}?q=${encodeURIComponent(old.slice(1))}`)).text();
    expect(list).toContain(`data-origin="import"`);
    expect(shown(list, REDIRECTS.originLabel.import)).toBe(true);
    expect((await at(origin + old)).headers.get('Location')).toBe(`${origin}/bai-viet/nhap-khau`);

    const edit = await adminGet(editor, `${PAGE}/${row.id}`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain(`value="${old}"`);
    const saved = await adminPost(editor, `${PAGE}/${row.id}`, { action: 'save', from: old, to: '/lien-he' });
    expect(saved.status).toBe(200);
    expect(shown(await saved.text(), REDIRECTS.saved(old))).toBe(true);
    expect((await redirectByFrom(db, s.id, old))?.origin).toBe('admin');
    expect((await at(origin + old)).headers.get('Location')).toBe(`${origin}/lien-he`);

    const refused = await adminPost(editor, `${PAGE}/${row.id}`, { action: 'save', from: old, to: old });
    expect(refused.status).toBe(422);
    expect(shown(await refused.text(), REDIRECTS.problem.self)).toBe(true);

    const deleted = await adminPost(editor, `${PAGE}/${row.id}`, { action: 'delete' });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('Location')).toBe(`${PAGE}?thong-bao=da-xoa`);
    expect(shown(await (await adminGet(editor, `${PAGE}?thong-bao=da-xoa`)).text(), REDIRECTS.deletedNotice)).toBe(true);
    expect(await redirectByFrom(db, s.id, old)).toBeNull();
    expect((await at(origin + old)).status).toBe(404);
  });

  it('searches by path (Vietnamese typed as is) and pages newest first with a keyset cursor', async () => {
    const other = await createSite(db, { name: `Xã nhiều ${unique('n')}`, hosts: [`${unique('xa-nh')}.test`] });
    const admin = await person(other.id, 'admin');
    const base = Date.UTC(2024, 0, 1);
    const rows = Array.from({ length: 55 }, (_, i) => insertRedirect(db, other.id, `/cu/${i}`, `/moi/${i}`, null, new Date(base + i * 1000)));
    await db.batch([insertRedirect(db, other.id, oldPathOf('/tin-tức/cũ')!, '/bai-viet/tuc', null, new Date(base - 1000)), ...rows]);
    const first = await (await adminGet(admin, PAGE)).text();
    const paths = (html: string) => [...html.matchAll(/<tr id="chuyen-huong-\d+"[^>]*>\s*<td><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(paths(first)).toEqual(Array.from({ length: 50 }, (_, i) => `/cu/${54 - i}`));
    const next = /<a href="([^"]+)" rel="next">/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = await (await adminGet(admin, next)).text();
    expect(paths(second)).toEqual(['/cu/4', '/cu/3', '/cu/2', '/cu/1', '/cu/0', '/tin-t%E1%BB%A9c/c%C5%A9']);
    expect(second).not.toContain('rel="next"');
    expect(paths(await (await adminGet(admin, `${PAGE}?q=${encodeURIComponent('tin-tức')}`)).text())).toEqual(['/tin-t%E1%BB%A9c/c%C5%A9']);
    expect(shown(await (await adminGet(admin, `${PAGE}?q=khong-co-dau`)).text(), REDIRECTS.noMatch('khong-co-dau'))).toBe(true);
  });

  it('a WordPress "/?p=12" on the live home page answers 301; other query strings get the home page', async () => {
    expect((await add(editor, '/?p=12', '/bai-viet/p12')).status).toBe(200);
    const moved = await at(`${origin}/?p=12`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`${origin}/bai-viet/p12`);
    for (const q of ['?p=13', '?utm_source=facebook', '?fbclid=abc', '']) {
      const home = await at(`${origin}/${q}`);
      expect(home.status, q).toBe(200);
      expect(home.headers.get('Content-Type'), q).toMatch(/text\/html/);
    }
  });

  it('is closed to contributors, and another site\'s redirect is not found here', async () => {
    const contributor = await person(s.id, 'contributor');
    expect((await adminGet(contributor, PAGE)).status).toBe(403);
    expect((await add(contributor, `/${unique('x')}`, '/y')).status).toBe(403);
    const elsewhere = await createSite(db, { name: `Xã lạ ${unique('l')}`, hosts: [`${unique('xa-la')}.test`] });
    await db.batch([insertRedirect(db, elsewhere.id, '/cua-xa-la', '/bai-viet/x', null, new Date())]);
    const foreign = (await redirectByFrom(db, elsewhere.id, '/cua-xa-la'))!;
    expect((await adminGet(editor, `${PAGE}/${foreign.id}`)).status).toBe(404);
    expect((await adminPost(editor, `${PAGE}/${foreign.id}`, { action: 'delete' })).status).toBe(404);
    expect(await redirectByFrom(db, elsewhere.id, '/cua-xa-la')).not.toBeNull();
  });
});
