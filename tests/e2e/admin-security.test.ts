// Issue 5, the admin's defences in real Chromium: failed sign-ins are limited (per account for browsers
// without a device cookie, while the rightful user's browser still signs in) with a Vietnamese retry
// message; a form posted from another origin is refused and changes nothing; signed-out visitors
// reach no admin page and no write API; a disabled account's open session ends at its next request,
// as does a signed-out one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { apiWrite, serve, uniqueWord, type Served } from '../support/served.ts';
import { createAccounts, csrfTokenOf, newPerson, signIn, type Account } from '../support/admin.ts';

let served: Served;
let browser: Browser;
let admin: Account;
let editor: Account;
let lockedOut: Account;
let neighbour: Account;
let disabled: Account;
const contexts: BrowserContext[] = [];

/** Another origin on the same machine (same site, other port): the attacker's pages. */
let attacker: Server;
let attackerUrl: string;
const attackerPages = new Map<string, string>();

beforeAll(async () => {
  attacker = createServer((req, res) => {
    const html = attackerPages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  [served, browser] = await Promise.all([serve(), launchBrowser()]);
  [admin, editor, lockedOut, neighbour, disabled] = (await createAccounts(served, [
    { role: 'admin', name: 'Quản trị An Ninh' },
    { role: 'editor', name: 'Biên tập Vững' },
    { role: 'editor', name: 'Người Quên Mật Khẩu' },
    { role: 'editor', name: 'Người Cùng Máy' },
    { role: 'editor', name: 'Người Sắp Bị Khóa' },
  ])) as [Account, Account, Account, Account, Account];
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await new Promise((resolve) => attacker?.close(resolve));
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Fills and submits the sign-in form; the answer's status, Retry-After and the message shown. */
async function tryPassword(page: Page, email: string, password: string) {
  if (new URL(page.url()).pathname !== '/admin/login') await page.goto(`${served.url}/admin/login`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/login'),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  const message = response.status() === 303 ? '' : ((await page.locator('#loi-dang-nhap').textContent()) ?? '').trim();
  return { status: response.status(), retryAfter: Number(response.headers()['retry-after'] ?? 0), message };
}

/** Whether this browser has a live admin session (the admin answers, not the sign-in page). */
async function signedIn(page: Page): Promise<boolean> {
  await page.goto(`${served.url}/admin`);
  return new URL(page.url()).pathname === '/admin' && (await page.getByRole('button', { name: 'Đăng xuất' }).count()) > 0;
}

const LOCKED = /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau .+ \(giờ Việt Nam\)\.$/;

it('repeated wrong passwords are limited with a Vietnamese retry message, and then even the right password is refused, except from a browser that signed in before', async () => {
  // The rightful user signed in from this browser earlier (and signed out): it holds a device cookie.
  const rightful = await newPerson(browser, contexts);
  await signIn(rightful, served, lockedOut);
  await Promise.all([rightful.waitForURL((u) => u.pathname === '/admin/login'), rightful.getByRole('button', { name: 'Đăng xuất' }).first().click()]);
  expect((await rightful.context().cookies()).map((c) => c.name).sort(), 'the device cookie outlives sign-out').toEqual(['bt_device']);

  const page = await newPerson(browser, contexts);
  const first = await tryPassword(page, lockedOut.email, 'sai mật khẩu lần 1');
  expect(first.status).toBe(401);
  expect(first.message, 'one generic message for a wrong password').toBe('Email hoặc mật khẩu không đúng.');
  const unknown = await newPerson(browser, contexts);
  expect((await tryPassword(unknown, `khong-co-ai-${uniqueWord()}@dongy.example.vn`, 'bất kỳ')).message, 'the same message for an unknown e-mail').toBe('Email hoặc mật khẩu không đúng.');

  let last = first;
  for (let attempt = 2; attempt <= 6; attempt++) last = await tryPassword(page, lockedOut.email, `sai mật khẩu lần ${attempt}`);
  expect(last.message, 'after 6 wrong passwords').toMatch(LOCKED);
  expect(last.status).toBe(429);
  expect(last.retryAfter, 'Retry-After (seconds)').toBeGreaterThan(60);
  expect(last.retryAfter).toBeLessThanOrEqual(15 * 60);

  // The right password, now: refused with the same message, and no session.
  const right = await tryPassword(page, lockedOut.email, lockedOut.password);
  expect(right.status, 'the right password while locked').toBe(429);
  expect(right.message).toMatch(LOCKED);
  expect(await signedIn(page), 'a session after the right password while locked').toBe(false);

  // Per account: the right password from another computer is refused too.
  const elsewhere = await newPerson(browser, contexts);
  const fromElsewhere = await tryPassword(elsewhere, lockedOut.email, lockedOut.password);
  expect(fromElsewhere.status, 'the locked account from another client').toBe(429);
  expect(fromElsewhere.message).toMatch(LOCKED);
  expect(await signedIn(elsewhere)).toBe(false);

  // The browser that signed in before is not locked out by the stranger's failures (device cookie).
  const back = await tryPassword(rightful, lockedOut.email, lockedOut.password);
  expect(back.status, 'the rightful user\'s browser').toBe(303);
  expect(await signedIn(rightful)).toBe(true);

  // One person's failures do not lock their address: a colleague signs in from the same client.
  await signIn(page, served, neighbour);
});

it('a form posted from another origin is refused and changes nothing; so are requests without the session\'s CSRF token', async () => {
  const word = uniqueWord('giamao');
  const page = await newPerson(browser, contexts);
  await signIn(page, served, admin);
  const csrf = await csrfTokenOf(page, served);

  // 1. A page on another origin (same site: 127.0.0.1, another port, so the Lax cookie IS sent) that
  //    auto-submits the article form, and another that disables an account.
  const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  attackerPages.set('/dang-bai', `<!doctype html><meta charset="utf-8"><title>Khuyến mãi</title>
    <form id="f" method="post" action="${served.url}/admin/bai-viet/moi" enctype="multipart/form-data">
      ${field('title', `Bài giả mạo ${word}`)}${field('summary', 'giả')}${field('category', 'kinh-te')}${field('body', `Giả mạo ${word}`)}
      ${field('tags', '')}${field('byline', '')}${field('cover_key', '')}${field('cover_caption', '')}${field('cover_alt', '')}
      ${field('version', '')}${field('publish_at', '')}${field('action', 'publish')}${field('_csrf', 'doan-bua')}
    </form><script>document.getElementById('f').submit()</script>`);
  const target = await newPerson(browser, contexts);
  await signIn(target, served, disabled); // a live session the attacker will try to end
  await page.goto(`${served.url}/admin/nguoi-dung`);
  const targetId = await page.locator('#danh-sach-nguoi-dung tbody tr').filter({ hasText: disabled.email }).locator('input[name="action"][value="disable"] ~ input[name="id"]').getAttribute('value');
  expect(targetId).toBeTruthy();
  attackerPages.set('/khoa', `<!doctype html><meta charset="utf-8"><title>Khảo sát</title>
    <form id="f" method="post" action="${served.url}/admin/nguoi-dung">
      ${field('action', 'disable')}${field('id', targetId!)}${field('_csrf', csrf)}
    </form><script>document.getElementById('f').submit()</script>`);

  for (const path of ['/dang-bai', '/khoa']) {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(served.url), { timeout: 10_000 }),
      page.goto(attackerUrl + path),
    ]);
    expect(answer.request().headers()['origin'], 'the browser sent its origin').toBe(attackerUrl);
    // Refused before anything runs: by Astro's own origin check for forms, or by the admin's CSRF check.
    expect(answer.status(), `the cross-origin form ${path}`).toBe(403);
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).pathname).not.toBe('/admin/bai-viet');
  }

  // 2. Hand-made requests carrying the session cookie (Playwright's request API shares the context's cookies).
  const form = (title: string, token: string | null) => ({
    title, summary: '', category: 'kinh-te', body: `Nội dung ${word}`, tags: '', byline: '', cover_key: '', cover_caption: '',
    cover_alt: '', version: '', publish_at: '', action: 'publish', ...(token === null ? {} : { _csrf: token }),
  });
  const post = (title: string, headers: Record<string, string>, token: string | null) =>
    page.request.post(`${served.url}/admin/bai-viet/moi`, { headers, multipart: form(title, token), maxRedirects: 0 });
  const forged = {
    'a foreign Origin with the right token': await post(`Giả mạo 1 ${word}`, { Origin: attackerUrl }, csrf),
    'a foreign Referer and no Origin': await post(`Giả mạo 2 ${word}`, { Referer: `${attackerUrl}/trang` }, csrf),
    'neither Origin nor Referer': await post(`Giả mạo 3 ${word}`, {}, csrf),
    'Origin "null" (a sandboxed page)': await post(`Giả mạo 4 ${word}`, { Origin: 'null' }, csrf),
    'our Origin but no token': await post(`Giả mạo 5 ${word}`, { Origin: served.url }, null),
    'our Origin and a wrong token': await post(`Giả mạo 6 ${word}`, { Origin: served.url }, `${csrf.slice(0, -2)}xx`),
    'our Origin and another session\'s token': await post(`Giả mạo 7 ${word}`, { Origin: served.url }, await csrfTokenOf(target, served)),
  };
  for (const [what, res] of Object.entries(forged)) expect(res.status(), what).toBe(403);
  const preview = await page.request.post(`${served.url}/admin/xem-truoc-noi-dung`, {
    headers: { Origin: attackerUrl, 'X-CSRF-Token': csrf, 'Content-Type': 'text/plain; charset=utf-8' }, data: '**x**',
  });
  expect(preview.status(), 'the live-preview renderer from another origin').toBe(403);
  const logout = await page.request.post(`${served.url}/admin/logout`, { headers: { Origin: attackerUrl }, form: { _csrf: csrf }, maxRedirects: 0 });
  expect(logout.status(), 'sign-out from another origin').toBe(403);

  // The control: the same request from our own origin with the token is accepted.
  const genuine = await post(`Bài thật ${word}`, { Origin: served.url }, csrf);
  expect(genuine.status(), 'our origin with the token').toBe(303);

  // Nothing changed: only the genuine article exists, the account is active and its session alive.
  expect(await signedIn(page), 'the admin is still signed in').toBe(true);
  await page.goto(`${served.url}/admin/bai-viet?q=${word}`);
  const titles = (await page.locator('tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
  expect(titles).toEqual([`Bài thật ${word}`]);
  const search = (await (await served.fetch(`/api/v1/articles?q=${word}`)).json()) as { items: { title: string }[] };
  expect(search.items.map((i) => i.title)).toEqual([`Bài thật ${word}`]);
  await page.goto(`${served.url}/admin/nguoi-dung`);
  expect(await page.locator('#danh-sach-nguoi-dung tbody tr').filter({ hasText: disabled.email }).innerText()).toContain('Đang hoạt động');
  expect(await signedIn(target), 'the targeted account is still signed in').toBe(true);
});

it('signed out, every admin page leads to the sign-in page and the write API answers 401; signing out ends the session on the server', async () => {
  const created = await apiWrite(served, 'POST', '/api/v1/articles', { title: `Bài kiểm tra đăng xuất ${uniqueWord()}`, category: 'kinh-te', status: 'published' });
  expect(created.status).toBe(201);
  const article = (await created.json()) as { id: number; slug: string };
  // A second version, so that the history has a revision to compare.
  const changed = await apiWrite(served, 'PATCH', `/api/v1/articles/${article.slug}`, { summary: 'Tóm tắt mới.' }, { 'If-Match': created.headers.get('ETag')! });
  expect(changed.status).toBe(200);
  const etag = changed.headers.get('ETag')!;

  // A revision id of that article, read as an editor (ids are internal).
  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor);
  await page.goto(`${served.url}/admin/bai-viet/${article.id}/lich-su`);
  const revHref = await page.locator('a[href*="/lich-su/"]').first().getAttribute('href');
  const rev = revHref!.split('/').pop()!;
  const adminPaths = [
    '/admin', '/admin/', '/admin/bai-viet', '/admin/bai-viet?trang-thai=nhap', '/admin/bai-viet?trang-thai=cho-duyet',
    '/admin/bai-viet?trang-thai=da-len-lich', '/admin/bai-viet?trang-thai=da-dang', '/admin/bai-viet?trang-thai=luu-tru',
    '/admin/bai-viet?trang-thai=thung-rac', '/admin/bai-viet/moi', `/admin/bai-viet/${article.id}`, `/admin/bai-viet/${article.id}/xoa`,
    `/admin/bai-viet/${article.id}/lich-su`, `/admin/bai-viet/${article.id}/lich-su/${rev}`, `/admin/bai-viet/${article.id}/khoi-phuc`,
    '/admin/nguoi-dung', '/admin/ma-truy-cap', '/admin/khoa-dang-nhap', '/admin/mat-khau', '/admin/xem-truoc-noi-dung', '/admin/logout', '/admin/khong-co-trang-nay',
  ];
  const escaped: string[] = [];
  for (const path of adminPaths) {
    for (const method of ['GET', 'POST']) {
      // Followed by hand (a trailing-slash redirect may come first), never past the sign-in page.
      const hops: string[] = [];
      let url = path;
      let res: Response;
      for (;;) {
        res = await served.fetch(url, method === 'GET' ? {} : {
          method, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: served.url }, body: 'action=publish&title=x',
        });
        await res.arrayBuffer();
        const location = res.headers.get('Location');
        hops.push(`${res.status} ${location ?? ''}`);
        if (!location || location.startsWith('/admin/login') || hops.length > 3) break;
        url = location;
      }
      const location = res.headers.get('Location') ?? '';
      if (res.status !== 303 || !location.startsWith('/admin/login')) escaped.push(`${method} ${path}: ${hops.join(' -> ')}`);
    }
  }
  expect(escaped, 'signed-out requests that did not go to the sign-in page').toEqual([]);

  // In a browser: the sign-in page, and after signing in, the page asked for.
  const visitor = await newPerson(browser, contexts);
  await visitor.goto(`${served.url}/admin/bai-viet/${article.id}`);
  expect(new URL(visitor.url()).pathname).toBe('/admin/login');
  expect(await visitor.getByRole('heading', { name: 'Đăng nhập quản trị' }).count()).toBe(1);
  expect(await visitor.getByText(article.slug).count(), 'nothing of the article on the sign-in page').toBe(0);
  await visitor.getByLabel('Email', { exact: true }).fill(editor.email);
  await visitor.getByLabel('Mật khẩu', { exact: true }).fill(editor.password);
  await Promise.all([visitor.waitForURL(`${served.url}/admin/bai-viet/${article.id}`), visitor.getByRole('button', { name: 'Đăng nhập' }).click()]);

  // The write API: 401 without a token, or with a wrong one.
  const writes: [string, string, unknown][] = [
    ['POST', '/api/v1/articles', { title: 'Không được phép', category: 'kinh-te' }],
    ['PATCH', `/api/v1/articles/${article.slug}`, { status: 'draft' }],
    ['DELETE', `/api/v1/articles/${article.slug}`, undefined],
  ];
  for (const [method, path, body] of writes) {
    for (const auth of [{}, { Authorization: 'Bearer khong-hop-le' }] as Record<string, string>[]) {
      const res = await served.fetch(path, {
        method, headers: { 'Content-Type': 'application/json', 'If-Match': etag, ...auth }, ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${method} ${path} ${Object.keys(auth).length ? 'with a wrong token' : 'without a token'}`).toBe(401);
    }
  }
  expect((await served.fetch(`/api/v1/articles/${article.slug}`)).status, 'the article untouched').toBe(200);

  // The session cookie, and signing out: the same cookie is worthless afterwards.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'bt_session');
  expect(cookie, 'the session cookie').toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  const withCookie = () => served.fetch('/admin/bai-viet', { headers: { Cookie: `bt_session=${cookie!.value}` } });
  expect((await withCookie()).status, 'the cookie before signing out').toBe(200);
  await page.goto(`${served.url}/admin`);
  await Promise.all([page.waitForURL(/\/admin\/login/), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
  const after = await withCookie();
  expect(after.status, 'the old cookie after signing out').toBe(303);
  expect(after.headers.get('Location')).toMatch(/^\/admin\/login/);
});

it('an admin disables an account: its open session ends at the next request, nothing it then submits is saved, and it cannot sign in', async () => {
  const word = uniqueWord('khoatk');
  const victim = await newPerson(browser, contexts);
  await signIn(victim, served, disabled);
  const cookie = (await victim.context().cookies()).find((c) => c.name === 'bt_session')!;
  // The account has an article open when it is disabled.
  await victim.goto(`${served.url}/admin/bai-viet/moi`);
  await victim.getByLabel('Tiêu đề', { exact: true }).fill(`Bài viết sau khi bị khóa ${word}`);
  await victim.getByLabel('Nội dung (Markdown)').fill(`Nội dung ${word}`);

  const page = await newPerson(browser, contexts);
  await signIn(page, served, admin);
  await page.goto(`${served.url}/admin/nguoi-dung`);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/nguoi-dung'),
    page.getByRole('button', { name: `Khóa tài khoản: ${disabled.email}` }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  expect(await page.getByRole('status').first().textContent()).toContain(`Đã khóa ${disabled.email}`);
  expect(await page.locator('#danh-sach-nguoi-dung tbody tr').filter({ hasText: disabled.email }).innerText()).toContain('Đã khóa');

  // The open form is submitted: the sign-in page answers, and nothing was saved.
  await Promise.all([victim.waitForURL(/\/admin\/login/), victim.getByRole('button', { name: 'Lưu nháp', exact: true }).click()]);
  expect(await victim.getByRole('heading', { name: 'Đăng nhập quản trị' }).count()).toBe(1);
  await page.goto(`${served.url}/admin/bai-viet?q=${word}`);
  expect(await page.locator('tbody tr').count(), 'articles saved by the disabled account').toBe(0);
  // Every admin page now sends it to sign in; the old cookie is worthless.
  await victim.goto(`${served.url}/admin/bai-viet`);
  expect(new URL(victim.url()).pathname).toBe('/admin/login');
  const old = await served.fetch('/admin', { headers: { Cookie: `bt_session=${cookie.value}` } });
  expect(old.status).toBe(303);
  // And it cannot sign in again (the generic message: nothing says the account exists).
  const again = await tryPassword(victim, disabled.email, disabled.password);
  expect(again.status).toBe(401);
  expect(again.message).toBe('Email hoặc mật khẩu không đúng.');
  expect(await signedIn(victim)).toBe(false);
});
