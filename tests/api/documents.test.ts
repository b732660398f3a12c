// The documents API (/api/v1/documents) against the real Worker and local D1: the number found however
// it is typed (the same list function as the reader page), filters, keyset paging, drafts never shown
// without a token, If-Match, the number unique per issuer and year, relations both ways, tokens per site.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { listDocuments } from '../../functions/data/documents-read.ts';
import { createSite } from '../../functions/data/sites.ts';
import { auth, call, expectProblem, FIRST_SITE_ID, getJson, jsonInit, pathOf, unique, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, listedSlugs, patchDocument, postDocument, readDocumentAsWriter, type DocumentJson } from '../support/documents.ts';

describe('the number, however it is typed', () => {
  it('finds 125/QĐ-UBND and 12/2024/QĐ-UBND by every usual spelling, through the API and the reader page\'s list alike', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const { document: d125 } = await postDocument(token, documentBody(issuer, { number: '125/QĐ-UBND', issuedOn: '2024-05-02' }));
    const { document: d12 } = await postDocument(token, documentBody(issuer, { number: '12/2024/QĐ-UBND', issuedOn: '2024-01-10', summary: 'Quy định quản lý chợ' }));
    const { document: other } = await postDocument(token, documentBody(issuer, { number: '125/QĐ-UBND', issuedOn: '2023-05-02', summary: 'Năm trước' }));
    const cases: [string, string[]][] = [
      ['125/QĐ-UBND', [d125.slug, other.slug]],
      ['125 qd ubnd', [d125.slug, other.slug]],
      ['qd-ubnd 125', [d125.slug, other.slug]],
      ['125/qđ-ubnd', [d125.slug, other.slug]],
      ['  125 / QD - UBND ', [d125.slug, other.slug]],
      ['125/2024/QĐ-UBND', [d125.slug]],
      ['ubnd 2024 qd 125', [d125.slug]],
      ['12/2024/QĐ-UBND', [d12.slug]],
      ['12 2024 qd ubnd', [d12.slug]],
      ['quy dinh quan ly cho', [d12.slug]],
    ];
    for (const [typed, expected] of cases) {
      const q = encodeURIComponent(typed);
      expect(await listedSlugs(`issuer=${issuer}&q=${q}`), typed).toEqual(expected);
      // The reader page calls the same function: the same documents, in the same order.
      const page = await listDocuments(database(env.DB), FIRST_SITE_ID, { issuer, q: typed, limit: 20, now: new Date() });
      expect(page.items.map((d) => d.slug), typed).toEqual(expected);
    }
    // Without the issuer filter too (other tests' documents may also match, these are there).
    expect(await listedSlugs(`q=${encodeURIComponent('qd-ubnd 125')}&limit=100`)).toContain(d125.slug);
    // A q with no letter or digit finds nothing rather than everything; FTS5 syntax typed is only text.
    expect(await listedSlugs(`issuer=${issuer}&q=${encodeURIComponent(' / - ')}`)).toEqual([]);
    for (const typed of ['NEAR(125 qd)', '"125', 'number:125', '125 OR 12', '-125 ^qd *']) {
      expect((await call(`/api/v1/documents?issuer=${issuer}&q=${encodeURIComponent(typed)}`)).status, typed).toBe(200);
    }
  });
});

describe('filters and paging', () => {
  it('filters by type, field, year and legal status, newest date of issue first', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const post = async (over: Record<string, unknown>) => (await postDocument(token, documentBody(issuer, over))).document.slug;
    const future = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const a = await post({ number: '1/QĐ-UBND', issuedOn: '2023-02-01', effectiveOn: null, expiresOn: '2024-01-01' });
    const b = await post({ number: '2/KH-UBND', type: 'ke-hoach', field: 'y-te', issuedOn: '2024-06-01', effectiveOn: null });
    const c = await post({ number: '3/QĐ-UBND', issuedOn: '2024-07-01', effectiveOn: future });
    expect(await listedSlugs(`issuer=${issuer}`)).toEqual([c, b, a]);
    expect(await listedSlugs(`issuer=${issuer}&type=quyet-dinh`)).toEqual([c, a]);
    expect(await listedSlugs(`issuer=${issuer}&field=y-te`)).toEqual([b]);
    expect(await listedSlugs(`issuer=${issuer}&year=2024`)).toEqual([c, b]);
    expect(await listedSlugs(`issuer=${issuer}&status=expired`)).toEqual([a]);
    expect(await listedSlugs(`issuer=${issuer}&status=in-effect`)).toEqual([b]);
    expect(await listedSlugs(`issuer=${issuer}&status=not-yet-effective`)).toEqual([c]);
    const { body } = await getJson<{ items: DocumentJson[] }>(`/api/v1/documents?issuer=${issuer}`);
    expect(body.items.map((d) => d.status)).toEqual(['not-yet-effective', 'in-effect', 'expired']);
    // Unknown values of a list are nothing found; a malformed year or status is a 400 on that parameter.
    expect(await listedSlugs(`issuer=${issuer}&type=khong-co`)).toEqual([]);
    expect((await expectProblem(await call('/api/v1/documents?year=24'), 400)).errors?.[0]?.field).toBe('year');
    expect((await expectProblem(await call('/api/v1/documents?status=con-hieu-luc'), 400)).errors?.[0]?.field).toBe('status');
  });

  it('pages by keyset through every document once, ties on the date broken by id', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const made: string[] = [];
    for (let i = 1; i <= 7; i++) {
      made.push((await postDocument(token, documentBody(issuer, { number: `${i}/TB-UBND`, type: 'thong-bao', issuedOn: i <= 4 ? '2024-04-04' : `2024-0${i - 4}-01` }))).document.slug);
    }
    const seen: string[] = [];
    let path: string | null = `/api/v1/documents?issuer=${issuer}&limit=3`;
    while (path) {
      const { res, body }: { res: Response; body: { items: DocumentJson[]; nextUrl: string | null } } = await getJson(path);
      seen.push(...body.items.map((d) => d.slug));
      if (body.nextUrl) expect(res.headers.get('Link')).toContain('rel="next"');
      path = body.nextUrl ? pathOf(body.nextUrl) : null;
    }
    // 2024-04-04 (ids 4,3,2,1 newest first), then 2024-03-01, 02-01, 01-01.
    expect(seen).toEqual([made[3], made[2], made[1], made[0], made[6], made[5], made[4]]);
    expect((await expectProblem(await call('/api/v1/documents?cursor=bm9wZQ'), 400)).errors?.[0]?.field).toBe('cursor');
  });
});

describe('drafts and tokens', () => {
  it('never shows a draft or a scheduled document without a token: item, list, search, feeds, sitemap', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const marker = unique('banthao').replaceAll('-', '');
    const { document: draft } = await postDocument(token, documentBody(issuer, { number: '9/CV-UBND', type: 'cong-van', summary: `Bản thảo ${marker}`, status: 'draft' }));
    const { document: later } = await postDocument(token, documentBody(issuer, {
      number: '10/CV-UBND', type: 'cong-van', summary: `Hẹn giờ ${marker}`, status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000).toISOString(),
    }));
    for (const d of [draft, later]) {
      await expectProblem(await call(`/api/v1/documents/${d.slug}`), 404);
      expect((await call(`/api/v1/documents/${d.slug}`, { headers: auth(token) })).status).toBe(200);
    }
    for (const path of [`/api/v1/documents?issuer=${issuer}`, `/api/v1/documents?q=${marker}`, '/api/v1/documents?q=9%2FCV-UBND&limit=100', '/van-ban/feed.json', '/van-ban/rss.xml', '/van-ban/loai/cong-van/feed.json', '/van-ban/loai/cong-van/rss.xml', '/sitemap.xml']) {
      const text = await (await call(path)).text();
      expect(text, path).not.toContain(draft.slug);
      expect(text, path).not.toContain(later.slug);
      expect(text, path).not.toContain(marker);
    }
    // Published, it shows on each of them.
    const { etag } = await readDocumentAsWriter(token, draft.slug);
    expect((await patchDocument(token, draft.slug, etag, { status: 'published' })).status).toBe(200);
    for (const path of [`/api/v1/documents?q=${marker}`, '/van-ban/feed.json', '/van-ban/rss.xml', '/van-ban/loai/cong-van/feed.json', '/sitemap.xml']) {
      expect(await (await call(path)).text(), path).toContain(draft.slug);
    }
    expect(await (await call('/sitemap.xml')).text()).toContain('http://cms.test/van-ban</loc>');
    await expectProblem(await call('/van-ban/loai/khong-co/feed.json'), 404);
  });

  it('a token of another site can neither read this site\'s draft nor write its documents', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const { document: draft, etag } = await postDocument(token, documentBody(issuer, { number: '77/QĐ-UBND', status: 'draft' }));
    const other = await createSite(database(env.DB), { name: 'Xã khác', hosts: [`${unique('xa')}.test`] });
    const foreign = await writeToken(other.id);
    // Another site's token is unknown here (401), never a way in.
    await expectProblem(await call(`/api/v1/documents/${draft.slug}`, { headers: auth(foreign) }), 401);
    await expectProblem(await patchDocument(foreign, draft.slug, etag, { summary: 'Ghi đè' }), 401);
    await expectProblem(await call('/api/v1/documents', jsonInit('POST', foreign, documentBody(issuer, { number: '78/QĐ-UBND' }))), 401);
    // On its own host, the other site does not have this issuer nor this document.
    const ownHost = `http://${other.hosts[0]}`;
    const res = await import('cloudflare:workers').then(({ exports }) => exports.default.fetch(new Request(`${ownHost}/api/v1/documents`, jsonInit('POST', foreign, documentBody(issuer, { number: '79/QĐ-UBND' })))));
    expect((await expectProblem(res, 422)).errors?.map((e) => e.field)).toEqual(['issuer']);
    expect((await readDocumentAsWriter(token, draft.slug)).document.summary).toBe(documentBody(issuer).summary);
  });
});

describe('writes', () => {
  it('requires If-Match (428) and refuses a stale one (412); the new ETag works', async () => {
    const token = await writeToken();
    const { document, etag } = await postDocument(token, documentBody(await freshIssuer()));
    expect((await expectProblem(await patchDocument(token, document.slug, null, { signer: 'X' }), 428)).type).toMatch(/if-match-required$/);
    const ok = await patchDocument(token, document.slug, etag, { signer: 'Trần Thị Bình (Phó Chủ tịch)' });
    expect(ok.status).toBe(200);
    expect((await expectProblem(await patchDocument(token, document.slug, etag, { signer: 'Y' }), 412)).type).toMatch(/version-conflict$/);
    expect((await patchDocument(token, document.slug, ok.headers.get('ETag'), { signer: 'Y' })).status).toBe(200);
    const del = await call(`/api/v1/documents/${document.slug}`, { method: 'DELETE', headers: auth(token) });
    expect(del.status).toBe(428);
    const { etag: now } = await readDocumentAsWriter(token, document.slug);
    expect((await call(`/api/v1/documents/${document.slug}`, { method: 'DELETE', headers: { ...auth(token), 'If-Match': now } })).status).toBe(204);
    await expectProblem(await call(`/api/v1/documents/${document.slug}`, { headers: auth(token) }), 404);
  });

  it('keeps the number unique per issuer and year (422 on number); the same number another year or issuer is fine', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    await postDocument(token, documentBody(issuer, { number: '125/QĐ-UBND', issuedOn: '2024-02-02' }));
    // However it is typed, it is the same number.
    const taken = await call('/api/v1/documents', jsonInit('POST', token, documentBody(issuer, { number: '125 qd ubnd', issuedOn: '2024-11-30' })));
    const problem = await expectProblem(taken, 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(['number']);
    const nextYear = await postDocument(token, documentBody(issuer, { number: '125/QĐ-UBND', issuedOn: '2025-01-03' }));
    const otherIssuer = await postDocument(token, documentBody(await freshIssuer(), { number: '125/QĐ-UBND', issuedOn: '2024-02-02' }));
    expect(nextYear.document.slug).not.toBe(otherIssuer.document.slug);
    // An edit into a taken number is refused the same way.
    const moved = await patchDocument(token, nextYear.document.slug, nextYear.etag, { issuedOn: '2024-12-31' });
    expect((await expectProblem(moved, 422)).errors?.map((e) => e.field)).toEqual(['number']);
  });

  it('lets one of five concurrent creates of one number for one issuer and year win; the others 422 on number, never a 500', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      call('/api/v1/documents', jsonInit('POST', token, documentBody(issuer, { number: '200/QĐ-UBND', summary: `Cùng số, lần ${i}` })))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422, 422, 422, 422]);
    for (const res of answers.filter((r) => r.status === 422)) expect((await expectProblem(res, 422)).errors?.map((e) => e.field)).toEqual(['number']);
    expect(await listedSlugs(`issuer=${issuer}`)).toHaveLength(1);
  });

  it('refuses bad input with a 422 naming the field: dates out of order, unknown lists, a relation to itself', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const bad = async (over: Record<string, unknown>) => (await expectProblem(await call('/api/v1/documents', jsonInit('POST', token, documentBody(issuer, over))), 422)).errors?.map((e) => e.field);
    expect(await bad({ number: '5/QĐ-UBND', issuedOn: '2024-02-30' })).toEqual(['issuedOn']);
    expect(await bad({ number: '5/QĐ-UBND', expiresOn: '2024-03-15' })).toEqual(['expiresOn']);
    expect(await bad({ number: '5/QĐ-UBND', type: 'khong-co' })).toEqual(['type']);
    expect(await bad({ number: ' / ' })).toEqual(['number']);
    expect(await bad({ number: '5/QĐ-UBND', relations: [{ kind: 'replaces', slug: 'khong-co-van-ban-nay' }] })).toEqual(['relations.0']);
    expect(await bad({ number: '5/QĐ-UBND', files: [999999] })).toEqual(['files.0']);
    const { document, etag } = await postDocument(token, documentBody(issuer, { number: '6/QĐ-UBND' }));
    const self = await patchDocument(token, document.slug, etag, { relations: [{ kind: 'amends', slug: document.slug }] });
    expect((await expectProblem(self, 422)).errors?.map((e) => e.field)).toEqual(['relations.0']);
  });

  it('refuses a day that no calendar has (month 13, day 32) with a 422 on the field, not a 500', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    for (const issuedOn of ['2024-13-01', '2024-01-32', '2024-00-10']) {
      const res = await call('/api/v1/documents', jsonInit('POST', token, documentBody(issuer, { number: '7/QĐ-UBND', issuedOn })));
      expect((await expectProblem(res, 422)).errors?.map((e) => e.field), issuedOn).toEqual(['issuedOn']);
    }
  });

  it('shows relations both ways: "replaces" on one side, the reverse on the other', async () => {
    const token = await writeToken();
    const issuer = await freshIssuer();
    const { document: old } = await postDocument(token, documentBody(issuer, { number: '20/QĐ-UBND', issuedOn: '2020-01-01' }));
    const { document: guide } = await postDocument(token, documentBody(issuer, { number: '21/HD-UBND', type: 'huong-dan', issuedOn: '2024-06-01' }));
    const { document: fresh } = await postDocument(token, documentBody(issuer, {
      number: '30/QĐ-UBND', issuedOn: '2024-05-01', relations: [{ kind: 'replaces', slug: old.slug }, { kind: 'guided-by', slug: guide.slug }],
    }));
    expect(fresh.relations.map((r) => [r.kind, r.direction, r.number])).toEqual([['replaces', 'outgoing', '20/QĐ-UBND'], ['guided-by', 'outgoing', '21/HD-UBND']]);
    const { body: oldJson } = await getJson<DocumentJson>(`/api/v1/documents/${old.slug}`);
    expect(oldJson.relations).toEqual([{ kind: 'replaces', direction: 'incoming', number: '30/QĐ-UBND', slug: fresh.slug, summary: fresh.summary, url: `http://cms.test/van-ban/${fresh.slug}` }]);
    const { body: guideJson } = await getJson<DocumentJson>(`/api/v1/documents/${guide.slug}`);
    expect(guideJson.relations.map((r) => [r.kind, r.direction, r.slug])).toEqual([['guided-by', 'incoming', fresh.slug]]);
    // A draft on the other side is not shown to readers.
    const { etag } = await readDocumentAsWriter(token, fresh.slug);
    await patchDocument(token, fresh.slug, etag, { status: 'draft' });
    expect((await getJson<DocumentJson>(`/api/v1/documents/${old.slug}`)).body.relations).toEqual([]);
  });

  it('answers 304 to a matching If-None-Match, and the item carries the brief\'s field names', async () => {
    const token = await writeToken();
    const { document } = await postDocument(token, documentBody(await freshIssuer(), { number: '40/TB-UBND', type: 'thong-bao' }));
    const first = await call(`/api/v1/documents/${document.slug}`);
    const json = (await first.json()) as DocumentJson;
    for (const key of ['number', 'type', 'issuer', 'signer', 'field', 'issuedOn', 'effectiveOn', 'expiresOn', 'summary', 'body', 'files', 'relations', 'status', 'state', 'slug', 'url']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(json.url).toBe(`http://cms.test/van-ban/${document.slug}`);
    expect(first.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await call(`/api/v1/documents/${document.slug}`, { headers: { 'If-None-Match': first.headers.get('ETag')! } })).status).toBe(304);
  });

  it('replays a create with the same Idempotency-Key instead of creating twice', async () => {
    const token = await writeToken();
    const body = documentBody(await freshIssuer(), { number: '50/QĐ-UBND' });
    const key = unique('key');
    const first = await call('/api/v1/documents', jsonInit('POST', token, body, { 'Idempotency-Key': key }));
    expect(first.status).toBe(201);
    const again = await call('/api/v1/documents', jsonInit('POST', token, body, { 'Idempotency-Key': key }));
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await again.json()) as DocumentJson).id).toBe(((await first.json()) as DocumentJson).id);
  });
});

describe('the OpenAPI document', () => {
  it('describes the documents\' list with its filters and their writes with If-Match', async () => {
    type Op = { parameters?: { name: string; in: string; required?: boolean; description?: string }[]; security?: unknown };
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const list = doc.paths['/api/v1/documents']!['get']!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['type', 'issuer', 'field', 'year', 'status', 'q', 'cursor', 'limit']));
    const patch = doc.paths['/api/v1/documents/{slug}']!['patch']!;
    expect(patch.parameters!.find((p) => p.name === 'If-Match')).toMatchObject({ in: 'header', required: true, description: 'The ETag of the item as last read.' });
    expect(doc.paths['/van-ban/loai/{slug}/feed.json']!['get']).toBeDefined();
  });
});
