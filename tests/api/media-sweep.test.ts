// The orphan sweep in the cron (issue 8, item 8), against real local R2 and D1 with the run's time
// controlled: unreferenced uploads older than the grace period go; referenced ones (cover, a body's
// /media/ URL, an old revision, an article in the trash), young ones and non-media objects stay.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { deleteArticle } from '../../functions/articles/service.ts';
import { readArticleBySlug } from '../../functions/data/articles-read.ts';
import { ORPHAN_GRACE_MS, SWEEP_STATE_KEY, sweepOrphanMedia, type SweepResult } from '../../functions/media/sweep.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { createUser, readUser } from '../../functions/data/users.ts';
import { submitArticle } from '../../site/admin/article-editor.ts';
import { freshCategory, patchArticle, postArticle, unique, writeToken, firstSite } from '../support/api.ts';
import { bytesOf, putImage } from './media-images.ts';

/** The platform's first site, which the tests' ORIGIN (http://cms.test) serves. */
const SITE = await firstSite();

const HOUR = 60 * 60 * 1000;
const newKey = (label: string) => `2026/11/${label}${crypto.randomUUID().replaceAll('-', '')}.jpg`;
const exists = async (key: string) => (await env.MEDIA.head(key)) !== null;

/** The first sweeping cron run (minute 0 of an hour) at or after the instant. */
const sweepRunAt = (ms: number) => new Date(Math.ceil(ms / HOUR) * HOUR);

/** Cron runs at `at` until the walk has covered the whole bucket once; every run's result. */
async function sweepAll(at: Date): Promise<SweepResult[]> {
  const runs: SweepResult[] = [];
  for (let i = 0; i < 100; i++) {
    const { sweep } = await runScheduled(env, at);
    if (!sweep) throw new Error('the sweep failed');
    runs.push(sweep);
    if (sweep.wrapped) return runs;
  }
  throw new Error('the sweep never reached the end of the bucket');
}

describe('the orphan sweep', () => {
  it('deletes an unreferenced upload past the grace period and keeps referenced, young and foreign objects', async () => {
    const now = Date.now();
    const at = sweepRunAt(now + ORPHAN_GRACE_MS + HOUR); // every object stored now is 25-26 h old then
    const token = await writeToken();
    const category = await freshCategory();

    const orphan = await putImage(newKey('orphan'), { uploadedAt: new Date(now).toISOString() });
    const young = await putImage(newKey('young'), { uploadedAt: new Date(at.getTime() - HOUR).toISOString() });
    const cover = await putImage(newKey('cover'));
    const inBody = await putImage(newKey('body'));
    const oldCover = await putImage(newKey('oldcover'));
    const newCover = await putImage(newKey('newcover'));
    const trashed = await putImage(newKey('trash'));
    await env.MEDIA.put('notes/not-media.txt', 'not an upload');

    await postArticle(token, { title: 'Có ảnh bìa', category, cover: { key: cover, alt: 'Ảnh bìa' } });
    await postArticle(token, { title: 'Ảnh trong bài', category, body: `Xem ảnh:\n\n![Hội trường](/media/${inBody})` });
    // The old cover is in no article any more, only in the first revision: a restore must find it.
    const changed = await postArticle(token, { title: 'Đổi ảnh bìa', category, cover: { key: oldCover, alt: 'Cũ' } });
    const patched = await patchArticle(token, changed.article.slug, changed.etag, { cover: { key: newCover, alt: 'Mới' } });
    expect(patched.status).toBe(200);
    // An article in the trash can be restored with its cover.
    const gone = await postArticle(token, { title: 'Vào thùng rác', category, cover: { key: trashed, alt: 'Rác' } });
    const stored = await readArticleBySlug(database(env.DB), SITE.id, gone.article.slug, new Date());
    if (!stored || !('article' in stored)) throw new Error('article not found');
    await deleteArticle(env, SITE, stored.article, { id: 'test', name: 'test' }, new Date());

    // Before the grace period has passed nothing is deleted, referenced or not.
    const early = await sweepAll(sweepRunAt(now + HOUR));
    expect(early.flatMap((r) => r.deleted)).toEqual([]);
    expect(await exists(orphan)).toBe(true);

    const runs = await sweepAll(at);
    expect(runs.flatMap((r) => r.deleted)).toContain(orphan);
    expect(await exists(orphan)).toBe(false);
    for (const kept of [young, cover, inBody, oldCover, newCover, trashed]) expect(await exists(kept), kept).toBe(true);
    expect(await env.MEDIA.head('notes/not-media.txt')).not.toBeNull();
    // A finished walk leaves no position behind: the next run starts from the beginning.
    expect(await env.MEDIA.head(SWEEP_STATE_KEY)).toBeNull();
  });

  it('sweeps the cover of an admin form that failed validation, once the grace period has passed', async () => {
    const db = database(env.DB);
    const editor = (await readUser(db, await createUser(db, { email: `${unique('editor')}@dongy.gov.vn`, name: 'Biên tập', role: 'editor', password: 'mat-khau-thu-nghiem' })))!;
    const category = await freshCategory();
    const form = new FormData();
    // No title: refused, but the image was stored first so the editor need not upload it again.
    for (const [k, v] of Object.entries({ title: '', slug: '', summary: '', category, tags: '', body: 'x', byline: '', cover_key: '', cover_caption: '', cover_alt: 'Ảnh', action: 'save' })) form.set(k, v);
    form.set('cover_file', new File([bytesOf('png')], 'anh.png', { type: 'image/png' }));
    const result = await submitArticle(env, db, SITE, editor, form, null, new Date());
    if (result.kind !== 'render') throw new Error(`expected the form back, got ${result.kind}`);
    expect(result.status).toBe(422);
    const key = result.state.values.coverKey;
    expect(await exists(key)).toBe(true);
    await sweepAll(sweepRunAt(Date.now() + HOUR));
    expect(await exists(key)).toBe(true); // the editor may still save the form
    await sweepAll(sweepRunAt(Date.now() + ORPHAN_GRACE_MS + HOUR));
    expect(await exists(key)).toBe(false);
  });

  it('sweeps only in the run at minute 0 of each hour', async () => {
    const hour = sweepRunAt(Date.now() + ORPHAN_GRACE_MS + HOUR);
    expect((await runScheduled(env, new Date(hour.getTime() + 60_000))).sweep).toBeNull();
    expect((await runScheduled(env, new Date(hour.getTime() - 60_000))).sweep).toBeNull();
    expect((await runScheduled(env, hour)).sweep).not.toBeNull();
  });

  it('does bounded work per run, walking the bucket over several runs with its position kept in R2', async () => {
    const at = new Date(Date.now() + ORPHAN_GRACE_MS + HOUR);
    const orphans: string[] = [];
    for (let i = 0; i < 120; i++) orphans.push(newKey(`o${i}x`));
    await Promise.all(orphans.map((key) => putImage(key)));
    const runs: SweepResult[] = [];
    for (let i = 0; i < 20 && !runs.at(-1)?.wrapped; i++) {
      runs.push(await sweepOrphanMedia(env, at, 50));
      if (!runs.at(-1)!.wrapped) expect(await env.MEDIA.head(SWEEP_STATE_KEY)).not.toBeNull();
    }
    expect(runs.at(-1)?.wrapped).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(3); // 50 objects per run
    for (const run of runs) expect(run.examined).toBeLessThanOrEqual(50);
    expect(new Set(runs.flatMap((r) => r.deleted))).toEqual(new Set(orphans));
    for (const key of orphans) expect(await exists(key)).toBe(false);
  });
});
