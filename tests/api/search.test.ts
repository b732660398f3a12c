// Full-text search (FTS5 in the real local D1): diacritics ignored both ways, ranking, paging,
// visibility, hostile input, and the index kept in step with every write. Checked twice where it
// matters: directly on searchArticles (the search page) and through the Worker's /api/v1/articles?q=.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readArticleBySlug } from '../../functions/data/articles-read.ts';
import { updateArticle } from '../../functions/articles/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { matchExpression, searchArticles, type SearchOptions } from '../../functions/data/search.ts';
import {
  call, deleteArticle, expectProblem, freshCategory, getJson, isoIn, patchArticle, postArticle, readAsWriter, unique, writeToken,
  type ListPage, firstSite } from '../support/api.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const db = () => database(env.DB);

/** A word no other article contains (letters and digits only, so it stays one search word). */
const rareWord = (prefix = 'tu') => unique(prefix).replaceAll('-', '');

async function published(token: string, category: string, title: string, extra: Record<string, unknown> = {}) {
  return (await postArticle(token, { title, category, status: 'published', ...extra })).article;
}

async function categoryId(slug: string): Promise<number> {
  const id = await categoryIdOf(db(), SITE.id, slug);
  if (id === null) throw new Error(`no category ${slug}`);
  return id;
}

/** Ids found by the search page's query, in its order. */
async function found(q: string, options: Partial<SearchOptions> = {}): Promise<number[]> {
  return (await searchArticles(db(), SITE.id, q, { now: new Date(), ...options })).items.map((a) => a.id);
}

/** Ids found through the API, in its order (newest first). */
async function foundByApi(q: string, category?: string): Promise<number[]> {
  const { body } = await getJson<ListPage>(`/api/v1/articles?q=${encodeURIComponent(q)}${category ? `&category=${category}` : ''}`);
  return body.items.map((a) => a.id);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('the MATCH expression', () => {
  it('quotes every folded word, ANDs them, and matches the last one as a prefix', () => {
    expect(matchExpression('Đồng Hỷ')).toBe('"dong" AND "hy"*');
    expect(matchExpression('a OR b')).toBe('"a" AND "or" AND "b"*');
    expect(matchExpression('NEAR("x" y)')).toBe('"near" AND "x" AND "y"*');
    expect(matchExpression('title:dong -hy ^x')).toBe('"title" AND "dong" AND "hy" AND "x"*');
  });

  it('keeps at most 8 distinct words and has nothing to search for without a letter or digit', () => {
    expect(matchExpression('mot hai ba bon nam sau bay tam chin muoi')).toBe(
      '"mot" AND "hai" AND "ba" AND "bon" AND "nam" AND "sau" AND "bay" AND "tam"*',
    );
    expect(matchExpression('ha noi ha noi')).toBe('"ha" AND "noi"*');
    for (const q of ['', '   ', '"', '*', '(', '-', '🎉🇻🇳', '\u0301', '"" * ()']) expect(matchExpression(q), q).toBeNull();
  });
});

describe('Vietnamese without regard to diacritics', () => {
  it('"dong hy" and "Đồng Hỷ" find the same articles, in every spelling, on the search page and in the API', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const token = await writeToken();
    const inTitle = await published(token, category, 'Đồng Hỷ khai mạc lễ hội');
    const unmarked = await published(token, category, 'Tin vắn', { summary: 'Bao cao cua huyen dong hy nam nay' });
    const inBody = await published(token, category, 'Thời sự', { body: 'Ngày 8/3, **huyện Đồng Hỷ** đã họp.' });
    const nfd = await published(token, category, 'Hội chợ Đồng Hỷ'.normalize('NFD'));
    await published(token, category, 'Thái Nguyên phát triển', { body: 'Không liên quan.' });
    const all = sorted([inTitle.id, unmarked.id, inBody.id, nfd.id]);
    for (const q of ['dong hy', 'Đồng Hỷ', 'ĐỒNG HỶ', 'đồng hỷ', 'Dong Hy', 'Đồng Hỷ'.normalize('NFD'), '  dong   HY ', 'Đồng-Hỷ!']) {
      expect(sorted(await found(q, { categoryId: cid })), `search page, q=${JSON.stringify(q)}`).toEqual(all);
      expect(sorted(await foundByApi(q, category)), `API, q=${JSON.stringify(q)}`).toEqual(all);
    }
    // Every word must match.
    expect(await found('hỷ khai mạc', { categoryId: cid })).toEqual([inTitle.id]);
    expect(await foundByApi('hỷ khai mạc', category)).toEqual([inTitle.id]);
    expect(await found('đồng hỷ xyzzy', { categoryId: cid })).toEqual([]);
    expect(await foundByApi('đồng hỷ xyzzy', category)).toEqual([]);
  });

  it('treats đ as d both ways, "đường" and "duong" alike', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const token = await writeToken();
    const marked = await published(token, category, 'Sửa đường Đại Từ');
    const plain = await published(token, category, 'Lam duong giao thong nong thon');
    for (const q of ['duong', 'đường', 'ĐƯỜNG', 'Đường'.normalize('NFD'), 'DUONG']) {
      expect(sorted(await found(q, { categoryId: cid })), q).toEqual(sorted([marked.id, plain.id]));
      expect(sorted(await foundByApi(q, category)), q).toEqual(sorted([marked.id, plain.id]));
    }
    for (const q of ['dai tu', 'ĐẠI TỪ', 'đại']) expect(await found(q, { categoryId: cid }), q).toEqual([marked.id]);
  });

  it('matches the last word as a prefix, the others as whole words', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const token = await writeToken();
    const a = await published(token, category, 'Đồng Hỷ nhận bằng công nhận');
    expect(await found('dong h', { categoryId: cid })).toEqual([a.id]);
    expect(await found('Đồng Hỷ nhận bằ', { categoryId: cid })).toEqual([a.id]);
    expect(await found('don hy', { categoryId: cid })).toEqual([]);
  });
});

describe('ranking and paging', () => {
  it('ranks a title hit above a summary hit above a body-only hit, whatever their age', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = rareWord();
    const title = await published(token, category, `Hội nghị ${w}`, { publishAt: isoIn(-3 * 3600) });
    const summary = await published(token, category, 'Hội nghị', { summary: `Bàn về ${w}`, publishAt: isoIn(-2 * 3600) });
    const body = await published(token, category, 'Hội nghị', { body: `Nội dung: ${w}.`, publishAt: isoIn(-3600) });
    expect(await found(w)).toEqual([title.id, summary.id, body.id]);
    // The API's q filters but keeps its order: newest first.
    expect(await foundByApi(w)).toEqual([body.id, summary.id, title.id]);
  });

  it('breaks ties newest first', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = rareWord();
    const older = await published(token, category, `Thông báo ${w}`, { publishAt: isoIn(-7200) });
    const newer = await published(token, category, `Thông báo ${w}`, { publishAt: isoIn(-3600) });
    expect(await found(w)).toEqual([newer.id, older.id]);
  });

  it('pages 1..N with the total, the rest on the last page, nothing after it; tags attached', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const token = await writeToken();
    const w = rareWord();
    const made: number[] = [];
    for (let i = 0; i < 13; i++) made.push((await published(token, category, `Nông thôn mới ${w} ${i}`, { tags: ['Nông thôn', `Đợt ${i % 2}`] })).id);
    await published(token, category, 'Chuyện khác');
    const now = new Date();
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await searchArticles(db(), SITE.id, `nong thon ${w}`, { page, pageSize: 5, now, categoryId: cid }));
    expect(pages.map((p) => [p.page, p.items.length, p.total, p.pageCount])).toEqual([[1, 5, 13, 3], [2, 5, 13, 3], [3, 3, 13, 3], [4, 0, 13, 3]]);
    expect(sorted(pages.flatMap((p) => p.items.map((a) => a.id)))).toEqual(sorted(made));
    for (const item of pages.flatMap((p) => p.items)) {
      expect(item.tags.map((t) => t.name), item.slug).toContain('Nông thôn');
      expect(item.tags, item.slug).toHaveLength(2);
      expect(item.category.slug).toBe(category);
    }
    // Page size: 10 by default, at most 50; nonsense page numbers mean the first page.
    const byDefault = await searchArticles(db(), SITE.id, w, { now });
    expect([byDefault.items.length, byDefault.pageCount]).toEqual([10, 2]);
    expect((await searchArticles(db(), SITE.id, w, { now, pageSize: 1000 })).items).toHaveLength(13);
    expect((await searchArticles(db(), SITE.id, w, { now, page: 0 })).page).toBe(1);
    expect((await searchArticles(db(), SITE.id, w, { now, page: Number.NaN })).page).toBe(1);
    expect((await searchArticles(db(), SITE.id, w, { now, page: 1e300 })).items).toEqual([]);
  });
});

describe('only what readers may see', () => {
  it('never returns drafts, articles in review, scheduled, archived or deleted ones', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const w = rareWord();
    const visible = await published(token, category, `Công khai ${w}`);
    await postArticle(token, { title: `Nháp ${w}`, category, status: 'draft' });
    await postArticle(token, { title: `Chờ duyệt ${w}`, category, status: 'review' });
    await postArticle(token, { title: `Hẹn giờ ${w}`, category, status: 'scheduled', publishAt: isoIn(3600) });
    await postArticle(token, { title: `Lưu trữ ${w}`, category, status: 'archived' });
    const gone = await postArticle(token, { title: `Đã xóa ${w}`, category, status: 'published' });
    expect((await deleteArticle(token, gone.article.slug, gone.etag)).status).toBe(204);
    const unpublished = await postArticle(token, { title: `Gỡ xuống ${w}`, category, status: 'published' });
    expect((await patchArticle(token, unpublished.article.slug, unpublished.etag, { status: 'draft' })).status).toBe(200);

    const result = await searchArticles(db(), SITE.id, w, { now: new Date() });
    expect([result.items.map((a) => a.id), result.total]).toEqual([[visible.id], 1]);
    expect(await foundByApi(w)).toEqual([visible.id]);
    // Even a reader who asks with a token sees only published articles in a list.
    const { body } = await getJson<ListPage>(`/api/v1/articles?q=${w}`, { Authorization: `Bearer ${token}` });
    expect(body.items.map((a) => a.id)).toEqual([visible.id]);
  });

  it('filters by category', async () => {
    const mine = await freshCategory();
    const token = await writeToken();
    const w = rareWord();
    const a = await published(token, mine, `Của tôi ${w}`);
    await published(token, await freshCategory(), `Của chuyên mục khác ${w}`);
    expect(await found(w, { categoryId: await categoryId(mine) })).toEqual([a.id]);
    expect((await found(w))).toHaveLength(2);
  });
});

describe('hostile queries', () => {
  const hostile = [
    '"', '""', '*', '**', 'NEAR(', 'NEAR(a b, 2)', 'a OR b', 'a AND', 'NOT', '-x', '+x', '(', ')', '^', ':',
    'title:x', '{title summary}: x', "'", "''; DROP TABLE articles; --", '"dong', 'dong"*', 'x*', '\\', '%', '_',
    '🎉', '🇻🇳 🎉', 'dong 🎉 hy', 'x'.repeat(200), 'đ'.repeat(200), 'ab '.repeat(66), '\u200b', '\u0301\u0301', '中文 검색',
  ];

  it('answer 200 with results or nothing through the API, never a 500', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    await published(token, category, 'Đồng Hỷ x a b');
    for (const q of hostile) {
      const res = await call(`/api/v1/articles?q=${encodeURIComponent(q)}`);
      expect(res.status, `q=${JSON.stringify(q)}: ${await res.clone().text()}`).toBe(200);
      expect(Array.isArray(((await res.json()) as ListPage).items), q).toBe(true);
    }
    // The API caps q at 200 characters: a longer one is a client error (problem+json), never a server one.
    await expectProblem(await call(`/api/v1/articles?q=${'x'.repeat(300)}`), 400);
  });

  it('give results or nothing on the search page, with any length or control character', async () => {
    const now = new Date();
    for (const q of [...hostile, 'x'.repeat(300), 'đồng '.repeat(60), 'a\u0000b', '\u0000', '\ud800']) {
      const result = await searchArticles(db(), SITE.id, q, { now });
      expect(result.total, JSON.stringify(q)).toBeGreaterThanOrEqual(0);
    }
    expect(await searchArticles(db(), SITE.id, '"*(', { now })).toEqual({ items: [], total: 0, page: 1, pageCount: 0 });
  });

  it('treat search syntax as words: OR does not widen, a minus does not exclude', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const token = await writeToken();
    const dong = await published(token, category, 'Đồng Hỷ');
    await published(token, category, 'Thái Nguyên');
    expect(await found('dong OR thai', { categoryId: cid })).toEqual([]);
    expect(await found('dong -hy', { categoryId: cid })).toEqual([dong.id]);
    expect(await found('"dong" *', { categoryId: cid })).toEqual([dong.id]);
    expect(await foundByApi('NEAR(dong hy)', category)).toEqual([]);
  });
});

describe('the index follows every write', () => {
  it('an edit changes what is found on the next search', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const [before, after, inSummary, inBody] = [rareWord('cu'), rareWord('moi'), rareWord('tt'), rareWord('nd')];
    const { article, etag } = await postArticle(token, { title: `Tin ${before}`, category, status: 'published' });
    expect(await found(before)).toEqual([article.id]);

    const edited = await patchArticle(token, article.slug, etag, { title: `Tin ${after}`, summary: `Tóm tắt ${inSummary}`, body: `Thân ${inBody}` });
    expect(edited.status).toBe(200);
    expect(await found(before)).toEqual([]);
    expect(await foundByApi(before)).toEqual([]);
    for (const w of [after, inSummary, inBody]) {
      expect(await found(w), w).toEqual([article.id]);
      expect(await foundByApi(w), w).toEqual([article.id]);
    }

    // A change that leaves the text alone keeps it findable; unpublishing hides it; publishing again shows it.
    const byline = await patchArticle(token, article.slug, edited.headers.get('ETag'), { byline: 'Phóng viên' });
    expect(byline.status).toBe(200);
    expect(await found(after)).toEqual([article.id]);
    const hidden = await patchArticle(token, article.slug, byline.headers.get('ETag'), { status: 'draft' });
    expect(await found(after)).toEqual([]);
    expect((await patchArticle(token, article.slug, hidden.headers.get('ETag'), { status: 'published' })).status).toBe(200);
    expect(await found(after)).toEqual([article.id]);

    // Deleting it removes it from every search.
    const current = await readAsWriter(token, article.slug);
    expect((await deleteArticle(token, article.slug, current.etag)).status).toBe(204);
    expect(await found(after)).toEqual([]);
    expect(await foundByApi(after)).toEqual([]);
  });

  it('a write that loses a race changes nothing in the index (one transaction)', async () => {
    const category = await freshCategory();
    const token = await writeToken();
    const [first, winner, loser] = [rareWord('dau'), rareWord('thang'), rareWord('thua')];
    const { article } = await postArticle(token, { title: `Tin ${first}`, category, status: 'published' });
    const stale = await readArticleBySlug(db(), SITE.id, article.slug, new Date());
    if (!stale || !('article' in stale)) throw new Error('article not found');
    const actor = { id: 'test', name: 'test' };
    await updateArticle(env, SITE, stale.article, { title: `Tin ${winner}` }, actor, new Date());
    await expect(updateArticle(env, SITE, stale.article, { title: `Tin ${loser}` }, actor, new Date())).rejects.toMatchObject({ code: 'version-conflict' });
    expect(await found(winner)).toEqual([article.id]);
    expect(await found(loser)).toEqual([]);
    expect(await found(first)).toEqual([]);
  });

  it('the migration backfills articles written before the index existed', async () => {
    const category = await freshCategory();
    const cid = await categoryId(category);
    const w = rareWord();
    const now = Date.now() - 60_000;
    // A row as the code before the index wrote it: folded search_text, and no articles_fts row. The
    // column was dropped since (migration 0004); it is put back for this test, as it was at 0002.
    await env.DB.prepare(`ALTER TABLE articles ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`).run();
    const { meta } = await env.DB.prepare(
      `INSERT INTO articles (site_id, slug, title, summary, body_markdown, body_html, category_id, status, published_at, search_text, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, '', ?, 'published', ?, ?, ?, ?)`,
    ).bind(unique('cu'), `Đường về Đồng Hỷ ${w}`, 'Ủy ban xã', 'Bà con **phấn khởi**.', cid, now,
      `duong ve dong hy ${w} uy ban xa ba con phan khoi`, now, now).run();
    const id = meta.last_row_id;
    expect(await found(w)).toEqual([]);

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('search_fts'));
    const backfill = migration?.queries.find((q) => /INSERT INTO `articles_fts`/.test(q));
    expect(backfill, 'the migration has a backfill statement').toBeDefined();
    await env.DB.prepare(backfill!).run();
    await env.DB.prepare(backfill!).run(); // idempotent: rows already indexed are skipped
    await env.DB.prepare('ALTER TABLE articles DROP COLUMN search_text').run();

    for (const q of [w, 'duong ve dong hy', 'Đường về Đồng Hỷ', 'uy ban', 'Ủy ban', 'phấn khởi']) {
      expect(await found(`${q} ${w}`, { categoryId: cid }), q).toEqual([id]);
    }
    expect(await foundByApi(`dong hy ${w}`, category)).toEqual([id]);
  });
});
