// Every bad input gets a 4xx application/problem+json (RFC 9457) with a clear message, never a 500,
// and leaves the data exactly as it was (counted or read back before and after).
import { describe, expect, it } from 'vitest';
import {
  auth, call, expectProblem, freshCategory, isoIn, jsonInit, patchArticle, postArticle, readAsWriter,
  storedArticlesOf, unique, writeToken,
} from '../support/api.ts';

type Problem = Awaited<ReturnType<typeof expectProblem>>;

/** The RFC 9457 members, plus per-field messages when `fields` are expected. */
async function expectClientError(res: Response, status: number, fields?: string[]): Promise<Problem> {
  const problem = await expectProblem(res, status);
  expect(problem.type).toMatch(/^https?:\/\/\S+$/);
  expect(problem.title).not.toBe('');
  expect(problem.detail.length).toBeGreaterThan(5);
  expect(problem.detail).not.toMatch(/\bat .+\.(ts|js):\d+/);
  if (fields) {
    expect(problem.errors, 'per-field errors').toBeInstanceOf(Array);
    for (const e of problem.errors!) {
      expect(typeof e.field).toBe('string');
      expect(e.message).not.toBe('');
    }
    const named = problem.errors!.map((e) => e.field);
    for (const f of fields) expect(named, `errors name ${f}`).toContain(f);
  }
  return problem;
}

const rawPost = (token: string, body: BodyInit, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  call('/api/v1/articles', { method: 'POST', headers: { ...auth(token), ...headers }, body });

describe('bad POST bodies', () => {
  // [name, body (a string is sent verbatim), status, fields named in errors]
  const cases: [string, (category: string) => unknown, number, string[]?][] = [
    ['malformed JSON', (c) => `{"title": "Thiếu ngoặc", "category": "${c}"`, 400],
    ['an empty body', () => '', 400],
    ['trailing garbage after JSON', (c) => `{"title": "x", "category": "${c}"} rác`, 400],
    ['a JSON array', (c) => [{ title: 'x', category: c }], 422, ['(root)']],
    ['a JSON number', () => '42', 422, ['(root)']],
    ['a JSON string', () => '"tiêu đề"', 422, ['(root)']],
    ['JSON null', () => 'null', 422, ['(root)']],
    ['JSON true', () => 'true', 422, ['(root)']],
    ['a numeric title', (c) => ({ title: 5, category: c }), 422, ['title']],
    ['tags as a string', (c) => ({ title: 'x', category: c, tags: 'x' }), 422, ['tags']],
    ['a tag that is not a string', (c) => ({ title: 'x', category: c, tags: ['a', 7] }), 422, ['tags.1']],
    ['an unknown status', (c) => ({ title: 'x', category: c, status: 'live' }), 422, ['status']],
    ['a string cover', (c) => ({ title: 'x', category: c, cover: 'anh.jpg' }), 422, ['cover']],
    ['null summary', (c) => ({ title: 'x', category: c, summary: null }), 422, ['summary']],
    ['unknown fields', (c) => ({ title: 'x', category: c, views: 100, authorId: 1 }), 422, ['views', 'authorId']],
    ['an internal column', (c) => ({ title: 'x', category: c, searchText: 'x', deletedAt: null }), 422, ['searchText', 'deletedAt']],
    ['an unknown field inside cover', (c) => ({ title: 'x', category: c, cover: { key: '2026/11/a.jpg', alt: 'a', width: 5 } }), 422, ['cover.width']],
    ['__proto__ as a field', (c) => `{"title": "x", "category": "${c}", "__proto__": {"status": "published"}}`, 422, ['__proto__']],
    ['an empty title', (c) => ({ title: '', category: c }), 422, ['title']],
    ['a blank title', (c) => ({ title: '   \n\t', category: c }), 422, ['title']],
    ['a title over 300 characters', (c) => ({ title: 'ạ'.repeat(301), category: c }), 422, ['title']],
    ['no category', () => ({ title: 'Không chuyên mục' }), 422, ['category']],
    ['no title', (c) => ({ category: c }), 422, ['title']],
    ['an unknown category', () => ({ title: 'x', category: unique('khong-co') }), 422, ['category']],
    ['a category that is not a slug', () => ({ title: 'x', category: 'Cải cách' }), 422, ['category']],
    ['an invalid explicit slug', (c) => ({ title: 'x', category: c, slug: 'Đồng Hỷ' }), 422, ['slug']],
    ['a slug with double hyphens', (c) => ({ title: 'x', category: c, slug: 'a--b' }), 422, ['slug']],
    ['21 tags', (c) => ({ title: 'x', category: c, tags: Array.from({ length: 21 }, (_, i) => `thẻ ${i}`) }), 422, ['tags']],
    ['a tag without letters or digits', (c) => ({ title: 'x', category: c, tags: ['ok', '!!!'] }), 422, ['tags.1']],
    ['a body over 500 000 characters', (c) => ({ title: 'x', category: c, body: 'a'.repeat(500_001) }), 422, ['body']],
    ['a cover without alt text', (c) => ({ title: 'x', category: c, cover: { key: '2026/11/a.jpg' } }), 422, ['cover.alt']],
    ['a cover key that is a path escape', (c) => ({ title: 'x', category: c, cover: { key: '../secret', alt: 'a' } }), 422, ['cover.key']],
    ['scheduled without publishAt', (c) => ({ title: 'x', category: c, status: 'scheduled' }), 422, ['publishAt']],
    ['scheduled in the past', (c) => ({ title: 'x', category: c, status: 'scheduled', publishAt: isoIn(-3600) }), 422, ['publishAt']],
    ['published far in the future', (c) => ({ title: 'x', category: c, status: 'published', publishAt: isoIn(86_400) }), 422, ['publishAt']],
    ['publishAt in words', (c) => ({ title: 'x', category: c, publishAt: 'ngày mai' }), 422, ['publishAt']],
    ['publishAt on 30 February', (c) => ({ title: 'x', category: c, publishAt: '2024-02-30T09:00:00+07:00' }), 422, ['publishAt']],
    ['publishAt without a zone', (c) => ({ title: 'x', category: c, publishAt: '2024-03-08T09:43:00' }), 422, ['publishAt']],
    ['publishAt with a space', (c) => ({ title: 'x', category: c, publishAt: '2024-03-08 09:43:00Z' }), 422, ['publishAt']],
    ['publishAt as epoch milliseconds', (c) => ({ title: 'x', category: c, publishAt: 1709865780000 }), 422, ['publishAt']],
  ];

  it.each(cases)('%s -> %i, nothing stored', async (_name, body, status, fields) => {
    const category = await freshCategory();
    const token = await writeToken();
    const payload = body(category);
    const res = await call('/api/v1/articles', jsonInit('POST', token, payload as string | object));
    await expectClientError(res, status, fields);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('names the offending field in the detail too', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const problem = await expectClientError(await call('/api/v1/articles', jsonInit('POST', token, { title: 5, category, colour: 'red' })), 422, ['title', 'colour']);
    expect(problem.detail).toContain('title');
    expect(problem.detail).toContain('colour');
  });
});

describe('bad bytes on the wire', () => {
  const validBody = (category: string) => JSON.stringify({ title: 'Hợp lệ', category });

  it('refuses a body over 1 MB with 413 (Content-Length declared)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const big = JSON.stringify({ title: 'Quá lớn', category, body: 'x'.repeat(1024 * 1024) });
    await expectClientError(await rawPost(token, big), 413);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('refuses a streamed body over 1 MB with 413 (no Content-Length)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const head = new TextEncoder().encode(`{"title": "Luồng lớn", "category": "${category}", "body": "`);
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        else if (sent > 20) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        } else controller.enqueue(chunk);
        sent += 1;
      },
    });
    const req = { method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json' }, body: stream, duplex: 'half' };
    const res = await call('/api/v1/articles', req as RequestInit);
    await expectClientError(res, 413);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('accepts a streamed body under the limit (the cap counts bytes, it does not refuse streams)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const bytes = new TextEncoder().encode(validBody(category));
    const stream = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });
    const req = { method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json' }, body: stream, duplex: 'half' };
    const res = await call('/api/v1/articles', req as RequestInit);
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['no Content-Type', {}],
    ['application/jsonp', { 'Content-Type': 'application/jsonp' }],
  ] as [string, Record<string, string>][])('refuses %s with 415', async (_name, headers) => {
    const category = await freshCategory();
    const token = await writeToken();
    // A Blob without a type keeps Request from adding a Content-Type of its own.
    await expectClientError(await rawPost(token, new Blob([validBody(category)]), headers), 415);
    expect(await storedArticlesOf(category)).toEqual([]);
  });

  it('accepts application/json with a charset', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const res = await rawPost(token, validBody(category), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });

  it.each([
    ['a stray 0xFF byte', [0xff]],
    ['a truncated sequence', [0xe1, 0xbb]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses invalid UTF-8 (%s) with 400', async (_name, bad) => {
    const category = await freshCategory();
    const token = await writeToken();
    const before = new TextEncoder().encode(`{"title": "Tiêu đề `);
    const after = new TextEncoder().encode(`", "category": "${category}"}`);
    const bytes = new Uint8Array([...before, ...bad, ...after]);
    await expectClientError(await rawPost(token, bytes), 400);
    expect(await storedArticlesOf(category)).toEqual([]);
  });
});

describe('bad PATCH bodies', () => {
  const cases: [string, unknown, number, string[]?][] = [
    ['an empty object', {}, 422],
    ['malformed JSON', '{"title": ', 400],
    ['JSON null', 'null', 422],
    ['a JSON array', '[]', 422],
    ['an empty title', { title: '' }, 422, ['title']],
    ['a numeric title', { title: 5 }, 422, ['title']],
    ['an unknown field', { title: 'Hợp lệ', foo: 1 }, 422, ['foo']],
    ['an invalid slug', { slug: 'Không Hợp Lệ' }, 422, ['slug']],
    ['an unknown category', { category: 'khong-ton-tai-dau' }, 422, ['category']],
    ['scheduled without publishAt', { status: 'scheduled' }, 422, ['publishAt']],
    ['an invalid publishAt', { publishAt: 'hôm qua' }, 422, ['publishAt']],
    ['an unknown status', { status: 'deleted' }, 422, ['status']],
    ['a version field', { version: 99 }, 422, ['version']],
  ];

  it.each(cases)('%s -> %i, the article unchanged', async (_name, body, status, fields) => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Không được đổi', category, status: 'published', tags: ['Giữ nguyên'] });
    await expectClientError(await patchArticle(token, article.slug, etag, body), status, fields);
    const after = await readAsWriter(token, article.slug);
    expect(after.etag).toBe(etag);
    expect(after.article.version).toBe(1);
    expect(after.article.title).toBe('Không được đổi');
  });

  it('refuses a PATCH with the wrong Content-Type (415), the article unchanged', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Kiểu sai', category });
    const res = await call(`/api/v1/articles/${article.slug}`, {
      method: 'PATCH', headers: { ...auth(token), 'Content-Type': 'text/plain', 'If-Match': etag }, body: '{"title": "Đổi"}',
    });
    await expectClientError(res, 415);
    expect((await readAsWriter(token, article.slug)).etag).toBe(etag);
  });

  it('refuses to take a slug another article holds (409), the article unchanged', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article: other } = await postArticle(token, { title: 'Người giữ chỗ', category });
    const { article, etag } = await postArticle(token, { title: 'Người muốn chỗ', category });
    await expectClientError(await patchArticle(token, article.slug, etag, { slug: other.slug }), 409, ['slug']);
    expect((await readAsWriter(token, article.slug)).etag).toBe(etag);
  });
});

describe('bad queries', () => {
  const cursorOf = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  const badCursors: [string, string][] = [
    ['punctuation', 'abc!'],
    ['base64 of garbage', btoa('not json at all').replace(/=+$/, '')],
    ['base64 of an object', cursorOf({ publishedAt: 1, id: 2 })],
    ['a negative id', cursorOf([1_700_000_000_000, -5])],
    ['a fractional id', cursorOf([1_700_000_000_000, 1.5])],
    ['three numbers', cursorOf([1, 2, 3])],
    ['strings', cursorOf(['1', '2'])],
    ['an impossible base64 length', 'abcde'],
    ['a 201-character cursor', 'a'.repeat(201)],
    ['percent-encoded junk', '%E2%98%83'],
  ];

  it.each(badCursors)('refuses a cursor with %s (400) on the list and the feeds', async (_name, cursor) => {
    const category = await freshCategory();
    for (const path of [`/api/v1/articles?cursor=${cursor}`, `/api/v1/articles?category=${category}&cursor=${cursor}`, `/feed.json?cursor=${cursor}`, `/chuyen-muc/${category}/feed.json?cursor=${cursor}`, `/rss.xml?cursor=${cursor}`]) {
      const problem = await expectClientError(await call(path), 400);
      expect(problem.errors?.map((e) => e.field), path).toContain('cursor');
    }
  });

  it.each(['0', '-1', '1000', '101', 'abc', '1.5', '1e2', '', ' 5', '0x10'])('refuses limit=%j with 400', async (limit) => {
    const problem = await expectClientError(await call(`/api/v1/articles?limit=${encodeURIComponent(limit)}`), 400, ['limit']);
    expect(problem.detail).toMatch(/limit/);
  });

  it('refuses malformed filters with 400 and an unknown category with 404', async () => {
    await expectClientError(await call('/api/v1/articles?category=C%E1%BA%A3i%20c%C3%A1ch'), 400, ['category']);
    await expectClientError(await call('/api/v1/articles?tag=-x-'), 400, ['tag']);
    await expectClientError(await call(`/api/v1/articles?q=${'a'.repeat(201)}`), 400, ['q']);
    await expectClientError(await call(`/api/v1/articles?category=${unique('khong-co')}`), 404);
  });
});

describe('unknown things and wrong methods', () => {
  it.each([
    ['an unknown article', () => `/api/v1/articles/${unique('khong-co')}`],
    ['an unknown category', () => `/api/v1/categories/${unique('khong-co')}`],
    ['an unknown category feed', () => `/chuyen-muc/${unique('khong-co')}/feed.json`],
    ['an unknown category RSS', () => `/chuyen-muc/${unique('khong-co')}/rss.xml`],
    ['an unknown API path', () => '/api/v1/khong-co'],
    ['an unknown API version', () => '/api/v2/articles'],
    ['a path below an article', () => '/api/v1/articles/a/b'],
    ['the bare /api', () => '/api'],
  ])('%s -> 404 problem+json', async (_name, path) => {
    await expectClientError(await call(path()), 404);
  });

  it.each([
    ['a lone percent sign', '%'],
    ['a broken percent escape', '%E0%A4%A'],
    ['an encoded NUL', '%00'],
    ['an encoded path escape', '..%2F..%2Fetc%2Fpasswd'],
    ['HTML', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['Vietnamese letters', '%C4%90%E1%BB%93ng-H%E1%BB%B7'],
    ['capitals', 'Dong-Hy'],
    ['SQL', "a'%20or%20'1'='1"],
    ['a 1000-character slug', 'a'.repeat(1000)],
    ['an encoded slash', 'a%2Fb'],
  ])('an article slug with %s -> 404, never 500', async (_name, slug) => {
    await expectClientError(await call(`/api/v1/articles/${slug}`), 404);
    await expectClientError(await call(`/api/v1/categories/${slug}`), 404);
    await expectClientError(await call(`/chuyen-muc/${slug}/feed.json`), 404);
  });

  it.each([
    ['PUT', '/api/v1/articles', ['GET', 'POST']],
    ['DELETE', '/api/v1/articles', ['GET', 'POST']],
    ['DELETE', '/api/v1/categories', ['GET']],
    ['POST', '/api/v1/categories/abc', ['GET']],
    ['PUT', '/api/v1/articles/abc', ['GET', 'PATCH', 'DELETE']],
    ['POST', '/api/v1/articles/abc', ['GET', 'PATCH', 'DELETE']],
    ['POST', '/feed.json', ['GET']],
    ['DELETE', '/sitemap.xml', ['GET']],
  ] as [string, string, string[]][])('%s %s -> 405 with an Allow header', async (method, path, allowed) => {
    const res = await call(path, { method, headers: { 'Content-Type': 'application/json' }, ...(method === 'DELETE' ? {} : { body: '{}' }) });
    const allow = (res.headers.get('Allow') ?? '').split(/\s*,\s*/);
    await expectClientError(res, 405);
    for (const m of allowed) expect(allow, `Allow lists ${m}`).toContain(m);
    expect(allow).not.toContain(method);
  });

  it('does not let a wrong method change anything', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: 'Phương thức sai', category });
    const res = await call(`/api/v1/articles/${article.slug}`, { method: 'PUT', headers: { ...auth(token), 'Content-Type': 'application/json', 'If-Match': etag }, body: JSON.stringify({ title: 'PUT' }) });
    await expectClientError(res, 405);
    expect((await readAsWriter(token, article.slug)).etag).toBe(etag);
  });
});
