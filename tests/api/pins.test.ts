// "Tin nổi bật": a site's pins of its own published articles, in the editors' order, until unpinned or
// expired; written through the one door (the generation moves), an expiry counted as the site's next
// scheduled instant (so the cached home page lets the pin go by itself); the province's pins of its
// communes' articles share the table and keep working.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { InvalidFields, NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { movePin, pinArticle, setPinExpiry, unpinArticle } from '../../functions/articles/reading-lists.ts';
import { publishDue, setFeatured } from '../../functions/articles/service.ts';
import { readVersion } from '../../functions/cache/generation.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { listPinned, listPins, PINS_MAX } from '../../functions/data/pins.ts';
import { listFeatured } from '../../functions/data/rollup.ts';
import { createSite } from '../../functions/data/sites.ts';
import { unpublish, write } from '../support/reading-list-writes.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';

const db = database(env.DB);
const HOUR = 3_600_000;
const titles = async (site: TestSite, now: Date) => (await listPinned(db, site.id, now)).map((a) => a.title);

describe('order', () => {
  it('pins show in the order pinned, move up and down, and leave when unpinned', async () => {
    const site = await freshSite('ghim-thu-tu');
    const t = new Date();
    const [a, b, c] = [await write(site, 'A', t), await write(site, 'B', t), await write(site, 'C', t)];
    for (const x of [a, b, c]) await pinArticle(env, site, x.id, null, null, t);
    expect(await titles(site, t)).toEqual(['A', 'B', 'C']);
    expect(await movePin(env, site, c.id, 'up', t)).toBe(true);
    expect(await titles(site, t)).toEqual(['A', 'C', 'B']);
    expect(await movePin(env, site, a.id, 'down', t)).toBe(true);
    expect(await titles(site, t)).toEqual(['C', 'A', 'B']);
    // At the ends already: nothing to write.
    expect(await movePin(env, site, c.id, 'up', t)).toBe(false);
    expect(await movePin(env, site, b.id, 'down', t)).toBe(false);
    await unpinArticle(env, site, a.id, t);
    expect(await titles(site, t)).toEqual(['C', 'B']);
    // Pinning again puts it last; pinning one already pinned changes nothing.
    await pinArticle(env, site, a.id, null, null, t);
    await pinArticle(env, site, c.id, null, null, t);
    expect(await titles(site, t)).toEqual(['C', 'B', 'A']);
  });

  it('an article unpublished after being pinned is not shown, but stays pinned for the editors', async () => {
    const site = await freshSite('ghim-go');
    const t = new Date();
    const a = await write(site, 'Sẽ bị gỡ', t);
    await pinArticle(env, site, a.id, null, null, t);
    await unpublish(site, a.id, t);
    expect(await titles(site, t)).toEqual([]);
    expect((await listPins(db, site.id)).map((p) => p.title)).toEqual(['Sẽ bị gỡ']);
  });
});

describe('expiry', () => {
  it('a pin leaves the list when its expiry passes, with no write; its expiry is the site\'s next scheduled instant', async () => {
    const site = await freshSite('ghim-han');
    const t = new Date();
    const a = await write(site, 'Có hạn', t);
    const b = await write(site, 'Không hạn', t);
    const expiry = new Date(t.getTime() + 2 * HOUR);
    await pinArticle(env, site, a.id, expiry, null, t);
    await pinArticle(env, site, b.id, null, null, t);
    expect(await titles(site, new Date(expiry.getTime() - 1))).toEqual(['Có hạn', 'Không hạn']);
    expect(await titles(site, expiry)).toEqual(['Không hạn']);
    // The edge cache keeps no entry past the site's next scheduled instant, and the cron records a change then.
    expect((await latestChange(db, site.id))!.nextScheduledAt).toBe(expiry.getTime());
    expect(await publishDue(env, new Date(expiry.getTime() - 1))).not.toContain(site.id);
    expect(await publishDue(env, expiry)).toContain(site.id);
    expect((await latestChange(db, site.id))!.nextScheduledAt).toBeNull();
  });

  it('an expiry can be set later, and cleared', async () => {
    const site = await freshSite('ghim-dat-han');
    const t = new Date();
    const a = await write(site, 'Đặt hạn sau', t);
    await pinArticle(env, site, a.id, null, null, t);
    const expiry = new Date(t.getTime() + HOUR);
    await setPinExpiry(env, site, a.id, expiry, t);
    expect(await titles(site, expiry)).toEqual([]);
    expect((await latestChange(db, site.id))!.nextScheduledAt).toBe(expiry.getTime());
    await setPinExpiry(env, site, a.id, null, t);
    expect(await titles(site, expiry)).toEqual(['Đặt hạn sau']);
    expect((await latestChange(db, site.id))!.nextScheduledAt).toBeNull();
  });

  it('an expiry not in the future is refused (InvalidFields on expiresAt), on pin and on set', async () => {
    const site = await freshSite('ghim-han-sai');
    const t = new Date();
    const a = await write(site, 'Hạn sai', t);
    const error = await pinArticle(env, site, a.id, t, null, t).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFields);
    expect((error as InvalidFields).errors[0]!.field).toBe('expiresAt');
    await pinArticle(env, site, a.id, null, null, t);
    await expect(setPinExpiry(env, site, a.id, new Date(t.getTime() - 1), t)).rejects.toBeInstanceOf(InvalidFields);
  });
});

describe('what may be pinned', () => {
  it('a draft, a deleted id, another site\'s article: NotFound, nothing written', async () => {
    const site = await freshSite('ghim-khong');
    const other = await freshSite('ghim-khac');
    const t = new Date();
    const draft = await write(site, 'Nháp', t, { status: 'draft' });
    const foreign = await write(other, 'Của trang khác', t);
    const before = (await latestChange(db, site.id))!.seq;
    await expect(pinArticle(env, site, draft.id, null, null, t)).rejects.toBeInstanceOf(NotFound);
    await expect(pinArticle(env, site, foreign.id, null, null, t)).rejects.toBeInstanceOf(NotFound);
    await expect(pinArticle(env, site, 999_999_999, null, null, t)).rejects.toBeInstanceOf(NotFound);
    expect((await latestChange(db, site.id))!.seq).toBe(before);
    expect(await titles(site, t)).toEqual([]);
  });

  it('unpin, move or set the expiry of an article not pinned here: NotFound (another site\'s pin included)', async () => {
    const site = await freshSite('ghim-chua');
    const other = await freshSite('ghim-chua-khac');
    const t = new Date();
    const a = await write(site, 'Chưa ghim', t);
    const theirs = await write(other, 'Ghim ở trang khác', t);
    await pinArticle(env, other, theirs.id, null, null, t);
    for (const id of [a.id, theirs.id]) {
      await expect(unpinArticle(env, site, id, t)).rejects.toBeInstanceOf(NotFound);
      await expect(movePin(env, site, id, 'up', t)).rejects.toBeInstanceOf(NotFound);
      await expect(setPinExpiry(env, site, id, null, t)).rejects.toBeInstanceOf(NotFound);
    }
    expect(await titles(other, t)).toEqual(['Ghim ở trang khác']);
  });

  it(`at most ${PINS_MAX} pins (InvalidFields), and an archived site refuses`, async () => {
    const site = await freshSite('ghim-du');
    const t = new Date();
    for (let i = 0; i < PINS_MAX; i++) await pinArticle(env, site, (await write(site, `Bài ${i}`, t)).id, null, null, t);
    const extra = await write(site, 'Bài thừa', t);
    await expect(pinArticle(env, site, extra.id, null, null, t)).rejects.toBeInstanceOf(InvalidFields);
    await expect(pinArticle(env, { ...site, status: 'archived' }, extra.id, null, null, t)).rejects.toBeInstanceOf(SiteArchived);
  });
});

describe('through the one door', () => {
  it('every pin change moves the site\'s generation', async () => {
    const site = await freshSite('ghim-the-he');
    const t = new Date();
    const a = await write(site, 'Thế hệ', t);
    const b = await write(site, 'Thế hệ 2', t);
    const generation = async () => (await readVersion(env, site.id)).generation;
    const steps = [
      () => pinArticle(env, site, a.id, null, null, t), () => pinArticle(env, site, b.id, null, null, t),
      () => movePin(env, site, b.id, 'up', t), () => setPinExpiry(env, site, a.id, new Date(t.getTime() + HOUR), t),
      () => unpinArticle(env, site, a.id, t),
    ];
    for (const step of steps) {
      const before = await generation();
      await step();
      expect(await generation()).toBeGreaterThan(before);
    }
  });
});

describe('a province\'s pins of its communes\' articles', () => {
  it('keep working beside its own pins, and neither list shows the other\'s', async () => {
    const province = await freshSite('tinh-ghim');
    const commune = await createSite(db, { name: `Xã ghim ${Date.now()}`, hosts: [`xa-ghim-${Date.now().toString(36)}.test`], parentId: province.id });
    const communeRef: TestSite = { ...province, id: commune.id, categories: [(await env.DB.prepare('SELECT id FROM categories WHERE site_id = ?').bind(commune.id).first<{ id: number }>())!.id] };
    const t = new Date();
    const own = await write(province, 'Tin của tỉnh', t);
    const local = await write(communeRef, 'Tin của xã', t);
    await pinArticle(env, province, own.id, null, null, t);
    await setFeatured(env, province, local.id, true, null, t);
    expect(await titles(province, t)).toEqual(['Tin của tỉnh']);
    expect((await listFeatured(db, province.id, t)).map((a) => a.title)).toEqual(['Tin của xã']);
    // A province cannot pin a commune's article as its own, nor feature its own as a commune's.
    await expect(pinArticle(env, province, local.id, null, null, t)).rejects.toBeInstanceOf(NotFound);
    await expect(setFeatured(env, province, own.id, true, null, t)).rejects.toBeInstanceOf(NotFound);
    await setFeatured(env, province, local.id, false, null, t);
    expect(await listFeatured(db, province.id, t)).toEqual([]);
    expect(await titles(province, t)).toEqual(['Tin của tỉnh']);
  });
});
