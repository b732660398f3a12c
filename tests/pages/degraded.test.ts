// Reader pages and the sign-in page stay up when the ContentVersion objects fail (built Worker, real
// objects broken inside workerd): served uncached and logged, with the live figures still filled in.
import { env } from 'cloudflare:workers';
import { afterEach, expect, it, vi } from 'vitest';
import { freshCategory, postArticle, writeToken } from '../support/api.ts';
import { withBrokenGeneration } from '../support/generation.ts';
import { shownFigures, view } from '../support/stats.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

it('every reader page and the sign-in page answer 200, uncached, when the content generation cannot be read', async () => {
  const category = await freshCategory('Chuyên mục khi hỏng');
  const { article } = await postArticle(await writeToken(), { title: 'Bài khi đối tượng hỏng', category, status: 'published', tags: ['Sự cố'] });
  const tag = (article.tags as { slug: string }[])[0]!.slug;
  const pages = ['/', `/bai-viet/${article.slug}`, `/chuyen-muc/${category}`, `/the/${tag}`, '/tim-kiem?q=hong', '/admin/login'];
  for (const path of pages) await (await view(path, 7001)).arrayBuffer(); // cached while the objects work
  await withBrokenGeneration(async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [i, path] of pages.entries()) {
      const res = await view(path, 7100 + i);
      const html = await res.text();
      expect(res.status, path).toBe(200);
      expect(html, path).toMatch(/^<!doctype html>/i);
      if (path !== '/admin/login') expect(shownFigures(html).total, path).toBeGreaterThan(0);
    }
    expect(logged.mock.calls.filter((c) => String(c[0]).startsWith('content generation unavailable')).length).toBe(pages.length);
    // Uncached means fresh: a title changed behind the API shows at once on the article page.
    await env.DB.prepare('UPDATE articles SET title = ? WHERE id = ?').bind('Tiêu đề đổi khi hỏng', article.id).run();
    expect(await (await view(`/bai-viet/${article.slug}`, 7200)).text()).toContain('Tiêu đề đổi khi hỏng');
  });
});
