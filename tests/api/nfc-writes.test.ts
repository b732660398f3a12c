// Text is stored in NFC whatever the caller sends: the write services (articles, pages, documents; admin
// forms, API and imports all write through them) normalize a decomposed (NFD) input, as text pasted from
// macOS or some PDFs arrives, so the stored body, title and summary match search and comparisons.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../functions/articles/service.ts';
import { createDocument, updateDocument } from '../../functions/documents/service.ts';
import { createPage, updatePage } from '../../functions/site-pages/service.ts';
import { categoryIdOf } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { articles, documents, documentTerms, pages } from '../../schema/tables.ts';
import { firstSite, freshCategory, unique } from '../support/api.ts';
import { freshIssuer } from '../support/documents.ts';

const SITE = await firstSite();
const actor = { id: 'user:1', name: 'Biên tập viên' };
const NFC_BODY = '## Kết quả\n\nTổng số điểm đạt 73,87 điểm, xếp loại Tốt. Việt Nam.';
const NFD_BODY = NFC_BODY.normalize('NFD');
const NFD_TITLE = 'Hội nghị tổng kết'.normalize('NFD');

describe('the write services store NFC', () => {
  it('the examples are really decomposed (else the test could not fail)', () => {
    expect(NFD_BODY).not.toBe(NFC_BODY);
    expect(NFD_BODY.normalize('NFC')).toBe(NFC_BODY);
  });

  it('an article created and edited with NFD text', async () => {
    const db = database(env.DB);
    const categoryId = (await categoryIdOf(db, SITE.id, await freshCategory()))!;
    const created = await createArticle(env, SITE, {
      title: `${NFD_TITLE} ${unique('t')}`, summary: 'Tóm tắt'.normalize('NFD'), body: NFD_BODY, categoryId,
      tags: ['Điểm số'.normalize('NFD')], byline: '', cover: null, status: 'draft',
    }, actor, new Date());
    let [row] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(row!.bodyMarkdown).toBe(NFC_BODY);
    expect(row!.title.startsWith('Hội nghị tổng kết')).toBe(true);
    expect(row!.summary).toBe('Tóm tắt');
    expect(created.tags.map((t) => t.name)).toEqual(['Điểm số']);

    await updateArticle(env, SITE, created, { body: `${NFD_BODY}\n\nThêm đoạn mới.`.normalize('NFD') }, actor, new Date());
    [row] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(row!.bodyMarkdown).toBe(`${NFC_BODY}\n\nThêm đoạn mới.`);
  });

  it('a page created and edited with NFD text, both languages', async () => {
    const db = database(env.DB);
    const page = await createPage(env, SITE, {
      title: `${NFD_TITLE} ${unique('p')}`, summary: '', body: NFD_BODY, slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', status: 'draft',
    }, actor, new Date());
    let [row] = await db.select().from(pages).where(eq(pages.id, page.id));
    expect(row!.bodyMarkdown).toBe(NFC_BODY);
    await updatePage(env, SITE, page, { body: 'Giới thiệu xã Tân Cương'.normalize('NFD') }, actor, new Date());
    [row] = await db.select().from(pages).where(eq(pages.id, page.id));
    expect(row!.bodyMarkdown).toBe('Giới thiệu xã Tân Cương');
  });

  it('a document created and edited with NFD text', async () => {
    const db = database(env.DB);
    const issuerSlug = await freshIssuer(SITE.id);
    const term = async (kind: 'type' | 'issuer', slug?: string) => (await db.select().from(documentTerms)
      .where(and(eq(documentTerms.siteId, SITE.id), eq(documentTerms.kind, kind), ...(slug ? [eq(documentTerms.slug, slug)] : []))).limit(1))[0]!.id;
    const doc = await createDocument(env, SITE, {
      number: `${Math.floor(Math.random() * 1e6)}/QĐ-UBND`, typeId: await term('type'), issuerId: await term('issuer', issuerSlug), fieldId: null,
      signer: 'Nguyễn Văn An'.normalize('NFD'), issuedOn: '2024-03-01', effectiveOn: null, expiresOn: null,
      summary: 'Về việc ban hành quy chế'.normalize('NFD'), body: NFD_BODY, status: 'draft', relations: [], fileIds: [],
    }, actor, new Date());
    let [row] = await db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row!.bodyMarkdown).toBe(NFC_BODY);
    expect(row!.summary).toBe('Về việc ban hành quy chế');
    await updateDocument(env, SITE, doc, { body: 'Điều 1. Phạm vi điều chỉnh'.normalize('NFD') }, actor, new Date());
    [row] = await db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row!.bodyMarkdown).toBe('Điều 1. Phạm vi điều chỉnh');
  });
});
