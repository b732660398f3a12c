// Probes of issue 12's new surfaces from outside (red team): races and forged inputs that the parts'
// own tests did not try. Each test failed before its fix.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { InvalidFields } from '../../functions/articles/errors.ts';
import { addRelated, pinArticle } from '../../functions/articles/reading-lists.ts';
import { database } from '../../functions/data/db.ts';
import { listPins, PINS_MAX } from '../../functions/data/pins.ts';
import { listChosen, RELATED_MAX } from '../../functions/data/related.ts';
import { write } from '../support/reading-list-writes.ts';
import { freshSite } from '../support/reading-lists.ts';

const db = database(env.DB);

describe('pins', () => {
  it(`20 editors pinning 20 articles at once: at most ${PINS_MAX} pins, the others refused as full, each its own place`, async () => {
    const site = await freshSite('probe-ghim');
    const t = new Date();
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push((await write(site, `Bài ghim ${i}`, t)).id);
    const results = await Promise.allSettled(ids.map((id) => pinArticle(env, site, id, null, null, t)));
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InvalidFields);
    const pins = await listPins(db, site.id);
    expect(pins.length).toBeLessThanOrEqual(PINS_MAX);
    expect(pins.length).toBe(results.length - refused.length);
    expect(new Set(pins.map((p) => p.position)).size).toBe(pins.length);
  });

  it('the same article pinned by 5 editors at once is pinned once, none of them fails', async () => {
    const site = await freshSite('probe-ghim-mot');
    const t = new Date();
    const a = await write(site, 'Một bài', t);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => pinArticle(env, site, a.id, null, null, t)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect((await listPins(db, site.id)).length).toBe(1);
  });
});

describe('related override', () => {
  it(`10 related articles added at once: at most ${RELATED_MAX}, the others refused as full; the same one twice at once is added once, no 500`, async () => {
    const site = await freshSite('probe-lien-quan');
    const t = new Date();
    const main = await write(site, 'Bài chính', t);
    const others: number[] = [];
    for (let i = 0; i < 10; i++) others.push((await write(site, `Liên quan ${i}`, t)).id);
    const results = await Promise.allSettled([...others, others[0]!].map((id) => addRelated(env, site, main.id, id, t)));
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InvalidFields);
    expect((await listChosen(db, site.id, main.id)).length).toBe(RELATED_MAX);
    const places = await env.DB.prepare('SELECT DISTINCT position FROM article_related WHERE article_id = ?').bind(main.id).all();
    expect(places.results.length).toBe(RELATED_MAX);
  });
});
