// Documents come back from review like articles (issue 12 polish): an editor returns one to draft with a
// required reason (site/admin/document-return.ts, functions/documents/service.ts returnDocument); the
// reason is on the document for its writer (the editor page's state) until it is submitted again, in its
// history (revision "returned" with the note) and in the audit log; contributors get 403; no reason 422,
// a stale version or a document not in review 409; the service refuses the same on its own.
import { env } from 'cloudflare:workers';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidFields, VersionConflict } from '../../functions/articles/errors.ts';
import { database } from '../../functions/data/db.ts';
import { listDocumentRevisions } from '../../functions/data/document-revisions.ts';
import { createDefaultDocumentTerms } from '../../functions/data/document-term-defaults.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { createDocument, returnDocument, updateDocument } from '../../functions/documents/service.ts';
import { auditLog, type Role } from '../../schema/tables.ts';
import { loadDocumentEditor } from '../../site/admin/document-editor.ts';
import { returnDocumentFromForm } from '../../site/admin/document-return.ts';
import { DOCUMENT_RETURN, REVIEW } from '../../site/admin/strings.ts';
import { firstSite, FIRST_SITE_ID, unique } from '../support/api.ts';

const SITE = await firstSite();
const db = database(env.DB);
let typeId: number;
let issuerId: number;

beforeAll(async () => {
  if ((await listDocumentTerms(db, FIRST_SITE_ID, 'type')).length === 0) await createDefaultDocumentTerms(db, FIRST_SITE_ID);
  typeId = (await listDocumentTerms(db, FIRST_SITE_ID, 'type'))[0]!.id;
  issuerId = (await listDocumentTerms(db, FIRST_SITE_ID, 'issuer'))[0]!.id;
});

async function user(role: Role): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role} ${unique('n')}`, role, password: 'mat-khau-thu-nghiem' });
  return (await readUser(db, id))!;
}
const actor = (u: User) => ({ id: `user:${u.id}`, name: u.name });
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** A document a contributor wrote as a draft and submitted for review at `at`. */
async function submitted(contributor: User, at = new Date()) {
  const draft = await createDocument(env, SITE, {
    number: `${Math.floor(Math.random() * 9e5)}/QĐ-UBND`, typeId, issuerId, fieldId: null, signer: 'Nguyễn Văn A',
    issuedOn: '2026-11-01', effectiveOn: null, expiresOn: null, summary: 'Về việc tổ chức tiếp công dân', body: '',
    status: 'draft', relations: [], fileIds: [],
  }, actor(contributor), new Date(at.getTime() - 60_000));
  return updateDocument(env, SITE, draft, { status: 'review' }, actor(contributor), at);
}

describe('returning a document from review', () => {
  it('draft -> review -> returned with a reason (shown to the writer, kept by a save) -> resubmitted (cleared); history and audit say who', async () => {
    const contributor = await user('contributor');
    const editor = await user('editor');
    const t0 = new Date('2026-11-20T01:00:00Z');
    const doc = await submitted(contributor, t0);
    expect(doc).toMatchObject({ state: 'review', reviewNote: '' });

    // No reason: the message at the field, nothing changed.
    expect(await returnDocumentFromForm(env, db, SITE, editor, doc.id, form({ reason: '  ', version: String(doc.version) }), new Date()))
      .toMatchObject({ kind: 'refused', status: 422, fieldError: REVIEW.reasonRequired, problem: null });
    expect(await readDocumentById(db, SITE.id, doc.id, new Date())).toMatchObject({ state: 'review', version: doc.version, reviewNote: '' });

    const reason = 'Sai số ký hiệu.\nVui lòng kiểm tra lại ngày ban hành.';
    const t1 = new Date('2026-11-20T02:00:00Z');
    expect(await returnDocumentFromForm(env, db, SITE, editor, doc.id, form({ reason: ` ${reason} `, version: String(doc.version) }), t1))
      .toEqual({ kind: 'redirect', location: `/admin/van-ban/${doc.id}?thong-bao=da-tra-lai` });
    const returned = (await readDocumentById(db, SITE.id, doc.id, t1))!;
    expect(returned).toMatchObject({ state: 'draft', reviewNote: reason });

    // The writer's editor page carries it; a plain save keeps it; submitting again clears it.
    expect((await loadDocumentEditor(env, db, SITE, contributor, doc.id, t1))!.document!.reviewNote).toBe(reason);
    const saved = await updateDocument(env, SITE, returned, { summary: 'Về việc tổ chức tiếp công dân định kỳ' }, actor(contributor), new Date('2026-11-20T03:00:00Z'));
    expect(saved.reviewNote).toBe(reason);
    const again = await updateDocument(env, SITE, saved, { status: 'review' }, actor(contributor), new Date('2026-11-20T04:00:00Z'));
    expect(again).toMatchObject({ state: 'review', reviewNote: '' });

    const history = (await listDocumentRevisions(db, SITE.id, doc.id)).reverse();
    expect(history.slice(1).map((r) => [r.action, r.actorName, r.note, r.createdAt.toISOString()])).toEqual([
      ['updated', contributor.name, '', '2026-11-20T01:00:00.000Z'],
      ['returned', editor.name, reason, '2026-11-20T02:00:00.000Z'],
      ['updated', contributor.name, '', '2026-11-20T03:00:00.000Z'],
      ['updated', contributor.name, '', '2026-11-20T04:00:00.000Z'],
    ]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.subject, `document:${doc.id}`), eq(auditLog.action, 'document.returned'))).orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ actorId: editor.id, actorLabel: editor.name });
    expect(JSON.parse(entry!.detail)).toEqual({ number: doc.number });
  });

  it('refuses a contributor (403), a stale version and a document not in review (409), a reason too long (422), an unknown id', async () => {
    const contributor = await user('contributor');
    const editor = await user('editor');
    const doc = await submitted(contributor);
    const ret = (who: User, fields: Record<string, string>, id = doc.id) => returnDocumentFromForm(env, db, SITE, who, id, form(fields), new Date());
    expect(await ret(contributor, { reason: 'Tự trả lại', version: String(doc.version) }))
      .toMatchObject({ kind: 'refused', status: 403, problem: DOCUMENT_RETURN.forbidden });
    expect(await ret(editor, { reason: 'Lý do', version: String(doc.version - 1) })).toMatchObject({ kind: 'refused', status: 409 });
    expect(await ret(editor, { reason: 'x'.repeat(2001), version: String(doc.version) }))
      .toMatchObject({ kind: 'refused', status: 422, fieldError: REVIEW.reasonTooLong, reason: 'x'.repeat(2001) });
    expect(await readDocumentById(db, SITE.id, doc.id, new Date())).toMatchObject({ state: 'review', version: doc.version, reviewNote: '' });
    const published = await updateDocument(env, SITE, doc, { status: 'published' }, actor(editor), new Date());
    expect(await ret(editor, { reason: 'Lý do', version: String(published.version) }))
      .toMatchObject({ kind: 'refused', status: 409, problem: DOCUMENT_RETURN.notInReview });
    expect(await ret(editor, { reason: 'Lý do', version: '1' }, 999_999_999)).toEqual({ kind: 'not-found' });
  });

  it('the service itself refuses a blank reason, a document not in review, and a version that moved on', async () => {
    const doc = await submitted(await user('contributor'));
    const by = { id: 'user:1', name: 'Biên tập' };
    await expect(returnDocument(env, SITE, doc, ' \n ', by, new Date())).rejects.toBeInstanceOf(InvalidFields);
    await expect(returnDocument(env, SITE, { ...doc, state: 'draft' }, 'Lý do', by, new Date())).rejects.toBeInstanceOf(InvalidFields);
    await expect(returnDocument(env, SITE, { ...doc, version: doc.version + 5 }, 'Lý do', by, new Date())).rejects.toBeInstanceOf(VersionConflict);
    expect(await readDocumentById(db, SITE.id, doc.id, new Date())).toMatchObject({ state: 'review', reviewNote: '' });
  });
});
