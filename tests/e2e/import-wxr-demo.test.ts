// The demo WordPress export imported for real: the WXR source with its uploads folder, the runner and a served CMS
// (the built Worker under wrangler dev). What a person migrating a portal checks first: every post is there once at
// a working URL, the old URLs answer 301, dates and statuses survived, the photos are stored, the broken ones listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { database } from '../../functions/data/db.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { withLocalEnv } from '../../scripts/local-db.ts';
import { ImportClient } from '../../scripts/import/client.ts';
import { Progress } from '../../scripts/import/progress.ts';
import { runImport } from '../../scripts/import/run.ts';
import { wxrSource } from '../../scripts/import/sources/wxr.ts';
import { serve, type Served } from '../support/served.ts';

const DIR = join(import.meta.dirname, '../fixtures/import/wxr');
const SITE = 'https://dongy.thainguyen.gov.vn';

let served: Served;
let result: Awaited<ReturnType<typeof runImport>>;
const run = async () => {
  const token = await withLocalEnv(async (env) => (await createToken(database(env.DB), 1, 'wxr demo', ['import'], null, { allSites: true })).token, { persistTo: served.persistTo, quiet: true });
  return runImport({ source: wxrSource(join(DIR, 'demo.xml'), { mediaDir: join(DIR, 'uploads') }), client: new ImportClient({ base: served.url, token, site: null }), dryRun: false, progress: new Progress({ write: () => true }, {}) });
};

beforeAll(async () => {
  served = await serve();
  result = await run();
});
afterAll(async () => {
  await served?.stop();
});

const reportOf = (id: number, page = false) => result.items.find((i) => i.sourceKey === `${SITE}/?${page ? 'page_id' : 'p'}=${id}`)!;

async function readArticle(slug: string): Promise<{ title: string; status: string; publishedAt: string | null; bodyMarkdown: string; byline: string; cover: { key: string; alt: string } | null; category: { slug: string }; tags: { name: string }[] }> {
  const res = await served.fetch(`/api/v1/articles/${encodeURIComponent(slug)}`, { headers: { Authorization: `Bearer ${served.token}` } });
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe('the demo export into a served CMS', () => {
  it('creates the 14 posts and pages once, fails none, and reports the trashed and duplicate posts and the two broken images', () => {
    expect(result.aborted).toBeNull();
    expect(result.items.filter((i) => i.outcome !== 'created').map((i) => `${i.sourceKey} ${i.outcome} ${i.problem?.detail ?? ''}`)).toEqual([]);
    expect(result.counts).toMatchObject({ created: 14, failed: 0, unchanged: 0, sourceProblems: 2, imagesNotStored: 2 });
    expect(result.imagesNotStored.map((i) => i.url).sort()).toEqual([`${SITE}/wp-content/uploads/2023/11/khong-con.jpg`, `${SITE}/wp-content/uploads/2024/03/anh-loi.jpg`]);
  });

  it('keeps the seed post: title, Hà Nội date, author, category, tags, cover with its alt, the captioned photo stored', async () => {
    const article = await readArticle(new URL(reportOf(12).url!).pathname.split('/').at(-1)!);
    expect(article).toMatchObject({
      title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
      status: 'published', publishedAt: '2024-03-08T02:43:00.000Z', byline: 'Ban Biên tập',
      category: { slug: 'tin-dia-phuong' }, tags: [{ name: 'Cải cách hành chính' }], cover: { alt: 'Quang cảnh hội nghị' },
    });
    expect(article.bodyMarkdown).toMatch(/!\[Các đại biểu dự hội nghị tại điểm cầu huyện\]\(\/media\/[^)\s]+ "Các đại biểu dự hội nghị tại điểm cầu huyện"\)/);
    expect(article.bodyMarkdown).not.toContain('wp-content');
  });

  it('answers the old permalinks and ?p= links with 301 to the new URL, the Vietnamese one included', async () => {
    for (const [id, oldPath] of [
      [12, '/2024/03/08/hoi-nghi-phan-tich-danh-gia-ket-qua-cong-tac-cai-cach-hanh-chinh-nam-2023/'],
      [12, '/?p=12'],
      [15, '/2024/02/20/t%e1%ba%bft-tr%e1%bb%93ng-c%c3%a2y-2024/'],
    ] as const) {
      const res = await served.fetch(oldPath, { redirect: 'manual' });
      expect(res.status, oldPath).toBe(301);
      expect(new URL(res.headers.get('location')!, served.url).pathname).toBe(new URL(reportOf(id).url!).pathname);
    }
    expect(new URL(reportOf(15).url!).pathname).toMatch(/\/tet-trong-cay-2024$/);
    const page = await served.fetch('/?page_id=5', { redirect: 'manual' });
    expect(new URL(page.headers.get('location')!, served.url).pathname).toBe(new URL(reportOf(5, true).url!).pathname);
  });

  it('imports the post with no date and the empty one as drafts, pending as review, future as scheduled', async () => {
    const status = async (id: number) => (await readArticle(new URL(reportOf(id).url!).pathname.split('/').at(-1)!)).status;
    expect(await status(36)).toBe('draft');
    expect(await status(39)).toBe('draft');
    expect(await status(30)).toBe('review');
    expect(await status(24)).toBe('scheduled');
  });

  it('changes nothing when run again', async () => {
    const again = await run();
    expect(again.counts).toMatchObject({ created: 0, unchanged: 14, failed: 0 });
  });
});
