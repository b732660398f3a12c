// Issue 11, the documents admin in real Chromium against the built Worker: an editor enters a document
// with a PDF and a link to an older document found by its number, publishes it, and a reader finds it
// on /van-ban; a contributor has no publish button and a forged publish is refused; a wrong file type
// is refused with the Vietnamese message and nothing typed is lost; two editors saving one version see
// the conflict page; a POST without the CSRF token is refused; another site's document is 404.
import type { Page, Response } from 'playwright-core';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createUser } from '../../functions/data/users.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { adminBrowserSuite, csrfTokenOf, newPerson, signIn } from '../support/admin.ts';
import { axeViolations, describeViolations, focusIsWithin } from '../support/browser.ts';
import { uniqueWord } from '../support/served.ts';

const suite = adminBrowserSuite([
  { role: 'editor', name: 'Nguyễn Biên Tập' },
  { role: 'contributor', name: 'Trần Cộng Tác' },
  { role: 'editor', name: 'Lê Biên Tập Hai' },
  { role: 'admin', name: 'Phạm Quản Trị' },
]);

/** A small whole PDF (one empty page), as the upload check wants: %PDF- header to %%EOF. */
function pdf(): Buffer {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n';
  return Buffer.from(`${body}xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
}

let serial = 0;
/** A number no other test (or run) has: numbers are unique per issuer and year. */
const freshNumber = (symbol = 'QĐ-UBND') => `${Date.now() % 100_000}${++serial}/${symbol}`;

/** Clicks a button of the document form and waits for the page that follows; returns the POST's answer. */
async function submitWith(page: Page, button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/admin/van-ban'), { timeout: 15_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const location = response.headers()['location'];
  if (location) await page.waitForURL((url) => url.pathname + url.search === location, { waitUntil: 'domcontentloaded' });
  else await page.waitForLoadState('domcontentloaded');
  return response;
}

function documentIdOf(page: Page): number {
  const m = /^\/admin\/van-ban\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not a document's edit page: ${page.url()}`);
  return Number(m[1]);
}

async function fillDocument(page: Page, d: { number: string; summary: string; issuedOn?: string; effectiveOn?: string; signer?: string }) {
  await page.getByLabel('Số ký hiệu', { exact: true }).fill(d.number);
  await page.getByLabel('Loại văn bản', { exact: true }).selectOption({ label: 'Quyết định (QĐ)' });
  await page.getByLabel('Cơ quan ban hành', { exact: true }).selectOption({ label: 'Ủy ban nhân dân (UBND)' });
  await page.getByLabel('Lĩnh vực', { exact: true }).selectOption({ label: 'Hành chính' });
  await page.getByLabel('Người ký', { exact: true }).fill(d.signer ?? 'Nguyễn Văn An');
  await page.getByLabel('Ngày ban hành', { exact: true }).fill(d.issuedOn ?? '2026-11-02');
  if (d.effectiveOn !== undefined) await page.getByLabel('Ngày có hiệu lực', { exact: true }).fill(d.effectiveOn);
  await page.getByLabel('Trích yếu', { exact: true }).fill(d.summary);
}

const notice = async (page: Page) => ((await page.locator('.notice').first().textContent()) ?? '').trim();

it('an editor enters a document with a PDF and a related document found by its number, publishes it, and a reader finds it on /van-ban', async () => {
  const { served, browser, contexts, accounts: [editor] } = suite;
  const word = uniqueWord('quyche');
  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor!);
  expect(await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Văn bản', exact: true }).count()).toBe(1);
  await page.goto(`${served.url}/admin`);
  expect(await page.locator('#van-ban-tong-quan').textContent()).toMatch(/^Văn bản: \d+ đã đăng, \d+ chờ duyệt/);

  // The older document the new one replaces.
  const older = freshNumber();
  await page.goto(`${served.url}/admin/van-ban/moi`);
  await fillDocument(page, { number: older, summary: `Quy chế cũ ${word}`, issuedOn: '2025-03-04' });
  expect((await submitWith(page, 'Đăng ngay')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã đăng văn bản.');

  const number = freshNumber();
  await page.goto(`${served.url}/admin/van-ban/moi`);
  await fillDocument(page, { number, summary: `Ban hành quy chế tiếp công dân ${word}`, effectiveOn: '2026-11-10' });
  await page.getByLabel('Nội dung (Markdown, không bắt buộc)', { exact: true }).fill('Điều 1. Ban hành kèm theo **Quy chế**.');
  // Typed another way than stored: lower case, d for đ, spaces for the separators. Enter searches (the script).
  await page.getByLabel('Tìm văn bản theo số ký hiệu hoặc trích yếu', { exact: true }).fill(older.toLowerCase().replace('đ', 'd').replace(/[/-]/g, ' '));
  await page.getByLabel('Quan hệ với văn bản tìm được', { exact: true }).selectOption('replaces');
  await Promise.all([page.waitForURL(/\/admin\/van-ban\/moi$/), page.getByLabel('Tìm văn bản theo số ký hiệu hoặc trích yếu', { exact: true }).press('Enter')]);
  await page.getByRole('button', { name: `Thêm liên kết tới ${older}` }).click();
  await page.waitForLoadState('domcontentloaded');
  await expect.poll(() => page.locator('#van-ban-lien-quan').textContent()).toContain(`Thay thế văn bản ${older}`);
  expect(await page.getByLabel('Trích yếu', { exact: true }).inputValue(), 'the search kept what was typed').toBe(`Ban hành quy chế tiếp công dân ${word}`);
  await page.getByLabel('Thêm tệp đính kèm', { exact: true }).setInputFiles({ name: `Quyết định ${word}.pdf`, mimeType: 'application/pdf', buffer: pdf() });
  expect((await submitWith(page, 'Đăng ngay')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã đăng văn bản.');
  const id = documentIdOf(page);
  expect(await page.locator('#danh-sach-tep').textContent()).toContain(`Quyết định ${word}.pdf`);
  expect(await page.locator('.status').first().textContent()).toBe('Đã đăng');

  // In the admin list, found by its number typed without the symbol's marks.
  await page.goto(`${served.url}/admin/van-ban?q=${encodeURIComponent(number.replace('Đ', 'D'))}`);
  expect(await page.locator('#danh-sach-van-ban tbody tr').count()).toBe(1);
  expect(await page.locator('#danh-sach-van-ban').getByRole('link', { name: number }).getAttribute('href')).toBe(`/admin/van-ban/${id}`);

  // A reader without a session finds it on the registry, with its file and the replaced document.
  const reader = await newPerson(browser, contexts);
  const list = await reader.goto(`${served.url}/van-ban?q=${encodeURIComponent(word)}`);
  expect(list?.status()).toBe(200);
  const link = reader.getByRole('main').getByRole('link', { name: number });
  expect(await link.count()).toBeGreaterThan(0);
  await Promise.all([reader.waitForURL(/\/van-ban\/[^/?]+$/), link.first().click()]);
  expect(await reader.getByRole('main').textContent()).toContain(`Ban hành quy chế tiếp công dân ${word}`);
  expect(await reader.getByRole('main').textContent()).toContain(older);
  expect(await reader.getByRole('main').getByRole('link', { name: new RegExp(`Quyết định ${word}`) }).count()).toBeGreaterThan(0);
});

it('a contributor has no publish button, and a forged publish with a valid session and CSRF token is refused', async () => {
  const { served, browser, contexts, accounts: [, contributor] } = suite;
  const page = await newPerson(browser, contexts);
  await signIn(page, served, contributor!);
  await page.goto(`${served.url}/admin/van-ban/moi`);
  expect(await page.getByRole('button', { name: 'Đăng ngay', exact: true }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Đặt lịch đăng', exact: true }).count()).toBe(0);
  const number = freshNumber();
  await fillDocument(page, { number, summary: 'Văn bản cộng tác viên nhập' });
  expect((await submitWith(page, 'Gửi duyệt')).status()).toBe(303);
  expect(await notice(page)).toBe('Đã gửi văn bản để duyệt.');
  const id = documentIdOf(page);
  expect(await page.getByRole('button', { name: 'Đăng ngay', exact: true }).count()).toBe(0);

  const csrf = await csrfTokenOf(page, served);
  const version = await page.locator('#van-ban input[name="version"]').getAttribute('value');
  const fields = {
    number, type: await page.locator('#d-type').inputValue(), issuer: await page.locator('#d-issuer').inputValue(), field: '',
    signer: 'Nguyễn Văn An', issued_on: '2026-11-02', effective_on: '', expires_on: '', summary: 'Văn bản cộng tác viên nhập', body: '',
  };
  const forged = await page.request.post(`${served.url}/admin/van-ban/${id}`, {
    headers: { Origin: served.url }, maxRedirects: 0, multipart: { ...fields, _csrf: csrf, version: version!, action: 'publish' },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('Bạn không có quyền thực hiện thao tác này.');
  await page.goto(`${served.url}/admin/van-ban/${id}`);
  expect(await page.locator('.status').first().textContent()).toBe('Chờ duyệt');
});

it('a file that is not a document by its bytes is refused with the Vietnamese message, keeping every typed field (axe: 0 on the form and the list; the lists page refused to editors)', async () => {
  const { served, browser, contexts, accounts: [editor] } = suite;
  // bypassCSP only so that axe-core can be injected for the accessibility checks.
  const page = await newPerson(browser, contexts, { bypassCSP: true });
  await signIn(page, served, editor!);
  await page.goto(`${served.url}/admin/van-ban/moi`);
  const number = freshNumber();
  await fillDocument(page, { number, summary: 'Trích yếu phải còn nguyên', signer: 'Phạm Thị Cúc', effectiveOn: '2026-11-15' });
  await page.getByLabel('Thêm tệp đính kèm', { exact: true }).setInputFiles({ name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf, an executable renamed', 'latin1') });
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(422);
  const fieldError = page.locator('#d-files-loi');
  expect(await fieldError.textContent()).toMatch(/^Tệp "quyet-dinh\.pdf" không phải văn bản PDF, Word \(DOC, DOCX, ODT\), bảng tính \(XLS, XLSX, ODS\) hoặc tệp nén ZIP \(dù tên tệp có đuôi \.pdf\)/);
  expect(await page.getByLabel('Thêm tệp đính kèm', { exact: true }).getAttribute('aria-describedby')).toContain('d-files-loi');
  expect(await page.locator('#van-ban-van-de').textContent()).toBe('Các tệp sau chưa được lưu, vui lòng chọn lại: quyet-dinh.pdf.');
  expect(await page.getByLabel('Số ký hiệu', { exact: true }).inputValue()).toBe(number);
  expect(await page.getByLabel('Trích yếu', { exact: true }).inputValue()).toBe('Trích yếu phải còn nguyên');
  expect(await page.getByLabel('Người ký', { exact: true }).inputValue()).toBe('Phạm Thị Cúc');
  expect(await page.getByLabel('Ngày ban hành', { exact: true }).inputValue()).toBe('2026-11-02');
  expect(await page.getByLabel('Ngày có hiệu lực', { exact: true }).inputValue()).toBe('2026-11-15');
  expect(await page.locator('#d-type option:checked').textContent()).toBe('Quyết định (QĐ)');
  // The focus is on the first field in error.
  expect(await focusIsWithin(page, '#d-files')).toBe(true);
  expect(describeViolations(await axeViolations(page)), 'the refused form').toBe('');
  // Dates in the wrong order: the message at the field.
  await page.getByLabel('Ngày có hiệu lực', { exact: true }).fill('2026-10-01');
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(422);
  expect(await page.locator('#d-effective-on-loi').textContent()).toBe('Ngày có hiệu lực không được trước ngày ban hành.');
  await page.goto(`${served.url}/admin/van-ban`);
  expect(describeViolations(await axeViolations(page)), 'the list').toBe('');
  // The managed lists are the admins' page: an editor is refused.
  expect((await page.goto(`${served.url}/admin/danh-muc-van-ban`))?.status()).toBe(403);
});

it('two editors saving the same version: the second sees both versions and keeps what they typed', async () => {
  const { served, browser, contexts, accounts: [editor, , second] } = suite;
  const a = await newPerson(browser, contexts);
  const b = await newPerson(browser, contexts);
  await Promise.all([signIn(a, served, editor!), signIn(b, served, second!)]);
  await a.goto(`${served.url}/admin/van-ban/moi`);
  await fillDocument(a, { number: freshNumber(), summary: 'Bản đầu tiên' });
  expect((await submitWith(a, 'Lưu nháp')).status()).toBe(303);
  const id = documentIdOf(a);
  await b.goto(`${served.url}/admin/van-ban/${id}`);
  await a.getByLabel('Trích yếu', { exact: true }).fill('Bản của người thứ nhất');
  expect((await submitWith(a, 'Lưu nháp')).status()).toBe(303);
  await b.getByLabel('Trích yếu', { exact: true }).fill('Bản của người thứ hai');
  expect((await submitWith(b, 'Lưu nháp')).status()).toBe(409);
  expect(await b.getByRole('heading', { name: 'Văn bản vừa được người khác sửa' }).count()).toBe(1);
  expect(await b.getByLabel('Trích yếu', { exact: true }).inputValue()).toBe('Bản của người thứ hai');
  expect(await b.locator('#xung-dot ~ div table').textContent()).toContain('Bản của người thứ nhất');
  expect((await submitWith(b, 'Lưu bản của tôi')).status()).toBe(303);
  await a.goto(`${served.url}/admin/van-ban/${id}`);
  expect(await a.getByLabel('Trích yếu', { exact: true }).inputValue()).toBe('Bản của người thứ hai');
});

it('refuses a POST without the session\'s CSRF token, and another site\'s document is 404', async () => {
  const { served, browser, contexts, accounts: [editor] } = suite;
  const page = await newPerson(browser, contexts);
  await signIn(page, served, editor!);
  await page.goto(`${served.url}/admin/van-ban/moi`);
  const number = freshNumber();
  const fields = { number, type: '1', issuer: '10', field: '', signer: '', issued_on: '2026-11-02', effective_on: '', expires_on: '', summary: 'Giả mạo', body: '', version: '', action: 'save' };
  const forged = await page.request.post(`${served.url}/admin/van-ban/moi`, { headers: { Origin: served.url }, maxRedirects: 0, multipart: fields });
  expect(forged.status()).toBe(403);
  const wrong = await page.request.post(`${served.url}/admin/van-ban/moi`, { headers: { Origin: served.url }, maxRedirects: 0, multipart: { ...fields, _csrf: 'khong-dung' } });
  expect(wrong.status()).toBe(403);
  await page.goto(`${served.url}/admin/van-ban?q=${encodeURIComponent(number)}`);
  expect(await page.locator('#danh-sach-van-ban').count(), 'nothing was created').toBe(0);

  // A document of the first site, and an editor of another site only.
  await page.goto(`${served.url}/admin/van-ban/moi`);
  await fillDocument(page, { number, summary: 'Văn bản của trang đầu' });
  expect((await submitWith(page, 'Lưu nháp')).status()).toBe(303);
  const id = documentIdOf(page);
  // The preview: the draft in the reader's layout, for this site's editors.
  await Promise.all([page.waitForURL(/\/xem-truoc$/), page.getByRole('link', { name: 'Xem trước như bạn đọc thấy' }).click()]);
  expect(new URL(page.url()).pathname).toBe(`/admin/van-ban/${id}/xem-truoc`);
  expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(`Quyết định ${number}`);
  expect(await page.getByRole('main').textContent()).toContain('Văn bản của trang đầu');
  const stranger = { email: `bientap.${uniqueWord('xa')}@xakhac.example.vn`, password: `e2e ${crypto.randomUUID()}` };
  await withLocalEnv(async (env) => {
    const db = database(env.DB);
    const site = await createSite(db, { name: `Xã khác ${uniqueWord('x')}`, hosts: [`${uniqueWord('xakhac')}.localhost`] });
    await createUser(db, { email: stranger.email, name: 'Biên tập xã khác', role: 'editor', password: stranger.password, siteId: site.id });
  }, { persistTo: served.persistTo, quiet: true });
  const other = await newPerson(browser, contexts);
  await signIn(other, served, stranger);
  const answer = await other.goto(`${served.url}/admin/van-ban/${id}`);
  expect(answer?.status()).toBe(404);
  expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe('Không tìm thấy văn bản.');
  for (const path of [`/admin/van-ban/${id}/lich-su`, `/admin/van-ban/${id}/xoa`, `/admin/van-ban/${id}/xem-truoc`]) {
    expect((await other.goto(served.url + path))?.status(), path).toBe(404);
  }
});

it('an admin edits the managed lists: adds a type with its abbreviation, which the form then offers; an entry in use cannot be deleted (axe: 0)', async () => {
  const { served, browser, contexts, accounts: [, , , admin] } = suite;
  const page = await newPerson(browser, contexts, { bypassCSP: true });
  await signIn(page, served, admin!);
  expect(await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: 'Danh mục văn bản' }).count()).toBe(1);
  await page.goto(`${served.url}/admin/danh-muc-van-ban`);
  expect(describeViolations(await axeViolations(page))).toBe('');
  const name = `Công điện ${uniqueWord('cd')}`;
  await page.getByLabel('Tên (Thêm vào “Loại văn bản”)', { exact: true }).fill(name);
  await page.getByLabel('Viết tắt', { exact: true }).fill('CĐ');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.locator('#muc-type').getByRole('button', { name: 'Thêm', exact: true }).click()]);
  await expect.poll(() => notice(page)).toBe(`Đã thêm “${name}”.`);
  // In use since the first test's documents: refused with the count.
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.getByRole('button', { name: 'Xóa Quyết định', exact: true }).click()]);
  await expect.poll(() => page.locator('#muc-type .field-error').first().textContent()).toMatch(/^Không thể xóa “Quyết định”: đang có \d+ văn bản dùng mục này/);
  await page.goto(`${served.url}/admin/van-ban/moi`);
  expect(await page.locator('#d-type option', { hasText: `${name} (CĐ)` }).count()).toBe(1);
});
