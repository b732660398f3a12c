// Returning a document from review through the BUILT Worker (the real pages): the queue links it to its
// editor page, which offers "Trả lại" to editors only; /admin/van-ban/{id}/tra-lai answers a missing reason
// at the field (422), a contributor 403, then returns it (303) so the reason shows on the document and in its
// history; returning it again is refused (409: no longer in review).
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import type { Role } from '../../schema/tables.ts';
import { DOCUMENT_RETURN, REVIEW } from '../../site/admin/strings.ts';
import { call, ORIGIN, unique, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';

const db = database(env.DB);

async function person(role: Role) {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role}`, role, password: 'mat-khau-tra-lai-van-ban' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { cookie: `bt_session=${sid}`, csrfToken };
}
type Person = Awaited<ReturnType<typeof person>>;

const get = (p: Person, path: string) => call(path, { headers: { Cookie: p.cookie } });
const post = (p: Person, path: string, fields: Record<string, string>) => call(path, {
  method: 'POST',
  headers: { Cookie: p.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: p.csrfToken, ...fields }).toString(),
});

it('editors return a document in review with a reason (refused without one, or by a contributor); the writer sees it, the history keeps it', async () => {
  const editor = await person('editor');
  const contributor = await person('contributor');
  const number = `${Math.floor(Math.random() * 9e5)}/QĐ-UBND`;
  const { document } = await postDocument(await writeToken(), documentBody(await freshIssuer(), { number, status: 'review' }));
  const id = document.id;
  const version = (await env.DB.prepare('SELECT version FROM documents WHERE id = ?').bind(id).first<number>('version'))!;
  const returnPath = `/admin/van-ban/${id}/tra-lai`;

  expect(await (await get(editor, '/admin/cho-duyet')).text()).toContain(`<a href="/admin/van-ban/${id}">${number}`);
  expect(await (await get(editor, `/admin/van-ban/${id}`)).text()).toContain(`action="${returnPath}"`);
  expect(await (await get(contributor, `/admin/van-ban/${id}`)).text()).not.toContain(`action="${returnPath}"`);
  const form = await get(editor, returnPath);
  expect(form.status).toBe(200);
  expect(await form.text()).toContain(`<h1>${DOCUMENT_RETURN.returnTitle}</h1>`);

  const empty = await post(editor, returnPath, { reason: ' ', version: String(version) });
  expect(empty.status).toBe(422);
  expect(await empty.text()).toContain(`<p class="field-error" id="loi-ly-do-tra-lai">${REVIEW.reasonRequired}</p>`);
  const byContributor = await post(contributor, returnPath, { reason: 'Tự trả', version: String(version) });
  expect(byContributor.status).toBe(403);
  expect(await byContributor.text()).toContain(DOCUMENT_RETURN.forbidden);

  const done = await post(editor, returnPath, { reason: 'Sai ngày ban hành.', version: String(version) });
  expect(done.status).toBe(303);
  expect(done.headers.get('Location')).toBe(`/admin/van-ban/${id}?thong-bao=da-tra-lai`);
  const page = await (await get(contributor, `/admin/van-ban/${id}`)).text();
  expect(page).toContain(`<p><strong>${DOCUMENT_RETURN.returnedNote}</strong></p><p class="review-note">Sai ngày ban hành.</p>`);
  expect(page).not.toContain(`action="${returnPath}"`);
  expect(await (await get(editor, `/admin/van-ban/${id}/lich-su`)).text()).toContain('Trả lại<br><span class="review-note">Lý do: Sai ngày ban hành.</span>');
  const again = await post(editor, returnPath, { reason: 'Lần nữa', version: String(version + 1) });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain(DOCUMENT_RETURN.notInReview);
});
