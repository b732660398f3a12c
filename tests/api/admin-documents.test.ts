// The documents admin's server side against real D1, R2 and Durable Objects (the pages themselves are
// exercised by tests/e2e/admin-documents.test.ts): the form (files checked by their bytes and kept by
// id, related documents found by number however typed, dates in order, the number unique per issuer
// and year, list entries of the site), roles, the version guard and its conflict view, the trash and
// revisions, the managed lists page, and another site's ids never found.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../functions/data/db.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { listDocumentRevisions } from '../../functions/data/document-revisions.ts';
import { readDocumentById } from '../../functions/data/documents-read.ts';
import { countEditorDocuments, listEditorDocuments } from '../../functions/data/admin-documents.ts';
import { createSite } from '../../functions/data/sites.ts';
import { createUser, readUser, type User } from '../../functions/data/users.ts';
import { loadRegistry } from '../../functions/sites/registry.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import type { Role } from '../../schema/tables.ts';
import { loadDocumentEditor, submitDocument, type DocumentSubmitResult } from '../../site/admin/document-editor.ts';
import { deleteDocumentFromForm, restoreDocumentFromForm, restoreDocumentRevisionFromForm } from '../../site/admin/document-lifecycle.ts';
import type { DocumentEditorState } from '../../site/admin/document-state.ts';
import { termLists, termsAction } from '../../site/admin/document-terms-admin.ts';
import { firstSite, unique } from '../support/api.ts';

const SITE = await firstSite();
const db = database(env.DB);
const NOW = new Date('2026-11-20T03:00:00Z');

async function user(role: Role, siteId = SITE.id): Promise<User> {
  const id = await createUser(db, { email: `${unique(role)}@dongy.gov.vn`, name: `Người ${role}`, role, password: 'mat-khau-thu-nghiem', siteId });
  return (await readUser(db, id))!;
}

const terms = await listDocumentTerms(db, SITE.id);
const term = (kind: string, slug: string) => String(terms.find((t) => t.kind === kind && t.slug === slug)!.id);
const QD = term('type', 'quyet-dinh');
const UBND = term('issuer', 'ubnd');
const HDND = term('issuer', 'hdnd');

/** A minimal but whole PDF (header, one empty page, xref, %%EOF), as a scanner might write. */
function pdf(): Uint8Array {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n';
  const xref = body.length;
  return new TextEncoder().encode(`${body}xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`);
}
const pdfFile = (name = 'Quyết định 125.pdf') => new File([pdf()], name, { type: 'application/pdf' });

let numbers = 100;
/** A number no other test uses (numbers are unique per issuer and year). */
const nextNumber = () => `${++numbers}${Math.floor(Math.random() * 1e5)}/QĐ-UBND`;

const base = (extra: Record<string, string> = {}) => ({
  number: nextNumber(), type: QD, issuer: UBND, field: '', signer: 'Nguyễn Văn An (Chủ tịch)',
  issued_on: '2026-11-02', effective_on: '2026-11-10', expires_on: '', summary: 'Về việc ban hành quy chế tiếp công dân',
  body: 'Điều 1.\r\nBan hành kèm theo.', publish_at: '', version: '', relation_q: '', relation_kind: 'replaces', ...extra,
});

function form(fields: Record<string, string | string[]>, files: File[] = []): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  for (const file of files) f.append('files', file);
  return f;
}

const idFrom = (result: DocumentSubmitResult) => {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result).slice(0, 600)}`);
  return Number(/\/admin\/van-ban\/(\d+)/.exec(result.location)![1]);
};
const rendered = (result: DocumentSubmitResult): { status: number; state: DocumentEditorState } => {
  if (result.kind !== 'render') throw new Error(`expected a form, got ${JSON.stringify(result).slice(0, 600)}`);
  return result;
};
/** The form as a browser sends it back after loading the edit page. */
const formOf = (state: DocumentEditorState) => ({
  number: state.values.number, type: state.values.type, issuer: state.values.issuer, field: state.values.field, signer: state.values.signer,
  issued_on: state.values.issuedOn, effective_on: state.values.effectiveOn, expires_on: state.values.expiresOn, summary: state.values.summary,
  body: state.values.body, publish_at: state.values.publishAt, version: state.values.version,
  relation: state.values.relations, file_id: state.values.fileIds.map(String), relation_q: '', relation_kind: 'replaces',
});
const documentObjects = async () => (await env.MEDIA.list({ prefix: `documents/${SITE.id}/` })).objects.filter((o) => !o.key.endsWith('.txt')).length;

async function created(editor: User, extra: Record<string, string> = {}, action = 'save', files: File[] = []): Promise<number> {
  return idFrom(await submitDocument(env, db, SITE, editor, form({ ...base(extra), action }, files), null, NOW));
}

describe('the document form', () => {
  it('creates a document with a PDF and a relation found by its number typed another way, and publishes it', async () => {
    const editor = await user('editor');
    const older = await created(editor, { number: '17/2025/QĐ-UBND', issued_on: '2025-03-04', effective_on: '', summary: 'Quy chế cũ' });
    // The search box: "qd-ubnd 17 2025" finds 17/2025/QĐ-UBND (any order, case, đ/d, separators).
    const typed = { ...base(), relation_q: 'qd-ubnd 17 2025', relation_kind: 'replaces' };
    const found = rendered(await submitDocument(env, db, SITE, editor, form({ ...typed, action: 'find-related' }), null, NOW));
    expect(found.status).toBe(200);
    expect(found.state.found?.map((d) => d.id)).toContain(older);
    const added = rendered(await submitDocument(env, db, SITE, editor, form({ ...typed, relation_add: String(older) }), null, NOW));
    expect(added.state.relations).toEqual([expect.objectContaining({ id: older, kind: 'replaces', number: '17/2025/QĐ-UBND', value: `replaces:${older}` })]);
    expect(added.state.values.number).toBe(typed.number);

    const before = await documentObjects();
    const result = await submitDocument(env, db, SITE, editor, form({ ...typed, relation: added.state.relations.map((r) => r.value), action: 'publish' }, [pdfFile()]), null, NOW);
    expect(result).toMatchObject({ kind: 'redirect', location: expect.stringMatching(/^\/admin\/van-ban\/\d+\?thong-bao=da-dang$/) });
    const doc = (await readDocumentById(db, SITE.id, idFrom(result), NOW))!;
    expect(doc).toMatchObject({ number: typed.number, state: 'published', signer: 'Nguyễn Văn An (Chủ tịch)', issuedOn: '2026-11-02', effectiveOn: '2026-11-10', expiresOn: null });
    expect(doc.bodyMarkdown).toBe('Điều 1.\nBan hành kèm theo.');
    expect(doc.files).toEqual([expect.objectContaining({ name: 'Quyết định 125.pdf', contentType: 'application/pdf', size: pdf().length })]);
    expect(doc.relations).toEqual([expect.objectContaining({ kind: 'replaces', direction: 'outgoing', id: older })]);
    expect(await documentObjects()).toBe(before + 1);
    expect((await listDocumentRevisions(db, SITE.id, doc.id))[0]).toMatchObject({ action: 'created', actor: `user:${editor.id}` });
    // The other side shows the reverse link.
    expect((await readDocumentById(db, SITE.id, older, NOW))!.relations).toEqual([expect.objectContaining({ direction: 'incoming', id: doc.id })]);
  });

  it('refuses a file that is not a document by its bytes, stores nothing, keeps everything typed and says to choose it again', async () => {
    const editor = await user('editor');
    const typed = base({ summary: 'Trích yếu giữ nguyên', signer: 'Trần Thị Bình' });
    const before = await documentObjects();
    const html = new File([new TextEncoder().encode('<!doctype html><script>alert(1)</script>')], 'quyet-dinh.pdf', { type: 'application/pdf' });
    const { status, state } = rendered(await submitDocument(env, db, SITE, editor, form({ ...typed, action: 'save' }, [html]), null, NOW));
    expect(status).toBe(422);
    expect(state.errors.files).toMatch(/^Tệp "quyet-dinh\.pdf" không phải văn bản PDF, Word .*\(dù tên tệp có đuôi \.pdf\)/);
    expect(state.problem).toBe('Các tệp sau chưa được lưu, vui lòng chọn lại: quyet-dinh.pdf.');
    expect(state.values).toMatchObject({ number: typed.number, summary: 'Trích yếu giữ nguyên', signer: 'Trần Thị Bình', issuedOn: '2026-11-02', fileIds: [] });
    expect(await documentObjects()).toBe(before);
  });

  it('keeps a stored file by id when another field is refused: the next submit needs no file', async () => {
    const editor = await user('editor');
    const first = rendered(await submitDocument(env, db, SITE, editor, form({ ...base({ summary: '' }), action: 'save' }, [pdfFile('Phụ lục.pdf')]), null, NOW));
    expect(first.status).toBe(422);
    expect(first.state.errors).toEqual({ summary: 'Vui lòng nhập trích yếu.' });
    expect(first.state.files).toEqual([expect.objectContaining({ name: 'Phụ lục.pdf' })]);
    expect(first.state.notice).toBe('Các tệp đã tải lên được giữ lại; không cần chọn lại.');
    const again = { ...formOf(first.state), summary: 'Đã nhập trích yếu', action: 'save' };
    const doc = (await readDocumentById(db, SITE.id, idFrom(await submitDocument(env, db, SITE, editor, form(again), null, NOW)), NOW))!;
    expect(doc.files.map((f) => f.name)).toEqual(['Phụ lục.pdf']);
  });

  it('puts the dates\' order and a missing day next to their fields', async () => {
    const editor = await user('editor');
    const errorsOf = async (extra: Record<string, string>) =>
      rendered(await submitDocument(env, db, SITE, editor, form({ ...base(extra), action: 'save' }), null, NOW)).state.errors;
    expect(await errorsOf({ issued_on: '2026-11-10', effective_on: '2026-11-09' })).toEqual({ effectiveOn: 'Ngày có hiệu lực không được trước ngày ban hành.' });
    expect(await errorsOf({ effective_on: '2026-11-10', expires_on: '2026-11-10' })).toEqual({ expiresOn: 'Ngày hết hiệu lực phải sau ngày có hiệu lực.' });
    expect(await errorsOf({ effective_on: '', expires_on: '2026-11-01' })).toEqual({ expiresOn: 'Ngày hết hiệu lực phải sau ngày ban hành.' });
    expect(await errorsOf({ issued_on: '' })).toEqual({ issuedOn: 'Vui lòng nhập ngày ban hành.' });
    expect(await errorsOf({ issued_on: '2026-02-30' })).toMatchObject({ issuedOn: expect.stringMatching(/^Ngày không hợp lệ/) });
  });

  it('refuses a number taken by the same issuer in the same year, not by another issuer or year', async () => {
    const editor = await user('editor');
    const number = nextNumber();
    await created(editor, { number });
    const again = rendered(await submitDocument(env, db, SITE, editor, form({ ...base({ number: number.toLowerCase().replace('/', ' ') }), action: 'save' }), null, NOW));
    expect(again.status).toBe(422);
    expect(again.state.errors).toEqual({ number: 'Số ký hiệu này đã được dùng cho văn bản khác của cùng cơ quan ban hành trong năm này.' });
    await created(editor, { number, issuer: HDND });
    await created(editor, { number, issued_on: '2025-12-30', effective_on: '' });
  });

  it('refuses list entries that are not this site\'s, and an empty choice', async () => {
    const editor = await user('editor');
    const other = await createSite(db, { name: `Xã khác ${unique('x')}`, hosts: [`${unique('xa')}.test`] });
    const theirs = (await listDocumentTerms(db, other.id)).find((t) => t.kind === 'type')!;
    const a = rendered(await submitDocument(env, db, SITE, editor, form({ ...base({ type: String(theirs.id) }), action: 'save' }), null, NOW));
    expect(a.state.errors).toEqual({ type: 'Mục này không còn trong danh mục. Vui lòng chọn lại.' });
    const b = rendered(await submitDocument(env, db, SITE, editor, form({ ...base({ issuer: '' }), action: 'save' }), null, NOW));
    expect(b.state.errors).toEqual({ issuer: 'Vui lòng chọn cơ quan ban hành.' });
  });

  it('schedules in Vietnam time', async () => {
    const editor = await user('editor');
    const id = await created(editor, { publish_at: '2026-12-01T08:30' }, 'schedule');
    const doc = (await readDocumentById(db, SITE.id, id, NOW))!;
    expect(doc.state).toBe('scheduled');
    expect(doc.publishedAt?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect((await loadDocumentEditor(env, db, SITE, editor, id, NOW))!.values.publishAt).toBe('2026-12-01T08:30');
  });

  it('removes a file ticked for removal, and drops a relation', async () => {
    const editor = await user('editor');
    const target = await created(editor);
    const id = await created(editor, { relation: `amends:${target}` } as Record<string, string>, 'save', [pdfFile('a.pdf'), pdfFile('b.pdf')]);
    const state = (await loadDocumentEditor(env, db, SITE, editor, id, NOW))!;
    expect(state.files.map((f) => f.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(state.relations.map((r) => r.value)).toEqual([`amends:${target}`]);
    const dropped = rendered(await submitDocument(env, db, SITE, editor, form({ ...formOf(state), relation_drop: `amends:${target}` }), id, NOW));
    expect(dropped.state.relations).toEqual([]);
    const a = state.files[0]!.id;
    await submitDocument(env, db, SITE, editor, form({ ...formOf(dropped.state), file_remove: String(a), action: 'save' }), id, NOW);
    const doc = (await readDocumentById(db, SITE.id, id, NOW))!;
    expect(doc.files.map((f) => f.name)).toEqual(['b.pdf']);
    expect(doc.relations).toEqual([]);
  });
});

describe('roles and versions', () => {
  it('lets a contributor save and submit for review only', async () => {
    const contributor = await user('contributor');
    for (const action of ['publish', 'schedule']) {
      const r = rendered(await submitDocument(env, db, SITE, contributor, form({ ...base({ publish_at: '2099-01-01T08:00' }), action }), null, NOW));
      expect(r.status, action).toBe(403);
      expect(r.state.problem).toBe('Bạn không có quyền thực hiện thao tác này.');
      expect(r.state.values.summary).toBe('Về việc ban hành quy chế tiếp công dân');
    }
    const id = await created(contributor, {}, 'review');
    const state = (await loadDocumentEditor(env, db, SITE, contributor, id, NOW))!;
    expect(state.document?.status).toBe('review');
    expect(state.actions).toEqual(['save', 'preview']);
    expect(rendered(await submitDocument(env, db, SITE, contributor, form({ ...formOf(state), action: 'publish' }), id, NOW)).status).toBe(403);
    expect(await deleteDocumentFromForm(env, db, SITE, contributor, id, form({ version: state.values.version }), NOW)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('shows a contributor another\'s document read-only: a preview with a file stores nothing, a save is refused', async () => {
    const editor = await user('editor');
    const contributor = await user('contributor');
    const id = await created(editor);
    const state = (await loadDocumentEditor(env, db, SITE, contributor, id, NOW))!;
    expect(state.readOnly).toBe(true);
    expect(state.actions).toEqual(['preview']);
    expect(state.problem).toMatch(/^Bạn chỉ xem được văn bản này/);
    const before = await documentObjects();
    const preview = rendered(await submitDocument(env, db, SITE, contributor, form({ ...formOf(state), action: 'preview' }, [pdfFile()]), id, NOW));
    expect(preview.status).toBe(200);
    expect(await documentObjects()).toBe(before);
    expect(rendered(await submitDocument(env, db, SITE, contributor, form({ ...formOf(state), summary: 'Chiếm quyền', action: 'save' }), id, NOW)).status).toBe(403);
    expect((await readDocumentById(db, SITE.id, id, NOW))!.summary).toBe('Về việc ban hành quy chế tiếp công dân');
  });

  it('shows both versions when someone saved meanwhile, keeping what this editor typed (409)', async () => {
    const [a, b] = [await user('editor'), await user('editor')];
    const id = await created(a);
    const loadedA = (await loadDocumentEditor(env, db, SITE, a, id, NOW))!;
    const loadedB = (await loadDocumentEditor(env, db, SITE, b, id, NOW))!;
    expect(await submitDocument(env, db, SITE, a, form({ ...formOf(loadedA), summary: 'Bản của A', action: 'save' }), id, NOW)).toMatchObject({ kind: 'redirect' });
    const conflict = rendered(await submitDocument(env, db, SITE, b, form({ ...formOf(loadedB), summary: 'Bản của B', action: 'save' }), id, NOW));
    expect(conflict.status).toBe(409);
    expect(conflict.state.conflict?.theirs.summary).toBe('Bản của A');
    expect(conflict.state.values.summary).toBe('Bản của B');
    expect(conflict.state.values.version).toBe(String(Number(loadedB.values.version) + 1));
    expect((await readDocumentById(db, SITE.id, id, NOW))!.summary).toBe('Bản của A');
    // Saving again from the conflict page keeps B's.
    expect(await submitDocument(env, db, SITE, b, form({ ...formOf(conflict.state), action: 'save' }), id, NOW)).toMatchObject({ kind: 'redirect' });
    expect((await readDocumentById(db, SITE.id, id, NOW))!.summary).toBe('Bản của B');
  });

  it('never finds another site\'s document by id', async () => {
    const editor = await user('editor');
    const id = await created(editor);
    const other = await createSite(db, { name: `Xã thứ hai ${unique('x')}`, hosts: [`${unique('xb')}.test`] });
    const registry = await loadRegistry(db);
    const otherSite: Site = { ...registry.byId.get(other.id)!, origin: 'http://other.test' };
    // The session's user carries its role on the working site (here the other one).
    const theirEditor = { ...(await user('editor', other.id)), role: 'editor' as const };
    expect(await loadDocumentEditor(env, db, otherSite, theirEditor, id, NOW)).toBeNull();
    const state = (await loadDocumentEditor(env, db, SITE, editor, id, NOW))!;
    expect(await submitDocument(env, db, otherSite, theirEditor, form({ ...formOf(state), summary: 'Chiếm', action: 'save' }), id, NOW)).toEqual({ kind: 'not-found' });
    expect(await deleteDocumentFromForm(env, db, otherSite, theirEditor, id, form({ version: state.values.version }), NOW)).toMatchObject({ kind: 'refused', status: 404 });
    // Nor links to it from there.
    const theirs = rendered(await submitDocument(env, db, otherSite, theirEditor, form({ ...base({ type: '', relation: `replaces:${id}` }) as Record<string, string>, action: 'find-related' }), null, NOW));
    expect(theirs.state.relations).toEqual([]);
    expect(theirs.state.errors.relations).toBe('Văn bản liên quan không còn trên trang này. Vui lòng bỏ liên kết hoặc chọn văn bản khác.');
    expect((await readDocumentById(db, SITE.id, id, NOW))!.summary).toBe('Về việc ban hành quy chế tiếp công dân');
  });
});

describe('trash and revisions', () => {
  it('deletes to the trash, lists it there, restores it, and restores an old revision as a new one', async () => {
    const editor = await user('editor');
    const id = await created(editor, { summary: 'Bản đầu' });
    let state = (await loadDocumentEditor(env, db, SITE, editor, id, NOW))!;
    await submitDocument(env, db, SITE, editor, form({ ...formOf(state), summary: 'Bản hai', action: 'save' }), id, NOW);
    state = (await loadDocumentEditor(env, db, SITE, editor, id, NOW))!;
    expect(await deleteDocumentFromForm(env, db, SITE, editor, id, form({ version: String(Number(state.values.version) - 1) }), NOW)).toMatchObject({ kind: 'refused', status: 409 });
    expect(await deleteDocumentFromForm(env, db, SITE, editor, id, form({ version: state.values.version }), NOW)).toEqual({ kind: 'redirect', location: '/admin/van-ban?thong-bao=da-xoa' });
    const trash = await listEditorDocuments(db, SITE.id, { filter: 'trash', q: 'Bản hai', page: 1, pageSize: 100, now: NOW });
    expect(trash.items.map((d) => d.id)).toContain(id);
    const deleted = (await readDocumentById(db, SITE.id, id, NOW, { withDeleted: true }))!;
    expect(await restoreDocumentFromForm(env, db, SITE, editor, id, form({ version: String(deleted.version) }), NOW)).toMatchObject({ kind: 'redirect' });
    const back = (await readDocumentById(db, SITE.id, id, NOW))!;
    const first = (await listDocumentRevisions(db, SITE.id, id)).find((r) => r.action === 'created')!;
    expect(await restoreDocumentRevisionFromForm(env, db, SITE, editor, id, form({ version: String(back.version), revision: String(first.id) }), NOW))
      .toEqual({ kind: 'redirect', location: `/admin/van-ban/${id}?thong-bao=da-khoi-phuc-phien-ban` });
    expect((await readDocumentById(db, SITE.id, id, NOW))!).toMatchObject({ summary: 'Bản đầu', version: back.version + 1 });
  });

  it('filters the admin list by state, type and year, and searches the number however typed', async () => {
    const editor = await user('editor');
    const n = Math.floor(Math.random() * 1e6);
    const draft = await created(editor, { number: `${n}/QĐ-UBND` });
    const published = await created(editor, { number: `${n}/TB-UBND`, type: term('type', 'thong-bao') }, 'publish');
    const ids = async (options: Partial<Parameters<typeof listEditorDocuments>[2]>) =>
      (await listEditorDocuments(db, SITE.id, { filter: 'all', page: 1, pageSize: 100, now: NOW, ...options })).items.map((d) => d.id).sort();
    expect(await ids({ q: `${n} qd ubnd` })).toEqual([draft]);
    expect(await ids({ q: String(n) })).toEqual([draft, published].sort());
    expect(await ids({ q: String(n), filter: 'published' })).toEqual([published]);
    expect(await ids({ q: String(n), filter: 'draft' })).toEqual([draft]);
    expect(await ids({ q: String(n), typeId: Number(QD) })).toEqual([draft]);
    expect(await ids({ q: String(n), year: 2025 })).toEqual([]);
    expect(await ids({ q: String(n), year: 2026 })).toEqual([draft, published].sort());
  });

  it('counts the site\'s published documents and those awaiting review for the dashboard', async () => {
    const editor = await user('editor');
    const before = await countEditorDocuments(db, SITE.id, NOW);
    await created(editor, {}, 'publish');
    await created(editor, {}, 'review');
    await created(editor, { publish_at: '2026-12-24T08:00' }, 'schedule');
    expect(await countEditorDocuments(db, SITE.id, NOW)).toEqual({ published: before.published + 1, waiting: before.waiting + 1 });
  });
});

describe('the managed lists', () => {
  it('lets admins add, rename, reorder and delete unused entries; an entry in use cannot be deleted', async () => {
    const admin = await user('admin');
    const name = `Công điện ${unique('cd')}`;
    expect(await termsAction(env, db, SITE, admin, form({ action: 'add', kind: 'type', name, abbreviation: 'CĐ' }), NOW)).toEqual({ ok: true, message: `Đã thêm “${name}”.` });
    const types = () => termLists(db, SITE.id).then((lists) => lists.find((l) => l.kind === 'type')!.terms);
    const added = (await types()).at(-1)!;
    expect(added).toMatchObject({ name, abbreviation: 'CĐ', used: 0 });
    expect(await termsAction(env, db, SITE, admin, form({ action: 'rename', id: String(added.id), name: `${name} khẩn`, abbreviation: 'CĐK' }), NOW)).toMatchObject({ ok: true });
    expect(await termsAction(env, db, SITE, admin, form({ action: 'up', id: String(added.id) }), NOW)).toMatchObject({ ok: true });
    const order = (await types()).map((t) => t.id);
    expect(order.indexOf(added.id)).toBe(order.length - 2);
    expect((await types()).find((t) => t.id === added.id)).toMatchObject({ name: `${name} khẩn`, abbreviation: 'CĐK', slug: added.slug });

    expect(await termsAction(env, db, SITE, admin, form({ action: 'add', kind: 'type', name: '  ' }), NOW)).toMatchObject({ ok: false, status: 422, kind: 'type', field: 'name', message: 'Vui lòng nhập tên.' });
    const inUse = (await types()).find((t) => t.slug === 'quyet-dinh')!;
    const refused = await termsAction(env, db, SITE, admin, form({ action: 'delete', id: String(inUse.id) }), NOW);
    expect(refused).toMatchObject({ ok: false, status: 409, id: inUse.id, message: expect.stringMatching(/^Không thể xóa “Quyết định”: đang có [\d.]+ văn bản dùng mục này/) });
    expect(await termsAction(env, db, SITE, admin, form({ action: 'delete', id: String(added.id) }), NOW)).toMatchObject({ ok: true });
    expect((await types()).some((t) => t.id === added.id)).toBe(false);
  });

  it('refuses editors, and another site\'s entries are not found', async () => {
    const editor = await user('editor');
    const admin = await user('admin');
    expect(await termsAction(env, db, SITE, editor, form({ action: 'add', kind: 'field', name: 'Thử' }), NOW)).toMatchObject({ ok: false, status: 403 });
    const other = await createSite(db, { name: `Xã thứ ba ${unique('x')}`, hosts: [`${unique('xc')}.test`] });
    const theirs = (await listDocumentTerms(db, other.id))[0]!;
    expect(await termsAction(env, db, SITE, admin, form({ action: 'rename', id: String(theirs.id), name: 'Chiếm' }), NOW)).toMatchObject({ ok: false, status: 404 });
    expect(await termsAction(env, db, SITE, admin, form({ action: 'delete', id: String(theirs.id) }), NOW)).toMatchObject({ ok: false, status: 404 });
    expect((await listDocumentTerms(db, other.id))[0]!.name).toBe(theirs.name);
  });
});
