// A scheduled article on the real pages (built Worker) at its exact second, with a controlled clock
// (atTime) instead of waiting: hidden one second before although home was cached, shown at its time
// on the article page, home, its category and search with no cron run, and still after the cron.
import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { atTime, freshCategory, isoIn, postArticle, unique, writeToken } from '../support/api.ts';
import { view } from '../support/stats.ts';

const html = async (path: string, reader: number) => {
  const res = await view(path, reader);
  return { status: res.status, text: await res.text() };
};

it('is on every reader page from its second on, although the pages were cached before, and the cron changes nothing', async () => {
  const category = await freshCategory('Chuyên mục hẹn giờ');
  const word = unique('henGio').replaceAll('-', '');
  const title = `Lịch tiếp công dân ${word}`;
  const at = isoIn(3600);
  const { article } = await postArticle(await writeToken(), { title, body: `Nội dung ${word}.`, category, status: 'scheduled', publishAt: at });
  const link = `href="/bai-viet/${article.slug}"`;
  const lists = ['/', `/chuyen-muc/${category}`, `/tim-kiem?q=${word}`];

  // Before its time, twice (the second answer is the edge cache's), then one second before it.
  for (const reader of [8001, 8002]) {
    expect((await html(`/bai-viet/${article.slug}`, reader)).status).toBe(404);
    for (const path of lists) expect((await html(path, reader)).text, path).not.toContain(link);
  }
  await atTime(Date.parse(at) - 1000, async () => {
    expect((await html(`/bai-viet/${article.slug}`, 8003)).status).toBe(404);
    for (const path of lists) expect((await html(path, 8003)).text, path).not.toContain(link);
  });

  await atTime(at, async () => {
    const page = await html(`/bai-viet/${article.slug}`, 8004);
    expect(page.status).toBe(200);
    expect(page.text).toContain(title);
    for (const path of lists) expect((await html(path, 8004)).text, `${path} at its time`).toContain(link);
    // The cron's run at that time (the Worker's scheduled handler) keeps it everywhere.
    // The built Worker's own scheduled() (the runtime's Fetcher has it; the generated type omits it).
    const worker = exports.default as unknown as { scheduled(options: { scheduledTime: Date; cron: string }): Promise<unknown> };
    await worker.scheduled({ scheduledTime: new Date(at), cron: '* * * * *' });
    for (const path of lists) expect((await html(path, 8005)).text, `${path} after the cron`).toContain(link);
  });
});
