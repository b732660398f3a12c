// "Tin liên quan": computed (sharing a tag, then the same category; newest first; itself, drafts and other
// sites left out; at most 5), or the editor's own list in its order, which replaces it while it has a
// published article; changes through the one door.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { InvalidFields, NotFound, SiteArchived } from '../../functions/articles/errors.ts';
import { addRelated, moveRelated, removeRelated } from '../../functions/articles/reading-lists.ts';
import { readVersion } from '../../functions/cache/generation.ts';
import { database } from '../../functions/data/db.ts';
import { relatedArticles, RELATED_MAX } from '../../functions/data/related.ts';
import { unpublish, write } from '../support/reading-list-writes.ts';
import { freshSite, type TestSite } from '../support/reading-lists.ts';

const db = database(env.DB);
const MIN = 60_000;
const base = Date.UTC(2026, 0, 5, 3, 0);
const at = (minutes: number) => new Date(base + minutes * MIN);
const now = at(10_000);

async function relatedTitles(site: TestSite, article: { id: number; category: { id: number } }, when = now) {
  return (await relatedArticles(db, site.id, article, RELATED_MAX, when)).map((a) => a.title);
}

describe('computed', () => {
  it('sharing a tag first, then the same category, newest first within each; not itself, not drafts, not other categories', async () => {
    const site = await freshSite('lien-quan');
    const [cat, otherCat] = site.categories as [number, number];
    const me = await write(site, 'Bài chính', at(0), { tags: ['Giao thông'] });
    await write(site, 'Cùng thẻ, chuyên mục khác, cũ', at(1), { tags: ['Giao thông'], category: otherCat });
    await write(site, 'Cùng thẻ, mới', at(5), { tags: ['giao thông'] });
    await write(site, 'Cùng chuyên mục, mới nhất', at(9), { category: cat });
    await write(site, 'Cùng chuyên mục, cũ hơn', at(3), { category: cat });
    await write(site, 'Khác hết', at(8), { category: otherCat, tags: ['Y tế'] });
    await write(site, 'Nháp cùng thẻ', at(7), { tags: ['Giao thông'], status: 'draft' });
    expect(await relatedTitles(site, me)).toEqual(['Cùng thẻ, mới', 'Cùng thẻ, chuyên mục khác, cũ', 'Cùng chuyên mục, mới nhất', 'Cùng chuyên mục, cũ hơn']);
  });

  it(`at most ${RELATED_MAX}; another site's articles with the same tag and category slug never`, async () => {
    const site = await freshSite('lien-quan-du');
    const other = await freshSite('lien-quan-khac');
    const me = await write(site, 'Bài chính', at(0), { tags: ['Chung'] });
    for (let i = 1; i <= RELATED_MAX + 2; i++) await write(site, `Bài ${i}`, at(i), { tags: ['Chung'] });
    await write(other, 'Trang khác, cùng thẻ', at(100), { tags: ['Chung'] });
    const list = await relatedTitles(site, me);
    expect(list).toEqual(['Bài 7', 'Bài 6', 'Bài 5', 'Bài 4', 'Bài 3']);
  });
});

describe('the editor\'s list', () => {
  it('replaces the computed list in its own order, can be reordered and emptied (the computed list is back)', async () => {
    const site = await freshSite('lien-quan-chon');
    const me = await write(site, 'Bài chính', at(0), { tags: ['Thẻ'] });
    const auto = await write(site, 'Tự động', at(1), { tags: ['Thẻ'] });
    const [x, y, z] = [await write(site, 'X', at(2)), await write(site, 'Y', at(3)), await write(site, 'Z', at(4))];
    expect(await relatedTitles(site, me)).toContain('Tự động');
    for (const r of [z, x, y]) expect(await addRelated(env, site, me.id, r.id, now)).toBe(true);
    expect(await relatedTitles(site, me)).toEqual(['Z', 'X', 'Y']);
    expect(await addRelated(env, site, me.id, x.id, now)).toBe(false); // already there: nothing written
    expect(await moveRelated(env, site, me.id, y.id, 'up', now)).toBe(true);
    expect(await relatedTitles(site, me)).toEqual(['Z', 'Y', 'X']);
    expect(await moveRelated(env, site, me.id, z.id, 'up', now)).toBe(false);
    for (const r of [x, y, z]) await removeRelated(env, site, me.id, r.id, now);
    expect(await relatedTitles(site, me)).toContain(auto.title);
  });

  it('shows only its published articles, and gives way to the computed list when none is left', async () => {
    const site = await freshSite('lien-quan-go');
    const me = await write(site, 'Bài chính', at(0), { tags: ['Thẻ'] });
    await write(site, 'Tự động', at(1), { tags: ['Thẻ'] });
    const [x, y] = [await write(site, 'X', at(2)), await write(site, 'Y', at(3))];
    await addRelated(env, site, me.id, x.id, now);
    await addRelated(env, site, me.id, y.id, now);
    await unpublish(site, x.id, now);
    expect(await relatedTitles(site, me)).toEqual(['Y']);
    await unpublish(site, y.id, now);
    expect(await relatedTitles(site, me)).toEqual(['Tự động']);
  });

  it('refuses itself and a full list (InvalidFields), drafts and other sites\' articles (NotFound), either way round', async () => {
    const site = await freshSite('lien-quan-loi');
    const other = await freshSite('lien-quan-loi-khac');
    const me = await write(site, 'Bài chính', at(0));
    const draft = await write(site, 'Nháp', at(1), { status: 'draft' });
    const foreign = await write(other, 'Bài trang khác', at(1));
    await expect(addRelated(env, site, me.id, me.id, now)).rejects.toBeInstanceOf(InvalidFields);
    await expect(addRelated(env, site, me.id, draft.id, now)).rejects.toBeInstanceOf(NotFound);
    await expect(addRelated(env, site, me.id, foreign.id, now)).rejects.toBeInstanceOf(NotFound);
    // Another site's article's list cannot be changed from this site, even with this site's articles.
    await expect(addRelated(env, site, foreign.id, me.id, now)).rejects.toBeInstanceOf(NotFound);
    await expect(removeRelated(env, site, foreign.id, me.id, now)).rejects.toBeInstanceOf(NotFound);
    await expect(moveRelated(env, site, foreign.id, me.id, 'up', now)).rejects.toBeInstanceOf(NotFound);
    await expect(removeRelated(env, site, me.id, draft.id, now)).rejects.toBeInstanceOf(NotFound);
    await expect(moveRelated(env, site, me.id, draft.id, 'down', now)).rejects.toBeInstanceOf(NotFound);
    for (let i = 0; i < RELATED_MAX; i++) await addRelated(env, site, me.id, (await write(site, `Bài ${i}`, at(2 + i))).id, now);
    const extra = await write(site, 'Bài thừa', at(20));
    await expect(addRelated(env, site, me.id, extra.id, now)).rejects.toBeInstanceOf(InvalidFields);
    await expect(addRelated(env, { ...site, status: 'archived' }, me.id, extra.id, now)).rejects.toBeInstanceOf(SiteArchived);
  });

  it('every change moves the site\'s generation', async () => {
    const site = await freshSite('lien-quan-the-he');
    const me = await write(site, 'Bài chính', at(0));
    const [x, y] = [await write(site, 'X', at(1)), await write(site, 'Y', at(2))];
    const generation = async () => (await readVersion(env, site.id)).generation;
    for (const step of [() => addRelated(env, site, me.id, x.id, now), () => addRelated(env, site, me.id, y.id, now),
      () => moveRelated(env, site, me.id, y.id, 'up', now), () => removeRelated(env, site, me.id, x.id, now)]) {
      const before = await generation();
      await step();
      expect(await generation()).toBeGreaterThan(before);
    }
  });
});
