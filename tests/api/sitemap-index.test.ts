// sitemap.xml names the reader's index pages of issue 12: the tag index /the once (the static pages in both
// languages are in tests/api/pages.test.ts), on every host with its own origin; and past SLICE_URLS URLs it
// is a sitemap index of keyset slices (50,001 articles inserted by one statement).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { createCategory } from '../../functions/data/categories.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { SLICE_URLS } from '../../functions/feeds/sitemap-index.ts';
import { router } from '../../functions/router.ts';
import { recordingD1 } from '../support/recording-d1.ts';
import { call, unique } from '../support/api.ts';
import { at } from '../support/cross-site.ts';

describe('sitemap.xml', () => {
  it('lists the tag index /the once, after the home page and categories, before the articles and documents', async () => {
    const xml = await (await call('/sitemap.xml')).text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.filter((l) => l === 'http://cms.test/the')).toHaveLength(1);
    const at = locs.indexOf('http://cms.test/the');
    expect(at).toBeGreaterThan(0);
    expect(locs.slice(0, at).some((l) => l.includes('/bai-viet/') || l.includes('/van-ban'))).toBe(false);
  });
});

describe('a large site: /sitemap.xml becomes a sitemap index', () => {
  const db = database(env.DB);
  const TOTAL = 50_001;
  let origin = '';
  let siteId = 0;
  const base = Date.UTC(2015, 0, 1);

  beforeAll(async () => {
    const host = `${unique('lon')}.test`;
    siteId = (await createSite(db, { name: `Cổng lớn ${unique('l')}`, hosts: [host] })).id;
    origin = `http://${host}`;
    const categoryId = await createCategory(db, siteId, { slug: 'tin-tuc', name: 'Tin tức', description: '', position: 1 });
    // One statement, 50,001 published articles; every three share a publication instant (the keyset must
    // break ties by id), plus a draft, a deleted and a scheduled one that no sitemap may name.
    await env.DB.prepare(`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ?1)
      insert into articles (site_id, slug, title, category_id, status, published_at, created_at, updated_at)
      select ?2, 'bai-' || i, 'Bài ' || i, ?3, 'published', ?4 + (i / 3) * 60000, ?4, ?4 from n`).bind(TOTAL, siteId, categoryId, base).run();
    await env.DB.prepare(`insert into articles (site_id, slug, title, category_id, status, published_at, deleted_at) values
      (?1, 'nhap', 'Nháp', ?2, 'draft', null, null), (?1, 'da-xoa', 'Đã xóa', ?2, 'published', ?3, ?3), (?1, 'sap-dang', 'Sắp đăng', ?2, 'published', ?4, null)`)
      .bind(siteId, categoryId, base, Date.now() + 86_400_000).run();
  }, 120_000);

  it('names /sitemap-1.xml ... /sitemap-N.xml; each slice is a valid urlset of at most SLICE_URLS; every article exactly once', async () => {
    const index = await at(`${origin}/sitemap.xml`);
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Type')).toMatch(/application\/xml/);
    const parsed = xml2js(await index.text(), { compact: true }) as { sitemapindex?: { _attributes: { xmlns: string }; sitemap: { loc: { _text: string } }[] } };
    expect(parsed.sitemapindex?._attributes.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const files = parsed.sitemapindex!.sitemap.map((s) => s.loc._text);
    const articleFiles = Math.ceil(TOTAL / SLICE_URLS);
    expect(files).toEqual(Array.from({ length: 1 + articleFiles }, (_, i) => `${origin}/sitemap-${i + 1}.xml`));
    expect(files.length).toBeLessThanOrEqual(50_000);

    const seen = new Map<string, number>();
    for (const file of files) {
      const started = performance.now();
      const res = await at(file);
      expect(res.status, file).toBe(200);
      const text = await res.text();
      expect(new TextEncoder().encode(text).byteLength, file).toBeLessThan(50 * 1024 * 1024);
      const doc = xml2js(text, { compact: true }) as { urlset?: { url: { loc: { _text: string } }[] | { loc: { _text: string } } } };
      expect(doc.urlset, file).toBeDefined();
      const urls = [doc.urlset!.url].flat().map((u) => u.loc._text);
      expect(urls.length, file).toBeLessThanOrEqual(SLICE_URLS);
      // A figure for the README, not an assertion (the machine's speed is not the code's).
      console.log(`${file}: ${urls.length} URLs, ${text.length} bytes, ${Math.round(performance.now() - started)} ms`);
      for (const u of urls) seen.set(u, (seen.get(u) ?? 0) + 1);
    }
    const articleUrls = [...seen].filter(([u]) => u.startsWith(`${origin}/bai-viet/`));
    expect(articleUrls).toHaveLength(TOTAL);
    expect(articleUrls.filter(([, times]) => times !== 1)).toEqual([]);
    for (const hidden of ['nhap', 'da-xoa', 'sap-dang']) expect(seen.has(`${origin}/bai-viet/${hidden}`), hidden).toBe(false);
    // The frame is in the first file: home, the category, the tag index, the documents registry.
    for (const path of ['/', '/chuyen-muc/tin-tuc', '/the', '/van-ban']) expect(seen.get(origin + path), path).toBe(1);
  }, 180_000);

  it('reads each slice in a few statements (no per-row queries), none of them scanning articles', async () => {
    for (const n of [1, 2, 6]) {
      const recorded: { sql: string; params: unknown[] }[] = [];
      const ctx = createExecutionContext();
      // A bearer header keeps the edge cache out of it (the slices were cached by the test before): the handler reads D1.
      const res = await router.fetch(new Request(`${origin}/sitemap-${n}.xml`, { headers: { Authorization: 'Bearer none' } }), { ...env, DB: recordingD1(recorded) }, ctx);
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(200);
      expect(recorded.length, `sitemap-${n}.xml`).toBeGreaterThan(0);
      expect(recorded.length, `sitemap-${n}.xml`).toBeLessThanOrEqual(4);
      for (const { sql, params } of recorded) {
        const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
        expect(results.map((r) => r.detail).filter((d) => /^SCAN articles\b/.test(d)), sql).toEqual([]);
      }
    }
  });

  it('answers 404 past the last file, for another spelling of a number, and on a site whose sitemap.xml holds everything', async () => {
    for (const path of ['/sitemap-8.xml', '/sitemap-0.xml', '/sitemap-01.xml', '/sitemap-x.xml']) {
      expect((await at(`${origin}${path}`)).status, path).toBe(404);
    }
    expect((await call('/sitemap-1.xml')).status).toBe(404);
    expect(await (await call('/sitemap.xml')).text()).toContain('<urlset');
  });
});
