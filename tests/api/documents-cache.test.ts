// Documents through the edge cache and the write door, with controlled time: a cached document's legal
// status flips at Vietnam midnight with no write; a scheduled document is the site's next publication
// (content_changes) and the cron's run shows it; every document write moves the site's generation;
// an archived site refuses document writes.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { readVersion } from '../../functions/cache/generation.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { archiveSite, createSite } from '../../functions/data/sites.ts';
import { runScheduled } from '../../functions/scheduled.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
import { atTime, call, expectProblem, FIRST_SITE_ID, jsonInit, unique, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, listedSlugs, postDocument, type DocumentJson } from '../support/documents.ts';

// A snapshot of the site registry taken at a future instant is never replaced by an older read (registry.ts):
// after a test in the future, take a new one at the real time.
afterEach(() => reloadRegistry(env).then(() => undefined));

const statusOf = async (slug: string) => ((await (await call(`/api/v1/documents/${slug}`)).json()) as DocumentJson).status;

describe('the legal status through the edge cache', () => {
  it('flips at Vietnam midnight on the cached item and list, though nothing is written', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    // In effect from 15 June 2031 (Vietnam): midnight there is 2031-06-14T17:00Z.
    const { document } = await postDocument(token, documentBody(issuer, { number: '31/QĐ-UBND', issuedOn: '2031-06-01', effectiveOn: '2031-06-15' }));
    const before = Date.parse('2031-06-14T16:59:59.000Z');
    const list = `issuer=${issuer}&status=in-effect`;
    await atTime(before, async () => {
      expect(await statusOf(document.slug)).toBe('not-yet-effective'); // computed, and stored in the cache
      expect(await listedSlugs(list)).toEqual([]);
      // Proof the next answers come from the cache: a change behind the API's back is not seen.
      await env.DB.prepare('UPDATE documents SET signer = ? WHERE id = ?').bind('Sửa ngầm', document.id).run();
      const cached = (await (await call(`/api/v1/documents/${document.slug}`)).json()) as DocumentJson;
      expect(cached.signer).not.toBe('Sửa ngầm');
    });
    // One second later, a new Vietnam day: the same URLs answer afresh, with the new status.
    await atTime(before + 1000, async () => {
      const fresh = (await (await call(`/api/v1/documents/${document.slug}`)).json()) as DocumentJson;
      expect(fresh.status).toBe('in-effect');
      expect(fresh.signer).toBe('Sửa ngầm');
      expect(await listedSlugs(list)).toEqual([document.slug]);
    });
  });
});

describe('scheduled documents and the cron', () => {
  it('make the site\'s next publication, and the cron\'s run shows the document once its time has passed', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const publishAt = Date.now() + 20_000;
    const { document } = await postDocument(token, documentBody(issuer, { number: '32/TB-UBND', type: 'thong-bao', status: 'scheduled', publishAt: new Date(publishAt).toISOString() }));
    expect(document.state).toBe('scheduled');
    expect((await latestChange(database(env.DB), FIRST_SITE_ID))!.nextScheduledAt).toBe(publishAt);
    expect((await readVersion(env, FIRST_SITE_ID)).nextScheduledAt).toBe(publishAt);
    expect(await listedSlugs(`issuer=${issuer}`)).toEqual([]);
    const generation = (await readVersion(env, FIRST_SITE_ID)).generation;
    await runScheduled(env, new Date(publishAt - 1));
    expect((await readVersion(env, FIRST_SITE_ID)).generation).toBe(generation); // not due yet
    const run = await runScheduled(env, new Date(publishAt + 1));
    expect(run.published).toContain(FIRST_SITE_ID);
    expect((await readVersion(env, FIRST_SITE_ID)).generation).toBe(generation + 1);
    await atTime(publishAt + 1, async () => {
      expect(await listedSlugs(`issuer=${issuer}`)).toEqual([document.slug]);
      expect(await (await call('/van-ban/feed.json')).text()).toContain(document.slug);
    });
  });
});

describe('the write door', () => {
  it('moves the site\'s generation with every document write', async () => {
    const token = await writeToken();
    const before = (await latestChange(database(env.DB), FIRST_SITE_ID))!.seq;
    await postDocument(token, documentBody(await freshIssuer(), { number: '33/QĐ-UBND', status: 'draft' }));
    expect((await latestChange(database(env.DB), FIRST_SITE_ID))!.seq).toBe(before + 1);
  });

  it('refuses document writes on an archived site (409), storing nothing', async () => {
    const db = database(env.DB);
    const site = await createSite(db, { name: 'Xã lưu trữ', hosts: [`${unique('luu')}.test`] });
    const token = await writeToken(site.id);
    await archiveSite(db, site.id);
    const url = `http://${site.hosts[0]}/api/v1/documents`;
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch(new Request(url, jsonInit('POST', token, documentBody('ubnd', { number: '1/QĐ-UBND' }))));
    expect((await expectProblem(res, 409)).type).toMatch(/site-archived$/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM documents WHERE site_id = ?').bind(site.id).first('n')).toBe(0);
  });
});
