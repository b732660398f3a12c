// The documents admin's calls into the write service (functions/documents/service.ts) and the file store
// (functions/documents/files/upload.ts), for one site: the one place the form's checked data becomes the
// service's input, so the form handler reads as the article's does.
import { waitUntil } from 'cloudflare:workers';
import type { Actor } from '../../functions/articles/service.ts';
import { createDocument, updateDocument, type DocumentInput } from '../../functions/documents/service.ts';
import { indexPdfText } from '../../functions/documents/files/text.ts';
import { storeDocumentFile } from '../../functions/documents/files/upload.ts';
import { formFiles } from '../../functions/data/admin-documents.ts';
import { database } from '../../functions/data/db.ts';
import type { Document } from '../../functions/data/document-types.ts';
import type { Site } from '../../functions/sites/resolve.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import type { ValidatedDocument } from './document-form.ts';
import type { FileRow } from './document-state.ts';

/** What an edit changes (only the fields that differ), in the service's terms. */
export type DocumentChanges = Partial<DocumentInput>;

export type StoredFile = { ok: true; id: number } | { ok: false; message: string };

/** The service's relations from the form's ("kind:id" parsed). */
export const relationInputs = (relations: ValidatedDocument['relations']) => relations.map((r) => ({ kind: r.kind, relatedId: r.id }));

/** Work after the answer: a PDF's text for the search (the Worker keeps running it; a test's request has no context). */
function later(job: Promise<void>): void {
  try {
    waitUntil(job);
  } catch {
    void job;
  }
}

export function documentWrites(env: Env, site: Site) {
  const db = database(env.DB);
  return {
    /** Stores one chosen file (checked by its bytes), not yet attached: its id rides in the form. */
    async storeFile(file: File, uploadedBy: string, now: Date): Promise<StoredFile> {
      const stored = await storeDocumentFile(env, site.id, file, uploadedBy, now);
      if (!stored.ok) return { ok: false, message: stored.message };
      later(indexPdfText(env, stored.file, stored.bytes, now));
      return { ok: true, id: stored.file.id };
    },
    /** The files a form names, in its order: the site's unattached uploads and the document's own. */
    async filesFor(ids: number[], current: Document | null): Promise<FileRow[]> {
      const rows = await formFiles(db, site.id, ids, current?.id ?? null);
      return ids.flatMap((id) => rows.filter((r) => r.id === id));
    },
    create(data: ValidatedDocument, fileIds: number[], status: ArticleStatus, actor: Actor, now: Date) {
      const { publishAt, relations, ...fields } = data;
      return createDocument(env, site, {
        ...fields, fileIds, relations: relationInputs(relations), status, ...(publishAt ? { publishAt } : {}),
      }, actor, now);
    },
    update(current: Document, changes: DocumentChanges, actor: Actor, now: Date) {
      return updateDocument(env, site, current, changes, actor, now);
    },
  };
}
