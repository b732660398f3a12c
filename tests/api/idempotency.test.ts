// Idempotency-Key on POST /api/v1/articles (draft-ietf-httpapi-idempotency-key-header, as Stripe): a
// retried create gives the first 201 again and never a second article; another body with the key is
// 422; simultaneous requests with one key create once; keys belong to their token and live 24 hours.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { bodyHash } from '../../functions/api/idempotency.ts';
import { IdempotencyClaimLost } from '../../functions/articles/errors.ts';
import { createArticle } from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { claimInBatch, claimKey, IDEMPOTENCY_ABANDONED_MS, IDEMPOTENCY_TTL_MS } from '../../functions/data/idempotency-keys.ts';
import { database } from '../../functions/data/db.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { atTime, call, expectProblem, freshCategory, jsonInit, unique, writeToken, writeTokenWithId, firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const post = (token: string, body: unknown, key?: string) =>
  call('/api/v1/articles', jsonInit('POST', token, body, key === undefined ? {} : { 'Idempotency-Key': key }));

const countTitled = async (title: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM articles WHERE title = ?').bind(title).first<{ n: number }>())!.n;

describe('Idempotency-Key', () => {
  it('gives the same 201 (body, Location, ETag) to a retry with the same key and body, and one article', async () => {
    const token = await writeToken();
    const body = { title: `Một lần ${unique('t')}`, category: await freshCategory(), status: 'published' };
    const key = crypto.randomUUID();
    const first = await post(token, body, key);
    expect(first.status).toBe(201);
    const firstText = await first.text();
    const again = await post(token, body, key);
    expect(again.status).toBe(201);
    expect(await again.text()).toBe(firstText);
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await countTitled(body.title)).toBe(1);
    // Quoted as a structured-field string, it is the same key.
    expect(await (await post(token, body, `"${key}"`)).text()).toBe(firstText);
    expect(await countTitled(body.title)).toBe(1);
  });

  it('answers from the committed article if the first request stopped before storing its answer', async () => {
    const { token, id } = await writeTokenWithId();
    const body = { title: `Dừng giữa chừng ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    const first = await post(token, body, key);
    // As if its worker had stopped after the commit (which tied the key to the article) but before
    // storing the answer.
    await env.DB.prepare('UPDATE idempotency_keys SET response = NULL WHERE token_id = ? AND key = ?').bind(id, key).run();
    const again = await post(token, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await again.json()).toEqual(await first.json());
    expect(await countTitled(body.title)).toBe(1);
  });

  it('refuses the same key with another body (422), creating nothing', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    const key = crypto.randomUUID();
    const title = `Khóa dùng lại ${unique('t')}`;
    expect((await post(token, { title, category }, key)).status).toBe(201);
    const problem = await expectProblem(await post(token, { title: `${title} khác`, category }, key), 422);
    expect(problem.type).toMatch(/\/idempotency-key-reused$/);
    expect(await countTitled(`${title} khác`)).toBe(0);
  });

  it('lets concurrent requests with one key create once: the others get the same answer or 409 in progress', async () => {
    const token = await writeToken();
    const body = { title: `Đồng thời ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(token, body, key)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join()).toBe(true);
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const texts = new Set(await Promise.all(created.map((r) => r.text())));
    expect(texts.size).toBe(1);
    for (const r of answers.filter((a) => a.status === 409)) {
      const problem = await expectProblem(r, 409);
      expect(problem.type).toMatch(/\/idempotency-request-in-progress$/);
      expect(r.headers.get('Retry-After')).toBe('1');
    }
    expect(await countTitled(body.title)).toBe(1);
    // Once the first has finished, a retry gets its answer.
    expect(await (await post(token, body, key)).text()).toBe([...texts][0]);
  });

  it('scopes keys per token: another token with the same key creates its own article', async () => {
    const body = { title: `Hai mã ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    expect((await post(await writeToken(), body, key)).status).toBe(201);
    expect((await post(await writeToken(), body, key)).status).toBe(201);
    expect(await countTitled(body.title)).toBe(2);
  });

  it('frees the key when the create is refused, so a corrected retry with it works', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    const key = crypto.randomUUID();
    const title = `Sửa rồi gửi lại ${unique('t')}`;
    // Valid JSON the content rules refuse (publishAt in the past for a schedule): nothing committed.
    await expectProblem(await post(token, { title, category, status: 'scheduled', publishAt: '2020-01-01T00:00:00Z' }, key), 422);
    // The same key with the corrected body is a new request, not a reuse.
    expect((await post(token, { title, category }, key)).status).toBe(201);
    expect(await countTitled(title)).toBe(1);
  });

  it('refuses a malformed key (400) and creates without one as before', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    for (const key of ['', ' ', 'a'.repeat(256), 'hai tu', 'tab\there']) {
      const problem = await expectProblem(await post(token, { title: 'x', category }, key), 400);
      expect(problem.type).toMatch(/\/invalid-idempotency-key$/);
    }
    const title = `Không khóa ${unique('t')}`;
    expect((await post(token, { title, category })).status).toBe(201);
    expect((await post(token, { title, category })).status).toBe(201);
    expect(await countTitled(title)).toBe(2);
  });

  it('is documented in the OpenAPI document as an optional header of the create', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[] }>>;
    };
    expect(doc.paths['/api/v1/articles']!['post']!.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(doc.paths['/api/v1/articles/{slug}']!['patch']!.parameters?.some((p) => p.name === 'Idempotency-Key')).toBe(false);
  });

  it('keeps keys 24 hours: then the key is free again, and the cron prunes it', async () => {
    const { token, id } = await writeTokenWithId();
    const body = { title: `Hết hạn ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    expect((await post(token, body, key)).status).toBe(201);
    const { createdAt } = (await env.DB.prepare('SELECT created_at AS createdAt FROM idempotency_keys WHERE token_id = ? AND key = ?').bind(id, key).first<{ createdAt: number }>())!;
    const db = database(env.DB);
    const hash = 'another body';
    // Just inside 24 h the key still holds (another body is refused); at 24 h it is free.
    expect((await claimKey(db, id, key, hash, new Date(createdAt + IDEMPOTENCY_TTL_MS - 1))).kind).toBe('mismatch');
    const rows = () => env.DB.prepare('SELECT count(*) AS n FROM idempotency_keys WHERE token_id = ?').bind(id).first<{ n: number }>();
    await runScheduled(env, new Date(createdAt + IDEMPOTENCY_TTL_MS - 1));
    expect((await rows())!.n).toBe(1);
    await runScheduled(env, new Date(createdAt + IDEMPOTENCY_TTL_MS));
    expect((await rows())!.n).toBe(0);
    expect((await claimKey(db, id, key, hash, new Date(createdAt + IDEMPOTENCY_TTL_MS))).kind).toBe('claimed');
  });

  it('treats the same JSON with other key order, spacing or escapes as the same body', async () => {
    const token = await writeToken();
    const category = await freshCategory();
    const title = `Cùng nội dung ${unique('t')}`;
    const key = crypto.randomUUID();
    const first = await post(token, JSON.stringify({ title, category, tags: ['Giao thông'], status: 'draft' }), key);
    expect(first.status).toBe(201);
    const reordered = `{ "status" : "draft",\n  "tags": [ "Giao th\\u00f4ng" ], "category": ${JSON.stringify(category)}, "title": ${JSON.stringify(title)} }`;
    const again = await post(token, reordered, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
    expect(await countTitled(title)).toBe(1);
    // A value that differs is still another body.
    await expectProblem(await post(token, JSON.stringify({ title, category, tags: ['Giao thong'], status: 'draft' }), key), 422);
  });

  it('frees a key whose request stopped before committing once it is a minute old: the retry creates once', async () => {
    const { token, id } = await writeTokenWithId();
    const body = { title: `Dừng trước khi lưu ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    const t0 = Date.now();
    // As if the first request had claimed the key and its worker had stopped before the commit.
    const hash = await bodyHash(new TextEncoder().encode(JSON.stringify(body)).buffer as ArrayBuffer);
    expect((await claimKey(database(env.DB), id, key, hash, new Date(t0))).kind).toBe('claimed');
    const early = await atTime(t0 + IDEMPOTENCY_ABANDONED_MS - 1, () => post(token, body, key));
    expect((await expectProblem(early, 409)).type).toMatch(/\/idempotency-request-in-progress$/);
    const retry = await atTime(t0 + IDEMPOTENCY_ABANDONED_MS, () => post(token, body, key));
    expect(retry.status).toBe(201);
    const text = await retry.text();
    const replay = await atTime(t0 + IDEMPOTENCY_ABANDONED_MS + 1, () => post(token, body, key));
    expect(await replay.text()).toBe(text);
    expect(await countTitled(body.title)).toBe(1);
  });

  it('lets a request that lost its key to such a retry commit nothing, and keeps the retry its key', async () => {
    const { id } = await writeTokenWithId();
    const db = database(env.DB);
    const categoryId = (await categoryIdOf(db, SITE.id, await freshCategory()))!;
    const key = crypto.randomUUID();
    const title = `Chậm quá ${unique('t')}`;
    const input = { title, summary: '', body: '', categoryId, tags: [], byline: '', cover: null, status: 'draft' as const };
    const actor = { id: `token:${id}`, name: 'thử' };
    const t0 = new Date();
    const t1 = new Date(t0.getTime() + IDEMPOTENCY_ABANDONED_MS);
    expect((await claimKey(db, id, key, 'h', t0)).kind).toBe('claimed');
    expect((await claimKey(db, id, key, 'h', t1)).kind).toBe('claimed');
    // The first request was only slow: its create comes now, and must not make a second article.
    await expect(createArticle(env, SITE, input, actor, t0, claimInBatch(db, id, key, t0))).rejects.toBeInstanceOf(IdempotencyClaimLost);
    expect(await countTitled(title)).toBe(0);
    const created = await createArticle(env, SITE, input, actor, t1, claimInBatch(db, id, key, t1));
    expect((await claimKey(db, id, key, 'h', t1)).kind).toBe('committed');
    expect(await countTitled(title)).toBe(1);
    expect(created.title).toBe(title);
  });

  it('answers 201 when the create committed but storing its answer failed, and a retry still gets that article', async () => {
    const token = await writeToken();
    const body = { title: `Lưu rồi mới hỏng ${unique('t')}`, category: await freshCategory() };
    const key = crypto.randomUUID();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A real D1 refusal of the answer's update only (the key was already tied to the article in the batch).
    const trigger = `refuse_answer_${unique('x').replaceAll('-', '_')}`;
    await env.DB.exec(`CREATE TRIGGER ${trigger} BEFORE UPDATE OF response ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'answer store out of order'); END`);
    let first: Response;
    try {
      first = await post(token, body, key);
    } finally {
      await env.DB.exec(`DROP TRIGGER ${trigger}`);
      logged.mockRestore();
    }
    expect(first.status).toBe(201);
    const again = await post(token, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await countTitled(body.title)).toBe(1);
  });
});
