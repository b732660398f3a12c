// A document's life through the write service: revisions recorded with who and what, a revision's content
// restored (slug and state kept), the trash (deleted, restored within 30 days, gone after), and the
// version guard against a concurrent edit.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Gone, InvalidFields, VersionConflict } from '../../functions/articles/errors.ts';
import { planCreateDocument } from '../../functions/data/documents-write.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { documentErrorOfD1 } from '../../functions/documents/errors.ts';
import { database } from '../../functions/data/db.ts';
import { listDocumentRevisions, readDocumentRevision } from '../../functions/data/document-revisions.ts';
import { readDocumentById, readDocumentBySlug } from '../../functions/data/documents-read.ts';
import { deleteDocument, restoreDocument, restoreDocumentRevision, updateDocument } from '../../functions/documents/service.ts';
import { FIRST_SITE_ID, writeToken } from '../support/api.ts';
import { documentBody, freshIssuer, postDocument } from '../support/documents.ts';

const SITE = { id: FIRST_SITE_ID, status: 'active' as const };
const editor = { id: 'user:1', name: 'Biên tập viên' };
const db = () => database(env.DB);

async function fresh(over: Record<string, unknown> = {}) {
  const token = await writeToken();
  const { document } = await postDocument(token, documentBody(await freshIssuer(), { number: '60/QĐ-UBND', ...over }));
  return (await readDocumentById(db(), SITE.id, document.id, new Date()))!;
}

describe('revisions', () => {
  it('records each change, and restores a revision\'s content as a new revision, keeping slug and state', async () => {
    const first = await fresh({ summary: 'Trích yếu ban đầu' });
    const edited = await updateDocument(env, SITE, first, { summary: 'Trích yếu đã sửa', signer: 'Lê Văn Cường' }, editor, new Date());
    const revisions = await listDocumentRevisions(db(), SITE.id, first.id);
    expect(revisions.map((r) => [r.version, r.action])).toEqual([[2, 'updated'], [1, 'created']]);
    expect(revisions[0]).toMatchObject({ actor: 'user:1', actorName: 'Biên tập viên', changedFields: ['summary', 'signer'] });
    const original = await readDocumentRevision(db(), SITE.id, first.id, revisions[1]!.id);
    const restored = await restoreDocumentRevision(env, SITE, edited, original!.snapshot, editor, new Date());
    expect(restored).toMatchObject({ summary: 'Trích yếu ban đầu', signer: first.signer, slug: first.slug, state: 'published', version: 3 });
    expect((await listDocumentRevisions(db(), SITE.id, first.id))[0]!.action).toBe('restored');
    // Restoring what it already is writes nothing.
    expect(await restoreDocumentRevision(env, SITE, restored!, original!.snapshot, editor, new Date())).toBeNull();
    // The search follows the restored text (the FTS row is in the batch).
    const row = await env.DB.prepare('SELECT summary FROM documents_fts WHERE rowid = ?').bind(first.id).first<string>('summary');
    expect(row).toBe('trich yeu ban dau');
  });

  it('refuses an edit of a version someone else changed meanwhile, writing nothing', async () => {
    const doc = await fresh({ number: '61/QĐ-UBND' });
    await updateDocument(env, SITE, doc, { signer: 'Người thứ nhất' }, editor, new Date());
    await expect(updateDocument(env, SITE, doc, { signer: 'Người thứ hai' }, editor, new Date())).rejects.toBeInstanceOf(VersionConflict);
    expect((await readDocumentById(db(), SITE.id, doc.id, new Date()))!.signer).toBe('Người thứ nhất');
  });
});

describe('the trash', () => {
  it('hides a deleted document, restores it within 30 days with its state, and not after', async () => {
    const doc = await fresh({ number: '62/QĐ-UBND' });
    const deletedAt = new Date();
    const trashed = await deleteDocument(env, SITE, doc, editor, deletedAt);
    expect(trashed.deletedAt).not.toBeNull();
    expect(await readDocumentBySlug(db(), SITE.id, doc.slug, new Date())).toBeNull();
    await expect(restoreDocument(env, SITE, doc.id, doc.version, editor, new Date())).rejects.toBeInstanceOf(VersionConflict);
    const late = new Date(deletedAt.getTime() + 30 * 86_400_000);
    await expect(restoreDocument(env, SITE, doc.id, trashed.version, editor, late)).rejects.toBeInstanceOf(Gone);
    const back = await restoreDocument(env, SITE, doc.id, trashed.version, editor, new Date());
    expect(back).toMatchObject({ deletedAt: null, state: 'published', version: trashed.version + 1 });
    expect((await readDocumentBySlug(db(), SITE.id, doc.slug, new Date()))!.id).toBe(doc.id);
  });
});

describe('a number taken between the check and the commit', () => {
  it('fails the later batch on the unique index, read as InvalidFields on number', async () => {
    const issuerSlug = await freshIssuer();
    const terms = await listDocumentTerms(db(), SITE.id);
    const id = (kind: string, slug: string) => terms.find((t) => t.kind === kind && t.slug === slug)!.id;
    const input = {
      number: '300/QĐ-UBND', typeId: id('type', 'quyet-dinh'), issuerId: id('issuer', issuerSlug), fieldId: null, signer: '',
      issuedOn: '2024-08-08', effectiveOn: null, expiresOn: null, summary: 'Hai người cùng lúc', body: '', status: 'draft' as const,
      relations: [], fileIds: [],
    };
    // Both pass the check (neither is committed yet), as two concurrent writers would.
    const first = await planCreateDocument(db(), SITE.id, { ...input, slug: `${issuerSlug}-a` }, editor, new Date());
    const second = await planCreateDocument(db(), SITE.id, { ...input, slug: `${issuerSlug}-b` }, editor, new Date());
    await db().batch(first.statements);
    const error = await db().batch(second.statements).then(() => null, (e: unknown) => { try { documentErrorOfD1(e); } catch (mapped) { return mapped; } });
    expect(error).toBeInstanceOf(InvalidFields);
    expect((error as InvalidFields).errors).toEqual([{ field: 'number', message: expect.stringContaining('already has this number') }]);
  });
});
