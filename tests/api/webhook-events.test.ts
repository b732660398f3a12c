// The webhook outbox (functions/webhooks/outbox.ts): every committed change of an article, document or page
// writes its events' deliveries in its own batch, one row per active webhook of the site subscribed to the
// event, with the exact payload; a scheduled item's "published" waits for its instant and is cancelled by a
// later change; drafts fire nothing; a failed batch writes nothing; the statements use the indexes.
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { categories, webhookDeliveries, webhooks, type WebhookEvent } from '../../schema/tables.ts';
import { InvalidFields, SiteArchived, VersionConflict } from '../../functions/articles/errors.ts';
import {
  createArticle, deleteArticle as deleteArticleService, importArticle, restoreFromTrash, restoreRevision, returnArticle, updateArticle,
} from '../../functions/articles/service.ts';
import { readArticleById } from '../../functions/data/admin-articles.ts';
import { database } from '../../functions/data/db.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import { listRevisions, readRevision } from '../../functions/data/revisions.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { deleteDocument, restoreDocument, returnDocument, updateDocument } from '../../functions/documents/service.ts';
import { createPage, deletePage, restorePage, updatePage, type PageInput } from '../../functions/site-pages/service.ts';
import { webhookDispatcher } from '../../functions/webhooks/kick.ts';
import { CANCELLED_BY_LATER_CHANGE } from '../../functions/webhooks/outbox.ts';
import type { WebhookPayload } from '../../functions/webhooks/payload.ts';
import {
  atTime, deleteArticle, firstSite, freshCategory, getJson, isoIn, jsonInit, ORIGIN, patchArticle, pathOf, postArticle, unique, writeToken,
} from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';
import { recordingD1, type Recorded } from '../support/recording-d1.ts';

const db = database(env.DB);
const SITE = await firstSite();
const editor = { id: 'user:1', name: 'Biên tập viên' };
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `webhook-${U}.test`;
const ARTICLE_EVENTS: WebhookEvent[] = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'];
let other = { id: 0, status: 'active' as const, origin: `http://${HOST}` };
let otherToken = '';

beforeAll(async () => {
  other = { ...other, id: (await createSite(db, { name: `Cổng thử webhook ${U}`, hosts: [HOST] })).id };
  otherToken = (await createToken(db, other.id, 'wh', ['read', 'write', 'import'])).token;
});

// Each test's webhooks receive only that test's changes.
afterEach(async () => {
  await db.update(webhooks).set({ active: false });
});

/**
 * A webhook of the site. Writes kick the real dispatcher, which attempts what is due: its URL is one the send
 * guard refuses before any network (an internal name), and the assertions on rows due now read only what
 * the dispatcher never changes (its attempts are webhook-dispatch.test.ts's subject).
 */
async function hook(events: readonly WebhookEvent[], { siteId = SITE.id, active = true } = {}): Promise<number> {
  const [row] = await db.insert(webhooks).values({
    siteId, url: 'https://receiver.internal/hook', events: JSON.stringify(events), secretSealed: 'not-used-here', active,
  }).returning({ id: webhooks.id });
  return row!.id;
}

const deliveriesOf = (webhookId: number) =>
  db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(asc(webhookDeliveries.id));

const typesOf = async (webhookId: number) => (await deliveriesOf(webhookId)).map((d) => d.eventType);

/** The payload a receiver gets, key order included (the dispatcher signs and sends the stored text). */
function payloadText(type: WebhookEvent, at: Date, data: Omit<WebhookPayload['data'], 'url' | 'apiUrl'>, urls: { url: string; apiUrl: string }): string {
  const payload: WebhookPayload = { type, timestamp: at.toISOString(), data: { id: data.id, slug: data.slug, previousSlug: data.previousSlug, ...urls, version: data.version } };
  return JSON.stringify(payload);
}
const articleUrls = (slug: string, origin = ORIGIN) => ({ url: `${origin}/bai-viet/${slug}`, apiUrl: `${origin}/api/v1/articles/${slug}` });

/** A whole second, so the ISO timestamps and stored instants compare exactly. */
const second = (offsetMs = 0) => new Date(Math.floor((Date.now() + offsetMs) / 1000) * 1000);

describe('articles through the API', () => {
  it('writes each event with its exact payload for subscribed active webhooks only, in order', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const documentsOnly = await hook(['document.published', 'document.updated']);
    const paused = await hook(ARTICLE_EVENTS, { active: false });
    const token = await writeToken();
    const category = await freshCategory();
    const t1 = second(-60_000);
    const { article, etag } = await atTime(t1, () => postArticle(token, { title: `Tin có webhook ${U}`, category, status: 'published' }));

    const [first] = await deliveriesOf(all);
    expect(first).toMatchObject({ siteId: SITE.id, eventType: 'article.published', itemKind: 'article', itemId: article.id, createdAt: t1 });
    expect(first!.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(first!.payload).toBe(payloadText('article.published', t1, { id: article.id, slug: article.slug, previousSlug: null, version: 1 }, articleUrls(article.slug)));
    // The payload's apiUrl opens the item in the content API.
    const payload = JSON.parse(first!.payload) as WebhookPayload;
    expect((await getJson(pathOf(payload.data.apiUrl))).body).toMatchObject({ id: article.id, url: payload.data.url });

    const t2 = second(-50_000);
    const renamed = `doi-ten-${U}`;
    const edited = await atTime(t2, () => patchArticle(token, article.slug, etag, { slug: renamed, title: 'Tiêu đề mới' }));
    expect(edited.status).toBe(200);
    const [, updated] = await deliveriesOf(all);
    expect(updated!.payload).toBe(payloadText('article.updated', t2, { id: article.id, slug: renamed, previousSlug: article.slug, version: 2 }, articleUrls(renamed)));

    const unpublished = await patchArticle(token, renamed, edited.headers.get('ETag'), { status: 'draft' });
    const draftEdit = await patchArticle(token, renamed, unpublished.headers.get('ETag'), { title: 'Bản nháp sửa' });
    expect(await typesOf(all)).toEqual(['article.published', 'article.updated', 'article.unpublished']);
    const republished = await patchArticle(token, renamed, draftEdit.headers.get('ETag'), { status: 'published' });
    expect((await deleteArticle(token, renamed, republished.headers.get('ETag'))).status).toBe(204);

    const rows = await deliveriesOf(all);
    expect(rows.map((r) => r.eventType)).toEqual(['article.published', 'article.updated', 'article.unpublished', 'article.published', 'article.deleted']);
    expect(rows.map((r) => (JSON.parse(r.payload) as WebhookPayload).data.version)).toEqual([1, 2, 3, 5, 6]);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(rows.length);
    expect(await deliveriesOf(documentsOnly)).toEqual([]);
    expect(await deliveriesOf(paused)).toEqual([]);
  });

  it('announces a scheduled article for its instant, and cancels that when it is rescheduled, edited or unpublished', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const token = await writeToken();
    const category = await freshCategory();
    const at1 = isoIn(3600);
    const { article, etag } = await postArticle(token, { title: `Hẹn giờ ${U}`, category, status: 'scheduled', publishAt: at1 });
    const [waiting] = await deliveriesOf(all);
    expect(waiting).toMatchObject({ eventType: 'article.published', state: 'pending', nextAttemptAt: new Date(at1) });
    expect(JSON.parse(waiting!.payload)).toMatchObject({ type: 'article.published', timestamp: new Date(at1).toISOString(), data: { version: 1 } });

    const at2 = isoIn(7200);
    const moved = await patchArticle(token, article.slug, etag, { status: 'scheduled', publishAt: at2 });
    expect(moved.status).toBe(200);
    let rows = await deliveriesOf(all);
    expect(rows.map((r) => [r.state, r.nextAttemptAt?.toISOString()])).toEqual([['cancelled', new Date(at1).toISOString()], ['pending', new Date(at2).toISOString()]]);
    expect(rows[0]!.lastError).toBe(CANCELLED_BY_LATER_CHANGE);

    // A still-scheduled edit replaces the announcement with one of the new version.
    const retitled = await patchArticle(token, article.slug, moved.headers.get('ETag'), { title: 'Hẹn giờ, sửa tiêu đề' });
    rows = await deliveriesOf(all);
    expect(rows.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'pending']);
    expect(JSON.parse(rows[2]!.payload)).toMatchObject({ timestamp: new Date(at2).toISOString(), data: { version: 3 } });

    const unpublished = await patchArticle(token, article.slug, retitled.headers.get('ETag'), { status: 'draft' });
    expect(unpublished.status).toBe(200);
    expect((await deliveriesOf(all)).map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // Deleting the draft (never visible) announces nothing.
    expect((await deleteArticle(token, article.slug, unpublished.headers.get('ETag'))).status).toBe(204);
    expect(await deliveriesOf(all)).toHaveLength(3);
  });

  it('publishing a scheduled article now cancels its wait and announces it now; deleting one cancels it and fires nothing', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const token = await writeToken();
    const category = await freshCategory();
    const early = await postArticle(token, { title: `Đăng sớm ${U}`, category, status: 'scheduled', publishAt: isoIn(3600) });
    const now = second();
    const published = await atTime(now, () => patchArticle(token, early.article.slug, early.etag, { status: 'published' }));
    expect(published.status).toBe(200);
    const rows = await deliveriesOf(all);
    expect(rows.map((r) => [r.eventType, r.state === 'cancelled', r.createdAt])).toEqual([['article.published', true, expect.any(Date)], ['article.published', false, now]]);
    expect(rows[0]!.nextAttemptAt).toEqual(new Date(early.article.publishedAt!));
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ timestamp: now.toISOString(), data: { version: 2 } });

    const dropped = await postArticle(token, { title: `Hủy hẹn ${U}`, category, status: 'scheduled', publishAt: isoIn(3600) });
    expect((await deleteArticle(token, dropped.article.slug, dropped.etag)).status).toBe(204);
    const ofDropped = (await deliveriesOf(all)).filter((r) => r.itemId === dropped.article.id);
    expect(ofDropped.map((r) => [r.eventType, r.state])).toEqual([['article.published', 'cancelled']]);
  });

  it('leaves an announcement alone once it was attempted (a retry in progress is the dispatcher\'s)', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const token = await writeToken();
    const { article, etag } = await postArticle(token, { title: `Đã thử gửi ${U}`, category: await freshCategory(), status: 'scheduled', publishAt: isoIn(3600) });
    await db.update(webhookDeliveries).set({ attempts: 1 }).where(eq(webhookDeliveries.webhookId, all));
    expect((await patchArticle(token, article.slug, etag, { status: 'draft' })).status).toBe(200);
    expect((await deliveriesOf(all)).map((r) => r.state)).toEqual(['pending']);
  });
});

describe('articles through the write service', () => {
  async function fresh(status: 'draft' | 'published' | 'review', title = `Bài ${unique('s')}`) {
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, await freshCategory()));
    const body = { title, summary: 'Tóm tắt', body: 'Nội dung.', categoryId: category!.id, tags: [], byline: '', cover: null, status };
    return createArticle(env, SITE, body, editor, new Date());
  }

  it('writes a row due at the change\'s instant, pending, never attempted', async () => {
    const all = await hook(ARTICLE_EVENTS);
    // A change dated tomorrow: not due yet for the dispatcher this write kicks, so the row stays as written.
    const tomorrow = second(24 * 3_600_000);
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, await freshCategory()));
    await createArticle(env, SITE, { title: `Ngày mai ${U}`, summary: '', body: 'x', categoryId: category!.id, tags: [], byline: '', cover: null, status: 'published' }, editor, tomorrow);
    expect(await deliveriesOf(all)).toEqual([expect.objectContaining({
      state: 'pending', attempts: 0, nextAttemptAt: tomorrow, createdAt: tomorrow, lastAttemptAt: null, lastStatus: null, lastError: '', deliveredAt: null,
    })]);
  });

  it('fires nothing for a draft\'s edits, review, return and delete', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const draft = await fresh('draft');
    const edited = await updateArticle(env, SITE, draft, { title: 'Nháp sửa' }, editor, new Date());
    const submitted = await updateArticle(env, SITE, edited, { status: 'review' }, editor, new Date());
    const returned = await returnArticle(env, SITE, submitted, 'Cần bổ sung nguồn.', editor, new Date());
    await deleteArticleService(env, SITE, returned, editor, new Date());
    const created = await fresh('review');
    await deleteArticleService(env, SITE, created, editor, new Date());
    expect(await deliveriesOf(all)).toEqual([]);
  });

  it('announces a restore from the trash as published, and a revision restored on a visible article as updated', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const article = await fresh('published', 'Bản gốc');
    const edited = await updateArticle(env, SITE, article, { title: 'Bản sửa' }, editor, new Date());
    const trashed = await deleteArticleService(env, SITE, edited, editor, new Date());
    const back = await restoreFromTrash(env, SITE, article.id, trashed.version, editor, new Date());
    const original = (await listRevisions(db, SITE.id, article.id)).find((r) => r.version === 1);
    const revision = (await readRevision(db, SITE.id, article.id, original!.id))!;
    const restored = await restoreRevision(env, SITE, back, revision, editor, new Date());
    expect(restored).not.toBeNull();
    const rows = await deliveriesOf(all);
    expect(rows.map((r) => [r.eventType, (JSON.parse(r.payload) as WebhookPayload).data.version])).toEqual([
      ['article.published', 1], ['article.updated', 2], ['article.deleted', 3], ['article.published', 4], ['article.updated', 5],
    ]);
  });

  it('a failed batch writes no delivery: version conflict, a category of another site, an archived site', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const article = await fresh('published');
    const before = (await deliveriesOf(all)).length;
    await updateArticle(env, SITE, article, { title: 'Người thứ nhất' }, editor, new Date());
    await expect(updateArticle(env, SITE, article, { title: 'Người thứ hai' }, editor, new Date())).rejects.toBeInstanceOf(VersionConflict);
    const [foreign] = await db.select({ id: categories.id }).from(categories).where(eq(categories.siteId, other.id));
    const input = { title: `Sai chuyên mục ${U}`, summary: '', body: 'x', categoryId: foreign!.id, tags: [], byline: '', cover: null, status: 'published' as const };
    await expect(createArticle(env, SITE, input, editor, new Date())).rejects.toBeInstanceOf(InvalidFields);
    expect((await deliveriesOf(all)).length).toBe(before + 1);

    // The registry said active; the batch's change record refuses the archived site.
    const archived = await createSite(db, { name: `Lưu trữ ${U}`, hosts: [`luu-wh-${U}.test`] });
    const archivedHook = await hook(ARTICLE_EVENTS, { siteId: archived.id });
    const [own] = await db.select({ id: categories.id }).from(categories).where(eq(categories.siteId, archived.id));
    await archiveSite(db, archived.id);
    const site = { id: archived.id, status: 'active' as const, origin: `http://luu-wh-${U}.test` };
    await expect(createArticle(env, site, { ...input, categoryId: own!.id }, editor, new Date())).rejects.toBeInstanceOf(SiteArchived);
    expect(await deliveriesOf(archivedHook)).toEqual([]);
  });

  it('an offline load (the demo seed: no origin to link to) writes no delivery', async () => {
    const all = await hook(ARTICLE_EVENTS);
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, await freshCategory()));
    await importArticle(env.DB, SITE.id, { title: `Demo ${U}`, summary: '', body: 'x', categoryId: category!.id, tags: [], byline: '', cover: null, status: 'published' }, editor, new Date());
    expect(await deliveriesOf(all)).toEqual([]);
  });
});

describe('sites', () => {
  it('only the site\'s own webhooks get its events, linking to its own origin', async () => {
    const mine = await hook(ARTICLE_EVENTS);
    const theirs = await hook(ARTICLE_EVENTS, { siteId: other.id });
    const res = await exports.default.fetch(new Request(`${other.origin}/api/v1/articles`, jsonInit('POST', otherToken, { title: `Tin xã ${U}`, category: 'tin-tuc-su-kien', status: 'published' })));
    expect(res.status).toBe(201);
    const posted = (await res.json()) as { id: number; slug: string };
    await postArticle(await writeToken(), { title: `Tin huyện ${U}`, category: await freshCategory(), status: 'published' });
    const [row, ...more] = await deliveriesOf(theirs);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ siteId: other.id, itemId: posted.id });
    expect(JSON.parse(row!.payload).data).toMatchObject(articleUrls(posted.slug, other.origin));
    expect((await deliveriesOf(mine)).map((r) => r.itemId)).not.toContain(posted.id);
    expect(await deliveriesOf(mine)).toHaveLength(1);
  });

  it('20 concurrent publishes: exactly 20 rows per subscribed webhook, every message id unique', async () => {
    const a = await hook(['article.published']);
    const b = await hook(ARTICLE_EVENTS);
    const token = await writeToken();
    const category = await freshCategory();
    const posted = await Promise.all(Array.from({ length: 20 }, (_, i) => postArticle(token, { title: `Đồng loạt ${i} ${U}`, category, status: 'published' })));
    const ids = posted.map((p) => p.article.id).sort((x, y) => x - y);
    const [rowsA, rowsB] = [await deliveriesOf(a), await deliveriesOf(b)];
    for (const rows of [rowsA, rowsB]) {
      expect(rows.map((r) => r.itemId).sort((x, y) => x - y)).toEqual(ids);
      expect(rows.every((r) => r.eventType === 'article.published')).toBe(true);
    }
    expect(new Set([...rowsA, ...rowsB].map((r) => r.messageId)).size).toBe(40);
  });

  it('an imported published item is announced like any (the import API goes through the write services)', async () => {
    const all = await hook(['page.published', 'article.published'], { siteId: other.id });
    const item = { sourceKey: `http://cu.example.vn/wh-${U}`, oldPaths: [], title: `Giới thiệu ${U}`, slug: null, body: 'Nội dung.', summary: '', status: 'published', publishedAt: '2018-05-02T08:00:00+07:00' };
    const res = await exports.default.fetch(new Request(`${other.origin}/api/v1/import/pages`, jsonInit('POST', otherToken, { items: [item, { ...item, sourceKey: `${item.sourceKey}-nhap`, title: `Nháp ${U}`, status: 'draft' }] })));
    const [created] = ((await res.json()) as { items: { id: number; slug: string }[] }).items;
    const rows = await deliveriesOf(all);
    expect(rows.map((r) => [r.eventType, r.itemId])).toEqual([['page.published', created!.id]]);
    expect(JSON.parse(rows[0]!.payload).data).toMatchObject({ url: `${other.origin}/trang/${created!.slug}`, apiUrl: `${other.origin}/api/v1/pages/${created!.slug}` });
  });
});

describe('documents and pages', () => {
  const DOCUMENT_EVENTS: WebhookEvent[] = ['document.published', 'document.updated', 'document.unpublished', 'document.deleted'];
  const PAGE_EVENTS: WebhookEvent[] = ['page.published', 'page.updated', 'page.unpublished', 'page.deleted'];

  it('documents: published, updated, unpublished, deleted, restored; none for a return from review', async () => {
    const all = await hook(DOCUMENT_EVENTS);
    const token = await writeToken();
    const t1 = second(-30_000);
    const { document } = await atTime(t1, async () => postDocument(token, documentBody(await freshIssuer(), { number: `${unique('n').slice(-6)}/QĐ-UBND` })));
    const [first] = await deliveriesOf(all);
    expect(first!.payload).toBe(payloadText('document.published', t1, { id: document.id, slug: document.slug, previousSlug: null, version: 1 },
      { url: `${ORIGIN}/van-ban/${document.slug}`, apiUrl: `${ORIGIN}/api/v1/documents/${document.slug}` }));
    expect((await getJson(pathOf(JSON.parse(first!.payload).data.apiUrl))).body).toMatchObject({ id: document.id });

    const read = async () => (await readDocumentById(db, SITE.id, document.id, new Date(), { withDeleted: true }))!;
    await updateDocument(env, SITE, await read(), { summary: 'Trích yếu mới', slug: `vb-moi-${U}` }, editor, new Date());
    await updateDocument(env, SITE, await read(), { status: 'review' }, editor, new Date());
    await returnDocument(env, SITE, await read(), 'Sai số ký hiệu.', editor, new Date());
    await updateDocument(env, SITE, await read(), { status: 'published' }, editor, new Date());
    const trashed = await deleteDocument(env, SITE, await read(), editor, new Date());
    await restoreDocument(env, SITE, document.id, trashed.version, editor, new Date());
    const rows = await deliveriesOf(all);
    expect(rows.map((r) => r.eventType)).toEqual(['document.published', 'document.updated', 'document.unpublished', 'document.published', 'document.deleted', 'document.published']);
    expect(JSON.parse(rows[1]!.payload).data).toMatchObject({ slug: `vb-moi-${U}`, previousSlug: document.slug, version: 2 });
  });

  it('pages: every event, a scheduled page waiting for its instant, slugs and links of the page', async () => {
    const all = await hook(PAGE_EVENTS);
    const input: PageInput = { title: `Giới thiệu ${U}`, summary: '', body: 'Nội dung.', slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', status: 'published' };
    const t1 = second(-20_000);
    const page = await createPage(env, SITE, input, editor, t1);
    const [first] = await deliveriesOf(all);
    expect(first!.payload).toBe(payloadText('page.published', t1, { id: page.id, slug: page.slug, previousSlug: null, version: 1 },
      { url: `${ORIGIN}/trang/${page.slug}`, apiUrl: `${ORIGIN}/api/v1/pages/${page.slug}` }));
    expect((await getJson(pathOf(JSON.parse(first!.payload).data.apiUrl))).body).toMatchObject({ slug: page.slug });

    const edited = await updatePage(env, SITE, page, { title: 'Giới thiệu chung', slug: `gioi-thieu-chung-${U}` }, editor, new Date());
    const later = new Date(second().getTime() + 3_600_000);
    const scheduled = await updatePage(env, SITE, edited, { status: 'scheduled', publishAt: later }, editor, new Date());
    const draft = await updatePage(env, SITE, scheduled, { status: 'draft' }, editor, new Date());
    const again = await updatePage(env, SITE, draft, { status: 'published' }, editor, new Date());
    const trashed = await deletePage(env, SITE, again, editor, new Date());
    await restorePage(env, SITE, page.id, trashed.version, editor, new Date());
    const rows = await deliveriesOf(all);
    expect(rows.map((r) => [r.eventType, r.state === 'cancelled' ? 'cancelled' : 'sent or waiting'])).toEqual([
      ['page.published', 'sent or waiting'], ['page.updated', 'sent or waiting'], ['page.unpublished', 'sent or waiting'],
      ['page.published', 'cancelled'], ['page.published', 'sent or waiting'], ['page.deleted', 'sent or waiting'], ['page.published', 'sent or waiting'],
    ]);
    expect(rows[3]!.nextAttemptAt).toEqual(later);
    expect(JSON.parse(rows[1]!.payload).data).toMatchObject({ slug: `gioi-thieu-chung-${U}`, previousSlug: page.slug, version: 2 });
  });
});

describe('cost', () => {
  /** The statements a write runs that touch the webhook tables, each with its query plan. */
  async function webhookStatements(write: (target: Env) => Promise<unknown>) {
    const recorded: Recorded[] = [];
    await write({ ...env, DB: recordingD1(recorded) });
    const ours = recorded.filter((r) => /webhook/.test(r.sql));
    const plans = [];
    for (const { sql, params } of ours) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
      plans.push({ sql, plan: results.map((r) => r.detail) });
    }
    return plans;
  }

  it('one statement per event, found through the indexes (no webhooks on the site: no row, no scan)', async () => {
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, await freshCategory()));
    const input = { title: `Chi phí ${U}`, summary: '', body: 'x', categoryId: category!.id, tags: [], byline: '', cover: null };
    let article = await createArticle(env, SITE, { ...input, status: 'draft' }, editor, new Date());
    const draftEdit = await webhookStatements(async (target) => { article = await updateArticle(target, SITE, article, { title: 'Nháp' }, editor, new Date()); });
    expect(draftEdit).toEqual([]);
    const publish = await webhookStatements(async (target) => { article = await updateArticle(target, SITE, article, { status: 'published' }, editor, new Date()); });
    expect(publish).toHaveLength(1);
    const reschedule = await webhookStatements(async (target) => {
      article = await updateArticle(target, SITE, article, { status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000) }, editor, new Date());
    });
    expect(reschedule).toHaveLength(2); // unpublished now, published at its instant
    const edit = await webhookStatements(async (target) => { article = await updateArticle(target, SITE, article, { title: 'Vẫn hẹn giờ' }, editor, new Date()); });
    expect(edit).toHaveLength(2); // the cancel of the waiting announcement, its replacement
    for (const { sql, plan } of [...publish, ...reschedule, ...edit]) {
      expect(plan.filter((step) => /^SCAN (webhooks|webhook_deliveries)\b/.test(step)), sql).toEqual([]);
      if (sql.startsWith('insert')) expect(plan.join('\n'), sql).toMatch(/SEARCH webhooks USING INDEX webhooks_site/);
      else expect(plan.join('\n'), sql).toMatch(/SEARCH webhook_deliveries USING INDEX webhook_deliveries_item/);
    }
  });
});

describe('the dispatcher', () => {
  /** The site a dispatcher was last kicked for (kick stores it); undefined when it never was. */
  const kickedFor = (siteId: number) => runInDurableObject(webhookDispatcher(env, siteId), (_object, state) => state.storage.get<number>('siteId'));

  async function freshSite(name: string) {
    const host = `${name}-${U}.test`;
    const site = await createSite(db, { name: `Cổng ${name} ${U}`, hosts: [host] });
    return { id: site.id, status: 'active' as const, origin: `http://${host}`, token: (await createToken(db, site.id, name, ['read', 'write'])).token };
  }

  it('is kicked after a commit that wrote deliveries (articles, documents, pages), never after one that wrote none', async () => {
    const [a, d, p] = [await freshSite('kick-a'), await freshSite('kick-d'), await freshSite('kick-p')];
    for (const site of [a, d, p]) await hook(['article.published', 'document.published', 'page.published'], { siteId: site.id });

    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.siteId, a.id));
    const input = { title: `Đá ${U}`, summary: '', body: 'x', categoryId: category!.id, tags: [], byline: '', cover: null };
    const draft = await createArticle(env, a, { ...input, status: 'draft' }, editor, new Date());
    expect(await kickedFor(a.id)).toBeUndefined();
    await updateArticle(env, a, draft, { status: 'published' }, editor, new Date());
    expect(await kickedFor(a.id)).toBe(a.id);

    await postDocument(d.token, documentBody(await freshIssuer(d.id), { status: 'draft' }), d.origin);
    expect(await kickedFor(d.id)).toBeUndefined();
    await postDocument(d.token, documentBody(await freshIssuer(d.id), { number: '2/QĐ-UBND' }), d.origin);
    expect(await kickedFor(d.id)).toBe(d.id);

    const page: PageInput = { title: `Trang ${U}`, summary: '', body: 'x', slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', status: 'draft' };
    await createPage(env, p, page, editor, new Date());
    expect(await kickedFor(p.id)).toBeUndefined();
    await createPage(env, p, { ...page, title: `Trang hai ${U}`, status: 'published' }, editor, new Date());
    expect(await kickedFor(p.id)).toBe(p.id);
  });

  it('is not kicked by a publication on a site with no webhook, a paused one, or one not subscribed to it', async () => {
    const [none, paused, other] = [await freshSite('kick-none'), await freshSite('kick-paused'), await freshSite('kick-other')];
    await hook(['article.published'], { siteId: paused.id, active: false });
    await hook(['document.published'], { siteId: other.id });
    for (const site of [none, paused, other]) {
      const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.siteId, site.id));
      const published = await createArticle(env, site, { title: `Đăng ${U}`, summary: '', body: 'x', categoryId: category!.id, tags: [], byline: '', cover: null, status: 'published' }, editor, new Date());
      expect(published.status).toBe('published');
      expect(await kickedFor(site.id)).toBeUndefined();
    }
  });

  it('is kicked by an import request whose items wrote deliveries, not by one of drafts only', async () => {
    const site = await freshSite('kick-i');
    await hook(['page.published'], { siteId: site.id });
    const token = (await createToken(db, site.id, 'nhap', ['import'])).token;
    const item = (key: string, status: string) => ({ sourceKey: `http://cu.example.vn/${key}-${U}`, oldPaths: [], title: `Trang ${key} ${U}`, slug: null, body: 'x', summary: '', status, publishedAt: '2018-05-02T08:00:00+07:00' });
    const importPages = async (items: unknown[]) =>
      expect(await (await exports.default.fetch(new Request(`${site.origin}/api/v1/import/pages`, jsonInit('POST', token, { items })))).json()).toMatchObject({ items: items.map(() => ({ outcome: 'created' })) });
    await importPages([item('nhap-1', 'draft'), item('nhap-2', 'draft')]);
    expect(await kickedFor(site.id)).toBeUndefined();
    await importPages([item('dang-1', 'published'), item('dang-2', 'published')]);
    expect(await kickedFor(site.id)).toBe(site.id);
  });
});
