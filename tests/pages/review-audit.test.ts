// Review and the audit log through the BUILT Worker (the middleware and the real pages): the "Chờ duyệt"
// count in the header and the queue for editors only, the "Trả lại" form and page (a missing reason answered
// at the field, the reason on the article and in the history), /admin/nhat-ky for admins only with its filters' and
// retention's refusals, and the client's IP and User-Agent recorded by the Worker entry itself.
import { env } from 'cloudflare:workers';
import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, type Role } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { countReviewQueue } from '../../functions/data/review-queue.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { call, FIRST_SITE_ID, freshCategory, ORIGIN, postArticle, unique, writeTokenWithId } from '../support/api.ts';

const db = database(env.DB);
const PASSWORD = 'mat-khau-duyet-bai-123';

async function person(role: Role) {
  const email = `${unique(role)}@dongy.gov.vn`;
  const id = await createUser(db, { email, name: `Người ${role}`, role, password: PASSWORD });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { id, email, cookie: `bt_session=${sid}`, csrfToken };
}
type Person = Awaited<ReturnType<typeof person>>;

const get = (p: Person, path: string) => call(path, { headers: { Cookie: p.cookie } });
const post = (p: Person, path: string, fields: Record<string, string>) => call(path, {
  method: 'POST',
  headers: { Cookie: p.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: p.csrfToken, ...fields }).toString(),
});

it('editors see the count and the queue, return with a reason (refused without one) that the writer then sees; contributors see neither', async () => {
  const editor = await person('editor');
  const contributor = await person('contributor');
  const title = `Bài chờ duyệt ${unique('t')}`;
  // Sent for review by an integration (a token); its name is who sent it.
  const { token } = await writeTokenWithId();
  const tokenName = (await env.DB.prepare('select name from api_tokens order by id desc limit 1').first<string>('name'))!;
  const { article } = await postArticle(token, { title, summary: '', body: 'Nội dung', category: await freshCategory(), tags: [], byline: '', status: 'review' });
  const waiting = await countReviewQueue(db, FIRST_SITE_ID);

  const home = await (await get(editor, '/admin')).text();
  expect(home).toMatch(new RegExp(`href="/admin/cho-duyet">Chờ duyệt <span class="badge" id="so-cho-duyet">${waiting}<span class="sr-only"> mục</span></span></a>`));
  const queue = await get(editor, '/admin/cho-duyet');
  expect(queue.status).toBe(200);
  expect(await queue.text()).toContain(`<a href="/admin/bai-viet/${article.id}">${title}</a></td> <td>${tokenName}</td>`);
  const refused = await get(contributor, '/admin/cho-duyet');
  expect(refused.status).toBe(403);
  const contributorHome = await (await get(contributor, '/admin')).text();
  expect(contributorHome).not.toContain('/admin/cho-duyet');

  // The editor page offers "Trả lại" for an article in review; a contributor's view does not.
  expect(await (await get(editor, `/admin/bai-viet/${article.id}`)).text()).toContain(`action="/admin/bai-viet/${article.id}/tra-lai"`);
  expect(await (await get(contributor, `/admin/bai-viet/${article.id}`)).text()).not.toContain('/tra-lai"');
  const empty = await post(editor, `/admin/bai-viet/${article.id}/tra-lai`, { reason: ' ', version: '1' });
  expect(empty.status).toBe(422);
  expect(await empty.text()).toContain('<p class="field-error" id="loi-ly-do-tra-lai">Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.</p>');
  const byContributor = await post(contributor, `/admin/bai-viet/${article.id}/tra-lai`, { reason: 'Tự trả', version: '1' });
  expect(byContributor.status).toBe(403);

  const done = await post(editor, `/admin/bai-viet/${article.id}/tra-lai`, { reason: 'Cần thêm nguồn tin.', version: '1' });
  expect(done.status).toBe(303);
  expect(done.headers.get('Location')).toBe(`/admin/bai-viet/${article.id}?thong-bao=da-tra-lai`);
  // Every writer of the site sees why on the article (the contributor here only reads it: not theirs).
  expect(await (await get(contributor, `/admin/bai-viet/${article.id}`)).text()).toContain('<p class="review-note">Cần thêm nguồn tin.</p>');
  const history = await (await get(contributor, `/admin/bai-viet/${article.id}/lich-su`)).text();
  expect(history).toContain('Trả lại<br><span class="review-note">Lý do: Cần thêm nguồn tin.</span>');
  expect(await countReviewQueue(db, FIRST_SITE_ID)).toBe(waiting - 1);
  // Returning again: it is no longer in review.
  expect((await post(editor, `/admin/bai-viet/${article.id}/tra-lai`, { reason: 'Lần nữa', version: '2' })).status).toBe(409);
});

it('/admin/nhat-ky: admins only, filters refused with a message at the field, retention refused or saved; the client recorded by the Worker', async () => {
  const admin = await person('admin');
  const editor = await person('editor');
  expect((await get(editor, '/admin/nhat-ky')).status).toBe(403);
  expect(await (await get(editor, '/admin')).text()).not.toContain('/admin/nhat-ky');

  // A failed sign-in through the real login page: the IP and User-Agent come from the request.
  const ua = `Trinh duyet ${unique('ua')}`;
  const login = await call('/admin/login', {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': '203.0.113.7', 'User-Agent': ua },
    body: new URLSearchParams({ email: editor.email, password: 'sai-mat-khau-nhe' }).toString(),
  });
  expect(login.status).toBe(401);
  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'sign-in.failed'), eq(auditLog.userAgent, ua))).orderBy(desc(auditLog.id));
  expect(entry).toMatchObject({ actorLabel: editor.email, actorId: editor.id, clientIp: '203.0.113.7' });

  const page = await get(admin, `/admin/nhat-ky?hanh-dong=sign-in.failed&nguoi=${encodeURIComponent(editor.email)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<td>Đăng nhập thất bại</td>');
  expect(html).toContain('203.0.113.7');
  const bad = await get(admin, '/admin/nhat-ky?tu-ngay=2026-02-31');
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('<p class="field-error" id="loi-from">Ngày không hợp lệ: vui lòng chọn ngày theo dạng năm-tháng-ngày.</p>');

  const wrong = await post(admin, '/admin/nhat-ky', { 'so-ngay': '10' });
  expect(wrong.status).toBe(422);
  const wrongHtml = await wrong.text();
  expect(wrongHtml).toContain('<p class="field-error" id="loi-so-ngay">Vui lòng nhập số ngày nguyên từ 30 đến 3.650.</p>');
  expect(wrongHtml).toContain('value="10"');
  const saved = await post(admin, '/admin/nhat-ky', { 'so-ngay': '400' });
  expect(saved.status).toBe(200);
  expect(await saved.text()).toContain('Đã lưu: nhật ký được giữ 400 ngày.');
  expect((await post(editor, '/admin/nhat-ky', { 'so-ngay': '400' })).status).toBe(403);
});
