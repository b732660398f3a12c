// Probes of issue 12's reader and admin pages on the built Worker, from outside (red team): markup typed
// into a page's titles and summaries in both languages, a 1 MB body, and admin writes without the CSRF token.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { call, ORIGIN, unique } from '../support/api.ts';

async function session() {
  const db = database(env.DB);
  const id = await createUser(db, { email: `${unique('p')}@dongy.gov.vn`, name: 'Biên tập thử', role: 'editor', password: 'mat-khau-bien-tap-thu' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}

async function post(path: string, fields: Record<string, string>, csrf = true) {
  const { cookie, csrfToken } = await session();
  const res = await call(path, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...(csrf ? { _csrf: csrfToken } : {}), ...fields }).toString(),
  });
  return { status: res.status, location: res.headers.get('Location') ?? '', text: await res.text() };
}

const XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

describe('pages', () => {
  it('markup typed into the titles and summaries of both languages is shown as text on /trang, /en, the footer and the sitemap', async () => {
    const slug = unique('xss');
    const slugEn = unique('xss-en');
    const made = await post('/admin/trang/moi', {
      title: `Trang ${XSS}`, slug, summary: `Tóm tắt ${XSS}`, body: `Nội dung ${XSS}`,
      slugEn, titleEn: `Page ${XSS}`, summaryEn: `Summary ${XSS}`, bodyEn: `Body ${XSS}`, action: 'publish',
    });
    expect(made.status, made.text.slice(0, 300)).toBe(303);
    for (const path of [`/trang/${slug}`, `/en/${slugEn}`, '/', '/sitemap.xml']) {
      const res = await call(path, { headers: { Accept: 'text/html' } });
      // Attribute values (quotes escaped, so they cannot end early) hold the markup as text: drop them, then
      // no element of the markup may be left.
      const text = (await res.text()).replace(/="[^"]*"/g, '=""');
      expect(res.status, path).toBe(200);
      expect(text, path).not.toContain('<script>alert(1)');
      expect(text, path).not.toMatch(/<img[^>]+onerror/i);
    }
  });

  it('a 1 MB body is refused with a Vietnamese message, never a 5xx', async () => {
    const res = await post('/admin/trang/moi', { title: 'Trang rất dài', slug: unique('dai'), summary: '', body: 'a'.repeat(1_048_576), action: 'save' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('admin writes without the CSRF token', () => {
  for (const [path, fields] of [
    ['/admin/noi-bat', { action: 'pin', id: '1' }],
    ['/admin/menu', { action: 'add', kind: 'link', url: '/x', label: 'X' }],
    ['/admin/the', { action: 'merge', from: '1', into: '2' }],
    ['/admin/bai-viet/1/tra-lai', { reason: 'Sửa lại', version: '1' }],
    ['/admin/bai-viet/1/lien-quan', { action: 'add', id: '2' }],
    ['/admin/nhat-ky', { 'so-ngay': '30' }],
  ] as const) {
    it(`${path} is refused (403)`, async () => {
      expect((await post(path, fields, false)).status).toBe(403);
    });
  }
});
