// POST /api/v1/import/media (functions/import/media.ts): an image of the source into the site's media
// library with its source URL, checked by its bytes like any upload; a known source URL answered with its
// item (200, created false, nothing stored), even when 20 posts of it arrive at once.
import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { media } from '../../schema/tables.ts';
import { database } from '../../functions/data/db.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createToken } from '../../functions/data/tokens.ts';
import { settleSource } from '../../functions/import/media.ts';
import { storeAndRegister } from '../../functions/media/library.ts';
import { expectProblem } from '../support/api.ts';
import { bytesOf } from './media-images.ts';

const db = database(env.DB);
const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOST = `anh-${U}.test`;
let siteId = 0;
let token = '';

type MediaAnswer = { id: number; key: string; url: string; width: number | null; height: number | null; created: boolean };

function upload(fields: Record<string, string | Blob>, host = HOST) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return exports.default.fetch(new Request(`http://${host}/api/v1/import/media`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } }));
}
const jpeg = () => new Blob([bytesOf('jpeg')], { type: 'image/jpeg' });
const itemsOf = (sourceUrl: string) => db.select().from(media).where(and(eq(media.siteId, siteId), eq(media.sourceUrl, sourceUrl)));
const objectCount = async () => (await env.MEDIA.list({ prefix: `sites/${siteId}/` })).objects.length;

beforeAll(async () => {
  siteId = (await createSite(db, { name: `Trang ảnh ${U}`, hosts: [HOST] })).id;
  token = (await createToken(db, siteId, 'anh', ['import'])).token;
});

describe('/import/media', () => {
  it('stores an image in the library with its source URL, alt, caption and file name (201); the media URL serves it', async () => {
    const sourceUrl = `http://cu.example.vn/wp-content/uploads/2019/03/hoi-nghi-${U}.jpg`;
    const res = await upload({ file: jpeg(), sourceUrl, alt: 'Toàn cảnh hội nghị', caption: 'Ảnh: Lê Nguyệt', filename: 'hội-nghị.jpg' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as MediaAnswer;
    expect(body).toMatchObject({ created: true, width: 7, height: 5, url: `/media/${body.key}` });
    const [row] = await itemsOf(sourceUrl);
    expect(row).toMatchObject({ id: body.id, key: body.key, alt: 'Toàn cảnh hội nghị', caption: 'Ảnh: Lê Nguyệt', filename: 'hội-nghị.jpg', contentType: 'image/jpeg' });
    const served = await exports.default.fetch(new Request(`http://${HOST}${body.url}`));
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytesOf('jpeg'));
  });

  it('answers a known source URL with its item (200, created false) and stores nothing', async () => {
    const sourceUrl = `http://cu.example.vn/anh-${U}-lai.jpg`;
    const first = (await (await upload({ file: jpeg(), sourceUrl })).json()) as MediaAnswer;
    const objects = await objectCount();
    const again = await upload({ file: new Blob([bytesOf('png')]), sourceUrl });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...first, created: false });
    expect(await objectCount()).toBe(objects);
    const known = await exports.default.fetch(new Request(`http://${HOST}/api/v1/import/known`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'media', keys: [sourceUrl] }),
    }));
    expect(await known.json()).toEqual({ known: { [sourceUrl]: { id: first.id, key: first.key } } });
  });

  it('20 simultaneous posts of the same source URL leave one item and one object, and all answer with it', async () => {
    const sourceUrl = `http://cu.example.vn/cung-luc-${U}.jpg`;
    const objects = await objectCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => upload({ file: jpeg(), sourceUrl })));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as MediaAnswer[];
    expect(answers.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies.filter((b) => b.created).length).toBe(1);
    expect(await itemsOf(sourceUrl)).toHaveLength(1);
    expect(await objectCount()).toBe(objects + 1);
  });

  it('the re-check after storing: of two items stored for one source URL (posts that passed the first check together) the first wins, the other is removed with its object', async () => {
    const sourceUrl = `http://cu.example.vn/dua-${U}.jpg`;
    const objects = await objectCount();
    const now = new Date();
    const stored = await Promise.all([1, 2].map(() => storeAndRegister(env, siteId, new File([bytesOf('jpegProgressiveExif')], 'a.jpg'), 'token:1', now, { sourceUrl })));
    const [a, b] = stored.map((s) => { if (!s.ok) throw new Error(s.problem); return { id: s.item!.id, key: s.key, widths: s.widths }; });
    expect(await itemsOf(sourceUrl)).toHaveLength(2);
    expect(await settleSource(env, siteId, sourceUrl, b!)).toBe(a!.id);
    expect(await settleSource(env, siteId, sourceUrl, a!)).toBe(a!.id);
    expect((await itemsOf(sourceUrl)).map((r) => r.id)).toEqual([a!.id]);
    expect(await objectCount()).toBe(objects + 1 + a!.widths.length);
  });

  it('refuses an HTML page saved as an image (415, detail says why) and stores nothing', async () => {
    const sourceUrl = `http://cu.example.vn/loi-${U}.jpg`;
    const objects = await objectCount();
    const res = await upload({ file: new Blob(['<!doctype html><title>404 Not Found</title>'], { type: 'image/jpeg' }), sourceUrl, filename: 'loi.jpg' });
    const problem = await expectProblem(res, 415);
    expect(problem.detail).toMatch(/not a JPEG, PNG, WebP, AVIF or GIF/);
    expect(problem.detail).toContain('HTML');
    expect(await itemsOf(sourceUrl)).toEqual([]);
    expect(await objectCount()).toBe(objects);
  });

  it('refuses a truncated image and an empty file (422)', async () => {
    // Cut in the EXIF block, before the frame header that gives the size: what a download cut short leaves.
    const cut = bytesOf('jpegProgressiveExif').slice(0, 60);
    expect((await expectProblem(await upload({ file: new Blob([cut]), sourceUrl: `http://cu.example.vn/cut-${U}.jpg` }), 422)).type).toMatch(/truncated-image$/);
    await expectProblem(await upload({ file: new Blob([]), sourceUrl: `http://cu.example.vn/empty-${U}.png` }), 422);
  });

  it('needs a sourceUrl (at most 2,000 characters) and a file, as multipart (422 / 415)', async () => {
    expect((await expectProblem(await upload({ file: jpeg() }), 422)).errors).toEqual([{ field: 'sourceUrl', message: expect.any(String) }]);
    await expectProblem(await upload({ file: jpeg(), sourceUrl: `http://x/${'a'.repeat(2000)}` }), 422);
    expect((await expectProblem(await upload({ sourceUrl: 'http://x/y.jpg' }), 422)).errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    const json = await exports.default.fetch(new Request(`http://${HOST}/api/v1/import/media`, {
      method: 'POST', body: '{}', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    }));
    await expectProblem(json, 415);
  });
});
