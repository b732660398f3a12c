// sitemap.xml names the reader's index pages of issue 12: the tag index /the once (the static pages in both
// languages are in tests/api/pages.test.ts), on every host with its own origin.
import { describe, expect, it } from 'vitest';
import { call } from '../support/api.ts';

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
