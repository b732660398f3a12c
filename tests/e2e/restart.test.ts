// Issue 3: stopping the local server and starting it again on the same store loses nothing: every
// figure of /api/v1/stats and every article created before the restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { READER_UA } from '../support/browser.ts';
import { apiWrite, serve, uniqueWord, type Served } from '../support/served.ts';

interface Stats {
  onlineNow: number;
  totalVisits: number;
  visitsToday: number;
  pageViews: number;
  days: { day: string; visits: number; views: number }[];
}

let served: Served;
beforeAll(async () => {
  served = await serve();
});
afterAll(async () => {
  await served?.stop();
});

async function stats(): Promise<Stats> {
  const res = await served.fetch('/api/v1/stats');
  expect(res.status).toBe(200);
  return (await res.json()) as Stats;
}

/** A page view by reader n, as a browser sends it. */
async function visit(path: string, n: number): Promise<void> {
  const res = await served.fetch(path, {
    headers: { 'User-Agent': `${READER_UA} Restart/${n}`, 'CF-Connecting-IP': `10.77.0.${n}`, Accept: 'text/html' },
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

it('every figure of /api/v1/stats and every article survive a restart of the local server', async () => {
  const word = uniqueWord('khoidong');
  const created = await apiWrite(served, 'POST', '/api/v1/articles', {
    title: `Bài viết trước khi khởi động lại ${word}`,
    category: 'tin-tuc-su-kien',
    summary: `Tóm tắt ${word}`,
    body: `Nội dung bài viết ${word}, tạo trước khi dừng máy chủ.`,
    status: 'published',
  });
  expect(created.status).toBe(201);
  const article = (await created.json()) as { slug: string; title: string };
  const draft = await apiWrite(served, 'POST', '/api/v1/articles', {
    title: `Bản nháp trước khi khởi động lại ${word}`,
    category: 'kinh-te',
    status: 'draft',
  });
  expect(draft.status).toBe(201);
  const draftSlug = ((await draft.json()) as { slug: string }).slug;

  const start = await stats();
  for (let n = 1; n <= 5; n++) await visit('/', n);
  const before = await stats();
  // The visits were counted, so surviving means more than keeping the starting offset.
  expect(before.totalVisits).toBe(start.totalVisits + 5);
  expect(before.visitsToday).toBeGreaterThanOrEqual(5);
  expect(before.onlineNow).toBeGreaterThanOrEqual(5);
  expect(before.days.length).toBeGreaterThan(0);

  await served.restart();

  const after = await stats();
  expect({ ...after, at: undefined }).toEqual({ ...before, at: undefined });

  const read = await served.fetch(`/api/v1/articles/${article.slug}`);
  expect(read.status).toBe(200);
  expect(((await read.json()) as { title: string }).title).toBe(article.title);
  const listed = (await (await served.fetch(`/api/v1/articles?q=${word}`)).json()) as { items: { slug: string }[] };
  expect(listed.items.map((a) => a.slug)).toEqual([article.slug]);
  const withToken = await served.fetch(`/api/v1/articles/${draftSlug}`, { headers: { Authorization: `Bearer ${served.token}` } });
  expect(withToken.status).toBe(200);

  // And counting goes on from there, not from the offset.
  await visit('/', 99);
  expect((await stats()).totalVisits).toBe(before.totalVisits + 1);
});
