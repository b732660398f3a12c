// The registry's managed lists (loại văn bản, cơ quan ban hành, lĩnh vực) per site: the defaults every site
// starts with (an upgraded first site through migration 0009, a new site through createSite, the same
// list), and creating, renaming and reordering entries through the write service.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TERM_KINDS } from '../../schema/tables.ts';
import { latestChange } from '../../functions/data/content-changes.ts';
import { database } from '../../functions/data/db.ts';
import { DEFAULT_DOCUMENT_TERMS } from '../../functions/data/document-term-defaults.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { createSite } from '../../functions/data/sites.ts';
import { InvalidFields, NotFound } from '../../functions/articles/errors.ts';
import { createDocumentTerm, renameDocumentTerm, reorderDocumentTerms } from '../../functions/documents/service.ts';
import { FIRST_SITE_ID, unique } from '../support/api.ts';

const db = () => database(env.DB);
const defaults = Object.entries(DEFAULT_DOCUMENT_TERMS).flatMap(([kind, list]) =>
  list.map((t, i) => ({ kind, slug: t.slug, name: t.name, abbreviation: t.abbreviation ?? '', position: i + 1 })));
const shape = (rows: { kind: string; slug: string; name: string; abbreviation: string; position: number }[]) =>
  rows.map(({ kind, slug, name, abbreviation, position }) => ({ kind, slug, name, abbreviation, position }));
const sorted = <T extends { kind: string; position: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || a.position - b.position);

async function newSite() {
  return createSite(db(), { name: 'Xã có danh mục', hosts: [`${unique('dm')}.test`] });
}

describe('the default lists', () => {
  it('are the upgraded first site\'s (migration 0009) and a new site\'s (createSite), one and the same', async () => {
    const first = (await listDocumentTerms(db(), FIRST_SITE_ID)).filter((t) => defaults.some((d) => d.kind === t.kind && d.slug === t.slug));
    expect(shape(first)).toEqual(shape(sorted(defaults)));
    const site = await newSite();
    expect(shape(await listDocumentTerms(db(), site.id))).toEqual(shape(sorted(defaults)));
    for (const kind of DOCUMENT_TERM_KINDS) expect(DEFAULT_DOCUMENT_TERMS[kind].length, kind).toBeGreaterThan(0);
  });
});

describe('an admin\'s changes', () => {
  it('creates an entry at the end of its list, its slug unique per kind and site, and moves the generation', async () => {
    const site = await newSite();
    const ref = { id: site.id, status: 'active' as const };
    const before = (await latestChange(db(), site.id))!.seq;
    await createDocumentTerm(env, ref, { kind: 'issuer', name: 'Ủy ban Mặt trận Tổ quốc xã', abbreviation: 'MTTQ' }, new Date());
    expect((await latestChange(db(), site.id))!.seq).toBe(before + 1);
    const issuers = await listDocumentTerms(db(), site.id, 'issuer');
    expect(issuers.at(-1)).toMatchObject({ slug: 'uy-ban-mat-tran-to-quoc-xa', abbreviation: 'MTTQ', position: issuers.length });
    // Taken in that list: refused on slug. The same slug in another kind, or on another site, is fine.
    await expect(createDocumentTerm(env, ref, { kind: 'issuer', name: 'Ủy ban Mặt trận Tổ quốc xã' }, new Date())).rejects.toMatchObject({ errors: [{ field: 'slug' }] });
    await createDocumentTerm(env, ref, { kind: 'field', name: 'Ủy ban Mặt trận Tổ quốc xã' }, new Date());
    await createDocumentTerm(env, { id: FIRST_SITE_ID, status: 'active' }, { kind: 'issuer', name: `Ủy ban Mặt trận ${unique('x')}` }, new Date());
    await expect(createDocumentTerm(env, ref, { kind: 'type', name: ' – ' }, new Date())).rejects.toBeInstanceOf(InvalidFields);
  });

  it('renames an entry keeping its slug, and reorders a list; another site\'s entry is not found', async () => {
    const site = await newSite();
    const ref = { id: site.id, status: 'active' as const };
    const [ubnd, hdnd] = await listDocumentTerms(db(), site.id, 'issuer');
    await renameDocumentTerm(env, ref, ubnd!.id, { name: 'Ủy ban nhân dân xã Hòa Bình' }, new Date());
    await reorderDocumentTerms(env, ref, 'issuer', [hdnd!.id, ubnd!.id], new Date());
    expect((await listDocumentTerms(db(), site.id, 'issuer')).map((t) => [t.slug, t.name, t.position])).toEqual([
      ['hdnd', 'Hội đồng nhân dân', 1], ['ubnd', 'Ủy ban nhân dân xã Hòa Bình', 2],
    ]);
    await expect(reorderDocumentTerms(env, ref, 'issuer', [ubnd!.id], new Date())).rejects.toMatchObject({ errors: [{ field: 'ids' }] });
    const other = (await listDocumentTerms(db(), FIRST_SITE_ID, 'issuer'))[0]!;
    await expect(renameDocumentTerm(env, ref, other.id, { name: 'Chiếm' }, new Date())).rejects.toBeInstanceOf(NotFound);
    expect((await listDocumentTerms(db(), FIRST_SITE_ID, 'issuer'))[0]!.name).toBe(other.name);
  });
});
