// PDF text for the documents' search: a real PDF with a Vietnamese text layer (DejaVu Sans embedded) is
// read after its upload answered, and a word of it, typed without diacritics, finds its document through
// the registry's search once the document is saved with it: whether the text arrives before the save
// (an API client uploading first) or after it (the admin's form, which uploads and saves at once). The
// caps (pages, characters, bytes) hold; a file taken off the document takes its words with it.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, updateDocument } from '../../functions/documents/service.ts';
import { FILE_TEXT_MAX_CHARS, indexPdfText, PDF_TEXT_MAX_BYTES, PDF_TEXT_MAX_PAGES, pdfText, textKeyOf } from '../../functions/documents/files/text.ts';
import { storeDocumentFile } from '../../functions/documents/files/upload.ts';
import { createDefaultDocumentTerms } from '../../functions/data/document-term-defaults.ts';
import { listDocumentTerms } from '../../functions/data/document-terms.ts';
import { listDocuments } from '../../functions/data/documents-read.ts';
import { database } from '../../functions/data/db.ts';
import { FIRST_SITE_ID, writeToken } from '../support/api.ts';
import { fileRows, upload } from '../support/document-files-fixtures.ts';
import { vietnamesePdf } from '../support/pdf.ts';

const U = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const SITE = { id: FIRST_SITE_ID, status: 'active' as const };
const ACTOR = { id: 'user:1', name: 'Biên tập viên' };
let typeId: number;
let issuerId: number;
let serial = 0;

beforeAll(async () => {
  const db = database(env.DB);
  if ((await listDocumentTerms(db, FIRST_SITE_ID, 'type')).length === 0) await createDefaultDocumentTerms(db, FIRST_SITE_ID);
  typeId = (await listDocumentTerms(db, FIRST_SITE_ID, 'type'))[0]!.id;
  issuerId = (await listDocumentTerms(db, FIRST_SITE_ID, 'issuer'))[0]!.id;
});

function saveWith(fileIds: number[]) {
  serial += 1;
  return createDocument(env, SITE, {
    number: `${serial}${U.slice(-4).replace(/\D/g, '')}/QĐ-UBND`, typeId, issuerId, fieldId: null, signer: 'Nguyễn Văn A',
    issuedOn: '2024-05-20', effectiveOn: null, expiresOn: null, summary: 'Về việc phê duyệt kế hoạch', body: '',
    status: 'published', relations: [], fileIds,
  }, ACTOR, new Date());
}

/** The ids of published documents of the site the registry's search finds for q. */
async function found(q: string): Promise<number[]> {
  const page = await listDocuments(database(env.DB), FIRST_SITE_ID, { q, limit: 50, now: new Date() });
  return page.items.map((d) => d.id);
}

describe('a word of the PDF finds the document', () => {
  it('when the text was read before the document was saved (upload, then save)', async () => {
    const word = `Khuổi${U}`;
    const pdf = await vietnamesePdf([['QUYẾT ĐỊNH', `Phê duyệt dự án đường giao thông thôn ${word} xã Tân Cương`]]);
    const file = await upload(pdf, 'Quyết định phê duyệt.pdf', await writeToken());
    const [row] = await fileRows([file.id]);
    expect(row!.textIndexedAt).not.toBeNull();
    expect(await (await env.MEDIA.get(textKeyOf(row!.key)))!.text()).toContain(`khuoi${U}`);
    expect(await found(`khuoi${U}`)).toEqual([]);
    const document = await saveWith([file.id]);
    // Folded both ways: typed without diacritics, or with them.
    expect(await found(`khuoi${U}`)).toEqual([document.id]);
    expect(await found(`Khuổi${U}`)).toEqual([document.id]);
    expect(await found(`duong giao thong khuoi${U}`)).toEqual([document.id]);
  });

  it('when the text arrives after the document was saved (the admin form uploads and saves at once)', async () => {
    const word = `Nà${U}`;
    const pdf = await vietnamesePdf([['KẾ HOẠCH'], [`Trang hai: bản ${word} tổ chức hội nghị`]]);
    const stored = await storeDocumentFile(env, FIRST_SITE_ID, new File([pdf], 'Kế hoạch.pdf'), 'user:1', new Date());
    if (!stored.ok) throw new Error(stored.message);
    const document = await saveWith([stored.file.id]);
    expect(await found(`na${U}`)).toEqual([]);
    await indexPdfText(env, stored.file, stored.bytes, new Date());
    expect(await found(`na${U}`)).toEqual([document.id]);
  });

  it('loses the words of a file taken off the document', async () => {
    const word = `Pác${U}`;
    const file = await upload(await vietnamesePdf([[`Bản ${word}`]]), 'Phụ lục.pdf', await writeToken());
    const document = await saveWith([file.id]);
    expect(await found(`pac${U}`)).toEqual([document.id]);
    await updateDocument(env, SITE, document, { fileIds: [] }, ACTOR, new Date());
    expect(await found(`pac${U}`)).toEqual([]);
  });
});

describe('within the caps', () => {
  it(`reads the first ${PDF_TEXT_MAX_PAGES} pages only`, async () => {
    const pages = Array.from({ length: PDF_TEXT_MAX_PAGES + 2 }, (_, i) => [`Trang số ${i + 1} dấu${i + 1}x`]);
    const text = await pdfText(await vietnamesePdf(pages));
    expect(text).toContain(`dau${PDF_TEXT_MAX_PAGES}x`);
    expect(text).not.toContain(`dau${PDF_TEXT_MAX_PAGES + 1}x`);
  });

  it(`keeps at most ${FILE_TEXT_MAX_CHARS.toLocaleString('en')} characters`, async () => {
    const line = 'Ủy ban nhân dân xã quyết định phê duyệt kế hoạch chuyển đổi số năm hai nghìn không trăm hai mươi tư';
    const text = await pdfText(await vietnamesePdf(Array.from({ length: 30 }, () => Array.from({ length: 40 }, () => line))));
    expect(text.length).toBe(FILE_TEXT_MAX_CHARS);
  });

  it('does not read PDFs over the size cap, nor other files', async () => {
    const pdf = await vietnamesePdf([['Lớn']]);
    const stored = await storeDocumentFile(env, FIRST_SITE_ID, new File([pdf], 'lon.pdf'), 'user:1', new Date());
    if (!stored.ok) throw new Error(stored.message);
    await indexPdfText(env, { ...stored.file, size: PDF_TEXT_MAX_BYTES + 1 }, stored.bytes, new Date());
    await indexPdfText(env, { ...stored.file, contentType: 'application/zip' }, stored.bytes, new Date());
    expect((await fileRows([stored.file.id]))[0]!.textIndexedAt).toBeNull();
    expect(await env.MEDIA.head(textKeyOf(stored.file.key))).toBeNull();
  });
});
