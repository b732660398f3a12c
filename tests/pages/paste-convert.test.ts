// POST /admin/chuyen-noi-dung-dan through the BUILT Worker (middleware, CSRF, the real endpoint): the
// clipboard's HTML in, the Markdown out; every refusal a 4xx with a Vietnamese message, never a 5xx.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { MAX_HTML_TAGS } from '../../functions/content/html-to-markdown.ts';
import { database } from '../../functions/data/db.ts';
import { createSession } from '../../functions/data/sessions.ts';
import { createUser } from '../../functions/data/users.ts';
import { BODY_NOT_HTML } from '../../site/admin/request-body.ts';
import { PASTE_CONVERT } from '../../site/admin/strings.ts';
import googleDocs from '../fixtures/clipboard/google-docs.html?raw';
import word from '../fixtures/clipboard/word-2016-win.html?raw';
import { call, ORIGIN, unique } from '../support/api.ts';

const PATH = '/admin/chuyen-noi-dung-dan';

async function editorHeaders() {
  const db = database(env.DB);
  const id = await createUser(db, { email: `${unique('dan')}@dongy.gov.vn`, name: 'Biên tập thử', role: 'editor', password: 'mat-khau-bien-tap-thu' });
  const { id: sid, csrfToken } = await createSession(db, id, new Date());
  return { Cookie: `bt_session=${sid}`, Origin: ORIGIN, 'X-CSRF-Token': csrfToken, 'Content-Type': 'text/html; charset=utf-8' };
}

const post = (headers: Record<string, string>, body: BodyInit) => call(PATH, { method: 'POST', headers, body });

it('converts a Word capture to Markdown, counting the image Word kept as a local file; JSON, never cached', async () => {
  const res = await post(await editorHeaders(), word);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('Cache-Control')).toBe('private, no-store');
  const body = (await res.json()) as { markdown: string; skippedImages: number };
  expect(body.skippedImages).toBe(1);
  expect(body.markdown).toMatch(/^## Hội nghị đánh giá kết quả công tác cải cách hành chính năm 2023\n/);
  expect(body.markdown).toContain('\n- Nâng cao chỉ số CCHC và chỉ số hài lòng\n  - Kiểm tra thường xuyên');
  expect(body.markdown).toContain('| Chỉ số      | Năm 2022 | Năm 2023 |');
  expect(body.markdown).not.toMatch(/mso-|<|clip_image/);
});

it('converts Google Docs (UTF-8 in, UTF-8 out) and empty input to empty Markdown', async () => {
  const headers = await editorHeaders();
  const docs = (await (await post(headers, googleDocs)).json()) as { markdown: string };
  expect(docs.markdown).toContain('**73,87 điểm**, mức độ hài lòng (SIPAS) đạt *81,44%*');
  const empty = await post(headers, '');
  expect(empty.status).toBe(200);
  expect(await empty.json()).toEqual({ markdown: '', skippedImages: 0 });
});

it('refuses without the CSRF header or with another token (403), and sends the signed-out to sign in', async () => {
  const { 'X-CSRF-Token': _token, ...withoutToken } = await editorHeaders();
  expect((await post(withoutToken, '<p>a</p>')).status).toBe(403);
  expect((await post({ ...withoutToken, 'X-CSRF-Token': 'khong-phai-ma-nay' }, '<p>a</p>')).status).toBe(403);
  const signedOut = await post({ Origin: ORIGIN, 'Content-Type': 'text/html' }, '<p>a</p>');
  expect(signedOut.status).toBe(303);
  expect(signedOut.headers.get('Location')).toBe(`/admin/login?next=${encodeURIComponent(PATH)}`);
});

it('refuses a body that is not text/html with 415 and its message', async () => {
  const res = await post({ ...(await editorHeaders()), 'Content-Type': 'text/plain; charset=utf-8' }, '<p>a</p>');
  expect(res.status).toBe(415);
  expect(await res.text()).toBe(BODY_NOT_HTML);
});

it('refuses over 2 MB with 413, by Content-Length and, without one, while reading', async () => {
  const headers = await editorHeaders();
  const big = `<p>${'a'.repeat(2_000_001)}</p>`;
  const declared = await post(headers, big);
  expect(declared.status).toBe(413);
  expect(await declared.json()).toEqual({ error: PASTE_CONVERT.tooLarge });
  // A streamed body has no Content-Length: the endpoint stops reading past 2 MB.
  const bytes = new TextEncoder().encode(big);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
      controller.close();
    },
  });
  const streamed = await post(headers, stream);
  expect(streamed.status).toBe(413);
  expect(await streamed.json()).toEqual({ error: PASTE_CONVERT.tooLarge });
  // Just under the limit, in Vietnamese (2-3 bytes a letter), converts.
  const under = await post(headers, `<p>${'Việt Nam '.repeat(180_000)}</p>`);
  expect(under.status).toBe(200);
});

it('pathological input is bounded: 50,000 nested <div>s and a 1.9 MB table are 422 with a message, 39,000 nested <div>s convert', async () => {
  const headers = await editorHeaders();
  const divs = await post(headers, '<div>'.repeat(50_000) + 'x' + '</div>'.repeat(50_000));
  expect(divs.status).toBe(422);
  expect(await divs.json()).toEqual({ error: PASTE_CONVERT.tooComplex(50_000, MAX_HTML_TAGS) });
  let rows = '';
  for (let i = 0; rows.length < 1_900_000; i++) rows += `<tr><td>Xã ${i}</td><td>${i},87</td><td>81,44%</td></tr>`;
  const table = await post(headers, `<table>${rows}</table>`);
  expect(table.status).toBe(422);
  expect(((await table.json()) as { error: string }).error).toMatch(/^Nội dung dán có quá nhiều thẻ HTML/);
  const deep = await post(headers, '<div>'.repeat(39_000) + 'sâu' + '</div>'.repeat(39_000));
  expect(deep.status).toBe(200);
  expect(await deep.json()).toEqual({ markdown: 'sâu', skippedImages: 0 });
});
