// Loads the demo documents (scripts/demo-documents.ts) into the demo's sites, through the same doors as an
// editor's upload and save: each PDF (scripts/demo-pdf.ts) is checked and stored in R2 by the file store
// (functions/documents/files/upload.ts), the document created by the write service's offline import
// (importDocument) with its files and links, its PDFs' text read into the search index as after an
// upload (functions/documents/files/text.ts, search-text.ts). The seed's extra list entries (the province's departments, a
// field) go through the write door too. Runs when the database has no document and the demo sites exist,
// so `npm start` on a store from before documents gets them once, and never twice.
import { count } from 'drizzle-orm';
import { documents, type DocumentTermKind } from '../schema/tables.ts';
import { commitSiteChange } from '../functions/articles/service.ts';
import { importDocument, type Actor, type DocumentInput } from '../functions/documents/service.ts';
import { refreshDocumentFilesText } from '../functions/documents/files/search-text.ts';
import { pdfText, textKeyOf } from '../functions/documents/files/text.ts';
import { storeDocumentFile } from '../functions/documents/files/upload.ts';
import { markTextIndexed } from '../functions/data/document-files.ts';
import { listDocumentTerms, planCreateTerm } from '../functions/data/document-terms.ts';
import { database, type Db } from '../functions/data/db.ts';
import { siteIdOfHost } from '../functions/data/sites.ts';
import { demoDocumentFiles, demoDocuments, DEMO_DOCUMENT_SITES, publishAtOf, signerLine, type DemoDocument, type DemoDocumentSite } from './demo-documents.ts';
import { demoPdf, loadDemoFonts, type DemoFonts } from './demo-pdf.ts';
import { DONGY, demoSites } from './demo-sites.ts';
import type { LocalEnv } from './local-db.ts';

export interface DocumentSeedResult {
  seeded: boolean;
  /** Documents in the database before (seeding only happens when it is 0). */
  existing: number;
  documents: number;
  files: number;
  byState: Record<string, number>;
}

/** The write as of the document's publication (its revision and times look like the real history); a scheduled one as of now. */
function publication(d: DemoDocument, now: Date): { status: DocumentInput['status']; publishAt?: Date; at: Date } {
  const publishAt = new Date(publishAtOf(d));
  const issued = new Date(`${d.issuedOn}T08:00:00+07:00`);
  if (d.state === 'draft') return { status: 'draft', at: issued <= now ? issued : now };
  return publishAt <= now ? { status: 'published', publishAt, at: publishAt } : { status: 'scheduled', publishAt, at: now };
}

/** The demo site each document belongs to: Đồng Hỷ is the platform's first site, the others by hostname. */
async function demoSiteIds(db: Db): Promise<Map<DemoDocumentSite, number> | null> {
  const hosts: Record<DemoDocumentSite, string> = {
    dongy: DONGY.host,
    province: demoSites.find((s) => s.key === 'province')!.host,
    tancuong: demoSites.find((s) => s.key === 'tancuong')!.host,
  };
  const ids = new Map<DemoDocumentSite, number>();
  for (const [key, host] of Object.entries(hosts) as [DemoDocumentSite, string][]) {
    const id = await siteIdOfHost(db, host);
    if (id === null) return null;
    ids.set(key, id);
  }
  return ids;
}

/** The site's list entries by kind and slug, after adding the demo's own (kept if a slug exists). */
async function termIds(env: Pick<LocalEnv, 'DB'>, db: Db, siteId: number, site: DemoDocumentSite, now: Date) {
  const have = await listDocumentTerms(db, siteId);
  for (const term of DEMO_DOCUMENT_SITES[site].terms) {
    if (have.some((t) => t.kind === term.kind && t.slug === term.slug)) continue;
    const { statement } = await planCreateTerm(db, siteId, term, now);
    await commitSiteChange({ DB: env.DB, offline: true }, { id: siteId, status: 'active' }, now, [statement]);
  }
  const ids = new Map<string, number>();
  for (const t of await listDocumentTerms(db, siteId)) ids.set(`${t.kind} ${t.slug}`, t.id);
  return (kind: DocumentTermKind, slug: string): number => {
    const id = ids.get(`${kind} ${slug}`);
    if (id === undefined) throw new Error(`Demo documents: site ${site} has no ${kind} "${slug}"`);
    return id;
  };
}

/**
 * Every document after the ones it links to (a resolution guided by a later guidance is created after
 * it), otherwise oldest first, so each link's target exists when its document is created.
 */
function linkOrder(list: DemoDocument[]): DemoDocument[] {
  const byNumber = new Map(list.map((d) => [`${d.site} ${d.number}`, d]));
  const done = new Set<DemoDocument>();
  const out: DemoDocument[] = [];
  const visit = (d: DemoDocument, path: DemoDocument[]) => {
    if (done.has(d)) return;
    if (path.includes(d)) throw new Error(`Demo documents: links loop through ${d.number}`);
    for (const r of d.relations ?? []) {
      const target = byNumber.get(`${d.site} ${r.number}`);
      if (!target) throw new Error(`Demo document ${d.number}: no demo document ${r.number} on ${d.site}`);
      visit(target, [...path, d]);
    }
    done.add(d);
    out.push(d);
  };
  for (const d of [...list].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))) visit(d, []);
  return out;
}

export const SEED_DOCUMENT_ACTOR: Actor = { id: 'seed', name: 'Dữ liệu mẫu' };

/** A demo file made ahead: its name, the PDF, and its text as the search reads it (functions/documents/files/text.ts). */
export interface PreparedFile { name: string; bytes: Uint8Array; text: string }
export type PreparedFiles = Map<DemoDocument, PreparedFile[]>;

/**
 * Makes every demo PDF and reads its text: work on this process's CPU, which seedIfEmpty starts before
 * writing the articles so it runs while they wait on the local store (the workerd process).
 */
export async function prepareDemoFiles(fonts: DemoFonts): Promise<PreparedFiles> {
  const out: PreparedFiles = new Map();
  for (const d of demoDocuments) {
    const made: PreparedFile[] = [];
    for (const f of demoDocumentFiles(d)) {
      const bytes = await demoPdf(f.spec, fonts);
      made.push({ name: f.name, bytes, text: await pdfText(bytes) });
    }
    out.set(d, made);
  }
  return out;
}

/**
 * Loads the demo documents with their PDFs if the database has none and the demo sites are there
 * (`prepared`: the files made ahead; otherwise they are made here).
 */
export async function seedDocuments(env: Pick<LocalEnv, 'DB' | 'MEDIA'>, now = new Date(), prepared?: Promise<PreparedFiles>): Promise<DocumentSeedResult> {
  const db = database(env.DB);
  const [row] = await db.select({ n: count() }).from(documents);
  const existing = row?.n ?? 0;
  const result: DocumentSeedResult = { seeded: false, existing, documents: 0, files: 0, byState: {} };
  if (existing > 0) return result;
  const sites = await demoSiteIds(db);
  if (!sites) return result; // not the demo's database: nothing to attach documents to
  // Made before anything is written: without the font nothing is (a clear message naming the package).
  const made = await (prepared ?? prepareDemoFiles(await loadDemoFonts()));
  // The file store uses the Worker's bindings; the local proxy gives the same two it needs (DB, MEDIA).
  const files = env as unknown as Env;

  const terms = new Map<DemoDocumentSite, Awaited<ReturnType<typeof termIds>>>();
  for (const [site, siteId] of sites) terms.set(site, await termIds(env, db, siteId, site, now));

  const ids = new Map<string, number>();
  const load = async (d: DemoDocument) => {
    const siteId = sites.get(d.site)!;
    const term = terms.get(d.site)!;
    const { status, publishAt, at } = publication(d, now);
    const fileIds: number[] = [];
    for (const f of made.get(d)!) {
      const upload = new File([f.bytes], f.name, { type: 'application/pdf' });
      const put = await storeDocumentFile(files, siteId, upload, SEED_DOCUMENT_ACTOR.id, at);
      if (!put.ok) throw new Error(`Demo document ${d.number}: its file ${f.name} was refused: ${put.message}`);
      // What indexPdfText does after an upload answered, minus the cache generation (nothing is served
      // from this store yet): the text beside the file in R2, the file marked read.
      await env.MEDIA.put(textKeyOf(put.file.key), f.text, { httpMetadata: { contentType: 'text/plain; charset=utf-8' } });
      await markTextIndexed(db, put.file.id, at);
      fileIds.push(put.file.id);
    }
    const relations = (d.relations ?? []).map((r) => ({ kind: r.kind, relatedId: ids.get(`${d.site} ${r.number}`)! }));
    const input: DocumentInput = {
      number: d.number, typeId: term('type', d.type), issuerId: term('issuer', d.issuer), fieldId: d.field === null ? null : term('field', d.field),
      signer: signerLine(d.signer), issuedOn: d.issuedOn, effectiveOn: d.effectiveOn ?? null, expiresOn: d.expiresOn ?? null,
      summary: d.summary, body: d.body ?? '', status, publishAt, relations, fileIds,
    };
    const document = await importDocument(env.DB, siteId, input, SEED_DOCUMENT_ACTOR, at);
    ids.set(`${d.site} ${d.number}`, document.id);
    // The search row takes its PDFs' text, as when a document is saved with files already read.
    await refreshDocumentFilesText(env, document.id);
    result.documents++;
    result.files += fileIds.length;
    result.byState[status] = (result.byState[status] ?? 0) + 1;
  };
  // Sites side by side (links stay within a site), each site's documents in link order: the round
  // trips to the local store overlap.
  const ordered = linkOrder(demoDocuments);
  await Promise.all([...sites.keys()].map(async (site) => {
    for (const d of ordered.filter((x) => x.site === site)) await load(d);
  }));
  result.seeded = true;
  return result;
}
