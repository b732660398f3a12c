// Pages (Giới thiệu, Cơ cấu tổ chức...) through their write service and the read API: both languages'
// Markdown rendered and sanitized at save, every refusal named at its field (bad slugEn, duplicate slug,
// English without its body or title, a stale version), a renamed slug's 301, drafts unseen, the trash and
// revisions, the site's generation moved by each write, and a page of one site unseen on another.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { InvalidFields, VersionConflict, Gone, SiteArchived } from '../../functions/articles/errors.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { readPageById } from '../../functions/data/pages-read.ts';
import { listPageRevisions, readPageRevision } from '../../functions/data/pages-revisions.ts';
import { createSite } from '../../functions/data/sites.ts';
import { publishDue } from '../../functions/articles/service.ts';
import { createPage, deletePage, restorePage, restorePageRevision, updatePage, type PageInput } from '../../functions/site-pages/service.ts';
import { call, FIRST_SITE_ID, getJson, unique, writeToken } from '../support/api.ts';
import { at, bearer } from '../support/cross-site.ts';

const SITE = { id: FIRST_SITE_ID, status: 'active' as const };
const editor = { id: 'user:1', name: 'Biên tập viên' };
const db = () => database(env.DB);

const input = (over: Partial<PageInput> = {}): PageInput => ({
  title: `Giới thiệu ${unique('gt')}`, summary: 'Tóm tắt', body: 'Huyện **Đồng Hỷ** <script>alert(1)</script>',
  slugEn: null, titleEn: '', summaryEn: '', bodyEn: '', status: 'published', ...over,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

const fieldsOf = (error: unknown) => (error as InvalidFields).errors.map((e) => e.field);

describe('the write service', () => {
  it('derives the slug from the Vietnamese title, renders and sanitizes both bodies, and moves the site\'s generation', async () => {
    const before = (await latestChange(db(), SITE.id))?.seq ?? 0;
    const slugEn = unique('about');
    const page = await createPage(env, SITE, input({ title: 'Cơ cấu tổ chức', slugEn, titleEn: 'Organisation structure', bodyEn: 'The **People\'s Committee** <img src=x onerror=alert(1)>' }), editor, new Date());
    expect(page.slug).toMatch(/^co-cau-to-chuc(-\d+)?$/);
    expect(page.bodyHtml).toContain('<strong>Đồng Hỷ</strong>');
    expect(page.bodyHtml).not.toContain('<script');
    expect(page.bodyHtmlEn).toContain('<strong>People\'s Committee</strong>');
    expect(page.bodyHtmlEn).not.toContain('onerror');
    expect(page).toMatchObject({ slugEn, titleEn: 'Organisation structure', state: 'published', version: 1 });
    expect((await latestChange(db(), SITE.id))!.seq).toBeGreaterThan(before);
  });

  it('refuses an English slug that is not an ASCII slug, and English without its title or body, at their fields', async () => {
    for (const slugEn of ['Gioi Thieu', 'giới-thiệu', 'a--b', '-x', 'x'.repeat(81)]) {
      const error = await refusal(createPage(env, SITE, input({ slugEn, titleEn: 'About', bodyEn: 'Text' }), editor, new Date()));
      expect(error, slugEn).toBeInstanceOf(InvalidFields);
      expect(fieldsOf(error)).toEqual(['slugEn']);
    }
    const missing = await refusal(createPage(env, SITE, input({ slugEn: unique('about'), titleEn: ' ', bodyEn: '' }), editor, new Date()));
    expect(fieldsOf(missing)).toEqual(['titleEn', 'bodyEn']);
  });

  it('refuses a duplicate slug and a duplicate English slug on the same site, each at its field', async () => {
    const first = await createPage(env, SITE, input({ slug: unique('trang'), slugEn: unique('page'), titleEn: 'Page', bodyEn: 'Body' }), editor, new Date());
    const sameSlug = await refusal(createPage(env, SITE, input({ slug: first.slug }), editor, new Date()));
    expect(sameSlug).toBeInstanceOf(InvalidFields);
    expect(fieldsOf(sameSlug)).toEqual(['slug']);
    const sameEn = await refusal(createPage(env, SITE, input({ slugEn: first.slugEn, titleEn: 'Other', bodyEn: 'Other' }), editor, new Date()));
    expect(fieldsOf(sameEn)).toEqual(['slugEn']);
    // A derived slug never collides: the title of another page gets a number.
    const twin = await createPage(env, SITE, input({ title: first.title }), editor, new Date());
    expect(twin.slug).not.toBe(first.slug);
  });

  it('refuses an edit of a stale version (nothing written), then the current one saves', async () => {
    const page = await createPage(env, SITE, input(), editor, new Date());
    await updatePage(env, SITE, page, { summary: 'Sửa lần một' }, editor, new Date());
    const stale = await refusal(updatePage(env, SITE, page, { summary: 'Sửa từ bản cũ' }, editor, new Date()));
    expect(stale).toBeInstanceOf(VersionConflict);
    const stored = (await readPageById(db(), SITE.id, page.id, new Date()))!;
    expect(stored).toMatchObject({ summary: 'Sửa lần một', version: 2 });
  });

  it('dropping the English slug drops the English text with it', async () => {
    const page = await createPage(env, SITE, input({ slugEn: unique('contact'), titleEn: 'Contact', bodyEn: 'Phone' }), editor, new Date());
    const plain = await updatePage(env, SITE, page, { slugEn: null }, editor, new Date());
    expect(plain).toMatchObject({ slugEn: null, titleEn: '', bodyMarkdownEn: '', bodyHtmlEn: '' });
  });

  it('records revisions and restores one\'s content (both languages) as a new revision, slug and state kept', async () => {
    const page = await createPage(env, SITE, input({ slugEn: unique('intro'), titleEn: 'Intro', bodyEn: 'First English' }), editor, new Date());
    const edited = await updatePage(env, SITE, page, { body: 'Nội dung mới', bodyEn: 'New English' }, editor, new Date());
    const revisions = await listPageRevisions(db(), SITE.id, page.id);
    expect(revisions.map((r) => [r.version, r.action])).toEqual([[2, 'updated'], [1, 'created']]);
    const first = await readPageRevision(db(), SITE.id, page.id, revisions[1]!.id);
    const restored = await restorePageRevision(env, SITE, edited, first!.content, editor, new Date());
    expect(restored).toMatchObject({ bodyMarkdown: page.bodyMarkdown, bodyMarkdownEn: 'First English', slug: page.slug, state: 'published', version: 3 });
    expect(await restorePageRevision(env, SITE, restored!, first!.content, editor, new Date())).toBeNull();
  });

  it('deletes to the trash and restores within 30 days; a stale or expired restore is refused', async () => {
    const t0 = new Date();
    const page = await createPage(env, SITE, input(), editor, t0);
    const deleted = await deletePage(env, SITE, page, editor, t0);
    expect(await readPageById(db(), SITE.id, page.id, t0)).toBeNull();
    expect(await refusal(restorePage(env, SITE, page.id, page.version, editor, t0))).toBeInstanceOf(VersionConflict);
    const back = await restorePage(env, SITE, page.id, deleted.version, editor, t0);
    expect(back).toMatchObject({ deletedAt: null, state: 'published' });
    const again = await deletePage(env, SITE, back, editor, t0);
    const later = new Date(t0.getTime() + 31 * 24 * 3600_000);
    expect(await refusal(restorePage(env, SITE, page.id, again.version, editor, later))).toBeInstanceOf(Gone);
  });

  it('refuses every write on an archived site', async () => {
    const error = await refusal(createPage(env, { id: SITE.id, status: 'archived' }, input(), editor, new Date()));
    expect(error).toBeInstanceOf(SiteArchived);
  });

  it('a scheduled page goes live with the cron: the site\'s next scheduled instant counts pages', async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 3_600_000);
    const page = await createPage(env, SITE, input({ status: 'scheduled', publishAt }), editor, now);
    expect(page.state).toBe('scheduled');
    expect((await latestChange(db(), SITE.id))!.nextScheduledAt).toBeLessThanOrEqual(publishAt.getTime());
    const due = await publishDue(env, new Date(publishAt.getTime() + 1000));
    expect(due).toContain(SITE.id);
  });
});

describe('GET /api/v1/pages', () => {
  it('lists published pages with both languages\' slugs and URLs; never a draft', async () => {
    const published = await createPage(env, SITE, input({ slugEn: unique('structure'), titleEn: 'Structure', bodyEn: 'Departments' }), editor, new Date());
    const draft = await createPage(env, SITE, input({ status: 'draft' }), editor, new Date());
    const { res, body } = await getJson<{ items: { slug: string; slugEn: string | null; url: string; urlEn: string | null }[] }>('/api/v1/pages');
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBeTruthy();
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const item = body.items.find((p) => p.slug === published.slug);
    expect(item).toMatchObject({ slugEn: published.slugEn, url: `http://cms.test/trang/${published.slug}`, urlEn: `http://cms.test/en/${published.slugEn}` });
    expect(body.items.map((p) => p.slug)).not.toContain(draft.slug);
  });

  it('reads one page with both languages, 404 for a draft without a token, 200 with one, 301 from a former slug', async () => {
    const page = await createPage(env, SITE, input({ slugEn: unique('contact'), titleEn: 'Contact', bodyEn: 'Phone: 0208' }), editor, new Date());
    const { res, body } = await getJson(`/api/v1/pages/${page.slug}`);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ slug: page.slug, title: page.title, titleEn: 'Contact', bodyEn: 'Phone: 0208', htmlEn: expect.stringContaining('Phone') });
    expect((await call(`/api/v1/pages/${page.slug}`, { headers: { 'If-None-Match': res.headers.get('ETag')! } })).status).toBe(304);

    const draft = await createPage(env, SITE, input({ status: 'draft' }), editor, new Date());
    expect((await call(`/api/v1/pages/${draft.slug}`)).status).toBe(404);
    const token = await writeToken();
    const private_ = await call(`/api/v1/pages/${draft.slug}`, { headers: bearer(token) });
    expect(private_.status).toBe(200);
    expect(private_.headers.get('Cache-Control')).toBe('private, no-store');

    const newSlug = unique('lien-he');
    await updatePage(env, SITE, page, { slug: newSlug }, editor, new Date());
    const moved = await call(`/api/v1/pages/${page.slug}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('Location')).toBe(`http://cms.test/api/v1/pages/${newSlug}`);
  });

  it('a page of one site is 404 on another site\'s host, and absent from its list and sitemap', async () => {
    const other = await createSite(db(), { name: `Xã trang ${unique('x')}`, hosts: [`trang-${unique('h')}.test`] });
    const page = await createPage(env, SITE, input({ slugEn: unique('mine'), titleEn: 'Mine', bodyEn: 'Only site one' }), editor, new Date());
    const origin = `http://${other.hosts[0]}`;
    expect((await at(`${origin}/api/v1/pages/${page.slug}`)).status).toBe(404);
    const list = (await (await at(`${origin}/api/v1/pages`)).json()) as { items: { slug: string }[] };
    expect(list.items.map((p) => p.slug)).not.toContain(page.slug);
    expect(await (await at(`${origin}/sitemap.xml`)).text()).not.toContain(page.slug);
  });

  it('is in the OpenAPI document', async () => {
    const { body } = await getJson<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/v1/pages', '/api/v1/pages/{slug}']));
  });
});

describe('sitemap.xml', () => {
  it('lists a translated page in both languages with hreflang alternates, and no draft', async () => {
    const page = await createPage(env, SITE, input({ slugEn: unique('contact'), titleEn: 'Contact', bodyEn: 'Phone' }), editor, new Date());
    const draft = await createPage(env, SITE, input({ status: 'draft' }), editor, new Date());
    const xml = await (await call('/sitemap.xml')).text();
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(xml).toContain(`<loc>http://cms.test/trang/${page.slug}</loc>`);
    expect(xml).toContain(`<loc>http://cms.test/en/${page.slugEn}</loc>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="en" href="http://cms.test/en/${page.slugEn}"/>`);
    expect(xml).not.toContain(`/trang/${draft.slug}<`);
  });
});
